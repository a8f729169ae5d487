"""The room's time zone for tests of the agenda's clock: Denmark's, whatever the machine's."""

import time

import pytest


@pytest.fixture
def copenhagen(monkeypatch):
    """The local clock in Denmark, where summer time starts at 02:00 on the last Sunday of
    March (to 03:00) and ends at 03:00 on the last Sunday of October (back to 02:00)."""
    monkeypatch.setenv("TZ", "Europe/Copenhagen")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()
