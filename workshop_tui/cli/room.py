"""`workshop-tui room SESSION.json`: the participants' room without the app.

The same server the app starts for the facilitator (web/room_server.py), in the
foreground: it prints the address and the code, and runs until Ctrl+C.
"""

from __future__ import annotations

import argparse
import signal
import threading
from pathlib import Path
from types import FrameType

from rich.console import Console
from rich.panel import Panel
from rich.text import Text

from workshop_tui.core.errors import WorkshopError
from workshop_tui.core.i18n import N_, t
from workshop_tui.core.limits import MAX_PARTICIPANTS
from workshop_tui.core.text import printable
from workshop_tui.web.network import is_loopback
from workshop_tui.web.room_server import RoomServer


def run(args: argparse.Namespace) -> int:
    """Start the room, say where it is, and serve it until Ctrl+C (or SIGTERM)."""
    lang = args.lang
    if not 0 <= args.port < 65536:
        raise WorkshopError(
            N_("Invalid port"),
            detail=t("--port must be between 1 and 65535, got {port}", lang, port=args.port),
        )
    max_participants = args.max_participants
    if not 1 <= max_participants <= MAX_PARTICIPANTS:
        raise WorkshopError(
            N_("Invalid --max-participants"),
            detail=t(
                "--max-participants must be between 1 and {limit}, got {count}",
                lang,
                limit=MAX_PARTICIPANTS,
                count=max_participants,
            ),
        )
    server = RoomServer(
        Path(args.file),
        host=args.host,
        port=args.port,
        code=args.code,
        max_participants=max_participants,
        lang=lang,
        process_dirs=args.processes,
    )
    stopping = threading.Event()

    def stop(signal_number: int, frame: FrameType | None) -> None:
        stopping.set()

    # before the port opens: a SIGTERM once it is open always closes it cleanly
    previous = signal.signal(signal.SIGTERM, stop)
    try:
        server.start()
        print_banner(server, args.host, lang)
        while not stopping.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.stop()
    return 0


def print_banner(server: RoomServer, host: str, lang: str) -> None:
    text = Text()
    text.append(t("Participants open:", lang) + " ")
    text.append(printable(server.address), style="bold cyan")
    text.append("\n" + t("Room code:", lang) + " ")
    text.append(printable(server.code), style="bold")
    text.append("\n" + t("Room file:", lang) + f" {printable(str(server.room_file))}\n\n")
    if is_loopback(host):
        text.append(
            t(
                "Only this computer can open it (bound to {host}). To let the "
                "participants' phones in, start with --host 0.0.0.0.",
                lang,
                host=host,
            )
        )
    else:
        text.append(
            t(
                "Plain HTTP: anyone on this network who has the code can join. "
                "Give the code only to the room.",
                lang,
            ),
            style="yellow",
        )
    text.append("\n" + t("Press Ctrl+C to stop.", lang), style="dim")
    console = Console()
    console.print(Panel(text, title=t("The participants' room is open", lang), expand=False))
    if not is_loopback(host):  # phones scan the address rather than type it
        from workshop_tui.tui.widgets.qr_code import QR_STYLE, qr_lines

        console.print(Text("\n".join(qr_lines(server.address)), style=QR_STYLE, no_wrap=True))
