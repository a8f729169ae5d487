"""What the room says is what lands: ranges typed group after group, and hours said aloud."""

import pytest

from tests.functional.helpers import CATALOGUE, app_for, run_async, saved, type_text

REHAB = CATALOGUE.get("rehabiliteringsteam")


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@run_async
async def test_a_range_in_every_group_goes_on_to_the_next_activity(rehab, size):
    """`1-2⏎` in each of three groups fills activity 1 and then lands on activity 2."""
    first, second = REHAB.subprocesses[0].activities[:2]
    groups = [group.id for group in REHAB.groups]
    app = app_for(rehab)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for _ in groups:
            await type_text(pilot, "1-2")
            await pilot.press("enter")
        await type_text(pilot, "3")  # the room's next figure
        await pilot.press("enter")
        await pilot.pause()
    session = saved(rehab)
    assert [
        (session.estimate(first.id, g).low, session.estimate(first.id, g).high) for g in groups
    ] == [(1, 2)] * 3
    assert session.estimate(second.id, groups[0]).low == 3


@pytest.mark.parametrize(
    "said, low",
    [
        ("et kvarter", 0.25),
        ("en halv time", 0.5),
        ("tre kvarter", 0.75),
        ("halvanden time", 1.5),
        ("3/4 t", 0.75),
        ("2 timer og et kvarter", 2.25),
        ("ca. 2", 2.0),
    ],
)
@run_async
async def test_hours_said_aloud_are_saved_as_figures(rehab, said, low):
    first = REHAB.subprocesses[0].activities[0]
    app = app_for(rehab)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await type_text(pilot, said)
        await pilot.press("enter")
        await pilot.pause()
    assert saved(rehab).estimate(first.id, REHAB.groups[0].id).low == pytest.approx(low)


@run_async
async def test_a_spoken_range_fills_low_and_high(rehab):
    first = REHAB.subprocesses[0].activities[0]
    group = REHAB.groups[0].id
    app = app_for(rehab)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await type_text(pilot, "½-1")
        await pilot.press("enter")
        await pilot.pause()
    estimate = saved(rehab).estimate(first.id, group)
    assert (estimate.low, estimate.high) == (0.5, 1.0)
