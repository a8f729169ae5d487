"""Keeping time in the half-day: the time-box plan, the pace, and time actually spent.

Pure: every function that needs "now" takes it as an argument (the app passes
its clock's reading, tests a fixed moment). Plan times are local wall-clock
times of the day the plan runs (the workshop's date, or the day the room started
it); `now` is compared as a naive local time. On any other day the plan is only
shown, never counted down: a workshop opened a year later is not "366 min over".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal

from workshop_tui.core.i18n import t
from workshop_tui.core.process.model import ProcessDefinition
from workshop_tui.core.session.model import Session
from workshop_tui.core.workshop.model import DEFAULT_PAUSE_MINUTES, Agenda, TimeLog

Clock = Callable[[], datetime]

# A box with this many minutes or fewer left is "running out": signalled quietly.
RUNNING_OUT_MINUTES = 3
# Within this many minutes of the plan counts as on time.
ON_TIME_MINUTES = 2
# A gap between two changes longer than this is a pause, not a discussion: not counted.
IDLE_GAP_SECONDS = 20 * 60


def local_now() -> datetime:
    """The wall clock where the room is: what a plan's times are compared with."""
    return datetime.now().replace(microsecond=0)


def utc_now() -> datetime:
    """The moment a change is committed, as the session file records it."""
    return datetime.now(UTC).replace(microsecond=0)


def to_local(moment: datetime) -> datetime:
    """A moment (UTC, as the clock and the file give it) on the room's wall clock: naive
    local time, which the plan's times are compared with."""
    return moment.astimezone().replace(tzinfo=None, microsecond=0)


def exists_locally(moment: datetime) -> bool:
    """Whether a naive local time is on the room's clock at all: not one skipped when
    the clocks go forward (02:30 on the last Sunday of March in Denmark)."""
    return moment.astimezone().replace(tzinfo=None) == moment


# ---------------------------------------------------------------- the plan


def cell_counts(process: ProcessDefinition, session: Session) -> dict[int, int]:
    """Cells per subprocess: its activities (the room's own too) x covered groups."""
    counts = {s.number: len(s.activities) for s in process.subprocesses}
    for local in session.local_activities:
        counts[local.subprocess] = counts.get(local.subprocess, 0) + 1
    return {number: count * len(session.groups) for number, count in counts.items()}


