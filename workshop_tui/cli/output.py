"""What every command prints on standard error when something goes wrong."""

from __future__ import annotations

from workshop_tui.core.errors import WorkshopError


def show_error(error: WorkshopError) -> None:
    """A red heading on stderr, then one line per problem: what went wrong and where.

    Lines are not wrapped by us, so a path and line number stay whole for
    copying into an editor.
    """
    from rich.console import Console
    from rich.markup import escape

    console = Console(stderr=True, soft_wrap=True, highlight=False)
    console.print(f"[bold red]✗ {escape(error.title)}[/]")
    for line in error.text().splitlines():
        console.print(f"  {escape(line)}")
