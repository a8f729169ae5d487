"""Text is text in the app and the watch view: control characters are refused on entry
and shown escaped when they come from a file."""

from datetime import date

from textual.widgets import Input

from tests.functional.helpers import CATALOGUE, run_async, screen_text, settle
from tests.functional.test_watch import start_app, widget_text
from workshop_tui.core.demo import demo_session
from workshop_tui.core.session.model import LocalActivity
from workshop_tui.core.session.storage import save_session
from workshop_tui.tui.app import WorkshopApp

EVIL = "Evil\x1b[2J\x1b]0;owned\x07"
SHOWN = "Evil\\x1b[2J\\x1b]0;owned\\x07"


@run_async
async def test_the_watch_view_shows_a_municipality_escaped(tmp_path):
    process = CATALOGUE.get("jobsamtaler")
    session = demo_session(process, "Testby")
    local = LocalActivity(id="lokal_1", subprocess=1, name=EVIL)
    session = session.model_copy(update={"municipality": EVIL, "local_activities": [local]})
    path = tmp_path / "session.json"
    save_session(session, path, touch=False)
    app = start_app(path, CATALOGUE)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        assert SHOWN in widget_text(app.query_one("LiveHeader"))


@run_async
async def test_the_new_workshop_form_refuses_control_characters_in_the_municipality(tmp_path):
    app = WorkshopApp(CATALOGUE, tmp_path, "en", today=date(2024, 3, 1))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await settle(pilot)
        app.screen.query_one("#municipality", Input).value = EVIL
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Control characters cannot be saved" in screen_text(app)
        assert "\\x1b" in screen_text(app)
        app.screen.query_one("#municipality", Input).value = "Testby"
        app.screen.query_one("#facilitator", Input).value = "Ane\x1b[31m"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Control characters cannot be saved" in screen_text(app)
    assert list(tmp_path.glob("*.json")) == []  # nothing written while the form holds codes
