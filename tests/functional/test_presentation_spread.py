"""Presentation shows how the room's ranges add up: P10, P50 and P90 of the total."""

import pytest

from tests.functional.helpers import CATALOGUE, app_for, run_async, screen_text, settle
from workshop_tui.core.demo import demo_session
from workshop_tui.core.hours import format_hours
from workshop_tui.core.session.editor import SessionEditor
from workshop_tui.core.session.storage import save_session, session_filename
from workshop_tui.core.uncertainty import activity_ranges, total_spread
from workshop_tui.tui.screens.presentation import PresentationScreen

INTERVIEWS = CATALOGUE.get("jobsamtaler")


@pytest.fixture
def demo_editor(tmp_path):
    session = demo_session(INTERVIEWS, "Demoby", groups=["taet_paa", "langt_fra"])
    path = tmp_path / session_filename(session)
    save_session(session, path, touch=False)
    editor = SessionEditor.open(path, CATALOGUE, "en")
    yield editor
    editor.close()


@run_async
async def test_presentation_gives_p10_p50_p90_of_the_groups_total(demo_editor):
    app = app_for(demo_editor)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        totals = demo_editor.totals()["taet_paa"]
        await pilot.press("f5")
        await settle(pilot)
        assert isinstance(app.screen, PresentationScreen)
        p10, p50, p90 = total_spread(totals)
        span = totals.total
        # sampling lies inside the room's low-high, and narrower than it
        assert span.low < p10 < p50 < p90 < span.high
        shown = [format_hours(value, "en", 1, False) for value in (p10, p50, p90)]
        assert f"P10 {shown[0]} · P50 {shown[1]} · P90 {shown[2]}" in screen_text(app)


@run_async
async def test_the_spread_says_partial_and_is_absent_with_no_whole_cell(demo_editor):
    first = INTERVIEWS.subprocesses[0].activities[0].id
    demo_editor.set_hours(first, "taet_paa", "high", "")
    app = app_for(demo_editor)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f5")
        await settle(pilot)
        assert "(of the activities estimated so far)" in screen_text(app)
    lows, highs = activity_ranges(demo_editor.totals()["taet_paa"])
    assert len(lows) == len(highs) == len(INTERVIEWS.activity_ids) - 1  # the half cell is left out
