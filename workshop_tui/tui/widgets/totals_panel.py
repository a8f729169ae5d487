"""The facilitator's live totals: per group, subprocesses and process against the reference.

One Static per group, redrawn only when that group's totals (or the language,
or the width) changed, so a committed entry redraws one small block. When the
panel is too short for every group in full (80x24, totals below the grid) the
group under the cursor is shown in full and the others as one line each.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.message import Message

from workshop_tui.core.i18n import t
from workshop_tui.core.process.model import ProcessDefinition
from workshop_tui.core.totals import GroupTotals
from workshop_tui.tui.render import block_lines, group_block, group_summary
from workshop_tui.tui.widgets.silent_round import silent_block, silent_summary
from workshop_tui.tui.widgets.text_block import TextBlock


class TotalsPanel(VerticalScroll, can_focus=False):
    """Live totals for every covered group; nothing here is editable.

    Two arrangements, chosen by the space there is: every group in full (one
    Static each), or the group under the cursor in full and one line for each
    other group (two Statics). Every Static keeps a fixed height, so redrawing
    one never makes the screen lay itself out again: a layout pass costs more
    than everything else an entry does.
    """

    DEFAULT_CSS = """
    TotalsPanel {
        border: round $primary;
        border-title-color: $text;
        border-title-style: bold;
        padding: 0 1;
        scrollbar-size-vertical: 1;
    }
    TotalsPanel > TextBlock { width: 1fr; }
    TotalsPanel > .group { margin-top: 1; }
    TotalsPanel > .group.-first { margin-top: 0; }
    TotalsPanel.-all > #totals-focused, TotalsPanel.-all > #totals-others { display: none; }
    TotalsPanel.-focused > .group { display: none; }
    TotalsPanel.-folded > .group, TotalsPanel.-folded > #totals-focused { display: none; }
    TotalsPanel > #totals-room { display: none; }
    TotalsPanel.-room > TextBlock { display: none; }
    TotalsPanel.-room > #totals-room { display: block; }
    """

    class HeightChanged(Message):
        """A group's block takes more or fewer lines than when the screen last sized the
        panel (long names wrap differently at a new width or in another language)."""

    def __init__(
        self, process: ProcessDefinition, groups: list[str], lang: str, *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.process = process
        self.groups = list(groups)
        self.lang = lang
        self.focused_group = self.groups[0]
        self.totals: dict[str, GroupTotals] = {}
        self._drawn: dict[
            str, tuple[object, ...]
        ] = {}  # what each Static shows now, to skip redraws
        # True/False: every group in full or only the focused one; None: whatever fits.
        self.show_all: bool | None = None
        # one line for the group under the cursor: the facilitator gave the grid the room
        self.folded = False
        # subprocesses whose silent round is open: their cells filled, no figures
        self.hidden: frozenset[int] = frozenset()
        # after the room's reveal: the participants' spread of the cell under the cursor
        # in the place of the totals, in full and as one line (for the folded panel)
        self.room: tuple[Text, str] | None = None
        # Each group's block as last drawn, and its lines (long names wrap onto more).
        self._blocks: dict[str, tuple[tuple[object, ...], Text]] = {}
        self._arranged_for = self.detail_height

    def compose(self) -> ComposeResult:
        block = self.detail_height - 1
        for index, group in enumerate(self.groups):
            static = TextBlock(
                id=f"totals-{group}", classes="group -first" if index == 0 else "group"
            )
            static.styles.height = block
            yield static
        focused = TextBlock(id="totals-focused")
        focused.styles.height = block
        yield focused
        others = TextBlock(id="totals-others")
        others.styles.height = max(0, len(self.groups) - 1)
        yield others
        yield TextBlock(id="totals-room")

    def on_mount(self) -> None:
        self._set_title()

    def _set_title(self) -> None:
        self.border_title = t(
            "Totals · {unit}",
            self.lang,
            unit=t("staff hours per citizen who receives the intervention", self.lang),
        )

    # ------------------------------------------------------------ data in

    def show_totals(self, totals: dict[str, GroupTotals]) -> None:
        self.totals = totals
        self._draw()

    def show_room(self, room: tuple[Text, str] | None) -> None:
        """The participants' spread (in full, and as one line) instead of the totals; None:
        the totals again."""
        if room != self.room:
            self.room = room
            self._draw()

    def focus_group(self, group: str) -> None:
        if group != self.focused_group:
            self.focused_group = group
            self._draw()

    def set_lang(self, lang: str) -> None:
        self.lang = lang
        self._set_title()
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def redraw(self, room: Size | None = None) -> None:
        """Draw again; `room`: the width and height inside the border the screen will give
        the panel, before its first layout (else the panel's own)."""
        self._draw(room)

    # ------------------------------------------------------------ drawing

    @property
    def detail_height(self) -> int:
        """A group's block and the blank line before it: the tallest as last drawn."""
        if self._blocks:
            return 1 + max(block_lines(text) for _, text in self._blocks.values())
        # a blank line, title, column heads, one line per subprocess, the total
        return 4 + len(self.process.subprocesses)

    @property
    def all_groups_height(self) -> int:
        """Lines every group in full takes inside the border."""
        if len(self._blocks) == len(self.groups):
            return sum(block_lines(text) + 1 for _, text in self._blocks.values()) - 1
        return self.detail_height * len(self.groups) - 1

    @property
    def content_height(self) -> int:
        """Lines the panel needs inside its border in the arrangement it shows now."""
        if self.has_class("-focused"):
            return self.detail_height - 1 + len(self.groups) - 1
        return self.all_groups_height

    def _all_fit(self, height: int) -> bool:
        if self.show_all is not None:
            return self.show_all
        return self.all_groups_height <= height

    def _block(self, group: str, width: int) -> Text:
        """The group's block, drawn again only when its totals, the width or language changed."""
        totals = self.totals[group]
        key = (totals, width, self.lang, self.hidden)
        cached = self._blocks.get(group)
        if cached is None or cached[0] != key:
            block = (
                silent_block(self.process, totals, self.lang, width, self.hidden)
                if self.hidden
                else group_block(self.process, totals, self.lang, width)
            )
            cached = self._blocks[group] = (key, block)
        return cached[1]

    def _draw_folded(self, width: int) -> None:
        """The group under the cursor on one line, in the place of the others' lines."""
        focused = self.totals[self.focused_group]
        key = ("folded", focused, width, self.lang, self.hidden)
        if self._drawn.get("others-key") != key:
            self._drawn["others-key"] = key
            line = (
                silent_summary(self.process, focused, self.lang, width)
                if self.hidden
                else group_summary(self.process, focused, self.lang, width, wrap=False)
            )
            self._update("totals-others", line)

    def _draw(self, room: Size | None = None) -> None:
        room = room or self.scrollable_content_region.size
        # (no size yet: the screen draws the panel for the size it gives it, see redraw)
        if not self.totals or not self.is_mounted or not room.width:
            return
        width = max(20, room.width)
        for group in self.groups:
            self._block(group, width)
        if self.detail_height != self._arranged_for:
            # names wrap differently at this width: the screen sizes the panel again
            self._arranged_for = self.detail_height
            self.post_message(self.HeightChanged())
        # Speed: the arrangement's classes changed in one go, so the panel and its blocks
        # are styled again once (each class set alone restyles them: 1.5-2 ms a time).
        all_fit = self.room is None and not self.folded and self._all_fit(room.height)
        classes = {"-folded": self.folded, "-room": self.room is not None and not self.folded}
        if self.room is None or self.folded:
            classes.update({"-all": all_fit, "-focused": not (all_fit or self.folded)})
        self.update_classes(classes)
        if self.room is not None and self.folded:
            self._drawn.pop("others-key", None)
            self._update("totals-others", Text(self.room[1]))
            return
        if self.room is not None:
            self._drawn.pop("others-key", None)
            self._update("totals-room", self.room[0])
            return
        if self.folded:
            self._draw_folded(width)
            return
        if all_fit:
            for group in self.groups:
                self._update(f"totals-{group}", self._block(group, width))
            return
        self._update("totals-focused", self._block(self.focused_group, width))
        others = [self.totals[g] for g in self.groups if g != self.focused_group]
        key = (tuple(others), width, self.lang, self.hidden)
        if self._drawn.get("others-key") != key:
            self._drawn["others-key"] = key
            # each line cut with "…" where it is wider than the panel, never mid-figure
            lines = Text("\n", no_wrap=True, overflow="ellipsis").join(
                silent_summary(self.process, g, self.lang, width)
                if self.hidden
                # below the grid (80x24) the others have one line each; beside it, room
                else group_summary(self.process, g, self.lang, width, wrap=self.show_all is None)
                for g in others
            )
            self._update("totals-others", lines)

    def _update(self, static_id: str, block: Text) -> None:
        if self._drawn.get(static_id) == (block,):
            return
        self._drawn[static_id] = (block,)
        # (a block wrapped onto one more line or one less: the only layout pass here)
        self.query_one(f"#{static_id}", TextBlock).show(block)
