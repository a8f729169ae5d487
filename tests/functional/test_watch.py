"""The read-only live view: follows a file another process saves, and changes nothing."""

import os
import re
import subprocess
import sys

import pytest
from textual.geometry import Region

from tests.functional.helpers import burst, run_async
from tests.waiting import LIMIT, wait_for_async
from workshop_tui.cli.main import main
from workshop_tui.core.demo import demo_session
from workshop_tui.core.formatting import range_text
from workshop_tui.core.session.entries import ActivityEntry, Estimate
from workshop_tui.core.session.model import LocalActivity
from workshop_tui.core.session.storage import save_session, session_json
from workshop_tui.core.session.watcher import SessionWatcher, catalogue_check
from workshop_tui.core.totals import session_totals
from workshop_tui.tui.live.watch_app import WatchApp

GROUPS = ["taet_paa", "langt_fra"]

# Saves the session file on the test's command, one line each, the way the
# facilitator's app saves (atomic replace): "save N" the Nth source, "burst N M"
# the sources N to M one after another as fast as it can; and two hostile moments:
# "half N" a careless non-atomic write of half the Nth source, "gone" no file at all.
WRITER = r"""
import os, sys
from pathlib import Path
from workshop_tui.core.session.storage import atomic_write_bytes
target, sources = Path(sys.argv[1]), sorted(Path(sys.argv[2]).iterdir())
for line in sys.stdin:
    command, *numbers = line.split()
    data = [sources[int(n)].read_bytes() for n in numbers]
    if command == "half":
        with open(target, "wb") as handle:
            handle.write(data[0][: len(data[0]) // 2])
    elif command == "gone":
        os.unlink(target)
    elif command == "burst":
        for number in range(int(numbers[0]), int(numbers[1]) + 1):
            atomic_write_bytes(target, sources[number].read_bytes())
    else:
        atomic_write_bytes(target, data[0])
"""


def widget_text(widget) -> str:
    """What the widget shows on screen, as plain text."""
    width, height = widget.size
    return "\n".join(strip.text for strip in widget.render_lines(Region(0, 0, width, height)))


def screen_text(app) -> str:
    parts = "LiveHeader, LiveTotals, LiveEstimates, LiveStatus, FooterKey"
    return "\n".join(widget_text(widget) for widget in app.query(parts))


def shown_totals(app, label: str = "Total") -> tuple[str, ...]:
    """The room's process total of each group as the screen shows it.

    A group's total line reads 'Total   0.8–2.6 1.7  0.8–2.2 ···━━●━━░░··', or
    'Total (partial) 0.8–2.6 ...' while some cell is empty or half-filled.
    """
    lines = widget_text(app.query_one("LiveTotals")).splitlines()
    return tuple(
        line.replace(" (partial)", "").split()[1]
        for line in lines
        if line.strip().startswith(label + " ")
    )


def expected_totals(process, session) -> tuple[str, ...]:
    totals = session_totals(process, session)
    # A group with nothing entered yet shows a dash, not a misleading 0.0–0.0.
    return tuple(
        range_text(g.total.low, g.total.high, "en") if g.filled + g.half_filled else "–"
        for g in totals.values()
    )


def growing_session(process, number: int):
    """The room's state after `number` + 1 entries: cells fill up, then the first keeps moving."""
    base = demo_session(process, groups=GROUPS)
    cells = [(a, g) for a in process.activity_ids for g in GROUPS]
    activities: dict[str, ActivityEntry] = {}
    for index, (activity, group) in enumerate(cells[: number + 1]):
        estimate = base.estimate(activity, group)
        if index == 0:  # moves with every save, so every save has its own total
            estimate = Estimate(low=0.5 * number, high=0.5 * number + 1)
        activities.setdefault(activity, ActivityEntry()).estimates[group] = estimate
    return base.model_copy(update={"activities": activities})


def start_app(path, catalogue, lang="en"):
    watcher = SessionWatcher(path, catalogue_check(catalogue))
    watcher.load_first()
    return WatchApp(watcher, catalogue, lang)


async def wait_for(pilot, condition, what="the view to show the expected state"):
    await wait_for_async(condition, what, pause=lambda: pilot.pause(0.05))


