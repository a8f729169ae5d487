"""A whole small workshop typed through the real app: form, grid, live totals, saved file."""

from datetime import date

from tests.functional.helpers import CATALOGUE, run_async, screen_text, type_text
from workshop_tui.core.session.storage import load_session
from workshop_tui.tui.app import WorkshopApp
from workshop_tui.tui.screens.estimate.screen import EstimateScreen

# Jobsamtaler has 8 activities; the room covers "close" and "sick-listed".
CLOSE_LOW = ["0,25", "0,5", "30 min", "0.75", "1", "1t 30m", "0,5", "0,5"]
CLOSE_HIGH = ["0,5", "1", "1", "1,5", "2", "2", "1", "0,5"]
SICK_LOW = ["0,5"] * 8
SICK_HIGH = ["1:30"] * 8
# Hand-summed: close 0.25+0.5+0.5+0.75+1+1.5+0.5+0.5 = 5.5 and 0.5+1+1+1.5+2+2+1+0.5 = 9.5;
# sick 8 x 0.5 = 4 and 8 x 1.5 = 12. Subprocess 1 (first four activities), close: 2.0-4.0.


async def fill_new_workshop_form(pilot) -> None:
    """Choose job interviews, untick 'far from the labour market', name the room."""
    await pilot.press("n")
    await pilot.pause()
    screen = pilot.app.screen
    screen.query_one("#process").focus()
    await pilot.press("space")  # open the list of processes
    await pilot.pause()
    await pilot.press("down", "enter")  # jobsamtaler, *sanktioner*, ... (source order)
    await pilot.pause()
    # focus moves only when the user moves it: still on the process, not on its groups
    assert screen.query_one("#process").has_focus
    await pilot.press("space", "up", "enter")  # back to jobsamtaler
    await pilot.pause()
    await pilot.press("tab")  # on to the groups
    await pilot.press("down", "down", "space")  # untick the second group
    screen.query_one("#municipality").focus()
    await type_text(pilot, "Testby Kommune")
    await pilot.press("down", "ctrl+u")
    await type_text(pilot, "1-3-2024")
    await pilot.press("down", "down", "down")  # past the start time and length (kept)
    await type_text(pilot, "Ane Facilitator")
    await pilot.press("down", "8", "enter")  # Enter in the last field starts the workshop
    await pilot.pause()


@run_async
async def test_a_whole_workshop_typed_by_keyboard_gives_the_totals_on_screen_and_on_disk(tmp_path):
    app = WorkshopApp(CATALOGUE, tmp_path, "da", today=date(2024, 3, 1))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await fill_new_workshop_form(pilot)
        assert isinstance(app.screen, EstimateScreen)
        path = app.screen.editor.path
        assert path.parent == tmp_path

        for row in range(8):  # Enter commits and moves right, then on to the next activity
            for text in (CLOSE_LOW[row], CLOSE_HIGH[row], SICK_LOW[row], SICK_HIGH[row]):
                await type_text(pilot, text)
                await pilot.press("enter")
        await pilot.pause()

        text = screen_text(app)
        assert "100 % udfyldt" in text
        panel = text[text.index("Totaler") :]
        close_block = panel[panel.index("Tæt på arbejdsmarkedet") : panel.index("Sygemeldte")]
        assert "2,0–4,0" in close_block  # subprocess 1
        total_line = next(line for line in close_block.splitlines() if "Samlet" in line)
        assert "5,5–9,5" in total_line and " 7,5" in total_line and "0,8–2,2" in total_line
        assert " 7,5! " in total_line  # over twice the national high: flagged
        sick_block = panel[panel.index("Sygemeldte") :]
        total_line = next(line for line in sick_block.splitlines() if "Samlet" in line)
        assert "4,0–12,0" in total_line and " 8,0" in total_line and "1,3–2,4" in total_line

    saved = load_session(path)
    assert saved.municipality == "Testby Kommune"
    assert saved.process_id == "jobsamtaler"
    assert saved.groups == ["taet_paa", "sygemeldte"]
    assert saved.workshop_date == date(2024, 3, 1)
    assert (saved.facilitator, saved.participants) == ("Ane Facilitator", 8)
    activity_ids = CATALOGUE.get("jobsamtaler").activity_ids
    lows = [saved.estimate(a, "taet_paa").low for a in activity_ids]
    assert lows == [0.25, 0.5, 0.5, 0.75, 1, 1.5, 0.5, 0.5]
    assert [saved.estimate(a, "taet_paa").high for a in activity_ids] == [
        0.5,
        1,
        1,
        1.5,
        2,
        2,
        1,
        0.5,
    ]
    assert {saved.estimate(a, "sygemeldte").low for a in activity_ids} == {0.5}
    assert {saved.estimate(a, "sygemeldte").high for a in activity_ids} == {1.5}


@run_async
async def test_the_new_workshop_form_refuses_what_it_cannot_use(tmp_path):
    app = WorkshopApp(CATALOGUE, tmp_path, "en", today=date(2024, 3, 1))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Type the municipality" in screen_text(app)
        pilot.app.screen.query_one("#municipality").focus()
        await type_text(pilot, "Testby")
        await pilot.press("down", "ctrl+u", *"32-13-2024", "ctrl+s")
        await pilot.pause()
        assert "'32-13-2024' is not a date" in screen_text(app)
        assert list(tmp_path.iterdir()) == []  # nothing written until the form is right
        await pilot.press("escape")
        await pilot.pause()
        assert "No workshops here yet" in screen_text(app)


@run_async
async def test_the_form_refuses_letters_in_participants_and_names_fields_in_danish(tmp_path):
    app = WorkshopApp(CATALOGUE, tmp_path, "da", today=date(2024, 3, 1))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        screen = pilot.app.screen
        screen.query_one("#participants").focus()
        await type_text(pilot, "8 deltagere")
        await pilot.pause()
        assert screen.query_one("#participants").value == "8"
        assert "Ikke taget: deltagere er et tal (kun cifre)" in screen_text(app)
        screen.query_one("#municipality").focus()
        await type_text(pilot, "Testby")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert len(list(tmp_path.glob("*.json"))) == 1