def split_minutes(total: int, weights: dict[int, int]) -> dict[int, int]:
    """`total` minutes in whole minutes, in proportion to `weights`, summing exactly.

    Largest remainder: each gets the floor of its share, and the minutes left go
    one each to the largest remainders (the earlier subprocess on a tie).
    """
    weight_sum = sum(weights.values())
    if weight_sum == 0:
        return dict.fromkeys(weights, 0)
    floors = {key: total * weight // weight_sum for key, weight in weights.items()}
    left = total - sum(floors.values())
    by_remainder = sorted(weights, key=lambda key: (-(total * weights[key] % weight_sum), key))
    for key in by_remainder[:left]:
        floors[key] += 1
    return floors


def propose_agenda(
    process: ProcessDefinition,
    session: Session,
    start: time,
    length_minutes: int,
    *,
    pause_after: int | None = None,
    pause_minutes: int = DEFAULT_PAUSE_MINUTES,
) -> Agenda:
    """Boxes in proportion to each subprocess's cells, in the length less the pause."""
    pause = pause_minutes if pause_after is not None else 0
    working = max(0, length_minutes - pause)
    boxes = split_minutes(working, cell_counts(process, session))
    return Agenda(start=start, boxes=boxes, pause_after=pause_after, pause_minutes=pause_minutes)


def with_box(agenda: Agenda, subprocess: int, minutes: int) -> Agenda:
    """The plan with one box changed; the others keep theirs (the day gets longer or shorter)."""
    boxes = {**agenda.boxes, subprocess: minutes}
    return Agenda.model_validate({**agenda.model_dump(), "boxes": boxes})


def with_pause(agenda: Agenda, after: int | None, minutes: int) -> Agenda:
    return Agenda.model_validate(
        {**agenda.model_dump(), "pause_after": after, "pause_minutes": minutes}
    )


def plan_day(agenda: Agenda, session: Session) -> date:
    """The day the plan runs: the workshop's date, unless the room started it on another."""
    return agenda.day or session.workshop_date


def plan_start(agenda: Agenda, session: Session) -> datetime:
    """When the plan starts, as a naive local time."""
    return datetime.combine(plan_day(agenda, session), agenda.start)


def plan_moment(agenda: Agenda, session: Session, now: datetime) -> datetime | None:
    """The moment the pace is worked out at: `now` on the plan's day, the moment the room
    paused while it is paused, or None on any other day (the plan is only shown)."""
    if agenda.paused_at is not None:
        return to_local(agenda.paused_at)
    return now if now.date() == plan_day(agenda, session) else None


def started_now(agenda: Agenda, session: Session, now: datetime) -> Agenda:
    """'We start now': the plan moved to start at `now` (naive local, to the minute),
    on today's date; a pause in progress ends."""
    start = now.replace(second=0, microsecond=0)
    return _moved_to(agenda, session, start)


def paused(agenda: Agenda, at: datetime) -> Agenda:
    """The plan paused at `at` (UTC): its pace stands still until it is resumed."""
    if agenda.paused_at is not None:
        return agenda
    return Agenda.model_validate({**agenda.model_dump(), "paused_at": at})


def resumed(agenda: Agenda, session: Session, at: datetime) -> Agenda:
    """The plan going on at `at` (UTC): moved on by the whole minutes it was paused."""
    if agenda.paused_at is None:
        return agenda
    minutes = round(max(0.0, (at - agenda.paused_at).total_seconds()) / 60)
    return _moved_to(agenda, session, plan_start(agenda, session) + timedelta(minutes=minutes))


def _moved_to(agenda: Agenda, session: Session, start: datetime) -> Agenda:
    day = None if start.date() == session.workshop_date else start.date()
    data = {**agenda.model_dump(), "start": start.time(), "day": day, "paused_at": None}
    return Agenda.model_validate(data)


def plan_text(agenda: Agenda, session: Session, lang: str) -> str:
    """'Plan: 9:00–12:30 on 2025-03-12': the plan only, on a day it does not run."""
    start = plan_start(agenda, session)
    end = start + timedelta(minutes=agenda.length_minutes)
    return t(
        "Plan: {start}–{end} on {day}",
        lang,
        start=clock_text(start),
        end=clock_text(end),
        day=plan_day(agenda, session).isoformat(),
    )


def clock_text(moment: datetime | time) -> str:
    """9:00, 12:30: a time of day as a plan is written."""
    return f"{moment.hour}:{moment.minute:02d}"


@dataclass(frozen=True)
class Window:
    """When a box (or the pause) runs, on the plan's day."""

    starts: datetime
    ends: datetime


def windows(agenda: Agenda, day: date) -> tuple[dict[int, Window], Window | None]:
    """Each subprocess's box in order, and the pause, as times on `day`."""
    moment = datetime.combine(day, agenda.start)
    boxes: dict[int, Window] = {}
    pause: Window | None = None
    for number in sorted(agenda.boxes):
        end = moment + timedelta(minutes=agenda.boxes[number])
        boxes[number] = Window(moment, end)
        moment = end
        if number == agenda.pause_after:
            pause = Window(moment, moment + timedelta(minutes=agenda.pause_minutes))
            moment = pause.ends
    return boxes, pause


# ---------------------------------------------------------------- the pace


@dataclass(frozen=True)
class Pace:
    """Where the room stands against the plan at one moment."""

    box_left_minutes: int | None  # the cursor's box; negative when over
    behind_minutes: int  # negative when ahead
    minutes_per_cell: float | None  # to finish on time; None when no time or no cells left
    cells_left: int
    started: bool
    start: time

    @property
    def running_out(self) -> bool:
        """The cursor's box has a few minutes left, or is over."""
        return (
            self.started
            and self.box_left_minutes is not None
            and self.box_left_minutes <= RUNNING_OUT_MINUTES
        )

    @property
    def about_to_end(self) -> bool:
        """The cursor's box has a few minutes left, and is not over yet."""
        return self.running_out and (self.box_left_minutes or 0) >= 0

    def box_text(self, lang: str) -> str:
        if self.box_left_minutes is None or not self.started:  # "starts at 09:45" says it
            return ""
        if self.box_left_minutes < 0:
            return t("{minutes} min over", lang, minutes=-self.box_left_minutes)
        return t("{minutes} min left", lang, minutes=self.box_left_minutes)

    def text(self, lang: str) -> str:
        """'12 min behind: about 2 min per cell to catch up', or ahead, or on time."""
        if not self.started:
            return t("starts at {start}", lang, start=self.start.strftime("%H:%M"))
        if self.cells_left == 0:
            return t("all cells filled", lang)
        if self.behind_minutes >= ON_TIME_MINUTES:
            if self.minutes_per_cell is None:
                return t(
                    "{minutes} min behind: no planned time left", lang, minutes=self.behind_minutes
                )
            if self.minutes_per_cell < 1:  # "about 0.1 min per cell" tells the room nothing
                return t(
                    "{minutes} min behind: under a minute per cell left for {cells} cells",
                    lang,
                    minutes=self.behind_minutes,
                    cells=self.cells_left,
                )
            per_cell = _one_decimal(self.minutes_per_cell, lang)
            return t(
                "{minutes} min behind: about {per_cell} min per cell to catch up",
                lang,
                minutes=self.behind_minutes,
                per_cell=per_cell,
            )
        if self.behind_minutes <= -ON_TIME_MINUTES:
            return t("{minutes} min ahead", lang, minutes=-self.behind_minutes)
        return t("on time", lang)


def _one_decimal(value: float, lang: str) -> str:
    """2 -> '2', 1.5 -> '1.5' ('1,5' in Danish): a figure the room reads at a glance."""
    text = f"{value:.0f}" if value >= 10 or round(value, 1) == round(value) else f"{value:.1f}"
    return text.replace(".", ",") if lang == "da" else text


def filled_cells(process: ProcessDefinition, session: Session) -> dict[int, int]:
    """Cells done per subprocess: low and high given, or the cell not applicable (the
    activity's mark or its group's)."""
    subprocess_of = activity_subprocesses(process, session)
    done: dict[int, int] = dict.fromkeys(cell_counts(process, session), 0)
    for activity_id, number in subprocess_of.items():
        entry = session.entry(activity_id)
        for group in session.groups:
            estimate = entry.estimates.get(group)
            complete = estimate is not None and None not in (estimate.low, estimate.high)
            if complete or not entry.applies_to(group):
                done[number] += 1
    return done


def activity_subprocesses(process: ProcessDefinition, session: Session) -> dict[str, int]:
    """Every activity id (defined and the room's own) with its subprocess number."""
    found = {a.id: s.number for s in process.subprocesses for a in s.activities}
    found.update({local.id: local.subprocess for local in session.local_activities})
    return found


def pace(
    agenda: Agenda,
    process: ProcessDefinition,
    session: Session,
    cursor_subprocess: int | None,
    now: datetime,
) -> Pace:
    """The pace at `now` (naive local time), for the cursor's subprocess.

    Behind = time worked so far less the planned time for the cells done (each
    box's cells spread evenly over it), so filling out of order still counts.
    """
    boxes, pause = windows(agenda, plan_day(agenda, session))
    day_start = plan_start(agenda, session)
    worked = _minutes(now - day_start) - _pause_passed(pause, now)
    cells = cell_counts(process, session)
    done = filled_cells(process, session)
    planned_for_done = sum(
        agenda.boxes.get(number, 0) * done.get(number, 0) / count
        for number, count in cells.items()
        if count
    )
    cells_left = sum(cells.values()) - sum(done.values())
    time_left = agenda.length_minutes - agenda.pause_planned - max(0.0, worked)
    box = boxes.get(cursor_subprocess) if cursor_subprocess is not None else None
    return Pace(
        box_left_minutes=_floor_minutes(box.ends - now) if box else None,
        behind_minutes=round(worked - planned_for_done),
        minutes_per_cell=time_left / cells_left if cells_left and time_left > 0 else None,
        cells_left=cells_left,
        started=now >= day_start,
        start=agenda.start,
    )


def _pause_passed(pause: Window | None, now: datetime) -> float:
    if pause is None or now <= pause.starts:
        return 0.0
    return _minutes(min(now, pause.ends) - pause.starts)


def _minutes(delta: timedelta) -> float:
    return delta.total_seconds() / 60


def _floor_minutes(delta: timedelta) -> int:
    return int(delta.total_seconds() // 60)


# ---------------------------------------------------------------- time actually spent


def logged(log: TimeLog, subprocess: int | None, at: datetime) -> TimeLog:
    """The log after a change committed at `at` (UTC) in `subprocess`.

    The gap since the previous change is the talk that led to this one, so it is
    added to this change's subprocess; a gap longer than IDLE_GAP_SECONDS (a
    pause) adds nothing. A change outside any subprocess (the session's notes,
    the agenda, closing every round) leaves the log as it is, so the talk goes
    to the next change in a subprocess.

    The log never runs backwards: a change stamped before the latest one (the
    machine's clock was set back) adds nothing and the latest moment stays, so
    the file's moments only move forward; time counts again once the clock has
    passed that moment.
    """
    if subprocess is None:
        return log
    if log.last_change_at is not None and at < log.last_change_at:
        return log
    seconds = dict(log.seconds)
    if log.last_change_at is not None:
        gap = int((at - log.last_change_at).total_seconds())
        if 0 < gap <= IDLE_GAP_SECONDS:
            seconds[subprocess] = seconds.get(subprocess, 0) + gap
    return TimeLog(seconds=seconds, last_change_at=at)


def format_minutes(minutes: float, lang: str) -> str:
    """Whole minutes, as a room reads them: 47.6 -> '48'."""
    return _one_decimal(round(minutes), lang)


def actual_minutes(session: Session) -> dict[int, float]:
    """Minutes actually spent per subprocess, as recorded."""
    return {number: s / 60 for number, s in sorted(session.time_log.seconds.items())}


# Where the plan stands: another day than its own (shown only), its day before the start,
# running, or paused by the room.
PlanState = Literal["other_day", "waiting", "running", "paused"]


def plan_state(agenda: Agenda, session: Session, now: datetime) -> PlanState:
    """Where the plan stands at `now` (naive local time)."""
    if agenda.paused_at is not None:
        return "paused"
    if now.date() != plan_day(agenda, session):
        return "other_day"
    return "running" if now >= plan_start(agenda, session) else "waiting"


@dataclass(frozen=True)
class LineParts:
    """The agenda line in parts, so a narrow screen can shorten the subprocess's name.

    `lead` is the clock (or since when the plan is paused, or the plan alone on a day it
    does not run); `subprocess` the cursor's ('' when none); `rest` its box and the pace.
    `running_out` colours the line; `announce` is the moment for a notice: the box has a
    few minutes left (not when it is over already: the colour says that).
    """

    lead: str
    subprocess: str
    rest: tuple[str, ...]
    running_out: bool
    announce: bool
    state: PlanState

    @property
    def text(self) -> str:
        return " · ".join(part for part in (self.lead, self.subprocess, *self.rest) if part)


def line_parts(
    agenda: Agenda,
    process: ProcessDefinition,
    session: Session,
    cursor_subprocess: int | None,
    now: datetime,
    lang: str,
) -> LineParts:
    """What the agenda line says at `now` (naive local time): on the plan's day the clock,
    the cursor's subprocess, its box and the pace; while paused the same, standing still
    at the pause; on any other day the plan only, with no countdown and no notice."""
    moment = plan_moment(agenda, session, now)
    if moment is None:
        return LineParts(plan_text(agenda, session, lang), "", (), False, False, "other_day")
    current = pace(agenda, process, session, cursor_subprocess, moment)
    name = ""
    if cursor_subprocess is not None:
        subprocess = next(s for s in process.subprocesses if s.number == cursor_subprocess)
        name = f"{subprocess.number} {subprocess.name.in_lang(lang)}"
    rest = tuple(part for part in (current.box_text(lang), current.text(lang)) if part)
    if agenda.paused_at is not None:
        lead = t("Paused since {since}", lang, since=moment.strftime("%H:%M"))
        return LineParts(lead, name, rest, False, False, "paused")
    state: PlanState = "running" if current.started else "waiting"
    lead = now.strftime("%H:%M")
    return LineParts(lead, name, rest, current.running_out, current.about_to_end, state)


def header_line(
    agenda: Agenda,
    process: ProcessDefinition,
    session: Session,
    cursor_subprocess: int | None,
    now: datetime,
    lang: str,
) -> tuple[str, bool]:
    """The agenda line for the estimate screen and the room: its text, and running out.

    '10:30 · 2 Samtalen · 73 min left · 9 min behind: about 15 min per cell to catch up'
    """
    parts = line_parts(agenda, process, session, cursor_subprocess, now, lang)
    return parts.text, parts.running_out
