"""Every functional test keeps the app's remembered preferences in its own folder."""

import pytest


@pytest.fixture(autouse=True)
def preferences_folder(tmp_path_factory, monkeypatch):
    """Language and theme switches in a test never touch the user's configuration."""
    monkeypatch.setenv("WORKSHOP_TUI_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))
