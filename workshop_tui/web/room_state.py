"""The participants' room without HTTP: who joined, what they may change, what they see.

The room server (room_server.py) turns each request into one call here and each
refusal (RoomRefused) into a status code. A participant is known only by the
SHA-256 of their token, so the room file never holds a token, and a token only
ever changes its own participant's estimates. Before the reveal a participant
sees their own figures and counts, never anyone else's figures.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import re
import secrets
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from workshop_tui.core.formatting import hours_text, range_text
from workshop_tui.core.hours import HoursError, parse_hours, parse_range
from workshop_tui.core.i18n import LANGUAGES, nt, t
from workshop_tui.core.limits import MAX_HOURS, MAX_NAME
from workshop_tui.core.process.model import ProcessDefinition
from workshop_tui.core.room.model import (
    AskedCell,
    RoomEstimate,
    RoomFile,
    RoomParticipant,
)
from workshop_tui.core.room.session import participant_label
from workshop_tui.core.room.spread import CellSpread, cell_spread
from workshop_tui.core.session.model import Session
from workshop_tui.core.text import control_characters

CODE_DIGITS = 6
# A room code as typed with --code: letters and digits a phone keyboard has.
CODE_PATTERN = re.compile(r"[A-Za-z0-9]{4,32}")
# Wrong codes one address may try within WRONG_CODE_WINDOW seconds before it is
# answered 429 until the oldest of them is that old: a million six-digit codes would
# take an address years to try.
WRONG_CODES_ALLOWED = 5
WRONG_CODE_WINDOW = 60.0
# Addresses remembered for wrong codes; beyond this the oldest are forgotten.
WRONG_CODE_ADDRESSES = 10_000


class RoomRefused(Exception):
    """A request the room turns down: the HTTP status, and why, in the participant's language."""

    def __init__(self, status: int, message: str, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.retry_after = retry_after


def new_code() -> str:
    """Six random digits: typed on a phone's number pad."""
    return "".join(secrets.choice("0123456789") for _ in range(CODE_DIGITS))


def normal_code(code: str) -> str:
    """A code as compared: spaces dropped, letters in upper case."""
    return "".join(code.split()).upper()


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def chosen_language(asked: str | None, accept_language: str | None) -> str:
    """`asked` ('da' or 'en', the page's switch) if given, else the browser's first choice
    of the two (Accept-Language), else English."""
    if asked in LANGUAGES:
        return asked
    choices = []
    for position, part in enumerate((accept_language or "").split(",")[:20]):
        tag, _, params = part.strip().partition(";")
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                weight = 0.0
        language = tag.strip().lower()[:2]
        if language in LANGUAGES and weight > 0:
            choices.append((-weight, position, language))
    return min(choices)[2] if choices else "en"


class WrongCodes:
    """Wrong codes per address, to answer 429 to an address that guesses."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.tries: dict[str, deque[float]] = {}

    def wait(self, address: str) -> int:
        """Seconds `address` must wait before it may try a code again; 0 when it may now."""
        recent = self._recent(address)
        if len(recent) < WRONG_CODES_ALLOWED:
            return 0
        return max(1, math.ceil(recent[0] + WRONG_CODE_WINDOW - self.clock()))

    def wrong(self, address: str) -> None:
        if address not in self.tries and len(self.tries) >= WRONG_CODE_ADDRESSES:
            del self.tries[next(iter(self.tries))]
        self.tries.setdefault(address, deque(maxlen=WRONG_CODES_ALLOWED)).append(self.clock())

    def _recent(self, address: str) -> deque[float]:
        recent = self.tries.get(address, deque())
        while recent and recent[0] <= self.clock() - WRONG_CODE_WINDOW:
            recent.popleft()
        return recent


@dataclass(frozen=True)
class Joined:
    """A new participant and the token that is theirs alone (shown once, never stored)."""

    participant: RoomParticipant
    token: str


class Room:
    """The room file in memory: joins and estimates change it; the caller saves it."""

    def __init__(self, room: RoomFile, max_participants: int) -> None:
        self.file = room
        self.max_participants = max_participants
        self.wrong_codes = WrongCodes()
        self._by_hash = {p.token_sha256: p for p in room.participants}

    # -- joining ---------------------------------------------------------------

    def join(self, code: object, name: object, address: str, lang: str) -> Joined:
        """A new participant, when the code is right and there is room; else RoomRefused."""
        wait = self.wrong_codes.wait(address)
        if wait:
            raise RoomRefused(
                429,
                nt(
                    "Too many wrong codes from this device: try again in {seconds} second.",
                    "Too many wrong codes from this device: try again in {seconds} seconds.",
                    wait,
                    lang,
                    seconds=wait,
                ),
                retry_after=wait,
            )
        given = normal_code(code) if isinstance(code, str) else ""
        if not hmac.compare_digest(given.encode(), normal_code(self.file.code).encode()):
            self.wrong_codes.wrong(address)
            raise RoomRefused(
                403, t("That is not the room's code: check it with the facilitator.", lang)
            )
        if len(self.file.participants) >= self.max_participants:
            raise RoomRefused(
                409,
                t(
                    "The room is full: {count} participants have joined, the most it allows.",
                    lang,
                    count=self.max_participants,
                ),
            )
        token = secrets.token_urlsafe(32)
        participant = RoomParticipant(
            id=self._next_id(),
            number=len(self.file.participants) + 1,
            name=self._display_name(name, lang),
            token_sha256=token_hash(token),
            joined_at=datetime.now(UTC),
        )
        self.file.participants.append(participant)
        self._by_hash[participant.token_sha256] = participant
        return Joined(participant, token)

    def participant(self, token: str | None) -> RoomParticipant | None:
        """The participant whose token this is; None for no token or a stranger's."""
        if not token or len(token) > 200:
            return None
        return self._by_hash.get(token_hash(token))

    def _next_id(self) -> str:
        taken = {p.id for p in self.file.participants}
        number = len(self.file.participants) + 1
        while f"p{number}" in taken:
            number += 1
        return f"p{number}"

    @staticmethod
    def _display_name(name: object, lang: str) -> str:
        if name is None:
            return ""
        if not isinstance(name, str):
            raise RoomRefused(422, t("The name must be text.", lang))
        name = " ".join(name.split())
        if control_characters(name):
            raise RoomRefused(422, t("The name holds control characters.", lang))
        if len(name) > MAX_NAME:
            raise RoomRefused(
                422, t("The name is longer than {limit} characters", lang, limit=MAX_NAME)
            )
        return name

    # -- estimating ------------------------------------------------------------

    def estimate(
        self, participant: RoomParticipant, body: dict[str, Any], session: Session, lang: str
    ) -> RoomEstimate:
        """The participant's estimate for a cell asked now, in the room file (not yet saved)."""
        question = session.room
        if question is None or not question.asked:
            raise RoomRefused(409, t("Nothing is asked in the room now.", lang))
        if question.revealed:
            raise RoomRefused(
                409, t("The estimates have been revealed: they can no longer change.", lang)
            )
        activity_id, group_id = body.get("activity_id"), body.get("group_id")
        cell = next(
            (c for c in question.asked if (c.activity_id, c.group_id) == (activity_id, group_id)),
            None,
        )
        if cell is None:
            raise RoomRefused(409, t("That activity and group are not asked now.", lang))
        low, high = read_low_high(body.get("low"), body.get("high"), lang)
        given = RoomEstimate(
            participant_id=participant.id,
            activity_id=cell.activity_id,
            group_id=cell.group_id,
            low=low,
            high=high,
            submitted_at=datetime.now(UTC),
        )
        self.file.estimates = [
            e
            for e in self.file.estimates
            if (e.participant_id, e.activity_id, e.group_id)
            != (participant.id, cell.activity_id, cell.group_id)
        ] + [given]
        return given

    # -- what a participant sees ------------------------------------------------

    def now(
        self,
        participant: RoomParticipant,
        session: Session,
        process: ProcessDefinition,
        lang: str,
    ) -> dict[str, Any]:
        """What is asked now, this participant's own figures, the counts, and after the
        reveal the spread: the body of GET /api/now."""
        question = session.room
        asked = list(question.asked) if question else []
        revealed = bool(question and question.revealed)
        count = len(self.file.participants)
        answered = self.answered(asked)
        own = {
            (e.activity_id, e.group_id): e
            for e in self.file.estimates
            if e.participant_id == participant.id
        }
        given = sum(1 for c in asked if (c.activity_id, c.group_id) in own)
        return {
            "participant": participant_label(participant, lang),
            "lang": lang,
            "asked_at": question.asked_at.isoformat() if question and asked else None,
            "revealed": revealed,
            "process": process.name.in_lang(lang),
            "participants": count,
            "answered": answered,
            "status": self._status(len(asked), given, revealed, count, answered, lang),
            "activities": [
                self._activity(activity_id, cells, own, revealed, session, process, lang)
                for activity_id, cells in _by_activity(asked).items()
            ],
        }

    def answered(self, asked: list[AskedCell]) -> int:
        """How many participants have given an estimate for every cell asked."""
        if not asked:
            return 0
        cells = {(c.activity_id, c.group_id) for c in asked}
        given: dict[str, set[tuple[str, str]]] = {}
        for e in self.file.estimates:
            if (e.activity_id, e.group_id) in cells:
                given.setdefault(e.participant_id, set()).add((e.activity_id, e.group_id))
        return sum(1 for found in given.values() if found == cells)

    @staticmethod
    def _status(
        asked: int, given: int, revealed: bool, count: int, answered: int, lang: str
    ) -> str:
        """One line on where the participant and the room are: `given` of the `asked`
        cells by this participant, `answered` of `count` participants with all of them."""
        mine = given == asked
        if not asked:
            return t("Nothing is asked yet: the facilitator will ask the room.", lang)
        if revealed:
            return t("The estimates are revealed: here is how the room spread.", lang)
        waiting = count - answered
        if mine and waiting:
            return nt(
                "Your estimate is in, waiting for {waiting} of {count}.",
                "Your estimate is in, waiting for {waiting} of {count}.",
                count,
                lang,
                waiting=waiting,
                count=count,
            )
        if mine:
            return t("Your estimate is in, and everyone has answered.", lang)
        if given:
            return t(
                "You have given {given} of {asked} estimates; send the rest to be counted.",
                lang,
                given=given,
                asked=asked,
            )
        return nt(
            "{answered} of {count} participant has answered.",
            "{answered} of {count} participants have answered.",
            count,
            lang,
            answered=answered,
            count=count,
        )

    def _activity(
        self,
        activity_id: str,
        cells: list[AskedCell],
        own: dict[tuple[str, str], RoomEstimate],
        revealed: bool,
        session: Session,
        process: ProcessDefinition,
        lang: str,
    ) -> dict[str, Any]:
        subprocess_name, name, description = _activity_texts(activity_id, session, process, lang)
        return {
            "activity_id": activity_id,
            "subprocess": subprocess_name,
            "activity": name,
            "description": description,
            "groups": [self._cell(cell, own, revealed, process, lang) for cell in cells],
        }

    def _cell(
        self,
        cell: AskedCell,
        own: dict[tuple[str, str], RoomEstimate],
        revealed: bool,
        process: ProcessDefinition,
        lang: str,
    ) -> dict[str, Any]:
        group = next((g for g in process.groups if g.id == cell.group_id), None)
        mine = own.get((cell.activity_id, cell.group_id))
        spread = cell_spread(self.file.estimates, cell.activity_id, cell.group_id)
        return {
            "group_id": cell.group_id,
            "group": group.name.in_lang(lang) if group else cell.group_id,
            "group_description": group.description.in_lang(lang)
            if group and group.description
            else "",
            "answered": spread.count if spread else 0,
            "own": estimate_payload(mine, lang) if mine else None,
            # the others' figures only once revealed, and then without who gave them
            "spread": spread_payload(spread, lang) if revealed and spread else None,
        }


def _by_activity(asked: list[AskedCell]) -> dict[str, list[AskedCell]]:
    grouped: dict[str, list[AskedCell]] = {}
    for cell in asked:
        grouped.setdefault(cell.activity_id, []).append(cell)
    return grouped


def _activity_texts(
    activity_id: str, session: Session, process: ProcessDefinition, lang: str
) -> tuple[str, str, str]:
    """(subprocess, activity name, description) of a defined or room-added activity."""
    for subprocess in process.subprocesses:
        for activity in subprocess.activities:
            if activity.id == activity_id:
                description = activity.description.in_lang(lang) if activity.description else ""
                return (
                    f"{subprocess.number}. {subprocess.name.in_lang(lang)}",
                    activity.name.in_lang(lang),
                    description,
                )
    for local in session.local_activities:
        if local.id == activity_id:
            number = next((s for s in process.subprocesses if s.number == local.subprocess), None)
            name = f"{local.subprocess}. {number.name.in_lang(lang)}" if number else ""
            return name, local.name, ""
    return "", activity_id, ""


def estimate_payload(estimate: RoomEstimate, lang: str) -> dict[str, Any]:
    return {
        "low": estimate.low,
        "high": estimate.high,
        "low_text": hours_text(estimate.low, lang, 2),
        "high_text": hours_text(estimate.high, lang, 2),
        "text": range_text(estimate.low, estimate.high, lang, 2),
    }


def spread_payload(spread: CellSpread, lang: str) -> dict[str, Any]:
    """The revealed spread: each range without a name, sorted; lowest, median, highest."""

    def summary(lowest: float, middle: float, highest: float) -> dict[str, str]:
        return {
            "lowest": hours_text(lowest, lang, 2),
            "median": hours_text(middle, lang, 2),
            "highest": hours_text(highest, lang, 2),
        }

    return {
        "count": spread.count,
        "ranges": [range_text(low, high, lang, 2) for low, high in spread.ranges],
        "low": summary(spread.low_min, spread.low_median, spread.low_max),
        "high": summary(spread.high_min, spread.high_median, spread.high_max),
    }


def read_low_high(low: object, high: object, lang: str) -> tuple[float, float]:
    """Low and high as a participant typed them (numbers, '1,5', '30 min', 'et kvarter',
    or a range '2-3' in the low box with the high left empty); RoomRefused 422 with the
    reason otherwise."""
    if isinstance(low, str) and (high is None or (isinstance(high, str) and not high.strip())):
        try:
            both = parse_range(low, lang)
        except HoursError as error:
            raise RoomRefused(422, str(error)) from None
        if both is not None:
            low, high = both
    low_hours, high_hours = read_hours(low, lang), read_hours(high, lang)
    if low_hours > high_hours:
        raise RoomRefused(
            422,
            t(
                "low {low} h is above high {high} h",
                lang,
                low=hours_text(low_hours, lang, 2),
                high=hours_text(high_hours, lang, 2),
            ),
        )
    return low_hours, high_hours


def read_hours(value: object, lang: str) -> float:
    """One figure: a JSON number, or text read with the app's parser."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise RoomRefused(422, t("Type a number of hours, e.g. 0,5 or 30 min.", lang))
    if isinstance(value, str):
        try:
            return parse_hours(value, lang)
        except HoursError as error:
            raise RoomRefused(422, str(error)) from None
    try:
        hours = float(value)
    except OverflowError:  # a whole number of 400 digits is JSON too
        hours = math.inf
    if not math.isfinite(hours) or hours < 0 or hours > MAX_HOURS:
        raise RoomRefused(
            422,
            t(
                "Hours must be between 0 and {limit}.",
                lang,
                limit=hours_text(MAX_HOURS, lang, 0),
            ),
        )
    return hours
