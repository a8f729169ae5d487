"""Text as the screen shows it: newlines and tabs are text, what hides or overwrites text
is shown escaped, and a name or a lock holder of any length is cut short with an ellipsis.
"""

import argparse
import json
from datetime import date

import pytest
from textual.widgets import Button, TextArea

from tests.functional.helpers import (
    CATALOGUE,
    app_for,
    run_async,
    saved,
    screen_lines,
    screen_text,
    settle,
)
from tests.functional.helpers import type_text as type_keys
from workshop_tui.cli import app as cli_app
from workshop_tui.cli.app import build_app
from workshop_tui.core.session.editor import SessionEditor
from workshop_tui.core.session.lock import lock_path
from workshop_tui.core.session.model import LocalActivity
from workshop_tui.core.session.storage import save_session
from workshop_tui.tui.screens.estimate.screen import EstimateScreen
from workshop_tui.tui.screens.lock_dialog import LockDialog
from workshop_tui.tui.screens.text_dialog import TextDialog

INTERVIEWS = CATALOGUE.get("jobsamtaler")
FIRST = INTERVIEWS.activity_ids[0]
# a right-to-left override and a zero-width space, as a name pasted from elsewhere may hold
HIDDEN = "Tolk\u202elatot\u200b"
HIDDEN_SHOWN = "Tolk\\u202elatot\\u200b"


def status_text(app) -> str:
    return "".join(str(app.screen.query_one("#status").render()).splitlines())


def with_local_activity(editor: SessionEditor, name: str) -> SessionEditor:
    """The workshop with a room's activity named `name` in subprocess 1, as a file may
    hold it (the app's own fields refuse such names), opened again."""
    local = LocalActivity(id="local_tolk", subprocess=1, name=name)
    session = editor.session.model_copy(update={"local_activities": [local]})
    path = editor.path
    editor.close()
    save_session(session, path, touch=False)
    return SessionEditor.open(path, CATALOGUE, "en")


def on_screen(app, widget) -> bool:
    """The widget is drawn whole inside the terminal."""
    region, (width, height) = widget.region, app.size
    return region.width > 0 and region.right <= width and region.bottom <= height


@run_async
async def test_a_note_typed_on_two_lines_shows_as_one_line_with_a_mark(editor):
    app = app_for(editor)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert "Enter starts a new line" in screen_text(app)
        await type_keys(pilot, "Tolk ved hver femte")
        await pilot.press("enter")  # a new line, as the dialog says
        await type_keys(pilot, "samtale")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, EstimateScreen)
        status = status_text(app)
        assert "✎ Tolk ved hver femte ⏎ samtale" in status
        assert "\\x0a" not in screen_text(app)
        await pilot.press("ctrl+n")  # in the dialog it is two lines again
        await settle(pilot)
        assert app.screen.query_one(TextArea).text == "Tolk ved hver femte\nsamtale"
        assert any(line.strip(" │▎▊▌").endswith("samtale") for line in screen_lines(app))
    assert saved(editor).entry(FIRST).note == "Tolk ved hver femte\nsamtale"


@run_async
async def test_the_note_dialogs_title_shows_bidi_and_zero_width_characters_escaped(editor):
    editor = with_local_activity(editor, HIDDEN)
    try:
        app = app_for(editor)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            app.screen.grid.move_to("local_tolk")
            await pilot.pause()
            assert HIDDEN_SHOWN in status_text(app)
            await pilot.press("ctrl+n")
            await settle(pilot)
            assert isinstance(app.screen, TextDialog)
            text = screen_text(app)
            assert f"Note on '{HIDDEN_SHOWN}'" in text
            assert "\u202e" not in text and "\u200b" not in text
            await type_keys(pilot, "ok")
            await pilot.press("ctrl+s")
            await settle(pilot)
        assert saved(editor).entry("local_tolk").note == "ok"
        assert saved(editor).local_activities[0].name == HIDDEN  # the file keeps its text
    finally:
        editor.close()


