"""Who took part, typed through the real app: each participant's role, groups and initials
in the new-workshop form and later from the estimate screen (Ctrl+U, then P), as saved
in the file."""

import shutil
from datetime import date
from pathlib import Path

from tests.functional.helpers import CATALOGUE, run_async, saved, screen_text, settle, type_text
from workshop_tui.core.session.editor import SessionEditor
from workshop_tui.core.session.model import SESSION_SCHEMA_VERSION, StaffMember
from workshop_tui.core.session.storage import load_session
from workshop_tui.tui.app import WorkshopApp
from workshop_tui.tui.screens.estimate.screen import EstimateScreen
from workshop_tui.tui.screens.participants_dialog import ParticipantsDialog

V1 = Path(__file__).parent.parent / "data" / "session_v1.json"
# Jobsamtaler's groups, in the process's order
CLOSE, FAR, SICK = "taet_paa", "langt_fra", "sygemeldte"


async def participants_from_the_form(pilot):
    """The new-workshop form with the municipality typed, then F2: the form."""
    await pilot.pause()
    await pilot.press("n")
    await settle(pilot)
    form = pilot.app.screen
    form.query_one("#municipality").focus()
    await type_text(pilot, "Testby")
    await pilot.press("f2")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ParticipantsDialog)
    return form


@run_async
async def test_participants_typed_in_the_form_are_saved_with_the_count_derived(tmp_path):
    app = WorkshopApp(CATALOGUE, tmp_path, "da", today=date(2024, 3, 1))
    async with app.run_test(size=(80, 24)) as pilot:
        form = await participants_from_the_form(pilot)
        await type_text(pilot, "3 sagsbehandler")
        await pilot.press("enter")
        # a role, its initials, and only two of the three groups: Enter in the groups adds
        await type_text(pilot, "virksomhedskonsulent")
        await pilot.press("tab", *"AB", "tab", "down", "space", "enter")
        await type_text(pilot, "teaml")
        await pilot.press("right", "enter")  # → takes the suggestion: teamleder
        await pilot.pause()
        assert "5 deltagere: 3 sagsbehandlere, 1 virksomhedskonsulent, 1 teamleder" in (
            screen_text(app)
        )
        await pilot.press("enter")  # on an empty role: saved, back in the form
        await settle(pilot)
        assert app.screen is form
        count = form.query_one("#participants")
        assert (count.value, count.disabled) == ("5", True)
        assert "3 sagsbehandlere, 1 virksomhedskonsulent, 1 teamleder" in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, EstimateScreen)
        path = app.screen.editor.path

    session = load_session(path)
    assert session.participants == 5
    assert [(m.role, m.groups, m.initials) for m in session.staff] == [
        *[("sagsbehandler", [CLOSE, FAR, SICK], "")] * 3,
        ("virksomhedskonsulent", [CLOSE, SICK], "AB"),
        ("teamleder", [CLOSE, SICK], ""),  # the groups stay as ticked for the next one
    ]


@run_async
async def test_a_participants_groups_follow_the_groups_the_workshop_covers(tmp_path):
    """A group unticked in the form after the participants were listed is not saved
    with them; the dialog refuses a participant with no group and a role not added."""
    app = WorkshopApp(CATALOGUE, tmp_path, "en", today=date(2024, 3, 1))
    async with app.run_test(size=(120, 40)) as pilot:
        form = await participants_from_the_form(pilot)
        await type_text(pilot, "jurist")
        await pilot.press("tab", "tab", "space", "down", "space", "down", "space", "enter")
        await pilot.pause()
        assert "Tick the target groups this participant works with" in screen_text(app)
        await pilot.press("space", "enter")  # the last group ticked again: added
        await type_text(pilot, "mentor")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Press Enter to add 'mentor' first, or empty the role" in screen_text(app)
        await pilot.press("enter", "ctrl+s")
        await settle(pilot)
        assert app.screen is form
        groups = form.query_one("#groups")
        groups.focus()
        await pilot.press("down", "space")  # untick the first, 'close to the labour market'
        await pilot.press("ctrl+s")
        await settle(pilot)
        path = app.screen.editor.path

    session = load_session(path)
    assert session.groups == [FAR, SICK]
    assert [(m.role, m.groups) for m in session.staff] == [("jurist", [SICK]), ("mentor", [SICK])]
    assert session.participants == 2


def listed_editor(tmp_path, lang: str = "en") -> SessionEditor:
    process = CATALOGUE.get("jobsamtaler")
    return SessionEditor.create(
        process,
        tmp_path,
        municipality="Testby",
        workshop_date=date(2024, 3, 1),
        groups=[CLOSE, SICK],
        staff=[
            StaffMember(role="sagsbehandler", groups=[CLOSE]),
            StaffMember(role="sagsbehandler", groups=[SICK], initials="KL"),
            StaffMember(role="teamleder", groups=[CLOSE, SICK]),
        ],
        lang=lang,
    )


@run_async
async def test_participants_are_changed_from_the_estimate_screen_and_undone(tmp_path):
    editor = listed_editor(tmp_path)
    assert saved(editor).participants == 3
    app = WorkshopApp(CATALOGUE, tmp_path, "en", editor=editor, today=date(2024, 3, 1))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+u", "p")
        await settle(pilot)
        text = screen_text(app)
        assert "2. sagsbehandler (KL) · Sick-listed" in text
        assert "3. teamleder · all target groups" in text
        await pilot.press("shift+tab", "delete")  # the list: the last one highlighted goes
        await pilot.press("up", "enter")  # the first back in the fields, to change it
        await pilot.pause()
        assert app.screen.query_one("#role").value == "sagsbehandler"
        await pilot.press("ctrl+u")  # clears the role typed
        await type_text(pilot, "ydelsesmedarbejder")
        await pilot.press("enter", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, EstimateScreen)
        on_disk = saved(editor)
        assert [(m.role, m.groups, m.initials) for m in on_disk.staff] == [
            ("sagsbehandler", [SICK], "KL"),
            ("ydelsesmedarbejder", [CLOSE], ""),
        ]
        assert on_disk.participants == 2
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert "Undone: the participants" in screen_text(app)
        back = saved(editor)
        assert [m.role for m in back.staff] == ["sagsbehandler", "sagsbehandler", "teamleder"]
        assert back.participants == 3


@run_async
async def test_an_old_session_with_only_a_count_gets_its_participants_listed(tmp_path):
    """A schema-1 file (9 participants, no roles) opens; Ctrl+U, P starts an empty list;
    two listed make the count 2 and the file is saved in today's schema."""
    path = tmp_path / "old.json"
    shutil.copy(V1, path)
    editor = SessionEditor.open(path, CATALOGUE, "en")
    assert (editor.session.schema_version, editor.session.participants) == (1, 9)
    app = WorkshopApp(CATALOGUE, tmp_path, "en", editor=editor, today=date(2024, 3, 1))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+u", "p")
        await settle(pilot)
        assert "No one listed yet: type a role and press Enter." in screen_text(app)
        await type_text(pilot, "2 mentor")
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert isinstance(app.screen, EstimateScreen)
    on_disk = load_session(path)
    assert (on_disk.schema_version, on_disk.participants) == (SESSION_SCHEMA_VERSION, 2)
    assert [m.role for m in on_disk.staff] == ["mentor", "mentor"]
    assert on_disk.activities == load_session(V1).activities