@run_async
async def test_view_follows_a_file_rewritten_many_times(tmp_path, catalogue, interviews):
    sessions = [growing_session(interviews, n) for n in range(24)]
    sources = tmp_path / "sources"
    sources.mkdir()
    for number, session in enumerate(sessions):
        (sources / f"{number:03}.json").write_text(session_json(session))
    totals = [expected_totals(interviews, s) for s in sessions]
    expected = dict(zip(totals, sessions, strict=True))
    assert len(expected) == len(sessions)  # every save is told apart by its totals
    path = tmp_path / "session.json"
    save_session(sessions[0], path, touch=False)

    app = start_app(path, catalogue)
    async with app.run_test(size=(120, 50)) as pilot:
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(sources)],
            stdin=subprocess.PIPE,
            text=True,
        )

        def send(command: str) -> None:
            writer.stdin.write(command + "\n")
            writer.stdin.flush()

        def shows_a_whole_save() -> tuple[str, ...]:
            """What the screen shows now, checked to be one whole save, header and totals."""
            shown = shown_totals(app)
            assert shown in expected, f"the screen shows totals no save had: {shown}"
            session = expected[shown]
            filled = sum(len(e.estimates) for e in session.activities.values())
            header = widget_text(app.query_one("LiveHeader"))
            assert f"Filled in: {filled} of 16 estimates" in header
            return shown

        def status() -> str:
            return widget_text(app.query_one("LiveStatus"))

        async def shown_at_last(number: int) -> None:
            await wait_for(
                pilot, lambda: shows_a_whole_save() == totals[number], f"save {number} on screen"
            )
            assert "Last saved" in status()

        try:
            for first in range(1, len(sessions), 4):  # bursts of quick saves
                last = min(first + 3, len(sessions) - 1)
                if first == 9:  # half a file, written by a careless editor
                    send(f"half {first}")
                    await wait_for(pilot, lambda: "cannot be used" in status(), "the half file")
                    assert shows_a_whole_save() == totals[first - 1]
                if first == 17:  # no file for a moment
                    send("gone")
                    await wait_for(
                        pilot, lambda: "The file has been missing since" in status(), "no file"
                    )
                    assert shows_a_whole_save() == totals[first - 1]
                send(f"burst {first} {last}")
                await shown_at_last(last)
            writer.stdin.close()
            assert writer.wait(LIMIT) == 0
        finally:
            writer.kill()
            writer.wait()
    assert app.return_code in (None, 0)


ALL_KEYS = (
    [chr(c) for c in range(33, 127) if chr(c) != "q"]
    + [
        "space",
        "enter",
        "escape",
        "tab",
        "shift+tab",
        "backspace",
        "delete",
        "insert",
        "up",
        "down",
        "left",
        "right",
        "home",
        "end",
        "pageup",
        "pagedown",
    ]
    + [f"f{n}" for n in range(1, 13)]
    + [f"ctrl+{c}" for c in "abcdefghijklmnoprstuvwxyz"]  # ctrl+q quits: pressed last
    # Textual's command palette would offer "Screenshot", which writes a file.
    + ["escape", "ctrl+p", *"screenshot", "wait:300", "enter", "wait:300", "escape"]
)


@run_async
async def test_no_key_changes_the_file_or_writes_anything(
    tmp_path, catalogue, interviews, monkeypatch
):
    # A screenshot or log would land in the working folder or in ~/Downloads.
    monkeypatch.chdir(tmp_path)
    downloads = tmp_path / "home" / "Downloads"
    downloads.mkdir(parents=True)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home" / ".config"))
    path = tmp_path / "session.json"
    save_session(demo_session(interviews, groups=GROUPS), path)
    before = (path.read_bytes(), os.stat(path).st_mtime_ns, os.stat(path).st_ino)
    app = start_app(path, catalogue)
    async with app.run_test(size=(100, 30)) as pilot:
        app.animation_level = "none"  # scrolling home/end needs no animation here
        burst(app, ALL_KEYS)  # every key at once: Pilot would wait for idle after each
        await pilot.pause()
        await pilot.click(offset=(10, 10))
        await pilot.pause(0.3)
        assert app.is_running
        assert shown_totals(app, "Samlet")  # "l" switched to Danish; the figures are still up
        await pilot.press("q")
        await pilot.pause()
    assert not app.is_running
    assert (path.read_bytes(), os.stat(path).st_mtime_ns, os.stat(path).st_ino) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "session.json"]
    assert list((tmp_path / "home").rglob("*")) == [downloads]


@run_async
async def test_status_line_tells_when_the_file_goes_missing_and_comes_back(
    tmp_path, catalogue, interviews
):
    path = tmp_path / "session.json"
    first = demo_session(interviews, groups=GROUPS)
    save_session(first, path)
    app = start_app(path, catalogue)
    async with app.run_test(size=(120, 40)) as pilot:
        shown = shown_totals(app)
        path.unlink()
        status = app.query_one("LiveStatus")
        await wait_for(pilot, lambda: "missing" in widget_text(status))
        assert "showing the last saved state" in widget_text(status)
        assert shown_totals(app) == shown  # the figures stay up while the file is away
        second = growing_session(interviews, 3)
        save_session(second, path)
        await wait_for(pilot, lambda: shown_totals(app) == expected_totals(interviews, second))
        assert "Last saved" in widget_text(status) and "missing" not in widget_text(status)


@run_async
async def test_invalid_file_keeps_the_figures_and_says_why(tmp_path, catalogue, interviews):
    path = tmp_path / "session.json"
    save_session(demo_session(interviews, groups=GROUPS), path)
    app = start_app(path, catalogue)
    async with app.run_test(size=(120, 40)) as pilot:
        shown = shown_totals(app)
        path.write_text('{"schema_version": 1, "process_id": "jobsamtaler", ')
        status = app.query_one("LiveStatus")
        await wait_for(pilot, lambda: "cannot be used" in widget_text(status))
        assert "not valid JSON" in widget_text(status)
        assert shown_totals(app) == shown


