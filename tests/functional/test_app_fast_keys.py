"""Keys that come faster than the screen draws (a burst over SSH, a fast typist): each
lands in the field it was typed for."""

from tests.functional.helpers import app_for, burst, run_async, saved, settle


@run_async
async def test_staff_and_share_typed_in_a_burst_land_in_their_fields(editor):
    app = app_for(editor)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+f")  # staff and share of the activity under the cursor
        await settle(pilot)
        burst(app, ["6", "tab", "9", "0", "tab", "5", "tab", "8", "0", "ctrl+s"])
        await settle(pilot)
    close = saved(editor).estimate("indkaldelse", "taet_paa")
    far = saved(editor).estimate("indkaldelse", "langt_fra")
    assert (close.staff, close.share) == (6, 0.9)
    assert (far.staff, far.share) == (5, 0.8)
