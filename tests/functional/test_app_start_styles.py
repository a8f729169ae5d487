"""`open FILE`'s start styles the estimate screen once: it is not styled whole again when it
first shows, its widgets styled as they were mounted just before (a speed trick: see
EstimateScreen.on_screen_resume). The skip relies on that handler running before Textual's
Screen._on_screen_resume; a Textual that changes the order fails this test, and the
screens' snapshots check that nothing looks different."""

from tests.functional.helpers import app_for, run_async, settle
from workshop_tui.tui.screens.estimate.screen import EstimateScreen


def record_whole_restyles(app) -> list[str]:
    """The estimate screens styled whole (with every widget on them), in order."""
    restyled: list[str] = []
    original = app.update_styles

    def update_styles(node, animate: bool = True) -> None:
        if isinstance(node, EstimateScreen):
            restyled.append(type(app.screen).__name__)
        original(node, animate=animate)

    app.update_styles = update_styles
    return restyled


@run_async
async def test_the_estimate_screen_is_not_styled_again_when_it_first_shows(rehab):
    app = app_for(rehab)
    restyled = record_whole_restyles(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, EstimateScreen)
        assert app.screen.grid.has_focus
        assert restyled == []
