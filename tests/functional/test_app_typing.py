"""Typing on the grid never runs a command; every command is on a key that cannot be text."""

import string
from datetime import date

import pytest
from textual.command import CommandInput, CommandPalette

from tests.functional.helpers import (
    CATALOGUE,
    app_for,
    burst,
    run_async,
    saved,
    screen_text,
    searched,
    settle,
)
from workshop_tui.core.session.editor import SessionEditor
from workshop_tui.tui.screens.estimate.keys import ESTIMATE_BINDINGS
from workshop_tui.tui.screens.estimate.screen import EstimateScreen

INTERVIEWS = CATALOGUE.get("jobsamtaler")
FIRST = INTERVIEWS.activity_ids[0]
EVERY_CHARACTER = string.printable.strip() + " " + "æøåÆØÅ½"


@pytest.fixture
def editor(tmp_path):
    editor = SessionEditor.create(
        INTERVIEWS,
        tmp_path,
        municipality="Testby",
        workshop_date=date(2024, 3, 1),
        groups=["taet_paa", "langt_fra"],
        lang="en",
    )
    editor.set_hours(FIRST, "taet_paa", "low", "0,5")
    editor.set_hours(FIRST, "taet_paa", "high", "1")
    return editor


def files_in(folder) -> set[str]:
    """The folder's files but the session's lock (the app lets go of it when it ends)."""
    return {path.name for path in folder.iterdir() if not path.name.endswith(".lock")}


@run_async
async def test_every_printable_character_on_a_resting_cell_only_types(editor):
    app = app_for(editor)
    before, files = editor.path.read_bytes(), files_in(editor.path.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        grid = app.screen.grid
        for character in EVERY_CHARACTER:
            burst(app, [character])
            await pilot.pause()
            # each character goes into the cell; no dialog, no other screen
            assert isinstance(app.screen, EstimateScreen), f"{character!r} left the grid"
            assert grid.editing, f"{character!r} did not start or continue an entry"
        assert grid.entry is not None
        assert grid.entry.text == EVERY_CHARACTER
        assert app.lang == "en"  # l, the old language key, typed only
        await pilot.press("enter")  # not hours: refused, nothing saved
        await settle(pilot)
        assert "Not saved" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert not grid.editing
        assert isinstance(app.screen, EstimateScreen)
    assert editor.path.read_bytes() == before
    assert files_in(editor.path.parent) == files  # no export written


@run_async
async def test_each_character_alone_starts_an_entry_that_saves_only_hours(editor):
    """Typed one at a time and committed: the file changes only where a figure was typed."""
    app = app_for(editor)
    files = files_in(editor.path.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        grid = app.screen.grid
        for character in EVERY_CHARACTER:
            grid.move_to(INTERVIEWS.activity_ids[1], "langt_fra", "low")
            burst(app, [character, "enter"])  # typed, then Enter, before the screen redraws
            await pilot.pause()  # both handled: a screen either pushed would be current now
            assert isinstance(app.screen, EstimateScreen), f"{character!r} left the grid"
            if grid.editing:  # refused: cancel it
                burst(app, ["escape"])
                await pilot.pause()
    session = saved(editor)
    changed = {
        activity
        for activity, entry in session.activities.items()
        if activity != FIRST and entry.estimates
    }
    assert changed <= {INTERVIEWS.activity_ids[1]}
    assert session.entry(FIRST).estimates["taet_paa"].low == 0.5
    assert not session.entry(FIRST).not_applicable
    assert files_in(editor.path.parent) == files


def test_no_estimate_screen_command_is_on_a_key_that_can_be_text():
    for binding in ESTIMATE_BINDINGS:
        key = binding.key  # type: ignore[union-attr]
        assert key.startswith(("ctrl+", "f", "alt+")) and (len(key) > 1), key
        assert not (len(key) == 1 and key.isprintable()), key


@run_async
async def test_the_command_palette_lists_every_command_with_its_key(editor):
    app = app_for(editor)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        commands = list(app.get_system_commands(app.screen))
        helps = {command.title: command.help for command in commands}
        for title, key in [
            ("Note", "Ctrl+N"),
            ("N/A", "Ctrl+R"),
            ("Present", "F5"),
            ("Export", "Ctrl+E"),
            ("Live view", "F7"),
            ("Help", "F1"),
            ("Add activity", "Ctrl+A"),
        ]:
            assert helps[title].startswith(key), (title, helps.get(title))
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"Note")
        await searched(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert "Note on" in screen_text(app)


@run_async
async def test_the_key_bar_shows_what_fits_and_always_the_help_key(editor):
    app = app_for(editor)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        bar = screen_text(app).splitlines()[-1]
        assert "F1 Help" in bar
        assert "^z Undo" in bar
    async with app_for(editor).run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        wide = screen_text(pilot.app).splitlines()[-1]
        assert "^t Time-consuming" in wide and "F1 Help" in wide


@run_async
async def test_language_and_theme_are_remembered_between_runs(editor, tmp_path, monkeypatch):
    from workshop_tui.cli.app import build_app
    from workshop_tui.cli.main import build_parser

    monkeypatch.setenv("WORKSHOP_TUI_CONFIG_DIR", str(tmp_path / "config"))
    app = app_for(editor)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+l", "f9")
        await settle(pilot)
        assert app.lang == "da" and app.theme == "workshop-light"
        switched = app.export_screenshot()
    assert (tmp_path / "config" / "preferences.json").exists()
    args = build_parser().parse_args(["open", str(editor.path)])
    args.lang_given, args.lang, args.processes, args.dir = False, "en", [], None
    again = build_app(args)
    assert again.lang == "da" and again.theme == "workshop-light"
    # started in the remembered theme, it looks as it did once switched to it
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert again.export_screenshot() == switched
    args.lang_given = True  # --lang en on the command line wins
    assert build_app(args).lang == "en"


@run_async
async def test_the_command_palette_asks_in_the_apps_language(editor):
    app = app_for(editor)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.lang = "da"
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(CommandInput).placeholder == "Søg efter kommandoer…"
        await pilot.press("escape")
        await settle(pilot)
        app.lang = "en"
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert app.screen.query_one(CommandInput).placeholder == "Search for commands…"
