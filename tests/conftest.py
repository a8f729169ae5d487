"""Shared fixtures: the bundled catalogue, loaded once."""

import pytest

from workshop_tui.core.process.catalogue import load_catalogue


@pytest.fixture(scope="session")
def catalogue():
    return load_catalogue()


@pytest.fixture(scope="session")
def interviews(catalogue):
    return catalogue.get("jobsamtaler")
