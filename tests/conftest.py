"""What every test shares: a home of its own, a known language, and the bundled catalogue.

The app reads the user's preferences (platformdirs' configuration folder) and the
language of the locale. A test that read the real ones would pass or fail by what
the person running it has set up (`lang: da` in ~/.config/workshop-tui once made a
refusal come out in Danish). So, before anything is imported or collected, every
folder the app or its libraries could read or write under the user's home points
into a temporary root, and the language variables say English; then each test gets
fresh folders of its own. Subprocesses inherit all of it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# The folders platformdirs (and with it the app) derives from the environment.
HOME_FOLDERS = {
    "XDG_CONFIG_HOME": ".config",
    "XDG_DATA_HOME": ".local/share",
    "XDG_STATE_HOME": ".local/state",
    "XDG_CACHE_HOME": ".cache",
    "XDG_RUNTIME_DIR": "run",
}
# Where the app looks for its language, most specific first; LANGUAGE is gettext's.
LANGUAGE_VARIABLES = ("WORKSHOP_TUI_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
KNOWN_LOCALE = "C.UTF-8"
# Preferences kept elsewhere on request; unset, the app uses platformdirs' folder.
OVERRIDES = ("WORKSHOP_TUI_CONFIG_DIR",)
# Names the run's temporary root to the xdist workers, which inherit the environment.
RUN_ROOT = "WORKSHOP_TUI_TEST_RUN_ROOT"
SESSION_ROOT = pytest.StashKey[Path]()

# A machine busy with other work must not fail a property test on its clock.
settings.register_profile(
    "suite", deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.load_profile("suite")


def make_home(root: Path) -> dict[str, str]:
    """A home folder under `root` with every XDG folder in it -> the variables naming them."""
    root.mkdir(parents=True, exist_ok=True)
    variables = {"HOME": str(root), "USERPROFILE": str(root)}
    for variable, relative in HOME_FOLDERS.items():
        folder = root / relative
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        variables[variable] = str(folder)
    return variables


def known_language() -> dict[str, str | None]:
    """English through the locale, with no variable naming another language."""
    variables: dict[str, str | None] = {name: None for name in LANGUAGE_VARIABLES}
    variables.update({name: None for name in os.environ if name.startswith("LC_")})
    variables["LANG"] = KNOWN_LOCALE
    return variables


def apply(variables: dict[str, str | None]) -> None:
    for name, value in variables.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


def pytest_configure(config: pytest.Config) -> None:
    """The whole session away from the real home, from before collection (code run when a
    test module is imported sees it too), in the main process and in each xdist worker."""
    root = Path(tempfile.mkdtemp(prefix="workshop-tui-tests-"))
    config.stash[SESSION_ROOT] = root
    run_root = Path(os.environ.setdefault(RUN_ROOT, str(root)))
    apply({name: None for name in OVERRIDES})
    apply({**make_home(root / "home"), **known_language()})
    # matplotlib keeps its font list here: built once per run, shared by the workers
    os.environ["MPLCONFIGDIR"] = str(run_root / "matplotlib")


def pytest_unconfigure(config: pytest.Config) -> None:
    root = config.stash.get(SESSION_ROOT, None)
    if root is not None:
        shutil.rmtree(root, ignore_errors=True)
    if os.environ.get(RUN_ROOT) == str(root):
        del os.environ[RUN_ROOT]


@pytest.fixture(autouse=True)
def own_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test: a new, empty home and XDG folders, English; a test may set its own."""
    home = tmp_path_factory.mktemp("home")
    for name, value in {**make_home(home), **known_language()}.items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    for name in OVERRIDES:
        monkeypatch.delenv(name, raising=False)
    return home


@pytest.fixture(scope="session")
def catalogue():
    from workshop_tui.core.process.catalogue import load_catalogue

    return load_catalogue()


@pytest.fixture(scope="session")
def interviews(catalogue):
    return catalogue.get("jobsamtaler")
