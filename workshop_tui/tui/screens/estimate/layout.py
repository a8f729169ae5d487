"""Where the estimate screen puts its totals: beside the grid, below it in full, or below
showing the group under the cursor. Pure arithmetic on the screen's size, tested alone.
"""

from __future__ import annotations

from dataclasses import dataclass

# From this width the totals may stand beside the grid; below it they go underneath.
WIDE_FROM = 110
MIN_GRID_ROWS = 8
# Activity-name width the grid keeps with the totals beside it, where the totals keep
# MIN_TOTALS_WIDTH: 26 columns at 120x40 with three groups, 39 with two (the totals gain
# nothing from more width there); a long name takes as many lines as it needs.
GRID_NAME_BESIDE = 40
# The totals' least width beside the grid: a group's one-line summary with partial
# figures ("0,5–0,8 (delvis), midt 0,6, landsref. 8,2–10,0") whole, and no subprocess
# name on more than two lines.
MIN_TOTALS_WIDTH = 54
SCREEN_CHROME = 4  # session bar, two status lines, key bar
FOLDED_HEIGHT = 3  # the totals folded: the group under the cursor on one line, and the border
# From this height long activity names take more lines (a projector's 120x40, not 80x24,
# where the grid needs every line for activities).
WRAP_NAMES_FROM = 30


@dataclass(frozen=True)
class Arrangement:
    """The sizes the screen gives its grid and totals panel ("1fr": what is left)."""

    beside: bool
    panel_width: int | str
    panel_height: int | str
    show_all: bool | None  # every group in full; None: whatever fits (beside the grid)
    grid_height: int | str


def arrange(
    width: int,
    height: int,
    *,
    groups: int,
    group_lines: int,
    grid_lines: int,
    grid_header: int,
    cell_width: int,
    folded: bool = False,
) -> Arrangement:
    """Totals below the grid when everything fits, else beside it when wide, else below.

    Below, the grid keeps the full width for the activity names; beside, both get
    the height. At 80 columns the totals go below and show the group under the
    cursor in full, the others on one line each. `group_lines` is one group's block
    in the panel; `grid_lines` the grid's header and rows. Folded (the facilitator's
    choice, F10), the totals are one line below the grid and the grid has the rest.
    """
    if folded:
        return Arrangement(
            beside=False,
            panel_width="1fr",
            panel_height=FOLDED_HEIGHT,
            show_all=False,
            grid_height="1fr",
        )
    all_lines = group_lines * groups - 1 + 2  # with the border
    focused_lines = group_lines - 1 + groups - 1 + 2
    room = height - SCREEN_CHROME
    all_below = grid_lines + all_lines <= room
    beside = not all_below and width >= WIDE_FROM
    # when everything fits, the grid takes what it needs and the totals the rest
    grid_height: int | str = grid_lines if all_below else "1fr"
    if beside:
        grid_width = GRID_NAME_BESIDE + groups * (2 * cell_width + 1) + 1
        return Arrangement(
            beside=True,
            panel_width=max(MIN_TOTALS_WIDTH, width - grid_width),
            panel_height="1fr",
            show_all=None,
            grid_height=grid_height,
        )
    # below the grid: everything if the grid keeps enough rows, else the cursor's group
    show_all = all_below or room - all_lines >= MIN_GRID_ROWS + grid_header
    panel_height: int | str = "1fr" if all_below else (all_lines if show_all else focused_lines)
    return Arrangement(
        beside=False,
        panel_width="1fr",
        panel_height=panel_height,
        show_all=show_all,
        grid_height=grid_height,
    )
