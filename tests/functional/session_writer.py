"""A second program on a session file, for tests: opens it with the core's editor.

    python -m tests.functional.session_writer PATH [--read-only] [--take-over]

Prints `opened` (or `locked <message>` and exits 3), then reads commands from
stdin, one a line, answering each on stdout:
    set ACTIVITY GROUP low|high TEXT   -> `saved` or `refused <ErrorClass> <message>`
    quit                               -> closes the editor (lets go of the lock)
"""

from __future__ import annotations

import sys
from pathlib import Path

from workshop_tui.core.process.catalogue import load_catalogue
from workshop_tui.core.session.editor import SaveError, SessionEditor, SessionLockedError


def main(argv: list[str]) -> int:
    path = Path(argv[0])
    try:
        editor = SessionEditor.open(
            path,
            load_catalogue(),
            lang="da" if "--da" in argv else "en",
            read_only="--read-only" in argv,
            take_over="--take-over" in argv,
        )
    except SessionLockedError as error:
        print("locked", error.message, flush=True)
        return 3
    print("opened", flush=True)
    for line in sys.stdin:
        command = line.split(maxsplit=4)
        if command[0] == "set":
            _, activity, group, side, text = command
            try:
                editor.set_hours(activity, group, side, text.strip())  # type: ignore[arg-type]
            except SaveError as error:
                print("refused", type(error).__name__, error.title, flush=True)
            else:
                print("saved", flush=True)
        elif command[0] == "quit":
            editor.close()
            break
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
