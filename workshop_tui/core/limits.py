"""Every limit on what a user may enter, in one place.

The models (and so the JSON Schema), the editor, the app's forms and the CSV
reader all check against these names, so a limit changes in one line.
"""

# Staff hours per citizen for one activity, as typed (before staff x share).
MAX_HOURS = 1000.0
# People from the job centre taking part in one activity.
MAX_STAFF = 50.0
# Participants in one workshop.
MAX_PARTICIPANTS = 200
# Characters in a name: municipality, facilitator, an activity added in the room.
MAX_NAME = 200
