"""What every command prints on standard error when something goes wrong, and user text
made safe for rich markup and the terminal."""

from __future__ import annotations

import sys
from pathlib import Path

from rich.markup import escape

from workshop_tui.core.errors import WorkshopError
from workshop_tui.core.i18n import t
from workshop_tui.core.text import printable


def safe(text: object) -> str:
    """User text for a rich markup string: never read as markup, its control characters
    (terminal escape codes) shown escaped rather than sent to the terminal."""
    return escape(printable(str(text)))


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
