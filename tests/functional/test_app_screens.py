"""Notes, staff and share, cost drivers, language, presentation, help, export, live views."""

from pathlib import Path

import pytest

from tests.functional.helpers import (
    CATALOGUE,
    app_for,
    run_async,
    saved,
    screen_text,
    settle,
    type_text,
)
from workshop_tui.core.demo import demo_session
from workshop_tui.core.session.editor import SessionEditor
from workshop_tui.core.session.storage import save_session, session_filename
from workshop_tui.tui.screens.bindings import key_label
from workshop_tui.tui.screens.estimate.screen import EstimateScreen
from workshop_tui.tui.screens.help import HelpScreen
from workshop_tui.tui.screens.presentation import PresentationScreen

INTERVIEWS = CATALOGUE.get("jobsamtaler")


@pytest.fixture
def demo_editor(tmp_path):
    session = demo_session(INTERVIEWS, "Demoby", groups=["taet_paa", "langt_fra", "sygemeldte"])
    path = tmp_path / session_filename(session)
    save_session(session, path, touch=False)
    return SessionEditor.open(path, CATALOGUE, "en")


@run_async
async def test_a_note_is_written_in_a_dialog_saved_and_marked_in_the_grid(editor):
    app = app_for(editor)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert "Note on 'Summoning the citizen or self-booking'" in screen_text(app)
        await type_text(pilot, "Booked online by most")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert saved(editor).entry("indkaldelse").note == "Booked online by most"
        summoning = next(line for line in screen_text(app).splitlines() if "Summoning" in line)
        assert "✎" in summoning
        assert "✎ Booked online by most" in screen_text(app)  # the status line
        await pilot.press("ctrl+n")
        await settle(pilot)
        await type_text(pilot, " and more")
        await pilot.press("escape")  # cancel: nothing changes
        await pilot.pause()
        assert saved(editor).entry("indkaldelse").note == "Booked online by most"


@run_async
async def test_staff_and_share_multiply_the_hours_in_the_totals(editor):
    app = app_for(editor)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("1", "enter", "2", "enter", "home")
        await pilot.press("ctrl+f")
        await settle(pilot)
        await pilot.press("ctrl+u", "2", "tab", "ctrl+u", "5", "0", "space", "%")
        await pilot.press("tab", "ctrl+u", "0")  # "far": refused, 0 staff
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "'0' is not a number of staff" in screen_text(app)
        await pilot.press("backspace", "1", "ctrl+s")
        await pilot.pause()
        estimate = saved(editor).estimate("indkaldelse", "taet_paa")
        assert (estimate.staff, estimate.share) == (2, 0.5)
        assert "1.0–2.0" in screen_text(app)  # 1-2 h x 2 staff x 50 %
        assert "2 staff, 50% of cases" in screen_text(app)
        await pilot.press("ctrl+z")  # one undo step for the whole dialog
        await pilot.pause()
        assert saved(editor).estimate("indkaldelse", "taet_paa").staff == 1


@run_async
async def test_cost_driver_notes_show_the_sources_drivers_and_are_saved(editor):
    app = app_for(editor)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+k")
        await settle(pilot)
        text = screen_text(app)
        assert "Cost drivers: 1 Preparation" in text
        assert "journal" in text.lower()  # one of the drivers the source names
        await type_text(pilot, "Long journals for far")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert saved(editor).cost_driver_notes == {1: "Long journals for far"}
        heading = next(
            line for line in screen_text(app).splitlines() if line.startswith("1 Preparation")
        )
        assert "✎" in heading


@run_async
async def test_workshop_notes_are_saved(editor):
    app = app_for(editor)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+w")
        await settle(pilot)
        await type_text(pilot, "Two teams took part")
        await pilot.press("enter")
        await type_text(pilot, "Agreed to revisit 3")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert saved(editor).notes == "Two teams took part\nAgreed to revisit 3"


@run_async
async def test_language_switches_texts_keys_and_decimal_commas_while_running(editor):
    app = app_for(editor)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("1", ".", "5", "enter")
        await pilot.pause()
        text = screen_text(app)
        assert "1.5" in text and "Low" in text and "F1 Help" in text
        await pilot.press("ctrl+l")
        await pilot.pause()
        text = screen_text(app)
        assert "1,5" in text and "Lavt" in text and "Højt" in text
        assert "F1 Hjælp" in text and "^p Kommandoer" in text and "udfyldt" in text
        assert "1.5" not in text
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert "F1 Help" in screen_text(app)


