"""The command's standard streams, as shells and consoles treat them.

A console that cannot show a character (a Windows code page, PYTHONIOENCODING=cp1252,
an ASCII terminal) gets it escaped (`\\u2713`) instead of a UnicodeEncodeError. A
reader that leaves early (`workshop-tui processes --format json | head`) ends the
command quietly, as it ends `cat` or `grep`, instead of with a BrokenPipeError
(output printed through rich, the tables, ends as quietly by rich's own handler,
which exits with 1).
"""

from __future__ import annotations

import io
import os
import sys

# What a shell reports for a command ended by SIGPIPE (128 + 13): the output was cut
# short by its reader, which scripts can tell from success.
CLOSED_PIPE_EXIT = 141


def escape_what_cannot_be_encoded() -> None:
    """Standard output and error escape characters their encoding lacks.

    Only a stream that would raise is changed: 'surrogateescape' (the C locale's
    choice) already writes back the bytes of a file name it could not decode.
    """
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
            stream.reconfigure(errors="backslashreplace")


def closed_pipe() -> int:
    """After a BrokenPipeError: nothing more reaches the reader, and Python's own flush
    of what is still buffered, at exit, must not fail again with a traceback."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    for stream in (sys.stdout, sys.stderr):
        try:
            os.dup2(devnull, stream.fileno())
        except (AttributeError, OSError, ValueError):  # no file descriptor (replaced)
            continue
    os.close(devnull)
    return CLOSED_PIPE_EXIT
