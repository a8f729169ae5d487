"""`workshop-tui serve SESSION_FILE`: the room follows the totals live in a browser.

serve hands the same view to web browsers through textual-serve, which starts one
process of a fixed command per browser. That command is built here from the
checked, absolute session path alone: nothing a browser sends (URL, query,
keys) can change which program runs or what it opens, and the program it runs
cannot write to the session.
"""

from __future__ import annotations

import argparse
import os
import shlex
import socket
import sys
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlsplit

from rich.console import Console
from rich.panel import Panel
from rich.text import Text

from workshop_tui.core.errors import Problem, WorkshopError
from workshop_tui.core.i18n import N_, t
from workshop_tui.core.process.catalogue import load_catalogue
from workshop_tui.core.session.watcher import SessionWatcher, catalogue_check
from workshop_tui.core.text import printable
from workshop_tui.web.gate import Gate
from workshop_tui.web.network import (
    WILDCARD_HOSTS,
    cannot_listen,
    is_loopback,
    network_addresses,
    served_names,
)

# Each view is a process of about 50 MB: more than this many would exhaust a laptop.
MAX_VIEWS_LIMIT = 200


def watch_command_line(path: Path, lang: str, process_dirs: Sequence[Path] = ()) -> str:
    """The shell command textual-serve runs for each browser: the read-only view of `path`.

    textual-serve runs it through a shell, so every part is quoted: a path with
    spaces or quotes stays one argument and can never become a second command.
    On POSIX `exec` lets the view replace that shell: one process per browser.
    """
    parts = [
        sys.executable,
        "-m",
        "workshop_tui",
        "watch",
        str(Path(path).resolve()),
        "--lang",
        lang,
    ]
    for folder in process_dirs:
        parts += ["--processes", str(Path(folder).resolve())]
    return ("exec " if os.name == "posix" else "") + shlex.join(parts)


def public_url(host: str, port: int, given: str | None, lang: str = "en") -> str:
    """The address browsers use; the page's scripts and websocket are built from it.

    textual-serve's default is http://HOST:PORT, which is right for a named or
    numeric address but useless for a wildcard bind (0.0.0.0 is not a place a
    browser can go): there it takes this machine's own network address.
    """
    if given:
        parts = urlsplit(given.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise WorkshopError(
                N_("Invalid --public-url"),
                detail=t(
                    "--public-url must look like http://HOST:PORT or https://HOST, got '{url}'",
                    lang,
                    url=given,
                ),
            )
        return given.strip().rstrip("/")
    if host in WILDCARD_HOSTS:
        addresses = network_addresses()
        if not addresses:
            raise WorkshopError(
                N_("No network address"),
                detail=t(
                    "Could not find an address of this computer that other machines "
                    "can reach. Pass the address participants should open with "
                    "--public-url http://ADDRESS:{port}",
                    lang,
                    port=port,
                ),
            )
        host = addresses[0]
    netloc = f"[{host}]" if ":" in host else host
    return f"http://{netloc}" if port == 80 else f"http://{netloc}:{port}"


def check_port_free(host: str, port: int, lang: str) -> None:
    """A clear message now rather than a traceback from the web server later."""
    if not 0 < port < 65536:
        raise WorkshopError(
            N_("Invalid port"),
            detail=t("--port must be between 1 and 65535, got {port}", lang, port=port),
        )
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as trial:
            trial.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            trial.bind((host, port))
    except (OSError, OverflowError) as error:
        raise cannot_listen(host, port, error, lang) from None


def run(args: argparse.Namespace) -> int:
    """Check the session file and its process first, then serve its live view."""
    path = Path(args.file).expanduser().resolve()
    catalogue = load_catalogue(args.processes, args.lang)
    session = SessionWatcher(path, catalogue_check(catalogue)).load_first()
    lang = args.lang
    url = public_url(args.host, args.port, args.public_url, lang)
    check_port_free(args.host, args.port, lang)

    from workshop_tui.tui.live.serve import DEFAULT_MAX_VIEWS, build_server

    given = getattr(args, "max_views", None)
    max_views = check_max_views(DEFAULT_MAX_VIEWS if given is None else given, lang)
    process = catalogue.get(session.process_id)
    title = t(
        "{municipality} · {process} (read-only live view)",
        lang,
        municipality=session.municipality,
        process=process.name.in_lang(lang),
    )
    command = watch_command_line(path, lang, args.processes)
    server = build_server(
        command,
        args.host,
        args.port,
        title,
        url,
        banner=lambda: print_banner(path, url, args.host, lang),
        gate=Gate.for_server(served_names(args.host), args.port, url),
        max_views=max_views,
        lang=lang,
    )
    try:
        server.serve()
    except OSError as error:
        raise WorkshopError(N_("Cannot start the server"), [Problem(path, str(error))]) from None
    return 0


def check_max_views(count: int, lang: str) -> int:
    if not 1 <= count <= MAX_VIEWS_LIMIT:
        raise WorkshopError(
            N_("Invalid --max-views"),
            detail=t(
                "--max-views must be between 1 and {limit}, got {count}",
                lang,
                limit=MAX_VIEWS_LIMIT,
                count=count,
            ),
        )
    return count


def print_banner(path: Path, url: str, host: str, lang: str) -> None:
    # a file name may hold escape codes: they are shown, not obeyed
    text = Text()
    text.append(t("Open in a browser:", lang) + " ")
    text.append(printable(url) + "/", style="bold cyan")
    text.append("\n" + t("Session file:", lang) + f" {printable(str(path))}\n\n")
    if is_loopback(host):
        text.append(
            t(
                "Only this computer can open it (bound to {host}). To let "
                "participants' laptops in, start with --host 0.0.0.0 (see the "
                "docs, the participants' guide).",
                lang,
                host=host,
            )
        )
    else:
        text.append(
            t(
                "Anyone who can reach this address on the network can watch the "
                "totals: there is no password. The view is read-only; it cannot "
                "change the session.",
                lang,
            ),
            style="yellow",
        )
        others = [a for a in network_addresses() if a not in url]
        if host in WILDCARD_HOSTS and others:
            text.append(
                "\n"
                + t(
                    "Other addresses of this computer: {addresses}",
                    lang,
                    addresses=", ".join(others),
                )
            )
    text.append("\n" + t("Press Ctrl+C to stop.", lang), style="dim")
    Console().print(Panel(text, title=t("Live view served", lang), expand=False))
