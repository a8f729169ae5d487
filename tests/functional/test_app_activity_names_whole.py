"""At 120x40 every activity name is whole in the grid's name column, on as many lines as
it needs ("Indhentning af / dokumentation forud for …" was cut after two).

Every bundled process with all its target groups, in Danish and English: the cursor
walks down every activity (the grid scrolls as it goes), and on each screen the name
column is read. Each activity's name must be there whole, and no ellipsis may end a
piece of one.
"""

from datetime import date

import pytest

from tests.functional.helpers import CATALOGUE, run_async, screen_lines
from tests.functional.test_app_names_whole import cut_names
from workshop_tui.core.demo import demo_session
from workshop_tui.core.session.editor import SessionEditor
from workshop_tui.core.session.storage import save_session, session_filename
from workshop_tui.tui.app import WorkshopApp

CASES = [
    pytest.param(process.id, lang, id=f"{process.id}-{lang}")
    for process in CATALOGUE
    for lang in ("da", "en")
]


def squeezed(text: str) -> str:
    """Text without spaces and hyphens: a name wrapped over lines (or a long word broken
    with a hyphen) reads the same as the name on one line."""
    return "".join(char for char in text if char not in " -")


def names_shown(lines: list[str], left: int, width: int, names: list[str]) -> set[str]:
    """Those of `names` read whole, down the column `width` cells wide from `left`."""
    column = squeezed("".join(line[left : left + width] for line in lines))
    return {name for name in names if squeezed(name) in column}


def activity_names(process_id: str, lang: str) -> list[str]:
    process = CATALOGUE.get(process_id)
    return [a.name.in_lang(lang) for s in process.subprocesses for a in s.activities]


@pytest.mark.parametrize(("process_id", "lang"), CASES)
@run_async
async def test_every_activity_name_is_whole_at_120x40(tmp_path, process_id, lang):
    process = CATALOGUE.get(process_id)
    session = demo_session(process, "Testby Kommune", workshop_date=date(2024, 3, 1))
    path = tmp_path / session_filename(session)
    save_session(session, path)
    editor = SessionEditor.open(path, CATALOGUE, lang)
    names = activity_names(process_id, lang)
    app = WorkshopApp(CATALOGUE, tmp_path, lang, editor=editor)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.pause()
            grid = app.screen.grid
            assert app.screen.query_one("#body").has_class("-narrow") is False  # totals beside
            left, width = grid.region.x, grid.name_width
            seen: set[str] = set()
            for step in range(len(names)):
                lines = screen_lines(app)[grid.region.y : grid.region.bottom]
                assert cut_names(lines, names) == [], "\n".join(lines)
                seen |= names_shown(lines, left, width, names)
                assert names[step] in seen, "\n".join(lines)  # the cursor's own, at least
                await pilot.press("down")
                await pilot.pause()
            assert seen == set(names)
    finally:
        editor.close()


def test_the_column_reading_finds_a_cut_or_missing_name():
    """The reading itself: a name wrapped (and hyphenated) over lines is found whole, a
    name cut with an ellipsis is not, and the scan finds the cut."""
    names = ["Indhentning af dokumentation forud for samtalen", "Fællessamtale med borger"]
    lines = [
        "  Indhentning af dokumentation │ 0,5",
        "  forud for samtalen           │    ",
        "  Fællessamtale med bor…       │ 0,5",
    ]
    assert names_shown(lines, 0, 30, names) == {names[0]}
    assert cut_names(lines, names) == [lines[2]]
    hyphenated = ["  Fællessamtale med bor-", "  ger"]
    assert names_shown(hyphenated, 0, 30, names) == {names[1]}
