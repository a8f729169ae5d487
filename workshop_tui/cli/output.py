"""What every command prints on standard error when something goes wrong, and user text
made safe for rich markup and the terminal."""

from __future__ import annotations

from rich.markup import escape

from workshop_tui.core.errors import WorkshopError
from workshop_tui.core.text import printable


def safe(text: object) -> str:
    """User text for a rich markup string: never read as markup, its control characters
    (terminal escape codes) shown escaped rather than sent to the terminal."""
    return escape(printable(str(text)))


def show_error(error: WorkshopError) -> None:
    """A red heading on stderr, then one line per problem: what went wrong and where.

    Lines are not wrapped by us, so a path and line number stay whole for
    copying into an editor. A file name or a value quoted in a message may hold
    escape codes: they are shown, not obeyed.
    """
    from rich.console import Console

    console = Console(stderr=True, soft_wrap=True, highlight=False)
    console.print(f"[bold red]✗ {safe(error.title)}[/]")
    for line in error.text().splitlines():
        console.print(f"  {safe(line)}")
