"""The `workshop-tui` command: argument parsing, dispatch and user-facing errors.

Each command's work lives in its own module, imported only when that command
runs, so the app starts without loading pandas or the exporters.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import types
from pathlib import Path

from workshop_tui import __version__
from workshop_tui.cli import streams
from workshop_tui.cli.argparse_words import asked_language, speak
from workshop_tui.cli.csv_option import add_csv_dialect_argument
from workshop_tui.cli.jobs import add_jobs_argument
from workshop_tui.cli.output import show_error
from workshop_tui.core.errors import WorkshopError
from workshop_tui.core.i18n import LANGUAGES, N_, default_language, t
from workshop_tui.core.merge.tables import CSV_TABLES
from workshop_tui.web import ROOM_PORT

# numpy serves the merge and the costs with sorts, sums and sampling, never with linear
# algebra: OpenBLAS's pool of threads would only cost its start (half of numpy's import
# CPU time). A value set stays.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
# Speed: pydantic looks for plugins in the entry points of every installed distribution
# when it builds its first model (about 3 ms of `open FILE`'s start, more where many
# packages are installed). This program uses none. A value set stays.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")


def _skip_pydantic_plugin_loader() -> None:
    """Speed: spare the import of `importlib.metadata` when plugins are off.

    pydantic's plugin loader (`pydantic.plugin._loader`, private) imports
    `importlib.metadata`, and with it `email` and `zipfile`, only to look for plugins:
    8-9 ms of `open FILE`'s start, even with the search switched off above. A stand-in
    module answers as the loader does then: no plugins. pydantic is pinned to a minor
    release in pyproject.toml for this; tests/unit/test_pydantic_plugins.py checks
    that the stand-in is the one pydantic asks and that plugins set by name still load.
    """
    if os.environ["PYDANTIC_DISABLE_PLUGINS"] not in ("__all__", "1", "true"):
        return  # some plugins wanted: pydantic's own loader finds them
    stand_in = types.ModuleType("pydantic.plugin._loader")
    stand_in.get_plugins = no_plugins  # type: ignore[attr-defined]
    sys.modules.setdefault(stand_in.__name__, stand_in)


def no_plugins() -> tuple[()]:
    """What pydantic's plugin loader answers when plugins are switched off."""
    return ()


_skip_pydantic_plugin_loader()


def _common(lang: str) -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=argparse.SUPPRESS,
        help=t("language for text and numbers (default: from the locale, else English)", lang),
    )
    common.add_argument(
        "--processes",
        metavar="DIR",
        type=Path,
        action="append",
        default=argparse.SUPPRESS,
        help=t("extra folder of process YAML files that add to or replace the bundled ones", lang),
    )
    return common


