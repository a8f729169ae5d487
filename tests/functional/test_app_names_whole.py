"""At 120x40 no target group or subprocess name is cut ("Far from the labour mark…"),
on the estimate screen or in presentation.

Every bundled process with all its target groups, in Danish and English, filled in
(the demo's figures) and half-way (some cells empty, so totals say "partial"): the
screen is scanned for an ellipsis that ends a piece of a group's or a subprocess's
name. Activity names: see test_app_activity_names_whole.py.
"""

import re
from datetime import date

import pytest

from tests.functional.helpers import CATALOGUE, run_async, screen_lines
from workshop_tui.core.demo import demo_session
from workshop_tui.core.session.editor import SessionEditor
from workshop_tui.core.session.storage import save_session, session_filename
from workshop_tui.tui.app import WorkshopApp

CASES = [
    pytest.param(process.id, lang, half, id=f"{process.id}-{lang}-{'half' if half else 'full'}")
    for process in CATALOGUE
    for lang in ("da", "en")
    for half in (False, True)
]


def cut_names(lines: list[str], names: list[str]) -> list[str]:
    """Each screen line where an ellipsis ends a piece of one of `names`."""
    found = []
    for line in lines:
        for match in re.finditer("…", line):
            # the text before the ellipsis, back to a column rule or a run of spaces
            piece = re.split(r"│|\s{2,}", line[: match.start()])[-1].strip()
            if len(piece) >= 3 and any(piece in name for name in names):
                found.append(line)
    return found


def workshop(tmp_path, process_id: str, lang: str, half: bool) -> SessionEditor:
    process = CATALOGUE.get(process_id)
    session = demo_session(process, "Testby Kommune", workshop_date=date(2024, 3, 1))
    if half:  # every other activity still empty: each subprocess's totals are partial
        kept = list(session.activities)[::2]
        session = session.model_copy(
            update={"activities": {k: v for k, v in session.activities.items() if k in kept}}
        )
    path = tmp_path / session_filename(session)
    save_session(session, path)
    return SessionEditor.open(path, CATALOGUE, lang)


@pytest.mark.parametrize(("process_id", "lang", "half"), CASES)
@run_async
async def test_no_group_or_subprocess_name_is_cut_at_120x40(tmp_path, process_id, lang, half):
    editor = workshop(tmp_path, process_id, lang, half)
    process = editor.process
    names = [process.group(g).name.in_lang(lang) for g in editor.session.groups]
    names += [f"{s.number} {s.name.in_lang(lang)}" for s in process.subprocesses]
    app = WorkshopApp(CATALOGUE, tmp_path, lang, editor=editor)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.pause()
            lines = screen_lines(app)
            assert cut_names(lines, names) == [], "\n".join(lines)
            # every group shown in full beside the grid: each name's first word is there
            text = "\n".join(lines)
            for group in editor.session.groups:
                first_word = process.group(group).name.in_lang(lang).split()[0]
                assert text.count(first_word) >= 2  # in the grid's header and the totals
            await pilot.press("f5")  # presentation, on the first group
            await pilot.pause()
            await pilot.pause()
            lines = screen_lines(app)
            assert cut_names(lines, names) == [], "\n".join(lines)
    finally:
        editor.close()


def test_the_scan_finds_a_cut_name():
    """The scan itself: a cut group header and a cut subprocess are found, an activity not."""
    names = ["Far from the labour market", "1 Preparatory part"]
    lines = [
        "Activity   │Far from the│",
        "           │labour mark…│",
        "│ 1 Preparatory… 10.7–18.6 14.6",
        "  the citizen about the r…│  0.9",
    ]
    assert cut_names(lines, names) == lines[1:3]


@run_async
async def test_the_panel_is_sized_again_when_names_wrap_differently_after_a_resize(tmp_path):
    """From 120x40 (names wrapped, taller blocks) to 80x24: the totals panel takes the
    lines its blocks need there, not the taller ones of before (no blank lines left over,
    no rows taken from the grid)."""
    editor = workshop(tmp_path, "rehabiliteringsteam", "da", True)
    app = WorkshopApp(CATALOGUE, tmp_path, "da", editor=editor)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.resize_terminal(80, 24)
            for _ in range(4):
                await pilot.pause()
            panel = app.screen.totals_panel
            assert panel.outer_size.height == panel.content_height + 2  # its round border
            lines = screen_lines(app)
            bottom = next(i for i, line in enumerate(lines) if line.startswith("╰"))
            assert lines[bottom - 1].strip("│ ")  # the last line inside the border has text
    finally:
        editor.close()
