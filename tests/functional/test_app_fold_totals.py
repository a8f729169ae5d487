"""80x24: the facilitator folds the totals to one line and the grid gets the room."""

import pytest

from tests.functional.helpers import CATALOGUE, app_for, run_async, saved, screen_lines, settle

REHAB = CATALOGUE.get("rehabiliteringsteam")


def activities_shown(app) -> int:
    """Grid rows with figures' columns: one per activity (names may take more lines)."""
    grid = app.screen.grid
    lines = range(int(grid.scroll_y), int(grid.scroll_y) + grid.size.height - grid.header_height)
    rows = {grid.row_at_line(line) for line in lines}
    return sum(1 for row in rows if row is not None and grid.rows[row].line is not None)


@run_async
async def test_f10_folds_the_totals_to_one_line_and_back(rehab):
    editor = rehab
    first = REHAB.subprocesses[0].activities[0].id
    group = REHAB.groups[0]
    editor.set_hours(first, group.id, "low", "1-2")
    app = app_for(editor)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        before = activities_shown(app)
        panel_before = app.screen.totals_panel.outer_size.height
        await pilot.press("f10")
        await settle(pilot)
        assert app.screen.totals_panel.outer_size.height == 3  # one line in its border
        assert activities_shown(app) > before
        folded = screen_lines(app)[-5]  # in its border, above the status lines and key bar
        assert group.name.en[:20] in folded and ("1.0–2.0" in folded or "1–2" in folded)
        assert "Totals on one line" in "\n".join(screen_lines(app))
        await pilot.press("2", "enter")  # figures still land where the cursor is
        await settle(pilot)
        await pilot.press("f10")
        await settle(pilot)
        assert app.screen.totals_panel.outer_size.height == panel_before
    assert saved(editor).estimate(first, group.id).high == 2


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@run_async
async def test_folded_totals_follow_the_cursor_group(editor, size):
    editor.set_hours("indkaldelse", "langt_fra", "low", "3-4")
    app = app_for(editor)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("f10")
        await settle(pilot)
        await pilot.press("right", "right")  # far from the labour market, low
        await settle(pilot)
        text = "\n".join(screen_lines(app))
        assert "Far from the labour market" in text.split("Totals")[-1]
