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

# --- files as read: bounded before they are parsed, so no file can exhaust memory,
# the stack or the clock (see core/files.py, core/json_input.py, core/process/yaml_file.py).
# Bytes in a session file; a full workshop with notes is well under 1 MB.
MAX_SESSION_BYTES = 10_000_000
# Bytes in a tidy CSV that merge reads; one may hold thousands of workshops (~8 kB each).
MAX_CSV_BYTES = 500_000_000
# Bytes in a process YAML file; the bundled ones are about 10 kB.
MAX_PROCESS_BYTES = 2_000_000
# Objects and lists inside each other; a session file nests 6 deep, a process file 7.
MAX_NESTING = 32
# Characters in one number as written; Python's float repr needs 24.
MAX_NUMBER_CHARS = 40

# --- the workshop's agenda
# Minutes in one time box, the pause, or the whole workshop as typed (a long day).
MAX_AGENDA_MINUTES = 12 * 60
