"""The live view's layout at a projector's 120x40 and at 80x24, and as the terminal is
resized: the activity list seen whole without scrolling at 120x40, every group's column
visible with its name broken between words, and the panes arranged again on a resize."""

from datetime import date

import pytest

from tests.functional.helpers import CATALOGUE, run_async
from tests.functional.test_watch import start_app, widget_text
from workshop_tui.core.demo import demo_session
from workshop_tui.core.session.storage import save_session
from workshop_tui.tui.live.totals import GROUP_COLUMN
from workshop_tui.tui.wrap import wrap_words

CASES = [
    pytest.param(process.id, lang, id=f"{process.id}-{lang}")
    for process in CATALOGUE
    for lang in ("da", "en")
]


def screen_lines(app) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


def squeezed(text: str) -> str:
    return "".join(char for char in text if not char.isspace())


def watch_app(tmp_path, process_id: str, lang: str):
    process = CATALOGUE.get(process_id)
    path = tmp_path / "session.json"
    save_session(demo_session(process, "Testby Kommune", workshop_date=date(2024, 3, 1)), path)
    return process, start_app(path, CATALOGUE, lang)


def header_pieces(process, lang: str) -> list[str]:
    """Each group's name as the list's column header shows it, broken between words."""
    return [
        piece
        for group in process.group_ids
        for piece in wrap_words(process.group(group).name.in_lang(lang), GROUP_COLUMN)
    ]


@pytest.mark.parametrize(("process_id", "lang"), CASES)
@run_async
async def test_the_activity_list_is_seen_whole_at_120x40(tmp_path, process_id, lang):
    process, app = watch_app(tmp_path, process_id, lang)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        body, estimates = app.query_one("#live-body"), app.query_one("#estimates-pane")
        assert body.scroll_y == 0
        assert estimates.region.bottom <= body.region.bottom  # no scrolling to see it all
        lines = screen_lines(app)
        # the list's name column: each line up to its first column rule
        names = squeezed("".join(line.split("│")[0].split("┃")[0] for line in lines))
        for piece in header_pieces(process, lang):  # every group's column, its name whole
            assert any(piece in line for line in lines), (piece, "\n".join(lines))
        for subprocess in process.subprocesses:
            for activity in subprocess.activities:
                assert squeezed(activity.name.in_lang(lang)) in names, activity.name
        # every group's process total above the list, beside the national range
        summary = widget_text(app.query_one("#live-summary"))
        for group in process.group_ids:
            assert process.group(group).name.in_lang(lang) in summary
        assert app.query_one("#summary-pane").region.y < estimates.region.y


@run_async
async def test_at_80x24_the_totals_come_first_and_every_group_column_fits(tmp_path):
    process, app = watch_app(tmp_path, "rehabiliteringsteam", "da")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        totals, estimates = app.query_one("#totals-pane"), app.query_one("#estimates-pane")
        assert totals.region.y < estimates.region.y
        assert not app.query_one("#summary-pane").display
        shown = widget_text(app.query_one("LiveEstimates")).splitlines()
        assert all(len(line.rstrip()) <= estimates.size.width for line in shown)
        for piece in header_pieces(process, "da"):
            assert any(piece in line for line in shown), piece


def arrangement(app) -> str:
    """'beside', 'list first' or 'totals first', as the panes stand on the screen."""
    totals, estimates = app.query_one("#totals-pane"), app.query_one("#estimates-pane")
    if totals.region.y == estimates.region.y:
        return "beside"
    return "list first" if estimates.region.y < totals.region.y else "totals first"


@run_async
async def test_the_panes_are_arranged_again_when_the_terminal_is_resized(tmp_path):
    _, app = watch_app(tmp_path, "jobsamtaler", "en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert arrangement(app) == "list first"
        for size, expected in [
            ((80, 24), "totals first"),
            ((180, 40), "beside"),
            ((120, 40), "list first"),
            ((80, 40), "totals first"),
        ]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.pause()
            assert arrangement(app) == expected, size
