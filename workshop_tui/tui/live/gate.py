"""What `serve` lets in and out, without textual-serve: pure checks, unit-tested.

In: only requests whose Host and Origin name this server (web/gate.py, shared with
the participants' room), and terminal sizes within TERMINAL_COLUMNS x TERMINAL_ROWS.
Out: nothing unescaped to the facilitator's terminal (`printable_lines`,
PrintableStream, PrintableFormatter).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable

from workshop_tui.core.text import escaped

# A browser's terminal in cells. Below the minimum the view is unreadable; above the
# maximum a view process only burns memory and CPU (5000 x 5000 made a 330 MB process
# at 100 % CPU). 500 x 200 is a 4K screen at a small font.
TERMINAL_COLUMNS = (20, 500)
TERMINAL_ROWS = (10, 200)


def printable_lines(text: str) -> str:
    """The core's escaping, keeping line breaks and every character: a view's stderr and
    log keep their lines, and a stream is copied whole."""
    return escaped(text, keep_newlines=True)


def terminal_size(width: object, height: object) -> tuple[int, int]:
    """A browser's requested size, as whole cells within the limits (80 x 24 if unreadable)."""
    columns = _whole_number(width, 80)
    rows = _whole_number(height, 24)
    return (
        min(max(columns, TERMINAL_COLUMNS[0]), TERMINAL_COLUMNS[1]),
        min(max(rows, TERMINAL_ROWS[0]), TERMINAL_ROWS[1]),
    )


def _whole_number(value: object, default: int) -> int:
    try:
        return int(str(value))
    except ValueError:
        return default


class PrintableStream(asyncio.StreamReader):
    """A view's stderr with control characters escaped.

    textual-serve copies a view's stderr to our terminal when the view ends; the
    view shows the session's text, and a name with escape codes in it must not
    clear or retitle the facilitator's terminal.
    """

    def __init__(self, source: asyncio.StreamReader) -> None:
        super().__init__()
        self.source = source

    async def read(self, n: int = -1) -> bytes:
        data = await self.source.read(n)
        return printable_lines(data.decode("utf-8", "replace")).encode()


class PrintableFormatter(logging.Formatter):
    """A log record as one escaped line: the error's type and text, never a traceback."""

    def format(self, record: logging.LogRecord) -> str:
        text = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            text += f": {type(error).__name__}: {error}"
        return printable_lines(text.replace("\n", " "))


class MessageBudget:
    """A browser's messages allowed per second (a token bucket): up to `burst` at once,
    then `rate` a second. A flood is cut to what a person could have typed."""

    def __init__(
        self, rate: float, burst: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.rate = rate
        self.burst = burst
        self.clock = clock
        self.tokens = float(burst)
        self.checked = clock()

    def allow(self) -> bool:
        """Whether one more message may go through now (and count it if so)."""
        now = self.clock()
        self.tokens = min(self.burst, self.tokens + (now - self.checked) * self.rate)
        self.checked = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True
