"""`open FILE`'s start styles the estimate screen once and renders no frame Textual throws
away (two speed tricks: EstimateScreen.on_screen_resume and _compositor_refresh). They
rely on Textual's order of handlers and on a private method; a Textual that changes
either fails these tests, and the screens' snapshots check that nothing looks different."""

import pytest
from textual._compositor import Compositor

from tests.functional.helpers import app_for, run_async, screen_text, settle
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


@run_async
async def test_no_frame_is_rendered_for_the_estimate_screen_while_the_app_starts(
    rehab, monkeypatch
):
    """Textual throws away frames rendered while the app's start holds its batch; the
    estimate screen renders none then (EstimateScreen._compositor_refresh), and its
    frames after the start are rendered as ever."""
    app = app_for(rehab)
    renders: list[bool] = []  # for each frame of the estimate screen: during the start?
    original = Compositor.render_update

    def render_update(compositor, *args, **kwargs):
        if isinstance(compositor.root, EstimateScreen):
            renders.append(bool(app._batch_count))
        return original(compositor, *args, **kwargs)

    monkeypatch.setattr(Compositor, "render_update", render_update)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, EstimateScreen)
        assert renders and not any(renders)
        assert "Totals" in screen_text(app)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
@run_async
async def test_the_first_frame_of_the_estimate_screen_is_the_settled_screen(rehab, size):
    """The estimate screen is arranged before Textual first lays it out (totals beside or
    below, their width, the grid's lines): the first frame shown is the screen as it stays,
    not a half-arranged one redrawn at once (EstimateScreen._arrange on mount)."""
    app = app_for(rehab)
    frames: list[str] = []  # the text of each frame of the estimate screen, as shown
    original = app._display

    def display(screen, renderable) -> None:
        original(screen, renderable)
        if isinstance(screen, EstimateScreen) and renderable is not None and not app._batch_count:
            frames.append(screen_text(app))

    app._display = display
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.pause(0.3)
        assert frames
        assert frames[0] == screen_text(app)