@run_async
async def test_estimates_so_far_and_the_latest_change_are_shown(tmp_path, catalogue, interviews):
    path = tmp_path / "session.json"
    first_id, second_id = interviews.activity_ids[:2]
    session = demo_session(interviews, groups=GROUPS).model_copy(
        update={
            "activities": {
                first_id: ActivityEntry(estimates={"taet_paa": Estimate(low=0.5, high=1)}),
            }
        }
    )
    save_session(session, path)
    app = start_app(path, catalogue)
    async with app.run_test(size=(100, 50)) as pilot:
        estimates = app.query_one("LiveEstimates")
        text = widget_text(estimates)
        first_name = interviews.subprocesses[0].activities[0].name.en
        second_name = interviews.subprocesses[0].activities[1].name.en
        assert first_name in text and "0.5–1" in text
        assert second_name not in text  # nothing entered for it yet
        assert shown_totals(app) == ("0.5–1.0", "–")  # no figure yet for the far group
        session.activities[second_id] = ActivityEntry(
            estimates={"langt_fra": Estimate(low=0.25, high=0.75, staff=2)}
        )
        session.activities[first_id] = session.activities[first_id].model_copy(
            update={"not_applicable": True}
        )
        save_session(session, path)
        await wait_for(pilot, lambda: second_name in widget_text(estimates))
        lines = widget_text(estimates).splitlines()
        second_line = next(line for line in lines if second_name in line)
        assert "▶" in second_line and "0.5–1.5" in second_line  # staff x2, marked as new
        first_line = next(line for line in lines if first_name in line)
        assert "n/a" in first_line


@run_async
async def test_language_switches_to_danish_with_decimal_commas(tmp_path, catalogue, interviews):
    path = tmp_path / "session.json"
    session = save_session(demo_session(interviews, groups=GROUPS), path)
    app = start_app(path, catalogue)
    async with app.run_test(size=(120, 40)) as pilot:
        english = expected_totals(interviews, session)
        assert shown_totals(app) == english
        await pilot.press("l")
        await pilot.pause()
        text = screen_text(app)
        assert "Udfyldt: 16 af 16 skøn (100 %)" in text
        assert "Senest gemt" in text and "English" in text
        assert shown_totals(app, "Samlet") == tuple(s.replace(".", ",") for s in english)


@run_async
async def test_text_typed_in_the_room_is_shown_as_typed_never_as_markup(
    tmp_path, catalogue, interviews
):
    path = tmp_path / "session.json"
    hostile = "[@click=app.quit]Kommune[/] [bold]x"
    session = demo_session(interviews, groups=GROUPS).model_copy(
        update={
            "municipality": hostile,
            "local_activities": [LocalActivity(id="local_a", subprocess=1, name="[red]Ekstra[/]")],
            "activities": {
                "local_a": ActivityEntry(estimates={"taet_paa": Estimate(low=1, high=2)})
            },
        }
    )
    save_session(session, path)
    app = start_app(path, catalogue)
    async with app.run_test(size=(140, 40)) as pilot:
        text = screen_text(app)
        assert hostile in text
        assert "[red]Ekstra[/]" in text and "added in the room" in text
        await pilot.click("LiveHeader", offset=(2, 0))
        await pilot.pause()
        assert app.is_running


@run_async
async def test_three_groups_fit_an_80_column_terminal(tmp_path, catalogue):
    process = catalogue.get("rehabiliteringsteam")
    path = tmp_path / "session.json"
    session = save_session(demo_session(process), path)
    app = start_app(path, catalogue)
    async with app.run_test(size=(80, 24)):
        totals = app.query_one("LiveTotals")
        assert shown_totals(app) == expected_totals(process, session)
        assert len(shown_totals(app)) == len(session.groups) == 3
        assert all(
            len(line.rstrip()) <= totals.size.width for line in widget_text(totals).splitlines()
        )


@run_async
async def test_wide_terminal_puts_estimates_beside_totals(tmp_path, catalogue, interviews):
    path = tmp_path / "session.json"
    save_session(demo_session(interviews, groups=GROUPS), path)
    app = start_app(path, catalogue)
    async with app.run_test(size=(180, 40)) as pilot:
        await pilot.pause()
        totals, estimates = app.query_one("#totals-pane"), app.query_one("#estimates-pane")
        assert totals.region.y == estimates.region.y and estimates.region.x > totals.region.x
        assert "●" in widget_text(app.query_one("LiveTotals"))


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "file not found"),
        ("{ not json", "not valid JSON"),
    ],
)
def test_watch_refuses_a_missing_or_broken_file_with_exit_2(tmp_path, capsys, content, message):
    path = tmp_path / "session.json"
    if content is not None:
        path.write_text(content)
    assert main(["watch", str(path), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    # The panel wraps long paths; compare without the frame and the line breaks.
    flat = re.sub(r"[\s│╭╮╰╯─]", "", err)
    assert re.sub(r"\s", "", message) in flat and str(path).replace(" ", "") in flat
