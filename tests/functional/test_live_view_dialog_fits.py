"""The live-view dialog (F7) fits 80x24 whole: every sentence in it wrapped, none cut."""

import pytest

from tests.functional.helpers import app_for, run_async, screen_lines, settle
from workshop_tui.core.i18n import t


@pytest.mark.parametrize("lang", ["da", "en"])
@run_async
async def test_every_sentence_of_the_dialog_is_on_screen_at_80x24(editor, lang):
    editor.lang = lang
    app = app_for(editor)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f7")
        await settle(pilot)
        # the dialog's text inside its frame, its lines joined again
        inside = " ".join(
            line.split("█")[1].strip() for line in screen_lines(app) if line.count("█") >= 2
        )
        for key in (
            "Let the room follow the totals",
            "In a second terminal (read-only):",
            "In web browsers on this computer (read-only); it prints the address to open:",
            "For laptops on the meeting-room network add --host 0.0.0.0: "
            "anyone on that network can then see the totals (not change "
            "them).",
        ):
            assert " ".join(t(key, lang).split()) in inside, key
