"""Presentation at 80x24: every subprocess can be reached by scrolling."""

from tests.functional.helpers import CATALOGUE, app_for, run_async, screen_text, settle
from workshop_tui.core.demo import demo_session
from workshop_tui.core.session.editor import SessionEditor
from workshop_tui.core.session.storage import save_session, session_filename

REHAB = CATALOGUE.get("rehabiliteringsteam")


@run_async
async def test_presentation_scrolls_to_the_last_subprocess_at_80x24(tmp_path):
    session = demo_session(REHAB, "Demoby", groups=[g.id for g in REHAB.groups])
    path = tmp_path / session_filename(session)
    save_session(session, path)
    editor = SessionEditor.open(path, CATALOGUE, "en")
    last = REHAB.subprocesses[-1]
    app = app_for(editor)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        assert f"{last.number} {last.name.en[:4]}" not in screen_text(app)
        assert "PgDn More" in screen_text(app)
        for _ in range(4):
            await pilot.press("pagedown")
            await settle(pilot)
        assert f"{last.number} {last.name.en[:4]}" in screen_text(app)
    editor.close()
