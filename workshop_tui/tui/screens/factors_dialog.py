"""Staff taking part and share of cases for one activity, per target group.

An activity's hours are multiplied by both (the totals engine does it); the
defaults, 1 person and 100 % of cases, leave the hours as typed.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.widgets import Input, Label

from workshop_tui.core.hours import format_hours
from workshop_tui.core.i18n import t
from workshop_tui.core.numbers import format_percent, parse_share, parse_staff
from workshop_tui.core.session.editor import ENTRY_ERRORS, SessionEditor
from workshop_tui.core.text import NAME_LIMIT, printable
from workshop_tui.core.totals import ActivityLine
from workshop_tui.tui.screens.form_dialog import FormDialog


def share_text(share: float, lang: str) -> str:
    return format_percent(share, lang, 1)


class FactorsDialog(FormDialog[dict[str, tuple[str, str]] | None]):
    """Returns {group: (staff text, share text)}, already checked, or None."""

    DEFAULT_CSS = """
    FactorsDialog Grid { grid-size: 3; grid-columns: 1fr 20 20; height: auto; grid-gutter: 0 1; }
    FactorsDialog Grid Label { padding: 1 0 0 0; }
    FactorsDialog .head { text-style: bold; padding: 0; }
    """

    def __init__(
        self,
        editor: SessionEditor,
        line: ActivityLine,
        apply: Callable[[dict[str, tuple[str, str]] | None], str | None] | None = None,
    ) -> None:
        super().__init__(apply)
        self.editor = editor
        self.line = line

    def compose(self) -> ComposeResult:
        lang = self.app.lang
        session, process = self.editor.session, self.editor.process
        with Vertical(classes="dialog"):
            yield Label(
                t(
                    "Staff and share of cases: '{name}'",
                    lang,
                    name=printable(self.line.label(lang), limit=NAME_LIMIT),
                ),
                classes="dialog-title",
                markup=False,
            )
            with Grid():
                yield Label("")
                yield Label(t("Staff taking part", lang), classes="head")
                yield Label(t("Share of cases", lang), classes="head")
                for group in session.groups:
                    estimate = session.estimate(self.line.id, group)
                    yield Label(process.group(group).name.in_lang(lang), markup=False)
                    yield Input(format_hours(estimate.staff, lang), id=f"staff-{group}")
                    yield Input(share_text(estimate.share, lang), id=f"share-{group}")
            yield Label(
                t("The hours are multiplied by both. Enter or Ctrl+S saves, Esc cancels.", lang),
                classes="dialog-hint",
            )
            yield from self.buttons()

    def on_mount(self) -> None:
        self.watch_app_language()
        self.query(Input).first().focus()

    def action_save(self) -> None:
        lang = self.app.lang
        values = {}
        for group in self.editor.session.groups:
            staff = self.query_one(f"#staff-{group}", Input).value
            share = self.query_one(f"#share-{group}", Input).value
            try:
                parse_staff(staff, lang) if staff.strip() else None
                parse_share(share, lang) if share.strip() else None
            except ENTRY_ERRORS as error:
                self.refuse(str(error))
                return
            values[group] = (staff, share)
        self.submit(values)