def build_parser(lang: str = "en") -> argparse.ArgumentParser:
    """The command line's parser, its help in `lang`."""
    common = _common(lang)
    parser = argparse.ArgumentParser(
        prog="workshop-tui",
        parents=[common],
        description=t(
            "Record and merge time estimates of job-centre key processes. "
            "All hours are staff hours per citizen who receives the intervention.",
            lang,
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"workshop-tui {__version__}",
        help=t("show program's version number and exit", lang),  # argparse's own is not looked up
    )
    parser.add_argument(
        "--dir",
        type=Path,
        default=argparse.SUPPRESS,
        help=t("folder for session files (default: exports/)", lang),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        text = t(help_text, lang)
        return commands.add_parser(name, parents=[common], help=text, description=text)

    sub = command("processes", N_("list the process catalogue"))
    sub.add_argument("--format", choices=("table", "json"), default="table")

    sub = command("reference", N_("print a process's published national reference figures"))
    sub.add_argument("process_id", metavar="PROCESS_ID")
    sub.add_argument("--format", choices=("table", "csv"), default="table")

    sub = command("validate", N_("check process (.yaml) and session (.json) files"))
    sub.add_argument("files", nargs="+", type=Path, metavar="FILE")

    sub = command("schema", N_("print the JSON Schema of a file format"))
    sub.add_argument("kind", choices=("process", "session", "costing"))

    sub = command("open", N_("resume a workshop session file in the app"))
    sub.add_argument("file", type=Path, metavar="FILE")

    sub = command("demo", N_("open a fictitious, filled-in workshop in a temporary folder"))

    sub = command("export", N_("write a session as CSV, XLSX or JSON"))
    sub.add_argument("session", type=Path, metavar="SESSION")
    sub.add_argument("--format", choices=("csv", "xlsx", "json"), default="csv")
    sub.add_argument("--out", type=Path, metavar="PATH", help=t("file or folder to write", lang))
    sub.add_argument(
        "--table",
        choices=("estimates", "participants"),
        default="estimates",
        help=t("the table --format csv writes: the estimates, or each participant's own", lang),
    )
    add_csv_dialect_argument(sub, lang)

    sub = command("merge", N_("merge many workshop exports into process tables"))
    sub.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    sub.add_argument("--out", type=Path, metavar="FILE")
    sub.add_argument("--format", choices=("table", "csv", "xlsx", "json", "md"), default="table")
    sub.add_argument("--anonymise", action="store_true", help=t("replace municipality names", lang))
    sub.add_argument(
        "--strict", action="store_true", help=t("exclude outliers, not only flag them", lang)
    )
    sub.add_argument(
        "--include-incomplete",
        action="store_true",
        help=t("count totals with unestimated levels", lang),
    )
    sub.add_argument(
        "--table",
        choices=CSV_TABLES,
        default="levels",
        help=t("the table --format csv prints", lang),
    )
    add_csv_dialect_argument(sub, lang)
    add_jobs_argument(sub, lang)

    # cost and report: their options are defined beside their code
    from workshop_tui.cli.cost_args import add_cost_parser, add_report_parser

    add_cost_parser(command("cost", N_("turn merged hours into DKK, FTE and yearly totals")), lang)
    add_report_parser(
        command("report", N_("write a municipality's benchlearning report as HTML")), lang
    )

    sub = command("watch", N_("follow a session's totals live, read-only"))
    sub.add_argument("file", type=Path, metavar="SESSION_FILE")

    sub = command("serve", N_("serve the read-only live view to web browsers"))
    sub.add_argument("file", type=Path, metavar="SESSION_FILE")
    sub.add_argument("--host", default="127.0.0.1")
    sub.add_argument("--port", type=int, default=8000)
    sub.add_argument(
        "--public-url", default=None, help=t("URL browsers use to reach the server", lang)
    )
    sub.add_argument(
        "--max-views",
        type=int,
        default=None,
        metavar="N",
        help=t("most browsers at once (default 40)", lang),
    )

    sub = command("room", N_("open the participants' room: their own estimates from their phones"))
    sub.add_argument("file", type=Path, metavar="SESSION_FILE")
    sub.add_argument("--host", default="127.0.0.1")
    sub.add_argument("--port", type=int, default=ROOM_PORT)
    sub.add_argument("--code", default=None, help=t("the room's code (default: random)", lang))
    sub.add_argument(
        "--max-participants",
        type=int,
        default=30,
        metavar="N",
        help=t("most participants who may join (default 30)", lang),
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command `argv` names; its exit code."""
    lang = asked_language(sys.argv[1:] if argv is None else argv)
    speak(lang)
    args = build_parser(lang).parse_args(argv)
    args.lang_given = getattr(args, "lang", None) is not None  # else the app's remembered one
    args.lang = getattr(args, "lang", None) or default_language()
    args.processes = getattr(args, "processes", [])
    args.dir = getattr(args, "dir", None)
    try:
        return _dispatch(args) or 0
    except WorkshopError as error:
        show_error(error, args.lang)
        return 2
    except KeyboardInterrupt:
        return 130


def entry() -> None:
    """The installed command and `python -m workshop_tui`: main(), then the exit.

    Tests call main(), which returns. Output a console cannot encode is escaped, and a
    reader that stops reading (`| head`) ends the command quietly (cli/streams.py).
    """
    streams.escape_what_cannot_be_encoded()
    code: int | str | None
    try:
        try:
            code = main(sys.argv[1:])
        except SystemExit as exiting:  # argparse's --help, --version and usage errors
            code = exiting.code
        sys.stdout.flush()  # a closed pipe shows here, not in Python's flush at exit
    except BrokenPipeError:
        code = streams.closed_pipe()
    sys.exit(code)


def _dispatch(args: argparse.Namespace) -> int | None:
    command = args.command
    if command in (
        "processes",
        "reference",
        "validate",
        "schema",
        "export",
        "merge",
        "cost",
        "report",
        "watch",
        "serve",
        "room",
    ):
        # one module per subcommand, imported only when it runs
        module = importlib.import_module(f"workshop_tui.cli.{command}")
        return int(module.run(args))
    if command in (None, "open", "demo"):
        from workshop_tui.cli.app import run_app

        return run_app(args)
    raise AssertionError(command)


if __name__ == "__main__":
    sys.exit(main())
