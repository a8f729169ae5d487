"""Web servers for the room's browsers and phones: the participants' room (room_server.py)
and what `serve` shares with it (the Host and Origin gate, this computer's addresses).

Never imports Textual, rich or the app (an import-linter contract says so); the core
never imports this.
"""

# The room's usual port: the same address every time the room opens on this computer,
# so a phone still on the page finds a restarted room (taken: the app picks any free one).
ROOM_PORT = 8765
