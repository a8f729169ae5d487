"""What every command prints on standard error when something goes wrong, and user text
made safe for rich markup and the terminal."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from workshop_tui.core.errors import WorkshopError
from workshop_tui.core.i18n import t
from workshop_tui.core.text import printable


def safe(text: object) -> str:
    """User text for a rich markup string: never read as markup, its control characters
    (terminal escape codes) shown escaped rather than sent to the terminal."""
    from rich.markup import escape  # here, not above: see StderrReport

    return escape(printable(str(text)))


def is_terminal(stream: TextIO) -> bool:
    """Whether rich may draw on `stream`: a terminal, or colours asked for by the environment
    (where rich then decides). False only where rich would print plain text too."""
    if "FORCE_COLOR" in os.environ or "TTY_COMPATIBLE" in os.environ:
        return True
    try:
        return stream.isatty()
    except ValueError:  # closed
        return False


class StderrReport:
    """Headings and lines of findings on standard error: drawn by rich on a terminal, in
    colour; elsewhere (a file, a pipe) written as the plain text rich would print there.

    A merge of thousands of exports prints its findings to a log more often than to a
    terminal; there, importing rich was about 40 ms of its start (benchmarks/bench_merge.py),
    for the same characters. Lines are never wrapped by us, so a path stays whole to copy.
    """

    def __init__(self) -> None:
        self.console = None
        if is_terminal(sys.stderr):
            from rich.console import Console

            self.console = Console(stderr=True)

    def heading(self, text: str, style: str, whole: bool = False) -> None:
        """A line in `style` (rich's markup style, such as 'bold red'); on a terminal, wrapped
        to its width unless `whole`."""
        if self.console is None:
            sys.stderr.write(printable(text) + "\n")
        else:
            self.console.print(f"[{style}]{safe(text)}[/]", soft_wrap=whole)

    def lines(self, lines: Sequence[tuple[str, str, str]]) -> None:
        """Indented lines, each (mark, the mark's style, text), kept whole, in one print.

        A folder of thousands of exports can give thousands of lines: printed one by one
        they took half a millisecond each.
        """
        if not lines:
            return
        if self.console is None:
            sys.stderr.write("".join(f"  {mark} {printable(text)}\n" for mark, _, text in lines))
            return
        marked = "\n".join(f"  [{style}]{mark}[/] {safe(text)}" for mark, style, text in lines)
        self.console.print(marked, soft_wrap=True, highlight=self.console.is_terminal)


def show_error(error: WorkshopError, lang: str) -> None:
    """A red heading in `lang` on stderr, then one line per problem: what went wrong and where.

    Lines are not wrapped by us, so a path and line number stay whole for
    copying into an editor. A file name or a value quoted in a message may hold
    escape codes: they are shown, not obeyed. Titles are marked for the catalogue
    where they are raised (N_) and translated here, where the language is known.
    """
    from rich.console import Console

    console = Console(stderr=True, soft_wrap=True, highlight=False)
    title = t(error.title, lang)
    console.print(f"[bold red]✗ {safe(title)}[/]")
    text = error.text()
    for line in (title if text == error.title else text).splitlines():
        console.print(f"  {safe(line)}")


def write_output(data: bytes, out: Path | None, lang: str) -> None:
    """A command's output: to --out atomically (and said on stderr), else to standard output."""
    if out is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    from rich.console import Console

    from workshop_tui.core.session.storage import write_file

    write_file(out, data)
    message = safe(t("Wrote {path}", lang, path=out))
    Console(stderr=True, soft_wrap=True).print(f"[green]✓[/] {message}")
