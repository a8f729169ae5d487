"""What the app's functional tests share: preferences kept apart, and an empty workshop."""

from datetime import date

import pytest

from tests.functional.helpers import CATALOGUE
from workshop_tui.core.session.editor import SessionEditor


@pytest.fixture(autouse=True)
def preferences_folder(tmp_path_factory, monkeypatch):
    """Language and theme switches in a test never touch the user's configuration."""
    monkeypatch.setenv("WORKSHOP_TUI_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))


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
