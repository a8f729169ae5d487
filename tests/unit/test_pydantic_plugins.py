"""The program's start spares pydantic's plugin search, and still reads its files.

cli/main.py switches pydantic's plugins off and puts a stand-in for pydantic's
private plugin loader in its place, so `importlib.metadata` (and `email`,
`zipfile`) is not imported at start. Each case runs in a fresh interpreter: the
stand-in acts once, before pydantic builds its first model.
"""

import json
import subprocess
import sys

from tests.waiting import LIMIT

SESSION_CHECK = """
import json, os, sys
import workshop_tui.cli.main
from workshop_tui.core.demo import demo_session
from workshop_tui.core.process.catalogue import load_catalogue
from workshop_tui.core.session.model import Session

process = next(iter(load_catalogue()))
written = demo_session(process, "Vesterlund Kommune (fiktiv)").model_dump_json()
read = Session.model_validate_json(written)
loader = sys.modules["pydantic.plugin._loader"]
print(json.dumps({
    "same": read.model_dump_json() == written,
    "stand_in": loader.__name__ == "pydantic.plugin._loader" and not hasattr(loader, "__file__"),
    "metadata": "importlib.metadata" in sys.modules,
}))
"""


def run_check(environment: dict[str, str]) -> dict[str, bool]:
    done = subprocess.run(
        [sys.executable, "-c", SESSION_CHECK],
        capture_output=True,
        text=True,
        timeout=LIMIT,
        env=environment,
        check=True,
    )
    return json.loads(done.stdout)


def clean_environment() -> dict[str, str]:
    import os

    return {key: value for key, value in os.environ.items() if key != "PYDANTIC_DISABLE_PLUGINS"}


def test_the_program_reads_a_session_without_importing_the_plugin_search():
    result = run_check(clean_environment())
    assert result == {"same": True, "stand_in": True, "metadata": False}


def test_plugins_the_user_leaves_on_are_looked_for_by_pydantic_itself():
    # a value naming one plugin to skip: the others are wanted, so pydantic's loader runs
    result = run_check({**clean_environment(), "PYDANTIC_DISABLE_PLUGINS": "some_plugin"})
    assert result == {"same": True, "stand_in": False, "metadata": True}
