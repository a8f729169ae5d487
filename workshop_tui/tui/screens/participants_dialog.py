"""Who takes part: each participant's role and the target groups they work with.

Made for typing while the room introduces itself: the role (suggestions as you type,
→ takes one), Enter adds the participant with the groups ticked below and the cursor
is back in the role for the next one; '3 sagsbehandler' adds three alike. Enter on an
empty role saves. In the list above, Delete removes a participant and Enter takes one
back into the fields to change it. No names: initials only where wanted.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, OptionList, SelectionList, Static
from textual.widgets.option_list import Option

from workshop_tui.core.i18n import nt, t
from workshop_tui.core.limits import MAX_NAME, MAX_PARTICIPANTS
from workshop_tui.core.session.model import StaffMember
from workshop_tui.core.session.staff import ROLE_SUGGESTIONS, read_role, roles_summary
from workshop_tui.core.text import NAME_LIMIT, printable
from workshop_tui.tui.screens.form_dialog import FormDialog, text_refused

MAX_INITIALS = 8
# Rows the dialog needs besides the list and one per group: frame, title, summary, the
# role, the hint, the refusal line, the buttons, and the dimmed margin around the frame
FIXED_ROWS = 17
MIN_LIST_ROWS = 3


class StaffList(OptionList):
    """The participants added so far: Delete removes one, Enter takes it back to change it."""

    BINDINGS = [
        Binding("delete,backspace", "screen.remove_participant", show=False),
        Binding("enter", "screen.edit_participant", show=False),
    ]


class StaffGroups(SelectionList[str]):
    """The groups the participant being typed works with: Space ticks, Enter adds them."""

    BINDINGS = [Binding("enter", "screen.add_participant", show=False)]


class ParticipantsDialog(FormDialog[list[StaffMember] | None]):
    """Returns the participants listed (in the order added), or None when cancelled."""

    DEFAULT_CSS = """
    ParticipantsDialog #staff-list { height: auto; max-height: 10; border: none; padding: 0; }
    ParticipantsDialog .staff-row { height: auto; }
    ParticipantsDialog .staff-row.-role { margin-top: 1; }
    ParticipantsDialog .staff-row Label { width: 14; padding-right: 1; }
    ParticipantsDialog #role { width: 1fr; }
    ParticipantsDialog #label-initials { width: auto; padding: 0 1; }
    ParticipantsDialog #initials { width: 10; }
    ParticipantsDialog #staff-groups { width: 1fr; height: auto; border: none; padding: 0; }
    """

    def __init__(
        self,
        groups: list[tuple[str, str]],
        staff: list[StaffMember],
        apply: Callable[[list[StaffMember] | None], str | None] | None = None,
    ) -> None:
        """`groups`: (name, id) of the workshop's target groups, the ones a participant
        can work with."""
        super().__init__(apply)
        self.groups = groups
        self.staff = list(staff)

    def compose(self) -> ComposeResult:
        lang = self.app.lang
        with Vertical(classes="dialog"):
            yield Label(t("Participants: role and target groups", lang), classes="dialog-title")
            yield Static("", id="listed-summary", markup=False)
            yield StaffList(id="staff-list", compact=True)
            with Horizontal(classes="staff-row -role"):
                yield Label(t("Role", lang))
                yield Input(
                    id="role",
                    suggester=SuggestFromList(ROLE_SUGGESTIONS, case_sensitive=False),
                    max_length=MAX_NAME,
                    compact=True,
                )
                yield Label(t("Initials", lang), id="label-initials")
                yield Input(id="initials", max_length=MAX_INITIALS, compact=True)
            with Horizontal(classes="staff-row"):
                yield Label(t("Works with", lang))
                yield StaffGroups(
                    *[(name, group, True) for name, group in self.groups],
                    id="staff-groups",
                    compact=True,
                )
            yield Label(
                t(
                    "Enter adds ('3 sagsbehandler': three) · → takes the suggestion · "
                    "list: Del removes, Enter changes · empty Enter saves",
                    lang,
                ),
                classes="dialog-hint",
            )
            yield from self.buttons()

    def on_mount(self) -> None:
        self.watch_app_language()
        self._show_staff()
        self.query_one("#role", Input).focus()

    def on_resize(self) -> None:
        """The list takes the rows the fields and buttons leave: the buttons stay in view."""
        fixed = FIXED_ROWS + len(self.groups)
        listed = self.query_one("#staff-list", StaffList)
        listed.styles.max_height = max(MIN_LIST_ROWS, self.size.height - fixed)
        self.call_after_refresh(listed.scroll_to_highlight)  # the last added stays in view

    def _group_names(self, member: StaffMember) -> str:
        if set(member.groups) >= {group for _, group in self.groups}:
            return t("all target groups", self.app.lang)
        names = dict((group, name) for name, group in self.groups)
        return ", ".join(names.get(group, group) for group in member.groups)

    def _line(self, number: int, member: StaffMember) -> str:
        initials = f" ({printable(member.initials)})" if member.initials else ""
        role = printable(member.role, limit=NAME_LIMIT)
        return f"{number}. {role}{initials} · {self._group_names(member)}"

    def _show_staff(self, highlight: int | None = None) -> None:
        lang = self.app.lang
        listed = self.query_one("#staff-list", StaffList)
        listed.clear_options()
        listed.add_options(
            [Option(self._line(n, m), id=str(n - 1)) for n, m in enumerate(self.staff, start=1)]
        )
        listed.display = bool(self.staff)
        if self.staff:
            listed.highlighted = len(self.staff) - 1 if highlight is None else highlight
            summary = t(
                "{count_text}: {roles}",
                lang,
                count_text=self._count_text(len(self.staff)),
                roles=roles_summary(self.staff),
            )
        else:
            summary = t("No one listed yet: type a role and press Enter.", lang)
        self.query_one("#listed-summary", Static).update(summary)

    def _count_text(self, count: int) -> str:
        return nt("{count} participant", "{count} participants", count, self.app.lang, count=count)

    # ------------------------------------------------------------ keys

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the role or the initials adds the participant; on an empty role, saves."""
        event.stop()
        event.prevent_default()  # FormDialog's own handler would save on every Enter
        role = self.query_one("#role", Input).value.strip()
        initials = self.query_one("#initials", Input).value.strip()
        if not role and not initials:
            self.action_save()
        else:
            self.action_add_participant()

    def action_add_participant(self) -> None:
        lang = self.app.lang
        role_input = self.query_one("#role", Input)
        count, role = read_role(role_input.value)
        initials = self.query_one("#initials", Input).value.strip()
        groups = list(self.query_one("#staff-groups", StaffGroups).selected)
        problem, field = None, "#role"
        if not role:
            problem = t("Type the participant's role, e.g. sagsbehandler", lang)
        elif refused := text_refused(role, lang) or text_refused(initials, lang):
            problem = refused
        elif not groups:
            problem = t("Tick the target groups this participant works with", lang)
            field = "#staff-groups"
        elif count < 1 or len(self.staff) + count > MAX_PARTICIPANTS:
            problem = t("At most {limit} participants", lang, limit=MAX_PARTICIPANTS)
        if problem is not None:
            self.refuse(problem)
            self.query_one(field).focus()
            return
        order = [group for _, group in self.groups]
        groups.sort(key=order.index)
        self.staff += [
            StaffMember(role=role, groups=groups, initials=initials) for _ in range(count)
        ]
        self.refuse("")
        role_input.value = ""
        self.query_one("#initials", Input).value = ""
        self._show_staff()
        role_input.focus()

    def action_remove_participant(self) -> None:
        index = self.query_one("#staff-list", StaffList).highlighted
        if index is None or not self.staff:
            return
        del self.staff[index]
        self._show_staff(highlight=min(index, len(self.staff) - 1) if self.staff else None)
        if not self.staff:
            self.query_one("#role", Input).focus()

    def action_edit_participant(self) -> None:
        """The highlighted participant back in the fields, out of the list until Enter."""
        index = self.query_one("#staff-list", StaffList).highlighted
        if index is None or not self.staff:
            return
        member = self.staff.pop(index)
        self.query_one("#role", Input).value = member.role
        self.query_one("#initials", Input).value = member.initials
        groups = self.query_one("#staff-groups", StaffGroups)
        groups.deselect_all()
        for group in member.groups:
            groups.select(group)
        self._show_staff()
        self.query_one("#role", Input).focus()

    def action_save(self) -> None:
        typed = self.query_one("#role", Input).value.strip()
        if typed:  # a participant typed but not added is not dropped without a word
            self.refuse(
                t("Press Enter to add '{role}' first, or empty the role", self.app.lang, role=typed)
            )
            return
        self.submit(list(self.staff))
