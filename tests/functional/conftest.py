"""What the app's functional tests share: an empty workshop (each test's own home and
preferences folder come from tests/conftest.py)."""

from datetime import date

import pytest

from tests.functional.helpers import CATALOGUE
from workshop_tui.core.session.editor import SessionEditor


@pytest.fixture
def editor(tmp_path):
    """A new job-interview workshop for two groups, nothing typed yet; its lock let go after."""
    editor = SessionEditor.create(
        CATALOGUE.get("jobsamtaler"),
        tmp_path,
        municipality="Testby",
        workshop_date=date(2024, 3, 1),
        groups=["taet_paa", "langt_fra"],
        lang="en",
    )
    yield editor
    editor.close()


@pytest.fixture
def snap_compare(snap_compare, monkeypatch):
    """pytest-textual-snapshot's snap_compare, with cursors that do not blink.

    A text field's cursor blinks every half second, so a picture taken half a second
    late on a busy machine shows it off; held on, the picture is the same however
    long the screen takes to draw.
    """
    from textual.widgets import Input, TextArea

    def keep_the_cursor_shown(widget) -> None:
        widget._cursor_visible = True

    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", keep_the_cursor_shown)
    monkeypatch.setattr(Input, "_toggle_cursor", keep_the_cursor_shown)
    return snap_compare


@pytest.fixture
def rehab(tmp_path):
    """A new rehabilitation-team workshop with all three of its target groups (the most
    there are), nothing typed yet; its lock let go after."""
    process = CATALOGUE.get("rehabiliteringsteam")
    editor = SessionEditor.create(
        process,
        tmp_path,
        municipality="Testby",
        workshop_date=date(2025, 3, 12),
        groups=[group.id for group in process.groups],
        lang="en",
    )
    yield editor
    editor.close()
