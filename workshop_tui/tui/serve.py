"""textual-serve's web server, with the fixes the live view needs.

This is the one module that reaches into textual-serve's internals (its
websocket handler, `AppService._process`); textual-serve is pinned exactly in
pyproject.toml for that reason, and tests/functional/test_serve.py drives a
real browser through it, so an upgrade that changes them fails there first.
"""

from __future__ import annotations

import asyncio
import logging

from aiohttp import WSCloseCode, web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

log = logging.getLogger("textual-serve")


def build_server(command: str, host: str, port: int, title: str, url: str, banner):
    """textual-serve's Server, with our banner and a clean stop on Ctrl+C.

    textual-serve leaves each browser's websocket open at shutdown (aiohttp then
    waits for every participant to close their tab) and never waits for the view
    processes it started (they outlive the event loop, which prints errors). Here
    each browser's websocket handler is kept, closed on shutdown, and its view
    process waited for.
    """

    class LiveServer(Server):
        def __init__(self) -> None:
            super().__init__(command, host=host, port=port, title=title, public_url=url)
            # websocket -> the task handling it, for every browser connected now
            self.browsers: dict[web.WebSocketResponse, asyncio.Task] = {}

        async def on_startup(self, app: web.Application) -> None:
            banner()  # instead of textual-serve's logo and its long command line

        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            """As textual-serve's, plus: remembered while open, and the view process reaped."""
            websocket = web.WebSocketResponse(heartbeat=15)
            width = to_int(request.query.get("width", "80"), 80)
            height = to_int(request.query.get("height", "24"), 24)
            await websocket.prepare(request)
            service = AppService(
                self.command,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,
                download_manager=self.download_manager,
                debug=self.debug,
            )
            self.browsers[websocket] = asyncio.current_task()
            try:
                await service.start(width, height)
                await self._process_messages(websocket, service)
            except Exception as error:  # one browser's failure must not stop the others
                log.exception(error)
            finally:
                await service.stop()
                await end_process(service._process)
                self.browsers.pop(websocket, None)
                await websocket.close()
            return websocket

        async def on_shutdown(self, app: web.Application) -> None:
            handlers = list(self.browsers.values())
            for websocket in list(self.browsers):
                await websocket.close(code=WSCloseCode.GOING_AWAY)
            if handlers:
                await asyncio.wait(handlers, timeout=10)

    return LiveServer()


async def end_process(process) -> None:
    """Waits for a view process to end after it was told to quit; kills it if it hangs."""
    if process is None:
        return
    try:
        await asyncio.wait_for(process.wait(), 5)
    except TimeoutError:
        process.kill()
        await process.wait()
