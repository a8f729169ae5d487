"""Keys the room presses between figures: a round closed, an activity added."""

from tests.functional.helpers import (
    CATALOGUE,
    app_for,
    run_async,
    saved,
    screen_text,
    settle,
    type_text,
)
from workshop_tui.tui.screens.round_dialog import RoundDialog

INTERVIEWS = CATALOGUE.get("jobsamtaler")


@run_async
async def test_f3_after_a_subprocess_last_figure_offers_that_subprocess(editor):
    """Enter on subprocess 1's last cell moves the cursor on; F3 still means subprocess 1."""
    first = INTERVIEWS.subprocesses[0]
    app = app_for(editor)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for _ in first.activities:
            for _ in editor.session.groups:
                await type_text(pilot, "1-2")
                await pilot.press("enter")
        await pilot.pause()
        assert app.screen.grid.current_subprocess == 2  # the cursor has moved on
        await pilot.press("f3")
        await settle(pilot)
        assert isinstance(app.screen, RoundDialog)
        await pilot.press("enter")  # the offered choice: one subprocess
        await settle(pilot)
        assert f"First round closed for 1 {first.name.en}" in screen_text(app)
    assert set(saved(editor).rounds.closed_at) == {1}


@run_async
async def test_f3_in_a_subprocess_with_figures_offers_the_one_under_the_cursor(editor):
    app = app_for(editor)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("1", "enter")
        await pilot.pause()
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
    assert set(saved(editor).rounds.closed_at) == {1}


@run_async
async def test_a_new_activity_is_typed_from_its_first_column(editor):
    """Ctrl+A from the last column: the room's next figure goes into the first group's low."""
    app = app_for(editor)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("end")  # the last group's High
        await pilot.press("ctrl+a")
        await settle(pilot)
        await type_text(pilot, "Tolk bestilt")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("2", "enter")
        await pilot.pause()
    session = saved(editor)
    local_id = session.local_activities[0].id
    first_group, last_group = session.groups[0], session.groups[-1]
    assert session.estimate(local_id, first_group).low == 2
    assert session.estimate(local_id, last_group).high is None
