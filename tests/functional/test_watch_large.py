"""`watch` of a very large valid session: its first frame comes, it lists what a room can
read, and it follows a save like any other session."""

import json

from textual.geometry import Region

from tests.functional.helpers import run_async
from tests.waiting import wait_for_async
from workshop_tui.core.demo import demo_session
from workshop_tui.core.session.storage import atomic_write_text, session_json
from workshop_tui.core.session.watcher import SessionWatcher, catalogue_check
from workshop_tui.tui.live.totals import MAX_ESTIMATE_ROWS
from workshop_tui.tui.live.watch_app import WatchApp

ADDED = 100_000  # activities added in the room, every other one estimated


def large_session_data(process) -> dict:
    """A valid session with ADDED local activities, as a dict to write as JSON."""
    data = json.loads(session_json(demo_session(process, "Søby Kommune (fiktiv)")))
    numbers = [sub.number for sub in process.subprocesses]
    group = data["groups"][0]
    for index in range(ADDED):
        activity_id = f"local_{index}"
        number = numbers[index % len(numbers)]
        data["local_activities"].append(
            {"id": activity_id, "subprocess": number, "name": f"A{index}"}
        )
        if index % 2 == 0:
            data["activities"][activity_id] = {"estimates": {group: {"low": 1, "high": 2}}}
    return data


def write(path, data: dict) -> None:
    # compact, as any program may write it: 100,000 activities stay within the size limit
    atomic_write_text(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")))


def widget_text(widget) -> str:
    width, height = widget.size
    return "\n".join(strip.text for strip in widget.render_lines(Region(0, 0, width, height)))


@run_async
async def test_a_large_session_shows_its_first_frame_and_follows_a_change(tmp_path, catalogue):
    process = catalogue.get("rehabiliteringsteam")
    data = large_session_data(process)
    path = tmp_path / "large.json"
    write(path, data)
    watcher = SessionWatcher(path, catalogue_check(catalogue))
    watcher.load_first()
    app = WatchApp(watcher, catalogue, "en")
    async with app.run_test(size=(120, 40)) as pilot:
        status, estimates = app.query_one("LiveStatus"), app.query_one("LiveEstimates")
        await wait_for_async(
            lambda: "following large.json" in widget_text(status),
            "the first frame's status line",
            pause=lambda: pilot.pause(0.05),
        )
        listed = widget_text(estimates)
        estimated = sum(1 for entry in data["activities"].values() if entry["estimates"])
        left_out = estimated - MAX_ESTIMATE_ROWS
        assert f"… and {left_out:,} more activities with estimates, not listed here" in listed
        assert "A0 (added in the room)" in listed  # the first added ones are listed

        first = process.subprocesses[0].activities[0]
        group = data["groups"][0]
        data["activities"][first.id]["estimates"][group].update(low=7.0, high=9.0)
        write(path, data)

        def changed_line() -> str:
            return next(
                (line for line in widget_text(estimates).splitlines() if first.name.en in line), ""
            )

        await wait_for_async(
            lambda: "7–9" in changed_line(), "the save to show", pause=lambda: pilot.pause(0.05)
        )
        assert "▶" in changed_line()  # pointed out as the latest change
        assert watcher.reads == 2  # read once at the start and once for the save
