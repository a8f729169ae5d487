"""The participants' room as an HTTP server: the page, and its JSON API.

The server runs in a daemon thread with its own event loop (the facilitator's
app keeps its own), or in the foreground for `workshop-tui room`. It follows the
session file to know what is asked (it never writes it) and is the one writer
of the room file: each join and each estimate is on disk (save_room: fsync, then
rename) before the participant is told. Started again, it reads the room file
and goes on with the same code and participants.

What a browser may reach: the page, its two static files, and /api/join,
/api/now, /api/estimate. Every request's Host and Origin must name this server
(web/gate.py, as `serve` does); bodies are capped at MAX_REQUEST_BYTES.
docs/room.md says what this does not protect.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
from collections.abc import Awaitable, Callable, Sequence
from importlib.resources import files
from pathlib import Path
from typing import Any

from aiohttp import web

from workshop_tui.core.errors import Problem, WorkshopError
from workshop_tui.core.i18n import N_, t
from workshop_tui.core.process.catalogue import load_catalogue
from workshop_tui.core.process.model import ProcessDefinition
from workshop_tui.core.room.model import RoomFile, room_path
from workshop_tui.core.room.session import participant_label
from workshop_tui.core.room.storage import read_room, save_room
from workshop_tui.core.session.model import Session
from workshop_tui.core.session.watcher import SessionWatcher, catalogue_check
from workshop_tui.web.gate import Gate
from workshop_tui.web.network import (
    WILDCARD_HOSTS,
    cannot_listen,
    network_addresses,
    served_names,
)
from workshop_tui.web.room_page import page_html
from workshop_tui.web.room_state import (
    CODE_PATTERN,
    Room,
    RoomRefused,
    chosen_language,
    new_code,
    normal_code,
)

DEFAULT_MAX_PARTICIPANTS = 30
# A join or an estimate is a few hundred bytes; nothing else is posted.
MAX_REQUEST_BYTES = 8 * 1024
# How often the server looks at the session file: one stat, the file read only when changed.
SESSION_POLL_SECONDS = 0.2
# Seconds stop() waits for requests under way (each a few milliseconds) before closing.
STOP_GRACE = 1.0
TOKEN_COOKIE = "room_token"
# A workshop day; the cookie outlives a phone's sleep and a reload.
COOKIE_SECONDS = 24 * 3600
STATIC_FILES = {"room.css": "text/css", "room.js": "text/javascript"}
SAFETY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'; "
    "base-uri 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class RoomServer:
    """The room's server for one session file; start() it, stop() it."""

    def __init__(
        self,
        session_path: Path,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        code: str | None = None,
        max_participants: int = DEFAULT_MAX_PARTICIPANTS,
        lang: str = "en",
        process_dirs: Sequence[Path] = (),
    ) -> None:
        self.session_path = Path(session_path).expanduser().resolve()
        self.host = host
        self.port = port
        self.lang = lang
        self.max_participants = max_participants
        self._given_code = code
        self._process_dirs = list(process_dirs)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self._ready = threading.Event()
        self._failure: WorkshopError | None = None
        self._address = ""
        self._room: Room | None = None
        self._gate: Gate | None = None
        self._watcher: SessionWatcher | None = None
        self._process: ProcessDefinition | None = None

    # -- what the facilitator shows ---------------------------------------------

    @property
    def address(self) -> str:
        """The address participants open, e.g. http://192.168.1.20:8765/."""
        return self._address

    @property
    def code(self) -> str:
        assert self._room is not None, "start() the server first"
        return self._room.file.code

    @property
    def room_file(self) -> Path:
        return room_path(self.session_path)

    # -- starting and stopping --------------------------------------------------

    def start(self) -> None:
        """Read the session and room files, listen, and return once listening.

        A WorkshopError (with a title and problem a user can read) when the session
        is unusable, the room file unreadable, the code malformed or the port taken.
        """
        catalogue = load_catalogue(self._process_dirs, self.lang)
        self._watcher = SessionWatcher(self.session_path, catalogue_check(catalogue))
        session = self._watcher.load_first()
        self._process = catalogue.get(session.process_id)
        self._room = Room(self._room_file(session.session_id), self.max_participants)
        try:
            save_room(self._room.file, self.room_file)  # the code is kept from the first start
        except OSError as error:
            raise WorkshopError(
                N_("Cannot save the room file"),
                [Problem(self.room_file, error.strerror or str(error))],
            ) from None
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, name="room-server", daemon=True)
        self._thread.start()
        self._ready.wait()
        if self._failure is not None:
            self._thread.join()
            raise self._failure

    def stop(self) -> None:
        """Close the port and end the thread; safe to call twice, or before start()."""
        thread, loop = self._thread, self._loop
        if thread is None or loop is None or not thread.is_alive():
            return
        with contextlib.suppress(RuntimeError):  # the loop closed in between
            loop.call_soon_threadsafe(loop.stop)
        thread.join()

    def _room_file(self, session_id: str) -> RoomFile:
        """The room file as it was left, or a new one with the given or a random code."""
        found = read_room(self.room_file, self.lang)
        if found is not None and found.session_id != session_id:
            raise WorkshopError(
                N_("The room file is another session's"),
                [
                    Problem(
                        self.room_file,
                        t(
                            "it belongs to session {other}, not {session}: move it away "
                            "to start a new room for this session",
                            self.lang,
                            other=found.session_id,
                            session=session_id,
                        ),
                    )
                ],
            )
        code = self._checked_code()
        if found is None:
            return RoomFile(session_id=session_id, code=code or new_code())
        if code is not None and code != found.code:
            found = found.model_copy(update={"code": code})
        return found

    def _checked_code(self) -> str | None:
        if self._given_code is None:
            return None
        code = normal_code(self._given_code)
        if not CODE_PATTERN.fullmatch(code):
            raise WorkshopError(
                N_("Invalid --code"),
                detail=t(
                    "--code must be 4 to 32 letters or digits, got '{code}'",
                    self.lang,
                    code=self._given_code,
                ),
            )
        return code

    def _run(self) -> None:
        loop = self._loop
        assert loop is not None
        asyncio.set_event_loop(loop)
        try:
            loop.run_until_complete(self._listen())
        except WorkshopError as error:
            self._failure = error
        except (OSError, OverflowError) as error:
            self._failure = cannot_listen(
                self.host, self.port, error, self.lang, "Cannot start the room"
            )
        self._ready.set()
        if self._failure is None:
            follower = loop.create_task(self._follow_session())
            loop.run_forever()
            follower.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                loop.run_until_complete(follower)
        if self._runner is not None:
            loop.run_until_complete(self._runner.cleanup())
        loop.close()

    async def _listen(self) -> None:
        app = web.Application(
            middlewares=[self._refuse_strangers], client_max_size=MAX_REQUEST_BYTES
        )
        app.on_response_prepare.append(_add_safety_headers)
        app.router.add_get("/", self._page)
        app.router.add_get("/static/{name}", self._static)
        app.router.add_post("/api/join", self._join)
        app.router.add_get("/api/now", self._now)
        app.router.add_post("/api/estimate", self._estimate)
        self._runner = web.AppRunner(
            app, access_log=None, handle_signals=False, shutdown_timeout=STOP_GRACE
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        port = int(self._runner.addresses[0][1])
        host = self.host
        if host in WILDCARD_HOSTS:
            host = next(iter(network_addresses()), "127.0.0.1")
        netloc = f"[{host}]" if ":" in host else host
        self._address = f"http://{netloc}:{port}/"
        self._gate = Gate.for_server(served_names(self.host), port, self._address)

    async def _follow_session(self) -> None:
        """What is asked follows the session file; a broken save keeps the last good one."""
        assert self._watcher is not None
        while True:
            await asyncio.sleep(SESSION_POLL_SECONDS)
            self._watcher.poll()

    # -- every request ------------------------------------------------------------

    @web.middleware
    async def _refuse_strangers(self, request: web.Request, handler: Handler) -> Any:
        """403 unless Host and Origin name this server (see Gate)."""
        assert self._gate is not None
        refused = self._gate.refusal(request.headers.get("Host"), request.headers.get("Origin"))
        if refused is not None:
            return web.Response(
                status=403,
                text="Afvist: forkert adresse. / Refused: this server only answers its own "
                "address.\n",
            )
        try:
            return await handler(request)
        except OSError:
            # the room file could not be saved: the participant must not think it is in
            lang = self._lang(request)
            message = t("The estimate could not be saved: tell the facilitator.", lang)
            return web.json_response({"error": message}, status=503)
        except RoomRefused as refusal:
            headers = {"Retry-After": str(refusal.retry_after)} if refusal.retry_after else {}
            return web.json_response(
                {"error": refusal.message}, status=refusal.status, headers=headers
            )

    def _lang(self, request: web.Request) -> str:
        return chosen_language(request.query.get("lang"), request.headers.get("Accept-Language"))

    async def _body(self, request: web.Request, lang: str) -> dict[str, Any]:
        if request.content_type != "application/json":
            raise RoomRefused(415, t("Send the request as JSON.", lang))
        try:
            body = json.loads(await request.text())
        except (ValueError, UnicodeDecodeError):
            raise RoomRefused(400, t("Send the request as JSON.", lang)) from None
        if not isinstance(body, dict):
            raise RoomRefused(400, t("Send the request as JSON.", lang))
        return body

    def _participant(self, request: web.Request, lang: str) -> Any:
        assert self._room is not None
        bearer = request.headers.get("Authorization", "")
        token = bearer[7:] if bearer.startswith("Bearer ") else request.cookies.get(TOKEN_COOKIE)
        participant = self._room.participant(token)
        if participant is None:
            raise RoomRefused(401, t("Join the room with its code first.", lang))
        return participant

    def _session(self, poll: bool = False) -> tuple[Session, ProcessDefinition]:
        """The session as last read, and its process; `poll` looks at the file first (an
        estimate after a reveal the app has just saved is refused)."""
        assert self._watcher is not None and self._process is not None
        if poll:
            self._watcher.poll()
        session = self._watcher.state.session
        assert session is not None  # load_first() read one before the port opened
        return session, self._process

    # -- the page -------------------------------------------------------------------

    async def _page(self, request: web.Request) -> web.Response:
        return web.Response(
            text=page_html(self._lang(request)), content_type="text/html", charset="utf-8"
        )

    async def _static(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        if name not in STATIC_FILES:
            raise web.HTTPNotFound()
        body = files("workshop_tui.web").joinpath("static", name).read_bytes()
        return web.Response(body=body, content_type=STATIC_FILES[name], charset="utf-8")

    # -- the API --------------------------------------------------------------------

    async def _join(self, request: web.Request) -> web.Response:
        assert self._room is not None
        lang = self._lang(request)
        body = await self._body(request, lang)
        address = request.remote or "?"
        joined = self._room.join(body.get("code"), body.get("name"), address, lang)
        save_room(self._room.file, self.room_file)  # on disk before the token is handed out
        label = participant_label(joined.participant, lang)
        response = web.json_response({"token": joined.token, "participant": label})
        response.set_cookie(
            TOKEN_COOKIE,
            joined.token,
            max_age=COOKIE_SECONDS,
            httponly=True,
            samesite="Strict",
            path="/",
        )
        return response

    async def _now(self, request: web.Request) -> web.Response:
        assert self._room is not None
        lang = self._lang(request)
        participant = self._participant(request, lang)
        session, process = self._session()
        return web.json_response(self._room.now(participant, session, process, lang))

    async def _estimate(self, request: web.Request) -> web.Response:
        assert self._room is not None
        lang = self._lang(request)
        participant = self._participant(request, lang)
        body = await self._body(request, lang)
        session, process = self._session(poll=True)
        given = self._room.estimate(participant, body, session, lang)
        save_room(self._room.file, self.room_file)  # on disk before "your estimate is in"
        now = self._room.now(participant, session, process, lang)
        return web.json_response(
            {
                "saved": True,
                "activity_id": given.activity_id,
                "group_id": given.group_id,
                "low": given.low,
                "high": given.high,
                "status": now["status"],
            }
        )


async def _add_safety_headers(request: web.Request, response: web.StreamResponse) -> None:
    """Nothing but this server's own files; no framing, no sniffing, no referrer."""
    for name, value in SAFETY_HEADERS.items():
        response.headers[name] = value
