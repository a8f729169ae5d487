"""textual-serve's web server, locked down to the room and cleaned up after.

This is the one module that reaches into textual-serve's internals
(`AppService._open_app_process`, `AppService._process`, `AppService._task`);
each use says why. textual-serve is pinned exactly in pyproject.toml for that
reason, and tests/functional/test_serve*.py drive a real browser and real
clients through it, so an upgrade that changes them fails there first.

What it adds to textual-serve (docs/security.md says why):
- a request whose Host or Origin is not an address of this server gets 403;
- a browser's terminal size is kept within TERMINAL_COLUMNS x TERMINAL_ROWS;
- at most `max_views` browsers watch at once; the next one is told so;
- every view process ends when its browser goes, however it goes, and on Ctrl+C
  within QUIT_GRACE + KILL_GRACE seconds;
- no directory listing under /static/, no /download/ route, no framing;
- nothing a browser or a session file sends reaches this terminal unescaped.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import json
import logging
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import WSCloseCode, WSMsgType, web
from aiohttp.web_runner import GracefulExit
from textual_serve.app_service import AppService
from textual_serve.server import Server

from workshop_tui.core.i18n import N_, nt, t
from workshop_tui.tui.live.gate import (
    MessageBudget,
    PrintableFormatter,
    PrintableStream,
    printable_lines,
    terminal_size,
)
from workshop_tui.web.gate import Gate

DEFAULT_MAX_VIEWS = 40
# Seconds a view gets to quit when told to, then to die after SIGTERM, before SIGKILL.
# The view is read-only, so killing it loses nothing; together they bound Ctrl+C.
QUIT_GRACE = 1.0
KILL_GRACE = 0.5
# Keys and resizes are a few bytes; textual-serve's default allows 4 MB per message.
MAX_BROWSER_MESSAGE = 64 * 1024

# Keys, resizes and pings a browser may send per second, and at once: a person types
# a few keys a second; 10,000 messages in 0.1 s kept a view at 70 % CPU for minutes.
# Messages beyond the budget are dropped, not queued.
BROWSER_MESSAGES_PER_SECOND = 50
BROWSER_MESSAGE_BURST = 200
PAGE_FOLDER = Path(__file__).resolve().parent / "page"
PAGE_FILES = {"live.css": "text/css", "live.js": "text/javascript"}
# textual-serve's script and xterm.js write <style> elements of their own (the terminal's
# size and colours), so styles may be inline; scripts, fonts, images and connections
# come only from this server.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; "
    "base-uri 'none'; form-action 'self'"
)

log = logging.getLogger("workshop_tui.serve")


BAD_HEADERS = {
    "host": N_("Host {value} is not an address of this server"),
    "origin": N_("Origin {value} is not a page of this server"),
}
"""Why a request was refused, by the header that named a stranger."""


def both_languages(message: str, **values: Any) -> list[str]:
    """A message for a browser: we don't know who sits there, so Danish, then English."""
    return [t(message, "da", **values), t(message, "en", **values)]


def full_in_both_languages(views: int) -> list[str]:
    """Why a browser is turned away when `views` browsers watch already: Danish, then English."""
    return [
        nt(
            "This live view is full: {count} browser is watching already, "
            "the most this server allows. Close a view you no longer need, "
            "or ask the facilitator to start serve with a higher --max-views.",
            "This live view is full: {count} browsers are watching already, "
            "the most this server allows. Close a view you no longer need, "
            "or ask the facilitator to start serve with a higher --max-views.",
            views,
            lang,
            count=views,
        )
        for lang in ("da", "en")
    ]


