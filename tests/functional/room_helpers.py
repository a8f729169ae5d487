"""What the participants' room tests share: a session asking the room, and HTTP calls."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tests.waiting import LIMIT
from workshop_tui.core.demo import demo_session
from workshop_tui.core.process.model import ProcessDefinition
from workshop_tui.core.room.model import AskedCell, RoomQuestion
from workshop_tui.core.session.model import Session
from workshop_tui.core.session.storage import save_session

CODE = "482193"


def ask_room(
    path: Path, process: ProcessDefinition, activity_id: str | None = None, revealed: bool = False
) -> Session:
    """Save a workshop at `path` (a new demo one if none) that asks the room for one
    activity in all its groups, as the facilitator's app does."""
    session = (
        Session.model_validate_json(path.read_text()) if path.exists() else demo_session(process)
    )
    activity_id = activity_id or process.activity_ids[0]
    question = RoomQuestion(
        asked=[AskedCell(activity_id=activity_id, group_id=group) for group in session.groups],
        asked_at=datetime.now(UTC),
        revealed=revealed,
    )
    return save_session(session.model_copy(update={"room": question}), path)


def call(
    base: str,
    path: str,
    body: dict[str, Any] | None = None,
    token: str | None = None,
    **headers: str,
) -> tuple[int, dict[str, Any], Any]:
    """(status, JSON body, response headers) of one request to the room."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base.rstrip("/") + path, data=data, headers=headers)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=LIMIT) as response:
            return response.status, json.loads(response.read() or b"{}"), response.headers
    except urllib.error.HTTPError as error:
        raw = error.read()
        try:
            parsed = json.loads(raw)
        except ValueError:
            parsed = {"text": raw.decode(errors="replace")}
        return error.code, parsed, error.headers
