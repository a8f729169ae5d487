"""The `workshop-tui` command: argument parsing, dispatch and user-facing errors.

Each command's work lives in its own module, imported only when that command
runs, so the app starts without loading pandas or the exporters.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path

from workshop_tui import __version__
from workshop_tui.cli import streams
from workshop_tui.cli.jobs import add_jobs_argument
from workshop_tui.cli.output import show_error
from workshop_tui.core.errors import WorkshopError
from workshop_tui.core.i18n import LANGUAGES, default_language

# numpy serves the merge and the costs with sorts, sums and sampling, never with linear
# algebra: OpenBLAS's pool of threads would only cost its start (half of numpy's import
# CPU time). A value set stays.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def _common() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=argparse.SUPPRESS,
        help="language for text and numbers (default: from the locale, else English)",
    )
    common.add_argument(
        "--processes",
        metavar="DIR",
        type=Path,
        action="append",
        default=argparse.SUPPRESS,
        help="extra folder of process YAML files that add to or replace the bundled ones",
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _common()
    parser = argparse.ArgumentParser(
        prog="workshop-tui",
        parents=[common],
        description="Record and merge time estimates of job-centre key processes. "
        "All hours are staff hours per citizen who receives the intervention.",
    )
    parser.add_argument("--version", action="version", version=f"workshop-tui {__version__}")
    parser.add_argument(
        "--dir",
        type=Path,
        default=argparse.SUPPRESS,
        help="folder for session files (default: exports/)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, parents=[common], help=help_text, description=help_text)

    sub = command("processes", "list the process catalogue")
    sub.add_argument("--format", choices=("table", "json"), default="table")

    sub = command("reference", "print a process's published national reference figures")
    sub.add_argument("process_id", metavar="PROCESS_ID")
    sub.add_argument("--format", choices=("table", "csv"), default="table")

    sub = command("validate", "check process (.yaml) and session (.json) files")
    sub.add_argument("files", nargs="+", type=Path, metavar="FILE")

    sub = command("schema", "print the JSON Schema of a file format")
    sub.add_argument("kind", choices=("process", "session", "costing"))

    sub = command("open", "resume a workshop session file in the app")
    sub.add_argument("file", type=Path, metavar="FILE")

    sub = command("demo", "open a fictitious, filled-in workshop in a temporary folder")

    sub = command("export", "write a session as CSV, XLSX or JSON")
    sub.add_argument("session", type=Path, metavar="SESSION")
    sub.add_argument("--format", choices=("csv", "xlsx", "json"), default="csv")
    sub.add_argument("--out", type=Path, metavar="PATH", help="file or folder to write")

    sub = command("merge", "merge many workshop exports into process tables")
    sub.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    sub.add_argument("--out", type=Path, metavar="FILE")
    sub.add_argument("--format", choices=("table", "csv", "xlsx", "json", "md"), default="table")
    sub.add_argument("--anonymise", action="store_true", help="replace municipality names")
    sub.add_argument("--strict", action="store_true", help="exclude outliers, not only flag them")
    sub.add_argument(
        "--include-incomplete", action="store_true", help="count totals with unestimated levels"
    )
    sub.add_argument(
        "--table",
        choices=("levels", "overview", "workshops", "screening", "convergence", "actual_time"),
        default="levels",
        help="the table --format csv prints",
    )
    add_jobs_argument(sub)

    # cost and report: their options are defined beside their code
    from workshop_tui.cli.cost_args import add_cost_parser, add_report_parser

    add_cost_parser(command("cost", "turn merged hours into DKK, FTE and yearly totals"))
    add_report_parser(command("report", "write a municipality's benchlearning report as HTML"))

    sub = command("watch", "follow a session's totals live, read-only")
    sub.add_argument("file", type=Path, metavar="SESSION_FILE")

    sub = command("serve", "serve the read-only live view to web browsers")
    sub.add_argument("file", type=Path, metavar="SESSION_FILE")
    sub.add_argument("--host", default="127.0.0.1")
    sub.add_argument("--port", type=int, default=8000)
    sub.add_argument("--public-url", default=None, help="URL browsers use to reach the server")
    sub.add_argument(
        "--max-views",
        type=int,
        default=None,
        metavar="N",
        help="most browsers at once (default 40)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command `argv` names; its exit code."""
    args = build_parser().parse_args(argv)
    args.lang_given = getattr(args, "lang", None) is not None  # else the app's remembered one
    args.lang = getattr(args, "lang", None) or default_language()
    args.processes = getattr(args, "processes", [])
    args.dir = getattr(args, "dir", None)
    try:
        return _dispatch(args) or 0
    except WorkshopError as error:
        show_error(error)
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