class ViewService(AppService):
    """textual-serve's AppService, with every view process it starts known to the server."""

    def __init__(self, *args: Any, processes: set[asyncio.subprocess.Process], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.processes = processes

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Any:
        # Private in textual-serve: the one place the view process is created. Overridden
        # so the server can end it whatever happens to this service, and to escape its stderr.
        process = await super()._open_app_process(width, height)
        self.processes.add(process)
        if process.stderr is not None:
            process.stderr = PrintableStream(process.stderr)
        return process


async def end_view(service: ViewService, grace: float = QUIT_GRACE) -> None:
    """Tell a view to quit; if it has not within `grace` seconds, end its process.

    textual-serve's `stop()` raises when the browser is already gone (it awaits
    the task that was writing to that browser) and may wait forever on a browser
    that stopped reading; the process must end either way.
    """
    with contextlib.suppress(Exception):  # TimeoutError, or the browser's broken connection
        await asyncio.wait_for(service.stop(), grace)
    # Private in textual-serve: the task copying the view's output to the browser. Left
    # running, it would keep a dead browser's view blocked on a full pipe.
    reader = service._task
    if reader is not None and not reader.done():
        reader.cancel()
    # Private in textual-serve: the view's process, which it never waits for.
    await end_process(service._process)
    service.processes.discard(service._process)


async def end_process(process: asyncio.subprocess.Process | None) -> None:
    """Waits briefly for a view process to end, then terminates it, then kills it."""
    if process is None or process.returncode is not None:
        return
    for stop in (process.terminate, process.kill):
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(process.wait(), KILL_GRACE)
            return
        with contextlib.suppress(ProcessLookupError):
            stop()
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(process.wait(), KILL_GRACE)


def build_server(
    command: str,
    host: str,
    port: int,
    title: str,
    url: str,
    banner: Callable[[], None],
    gate: Gate,
    max_views: int = DEFAULT_MAX_VIEWS,
    lang: str = "en",
) -> LiveServer:
    return LiveServer(command, host, port, title, url, banner, gate, max_views, lang)


class LiveServer(Server):
    """textual-serve's Server with our routes, checks, logging and shutdown.

    Only `serve()` and `initialize_logging()` of textual-serve's public methods are
    replaced; the app is built here rather than in its private `_make_app`.
    """

    def __init__(
        self,
        command: str,
        host: str,
        port: int,
        title: str,
        url: str,
        banner: Callable[[], None],
        gate: Gate,
        max_views: int,
        lang: str,
    ) -> None:
        super().__init__(
            command, host=host, port=port, title=printable_lines(title), public_url=url
        )
        self.banner = banner
        self.gate = gate
        self.max_views = max_views
        self.lang = lang
        # the task handling each open view's websocket -> its service
        self.views: dict[asyncio.Task[Any], ViewService] = {}
        # every view process started and not yet seen to end
        self.processes: set[asyncio.subprocess.Process] = set()
        self.exiting = False

    # -- running ---------------------------------------------------------------

    def serve(self, debug: bool = False) -> None:
        """As textual-serve's, without its access log, and with a shutdown of bounded length."""
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        for signal_number in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError):
                loop.add_signal_handler(signal_number, self.request_exit)
        web.run_app(
            self.make_app(),
            host=self.host,
            port=self.port,
            handle_signals=False,
            loop=loop,
            print=None,
            access_log=None,  # it would print what browsers send (User-Agent, paths) unescaped
            shutdown_timeout=KILL_GRACE,  # what is left once on_shutdown has ended the views
        )

    def request_exit(self) -> None:
        # A second Ctrl+C must not interrupt the shutdown that is ending the views.
        if not self.exiting:
            self.exiting = True
            raise GracefulExit()

    def initialize_logging(self) -> None:
        """One line per event, escaped: no rich tracebacks with locals of what a client sent."""
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(PrintableFormatter("%(message)s"))
        for name in ("workshop_tui.serve", "textual-serve", "aiohttp"):
            logger = logging.getLogger(name)
            logger.handlers = [handler]
            logger.setLevel(logging.INFO)
            logger.propagate = False

    def make_app(self) -> web.Application:
        """textual-serve's routes, less the directory listing and the download route.

        The view never sends a file, so /download/ has nothing to serve.
        """
        app = web.Application(middlewares=[self.refuse_strangers])
        # our copy of textual-serve's page: no Google font, no inline script (see page/)
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(PAGE_FOLDER))
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/static/live/{name}", self.handle_page_file),
                web.get("/ws", self.handle_websocket, name="websocket"),
                web.static("/static", self.statics_path, show_index=False, name="static"),
            ]
        )
        app.on_response_prepare.append(add_safety_headers)
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    async def on_startup(self, app: web.Application) -> None:
        self.banner()  # instead of textual-serve's logo and its long command line

    # -- requests ----------------------------------------------------------------

    @web.middleware
    async def refuse_strangers(self, request: web.Request, handler: Any) -> web.StreamResponse:
        """403 unless Host and Origin name this server (see Gate)."""
        refused = self.gate.refusal(request.headers.get("Host"), request.headers.get("Origin"))
        if refused is None:
            response: web.StreamResponse = await handler(request)
            return response
        header, value = refused
        reason = t(BAD_HEADERS[header], self.lang, value=printable_lines(repr(value)))
        log.warning(
            t(
                "Refused {method} {path} from {peer}: {reason}",
                self.lang,
                method=request.method,
                path=request.path,
                peer=request.remote,
                reason=reason,
            )
        )
        return web.Response(
            status=403,
            text="\n".join(
                both_languages(
                    N_(
                        "Refused: this server only answers its own pages at its own "
                        "address. Open the address the facilitator gave you."
                    )
                )
            )
            + "\n",
        )

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        if len(self.views) >= self.max_views:
            self.log_full(request)
            return web.Response(status=503, content_type="text/html", text=self.full_page())
        response: web.StreamResponse = await super().handle_index(request)
        return response

    async def handle_page_file(self, request: web.Request) -> web.StreamResponse:
        """The page's own style and script (page/live.css, page/live.js); nothing else."""
        name = request.match_info["name"]
        if name not in PAGE_FILES:
            raise web.HTTPNotFound()
        return web.FileResponse(PAGE_FOLDER / name, headers={"Content-Type": PAGE_FILES[name]})

    def full_page(self) -> str:
        da, en = (html.escape(text) for text in full_in_both_languages(self.max_views))
        return (
            '<!DOCTYPE html>\n<html lang="da"><head><meta charset="utf-8">'
            f"<title>{html.escape(self.title)}</title></head>\n"
            f'<body><p>{da}</p>\n<p lang="en">{en}</p></body></html>\n'
        )

    def log_full(self, request: web.Request) -> None:
        log.warning(
            nt(
                "Turned a browser away ({peer}): {count} view is open, the "
                "most --max-views allows.",
                "Turned a browser away ({peer}): {count} views are open, the "
                "most --max-views allows.",
                self.max_views,
                self.lang,
                peer=request.remote,
                count=self.max_views,
            )
        )

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """textual-serve's handler, with the size capped, the view counted, and always reaped."""
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=MAX_BROWSER_MESSAGE)
        await websocket.prepare(request)
        if self.exiting:  # between Ctrl+C and the listening socket closing
            await websocket.close(code=WSCloseCode.GOING_AWAY)
            return websocket
        if len(self.views) >= self.max_views:
            self.log_full(request)
            await self.turn_away(websocket)
            return websocket
        width, height = terminal_size(request.query.get("width"), request.query.get("height"))
        service = ViewService(
            self.command,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=websocket.close,
            download_manager=self.download_manager,
            debug=False,
            processes=self.processes,
        )
        task = asyncio.current_task()
        assert task is not None
        self.views[task] = service
        try:
            await service.start(width, height)
            await self.relay_browser_messages(websocket, service)
        except Exception as error:  # one browser's failure must not stop the others
            log.warning(f"{type(error).__name__}: {error}")
        finally:
            # on Ctrl+C every view gets half the time: the room is leaving anyway
            await end_view(service, QUIT_GRACE / 2 if self.exiting else QUIT_GRACE)
            self.views.pop(task, None)
            with contextlib.suppress(Exception):
                await asyncio.wait_for(websocket.close(), KILL_GRACE)
        return websocket

    async def turn_away(self, websocket: web.WebSocketResponse) -> None:
        """Shows why in the browser's terminal, then closes with 1013 (try again later)."""
        lines = full_in_both_languages(self.max_views)
        with contextlib.suppress(Exception):
            await websocket.send_bytes(("\r\n\r\n".join(lines) + "\r\n").encode())
            await asyncio.wait_for(
                websocket.close(code=WSCloseCode.TRY_AGAIN_LATER, message=b"full"), KILL_GRACE
            )

    async def relay_browser_messages(
        self, websocket: web.WebSocketResponse, service: ViewService
    ) -> None:
        """As textual-serve's `_process_messages`, but a malformed message is ignored
        rather than ending the view, and a resize is capped like the first size."""
        budget = MessageBudget(BROWSER_MESSAGES_PER_SECOND, BROWSER_MESSAGE_BURST)
        async for message in websocket:
            if message.type != WSMsgType.TEXT or not budget.allow():
                continue
            try:
                kind, *rest = json.loads(message.data)
            except (ValueError, TypeError):
                continue
            data = rest[0] if rest else None
            if kind == "stdin" and isinstance(data, str):
                await service.send_bytes(data.encode("utf-8", "replace"))
            elif kind == "resize" and isinstance(data, dict):
                await service.set_terminal_size(
                    *terminal_size(data.get("width"), data.get("height"))
                )
            elif kind == "ping" and isinstance(data, str):
                await websocket.send_json(["pong", data[:64]])
            elif kind == "blur":
                await service.blur()
            elif kind == "focus":
                await service.focus()

    # -- stopping ------------------------------------------------------------------

    async def on_shutdown(self, app: web.Application) -> None:
        """Ends every view, however its browser behaves, within about QUIT_GRACE + KILL_GRACE.

        aiohttp would otherwise wait for each browser to close its websocket.
        Cancelling a handler runs its `finally`, which tells the view to quit and
        kills it if it does not.
        """
        handlers = list(self.views)
        for task in handlers:
            task.cancel()
        if handlers:
            await asyncio.wait(handlers, timeout=QUIT_GRACE + 2 * KILL_GRACE)
        leftovers = [process for process in self.processes if process.returncode is None]
        for process in leftovers:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
        if leftovers:
            await asyncio.wait(
                [asyncio.ensure_future(process.wait()) for process in leftovers],
                timeout=KILL_GRACE,
            )


async def add_safety_headers(request: web.Request, response: web.StreamResponse) -> None:
    """No other site may frame the view (clickjacking) or learn where its visitors came from."""
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