@run_async
async def test_presentation_shows_large_totals_per_group_and_goes_back(demo_editor):
    app = app_for(demo_editor)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        totals = demo_editor.totals()
        await pilot.press("f5")
        await settle(pilot)
        assert isinstance(app.screen, PresentationScreen)
        text = screen_text(app)
        close = totals["taet_paa"].total
        assert f"{close.mid:.1f}" in text  # the midpoint in the summary line
        assert "national range 0.8–2.2 (average 1.6)" in text
        assert "┏" in text or "╻" in text or "━" in text  # big digits and bars are drawn
        await pilot.press("right")
        await pilot.pause()
        assert "national range 1.3–3.1 (average 2.4)" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, EstimateScreen)


@run_async
async def test_help_lists_every_key_of_the_estimate_screen(editor):
    app = app_for(editor)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        help_screen = app.screen
        text = "\n".join(
            strip.text
            for strip in help_screen.query_one("#help-sections").render_lines(
                help_screen.query_one("#help-sections").region.reset_offset
            )
        )
        for binding in EstimateScreen.BINDINGS:
            line = next(
                (
                    line
                    for line in text.splitlines()
                    if line.split() and line.split()[0] == key_label(binding)
                ),
                None,
            )
            assert line is not None, f"{binding.key} is not in the help"
            assert len(line.split()) > 1  # with a description
        assert "Ctrl+Q" in text and "30 min" in text
        assert "left out of the totals" in text  # the long text, not the key bar's "N/A"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, EstimateScreen)


@run_async
async def test_export_key_writes_csv_and_xlsx_beside_the_session_file(demo_editor):
    app = app_for(demo_editor)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+e")
        await app.workers.wait_for_complete()
        await pilot.pause()
    csv_path = demo_editor.path.with_suffix(".csv")
    assert csv_path.exists() and demo_editor.path.with_suffix(".xlsx").exists()
    assert "Demoby" in csv_path.read_text(encoding="utf-8")


@run_async
async def test_the_live_view_commands_name_this_sessions_file(editor):
    app = app_for(editor)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f7")
        await settle(pilot)
        watch = str(app.screen.query_one("#watch").content)
        assert watch.endswith(f"workshop-tui watch {editor.path.resolve()}")
        assert str(app.screen.query_one("#serve").content).endswith(
            f"workshop-tui serve {editor.path.resolve()}"
        )
        assert "workshop-tui watch" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, EstimateScreen)


@run_async
async def test_other_workshops_key_goes_back_to_the_start_screen(editor):
    app = app_for(editor)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert "Testby" in screen_text(app) and "Last change" in screen_text(app)


@run_async
async def test_the_key_bar_is_clickable_and_the_theme_switches_for_a_projector(editor):
    app = app_for(editor)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one("KeyBar")
        line = screen_text(app).splitlines()[-1]
        await pilot.click(bar, offset=(line.index("Present"), 0))
        await settle(pilot)
        assert isinstance(app.screen, PresentationScreen)
        await pilot.press("escape", "f9")
        await pilot.pause()
        assert app.theme == "workshop-light"
        await pilot.press("f9")
        assert app.theme == "workshop-dark"


@pytest.mark.parametrize("on_path", [True, False])
def test_the_live_view_command_runs_as_shown(tmp_path, monkeypatch, on_path):
    """F7's command works pasted into a shell whether or not the install is on PATH."""
    import os
    import subprocess
    import sys

    from workshop_tui.tui.screens.commands_dialog import view_commands

    scripts = str(Path(sys.executable).parent)
    others = [part for part in os.environ["PATH"].split(os.pathsep) if part != scripts]
    path = os.pathsep.join([scripts, *others] if on_path else others)
    monkeypatch.setenv("PATH", path)
    watch, _ = view_commands(tmp_path / "a.json")
    program = watch.rsplit(" watch ", 1)[0]
    result = subprocess.run(
        f"{program} --version", shell=True, capture_output=True, text=True, env={**os.environ}
    )
    assert result.returncode == 0, result.stderr
    assert "workshop-tui" in result.stdout