@run_async
async def test_a_name_of_ten_thousand_characters_leaves_the_buttons_on_screen(editor):
    editor = with_local_activity(editor, "Tolkebistand " * 770)  # 10,010 characters
    try:
        app = app_for(editor)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            app.screen.grid.move_to("local_tolk")
            await pilot.pause()
            assert status_text(app).count("Tolkebistand") < 60  # capped, not 770 times
            for key in ("ctrl+n", "ctrl+f"):  # the note, and staff and share
                await pilot.press(key)
                await settle(pilot)
                title = app.screen.query_one(".dialog-title")
                drawn = screen_lines(app)[title.region.y][title.region.x : title.region.right]
                assert title.region.height == 1 and drawn.rstrip().endswith("…")  # cut short
                for button in app.screen.query(Button):
                    assert on_screen(app, button), button.id
                await pilot.press("escape")
                await settle(pilot)
            await pilot.press("ctrl+n")
            await settle(pilot)
            await type_keys(pilot, "kort")
            await pilot.press("ctrl+s")
            await settle(pilot)
        assert saved(editor).entry("local_tolk").note == "kort"
    finally:
        editor.close()


@pytest.mark.parametrize("user_length", [50_000, 10_000_000])
@run_async
async def test_a_huge_lock_holder_is_cut_short_and_the_choices_stay(
    tmp_path, monkeypatch, user_length
):
    """A holder far wider than the screen is cut with an ellipsis; a lock of megabytes is
    not read at all (no lock is that large: locked, ask the user). Either way the choices
    stay on screen."""
    monkeypatch.setattr(cli_app, "on_a_terminal", lambda: True)
    editor = SessionEditor.create(
        INTERVIEWS,
        tmp_path,
        municipality="Testby",
        workshop_date=date(2024, 3, 1),
        groups=["taet_paa"],
    )
    editor.close()
    holder = {
        "app": "workshop-tui",
        "host": "laptop\u202e" + "h" * 100,
        "pid": 4242,
        "user": "x" * user_length,
        "since": "2024-03-01T09:00:00+00:00",
        "token": "elsewhere",
    }
    lock_path(editor.path).write_text(json.dumps(holder), encoding="utf-8")
    args = argparse.Namespace(
        command="open", file=editor.path, processes=[], lang="en", lang_given=True, dir=None
    )
    app = build_app(args)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(50):  # the dialog comes over the first screen a moment later
            await pilot.pause(0.1)
            if isinstance(app.screen, LockDialog):
                break
        await settle(pilot)
        assert isinstance(app.screen, LockDialog)
        message = str(app.screen.query_one("#message").render())
        if user_length < 65_536:
            assert "x" * 79 + "…" in message and "x" * 81 not in message
            assert "laptop\\u202e" in message and "\u202e" not in message
            assert message.rstrip().endswith("Close it there first.")  # the sentence ends
        else:
            assert "cannot be read" in message and "x" * 10 not in message
        buttons = app.screen.query(Button)
        assert {"cancel", "read_only"} <= {button.id for button in buttons}
        for button in buttons:
            assert on_screen(app, button), button.id
        await pilot.press("enter")  # Open read-only has the focus
        await settle(pilot)
        assert isinstance(app.screen, EstimateScreen)


@run_async
async def test_a_note_from_a_file_with_escape_codes_shows_them_escaped_in_its_field(editor):
    editor.set_note(FIRST, "ok")
    data = json.loads(editor.path.read_text(encoding="utf-8"))
    path = editor.path
    editor.close()
    data["activities"][FIRST]["note"] = "Tolk\x1b[2J\nanden\u202elinje"
    path.write_text(json.dumps(data), encoding="utf-8")
    editor = SessionEditor.open(path, CATALOGUE, "en")
    try:
        app = app_for(editor)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert "✎ Tolk\\x1b[2J ⏎ anden\\u202elinje" in status_text(app)
            await pilot.press("ctrl+n")
            await settle(pilot)
            field = app.screen.query_one(TextArea)
            assert field.text == "Tolk\\x1b[2J\nanden\\u202elinje"  # its lines kept
            text = screen_text(app)
            assert "\x1b" not in text and "\u202e" not in text
            await pilot.press("escape")  # cancelled: the file keeps its text
            await settle(pilot)
        assert saved(editor).entry(FIRST).note == "Tolk\x1b[2J\nanden\u202elinje"
    finally:
        editor.close()
