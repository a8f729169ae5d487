"""Editing a workshop session: every change a new Session, saved at once, undoable.

Pure Python, no Textual: the facilitator's app calls these methods and draws
the result. Each committed change replaces the whole Session (pydantic
`model_copy`, so unchanged parts are shared), is saved atomically before the
method returns, and goes on the undo stack. Input that cannot be used raises
an `EntryError` (an `HoursError` for hours) whose message is for the user, and
changes nothing, neither in memory nor on disk.

A save refused because another program wrote the file, or because the file is
open read-only, changes nothing either. A save that fails because the file
cannot be written (a full disk) loses nothing: the change is made in memory
and `unsaved` says the file lags behind; NotSavedError tells the caller, and
the next save that works (any change, or `save_kept`) writes them all.
"""

from __future__ import annotations

import contextlib
from datetime import date, time
from pathlib import Path
from typing import Literal

from workshop_tui.core import totals as totals_engine
from workshop_tui.core.dates import parse_date
from workshop_tui.core.errors import WorkshopError
from workshop_tui.core.hours import HoursError, parse_hours, parse_range
from workshop_tui.core.i18n import N_, t
from workshop_tui.core.limits import MAX_PARTICIPANTS
from workshop_tui.core.numbers import EntryError, parse_share, parse_staff
from workshop_tui.core.process.catalogue import Catalogue, check_session, own_process_catalogue
from workshop_tui.core.process.model import ProcessDefinition
from workshop_tui.core.room import session as room
from workshop_tui.core.room.model import RoomFile
from workshop_tui.core.room.spread import cell_spread
from workshop_tui.core.session import local_activities
from workshop_tui.core.session.entries import ActivityEntry, Estimate
from workshop_tui.core.session.file import (
    NotSavedError,
    SaveError,
    SessionChangedError,
    SessionFile,
    SessionReadOnlyError,
)
from workshop_tui.core.session.history import UNDO_LIMIT, Change, History, Step
from workshop_tui.core.session.local_activities import clean_name
from workshop_tui.core.session.lock import SessionLockedError
from workshop_tui.core.session.model import Session, StaffMember
from workshop_tui.core.session.staff import with_staff
from workshop_tui.core.session.storage import session_filename
from workshop_tui.core.workshop import agenda as plan
from workshop_tui.core.workshop import rounds
from workshop_tui.core.workshop.agenda import Clock, utc_now
from workshop_tui.core.workshop.model import DEFAULT_PAUSE_MINUTES, Agenda

# Names the app imports from here; they live in modules of their own.
__all__ = [
    "ENTRY_ERRORS",
    "UNDO_LIMIT",
    "Change",
    "NotSavedError",
    "SaveError",
    "SessionChangedError",
    "SessionEditor",
    "SessionLockedError",
    "SessionReadOnlyError",
    "clean_name",
    "parse_date",
]

Side = Literal["low", "high"]
SIDES: tuple[Side, Side] = ("low", "high")
SIDE_WORDS: dict[str, str] = {"low": N_("Low"), "high": N_("High")}
"""The heading of each side of an estimate, as the message catalogue holds it."""

# Everything a caller should catch and show next to the entry.
ENTRY_ERRORS = (HoursError, EntryError)


class SessionEditor:
    """One open workshop: its session, its process definition and its file.

    `clock` gives the moment (UTC) each change is committed: the time log and
    the rounds record it (tests pass a fixed clock).
    """

    def __init__(
        self,
        session: Session,
        process: ProcessDefinition,
        path: Path,
        lang: str = "en",
        *,
        file: SessionFile | None = None,
        clock: Clock = utc_now,
    ) -> None:
        self.clock = clock
        self.session = session
        self.process = process
        self.lang = lang
        # The file: its lock, and the check that no other program wrote it since.
        self.file = file or SessionFile(Path(path), lang)
        self._history = History()
        # True while changes made here are not on disk yet (the last save failed)
        self.unsaved = False

    # ------------------------------------------------------------ opening

    @classmethod
    def create(
        cls,
        process: ProcessDefinition,
        folder: Path,
        *,
        municipality: str,
        workshop_date: date,
        groups: list[str],
        facilitator: str = "",
        participants: int = 0,
        staff: list[StaffMember] | None = None,
        lang: str = "en",
        clock: Clock = utc_now,
    ) -> SessionEditor:
        """A new, empty workshop, saved at once so it shows in the resume list; with
        `staff` listed, the count of participants is theirs."""
        session = Session(
            process_id=process.id,
            process_version=process.version,
            municipality=municipality,
            workshop_date=workshop_date,
            facilitator=facilitator,
            participants=participants,
            groups=groups,
        )
        if staff:
            check_staff(staff, groups, lang)
            session = with_staff(session, staff)
        path = Path(folder) / session_filename(session)
        editor = cls(
            session, process, path, lang, file=SessionFile.for_new(path, lang), clock=clock
        )
        try:
            editor.session = editor._write(session)
        except BaseException:
            editor.close()
            raise
        return editor

    @classmethod
    def open(
        cls,
        path: Path,
        catalogue: Catalogue | None,
        lang: str = "en",
        *,
        read_only: bool = False,
        take_over: bool = False,
        clock: Clock = utc_now,
    ) -> SessionEditor:
        """A saved session with its process; a WorkshopError if they do not fit together.

        With no `catalogue`, only the session's own bundled process is read.

        Takes the session's lock: SessionLockedError (saying who holds it) when
        another window has it open, unless `read_only`; `take_over` takes a lock
        whose holder is gone or on another host. Temp files a killed save left
        beside the file are removed once the lock is held.
        """
        session, file = SessionFile.open(path, lang, read_only=read_only, take_over=take_over)
        try:
            if catalogue is None:
                catalogue = own_process_catalogue(session.process_id, lang)
            process = catalogue.get(session.process_id)
            problems = check_session(session, process, file.path)
            if problems:
                raise WorkshopError(N_("Session does not fit its process"), problems)
        except BaseException:
            file.close()
            raise
        return cls(session, process, file.path, lang, file=file, clock=clock)

    def close(self) -> None:
        """Let go of the session's lock, after one more try to save changes kept unsaved."""
        if self.unsaved:
            with contextlib.suppress(SaveError):  # the user was told; nothing more to do
                self.save_kept()
        self.file.close()

    @property
    def path(self) -> Path:
        return self.file.path

    @path.setter
    def path(self, path: Path) -> None:
        self.file.path = Path(path)

    @property
    def read_only(self) -> bool:
        """True when opened read-only, or after another program wrote the file."""
        return self.file.read_only

    @property
    def follows_file(self) -> bool:
        """True when this editor only reads the file (another window writes it), so its
        session should follow what is saved there; never with changes kept unsaved."""
        return self.file.read_only and not self.file.conflict and not self.unsaved

    def follow(self, session: Session) -> None:
        """Show the session another window saved; only for an editor that `follows_file`."""
        if not self.follows_file:
            raise ValueError("only a read-only editor follows its file")
        self.session = session

    # ------------------------------------------------------------ reading

    @property
    def version_differs(self) -> bool:
        return self.session.process_version != self.process.version

    @property
    def can_undo(self) -> bool:
        return self._history.can_undo

    @property
    def can_redo(self) -> bool:
        return self._history.can_redo

    def lines(self) -> list[totals_engine.ActivityLine]:
        return totals_engine.activity_lines(self.process, self.session)

    def line(self, activity_id: str) -> totals_engine.ActivityLine:
        return next(line for line in self.lines() if line.id == activity_id)

    def totals(self) -> dict[str, totals_engine.GroupTotals]:
        return totals_engine.session_totals(self.process, self.session)

    def completeness(self) -> float:
        return totals_engine.completeness(self.totals())

    # ------------------------------------------------------------ estimates

    def set_hours(self, activity_id: str, group_id: str, side: Side, text: str) -> Change | None:
        """Low or high hours from what was typed; empty text clears the cell."""
        self._check_cell(activity_id, group_id)
        if side not in SIDES:
            raise ValueError(f"side must be 'low' or 'high', not {side!r}")
        change = Change("hours", activity_id, group_id, side)
        both = parse_range(text, self.lang) if text.strip() else None
        if both is not None:  # "2-3" typed in either column: low and high at once
            return self._set_estimate(
                activity_id, group_id, {"low": both[0], "high": both[1]}, change
            )
        value = parse_hours(text, self.lang) if text.strip() else None
        return self._set_estimate(activity_id, group_id, {side: value}, change)

    def set_staff(self, activity_id: str, group_id: str, text: str) -> Change | None:
        """Staff taking part; the activity's hours are multiplied by it."""
        self._check_cell(activity_id, group_id)
        value = parse_staff(text, self.lang) if text.strip() else 1.0
        change = Change("staff", activity_id, group_id)
        return self._set_estimate(activity_id, group_id, {"staff": value}, change)

    def set_share(self, activity_id: str, group_id: str, text: str) -> Change | None:
        """Share of cases in which the activity happens; hours are multiplied by it."""
        self._check_cell(activity_id, group_id)
        value = parse_share(text, self.lang) if text.strip() else 1.0
        change = Change("share", activity_id, group_id)
        return self._set_estimate(activity_id, group_id, {"share": value}, change)

    def set_factors(self, activity_id: str, values: dict[str, tuple[str, str]]) -> Change | None:
        """Staff and share for several groups at once, as one change (one undo step)."""
        parsed: dict[str, dict[str, object]] = {}
        for group_id, (staff, share) in values.items():
            self._check_cell(activity_id, group_id)
            parsed[group_id] = {
                "staff": parse_staff(staff, self.lang) if staff.strip() else 1.0,
                "share": parse_share(share, self.lang) if share.strip() else 1.0,
            }
        session = self.session
        for group_id, update in parsed.items():
            session = self._with_estimate(session, activity_id, group_id, update)
        return self._commit(session, Change("factors", activity_id))

    def _set_estimate(
        self, activity_id: str, group_id: str, update: dict[str, object], change: Change
    ) -> Change | None:
        session = self._with_estimate(self.session, activity_id, group_id, update)
        return self._commit(session, change)

    @staticmethod
    def _with_estimate(
        session: Session, activity_id: str, group_id: str, update: dict[str, object]
    ) -> Session:
        entry = session.entry(activity_id)
        estimate = session.estimate(activity_id, group_id).model_copy(update=update)
        estimates = dict(entry.estimates)
        if estimate == Estimate():
            estimates.pop(group_id, None)  # an emptied cell leaves no trace in the file
        else:
            estimates[group_id] = estimate
        return _with_entry(session, activity_id, estimates=estimates)

    # ------------------------------------------------------------ activity marks

    def set_not_applicable(self, activity_id: str, value: bool) -> Change | None:
        self._check_activity(activity_id)
        return self._commit(
            self._with_entry(activity_id, not_applicable=value),
            Change("not_applicable", activity_id),
        )

    def toggle_not_applicable(self, activity_id: str) -> Change | None:
        return self.set_not_applicable(
            activity_id, not self.session.entry(activity_id).not_applicable
        )

    def set_time_consuming(self, activity_id: str, value: bool) -> Change | None:
        """The room's mark; stored only where it differs from the definition's flag."""
        self._check_activity(activity_id)
        default = self._defined_time_consuming(activity_id)
        return self._commit(
            self._with_entry(activity_id, time_consuming=None if value == default else value),
            Change("time_consuming", activity_id),
        )

    def toggle_time_consuming(self, activity_id: str) -> Change | None:
        return self.set_time_consuming(activity_id, not self.line(activity_id).time_consuming)

    def set_note(self, activity_id: str, text: str) -> Change | None:
        self._check_activity(activity_id)
        return self._commit(
            self._with_entry(activity_id, note=text.strip()), Change("note", activity_id)
        )

    # ------------------------------------------------------------ local activities

    def add_local_activity(self, subprocess: int, name: str) -> Change:
        """A new activity the room names, at the end of the subprocess."""
        session, local = local_activities.with_added(
            self.session, self.process, subprocess, name, self.lang
        )
        change = Change("add_local", local.id, subprocess=subprocess)
        self._commit(session, change)
        return change

    def rename_local_activity(self, activity_id: str, name: str) -> Change | None:
        local = local_activities.find_local(self.session, activity_id, self.lang)
        return self._commit(
            local_activities.with_renamed(self.session, local, name, self.lang),
            Change("rename_local", activity_id, subprocess=local.subprocess),
        )

    def remove_local_activity(self, activity_id: str) -> Change:
        """Removes the activity and everything entered for it (undo brings both back)."""
        local = local_activities.find_local(self.session, activity_id, self.lang)
        change = Change("remove_local", activity_id, subprocess=local.subprocess)
        self._commit(local_activities.with_removed(self.session, local), change)
        return change

    # ------------------------------------------------------------ notes

    def set_cost_driver_note(self, subprocess: int, text: str) -> Change | None:
        if subprocess not in {s.number for s in self.process.subprocesses}:
            raise ValueError(f"unknown subprocess {subprocess}")
        notes = dict(self.session.cost_driver_notes)
        if text.strip():
            notes[subprocess] = text.strip()
        else:
            notes.pop(subprocess, None)
        return self._commit(
            self.session.model_copy(update={"cost_driver_notes": notes}),
            Change("cost_driver_note", subprocess=subprocess),
        )

    def set_participants(self, staff: list[StaffMember]) -> Change | None:
        """Who took part (role, groups, initials); the count follows where any are listed."""
        check_staff(staff, self.session.groups, self.lang)
        return self._commit(with_staff(self.session, staff), Change("participants"))

    def set_notes(self, text: str) -> Change | None:
        return self._commit(
            self.session.model_copy(update={"notes": text.strip()}), Change("notes")
        )

    # ------------------------------------------------------------ undo / redo

    def undo(self) -> Change | None:
        """Go back one committed change (saved at once); None when there is none."""
        step = self._history.next_undo()
        if step is None:
            return None
        failed = self._store(self.with_time_logged(step.before, step.change))
        self._history.undone()
        if failed is not None:
            failed.change = step.change
            raise failed
        return step.change

    def redo(self) -> Change | None:
        step = self._history.next_redo()
        if step is None:
            return None
        failed = self._store(self.with_time_logged(step.after, step.change))
        self._history.redone()
        if failed is not None:
            failed.change = step.change
            raise failed
        return step.change

    # ------------------------------------------------------------ internals

    def save_kept(self) -> None:
        """Write the changes kept after a failed save; NotSavedError while it still fails."""
        if self.unsaved:
            failed = self._store(self.session)
            if failed is not None:
                raise failed

    def _commit(self, session: Session, change: Change) -> Change | None:
        """Save the new session and make it current; a no-op is neither saved nor undoable
        (but writes what earlier failed saves kept, so saving the same text again retries)."""
        if session == self.session:
            self.save_kept()
            return None
        before = self.session
        failed = self._store(self.with_time_logged(session, change))
        self._history.record(Step(before, self.session, change))
        if failed is not None:
            failed.change = change
            raise failed
        return change

    def _store(self, session: Session) -> NotSavedError | None:
        """Save `session` and make it current; see the module text for a failed save.

        A refusal raises and changes nothing. A write that fails makes `session`
        current all the same, unsaved, and returns the error for the caller to raise
        once the change is recorded (so undo knows it too).
        """
        try:
            self.session = self._write(session)
        except (SessionChangedError, SessionReadOnlyError):
            raise
        except SaveError as error:
            self.session, self.unsaved = session, True
            message = t(
                "NOT SAVED: could not save {path}: {reason}. Nothing is lost: "
                "this window keeps every change and saves them all as soon as "
                "saving works again (Ctrl+S tries now).",
                self.lang,
                path=self.path.name,
                reason=error.reason,
            )
            return NotSavedError(message)  # the whole sentence: where, why, what happens
        self.unsaved = False
        return None

    def _write(self, session: Session) -> Session:
        return self.file.save(session)

    def _with_entry(self, activity_id: str, **update: object) -> Session:
        return _with_entry(self.session, activity_id, **update)

    def _check_activity(self, activity_id: str) -> None:
        if activity_id not in local_activities.taken_ids(self.process, self.session):
            raise ValueError(f"unknown activity {activity_id!r}")

    def _check_cell(self, activity_id: str, group_id: str) -> None:
        self._check_activity(activity_id)
        if group_id not in self.session.groups:
            raise ValueError(f"group {group_id!r} is not covered by this session")

    def _defined_time_consuming(self, activity_id: str) -> bool:
        for subprocess in self.process.subprocesses:
            for activity in subprocess.activities:
                if activity.id == activity_id:
                    return activity.time_consuming
        return False

    # ------------------------------------------------------------ not applicable per group
    # The whole activity's switch (set_not_applicable) stays, and wins: a cell counts only
    # where neither the activity nor its group is marked. Marking a group keeps the figures
    # typed for it, so marking it back brings them back.

    def set_group_not_applicable(
        self, activity_id: str, group_id: str, value: bool
    ) -> Change | None:
        """Mark one activity x group cell not applicable (left out of the group's totals)."""
        self._check_cell(activity_id, group_id)
        session = self._with_estimate(
            self.session, activity_id, group_id, {"not_applicable": value}
        )
        return self._commit(session, Change("group_not_applicable", activity_id, group_id))

    def toggle_group_not_applicable(self, activity_id: str, group_id: str) -> Change | None:
        marked = self.session.estimate(activity_id, group_id).not_applicable
        return self.set_group_not_applicable(activity_id, group_id, not marked)

    # ------------------------------------------------------------ agenda and rounds

    def propose_agenda(
        self,
        start: time,
        length_minutes: int,
        *,
        pause_after: int | None = None,
        pause_minutes: int = DEFAULT_PAUSE_MINUTES,
    ) -> Change | None:
        """A plan with boxes in proportion to each subprocess's cells."""
        agenda = plan.propose_agenda(
            self.process,
            self.session,
            start,
            length_minutes,
            pause_after=pause_after,
            pause_minutes=pause_minutes,
        )
        return self.set_agenda(agenda)

    def set_agenda(self, agenda: Agenda | None) -> Change | None:
        unknown = set(agenda.boxes if agenda else ()) - {
            s.number for s in self.process.subprocesses
        }
        if unknown:
            raise ValueError(f"unknown subprocess {min(unknown)}")
        return self._commit(self.session.model_copy(update={"agenda": agenda}), Change("agenda"))

    def set_box(self, subprocess: int, minutes: int) -> Change | None:
        """One box's minutes; the others keep theirs."""
        if self.session.agenda is None:
            raise ValueError("the session has no agenda")
        return self.set_agenda(plan.with_box(self.session.agenda, subprocess, minutes))

    def set_pause(self, after: int | None, minutes: int) -> Change | None:
        if self.session.agenda is None:
            raise ValueError("the session has no agenda")
        return self.set_agenda(plan.with_pause(self.session.agenda, after, minutes))

    def start_agenda_now(self) -> Change | None:
        """'We start now': the plan moved to start at the clock's minute, on today's date."""
        now = plan.to_local(self.clock())
        return self.set_agenda(plan.started_now(self._agenda(), self.session, now))

    def pause_agenda(self) -> Change | None:
        """The room pauses: the pace stands still (None when paused already)."""
        return self.set_agenda(plan.paused(self._agenda(), self.clock()))

    def resume_agenda(self) -> Change | None:
        """The room goes on: the plan moves on by the time paused (None when not paused)."""
        return self.set_agenda(plan.resumed(self._agenda(), self.session, self.clock()))

    def _agenda(self) -> Agenda:
        if self.session.agenda is None:
            raise EntryError(t("No agenda yet: F4 makes one", self.lang))
        return self.session.agenda

    def close_round(self, subprocess: int | None = None) -> Change | None:
        """Keep the figures now as the first round: one subprocess, or all (None)."""
        session = rounds.with_round_closed(self.session, self.process, subprocess, self.clock())
        return self._commit(session, Change("close_round", subprocess=subprocess))

    def set_silent_round(self, silent: bool) -> Change | None:
        return self._commit(rounds.with_silent(self.session, silent), Change("silent_round"))

    # ------------------------------------------------------------ the participants' room
    # What the room is asked and what it gave are records, not edits: saved at once,
    # never on the undo stack (undo of an hour typed never takes an estimate back).

    def ask_room(self, activity_ids: list[str]) -> None:
        """Ask the room for every applicable cell of these activities (none: ask nothing)."""
        for activity_id in activity_ids:
            self._check_activity(activity_id)
        cells = room.asked_cells(self.session, activity_ids)
        self._record(room.with_question(self.session, cells, self.clock()))

    def reveal_room(self) -> None:
        """Show the participants the spread of what is asked now."""
        self._record(room.with_revealed(self.session))

    def take_room_estimates(self, room_file: RoomFile) -> bool:
        """Copy the room file's estimates into the session; True when any were new."""
        session = room.with_room_estimates(self.session, room_file)
        if session is self.session:
            return False
        self._record(session)
        return True

    def take_room_medians(self, activity_id: str, group_id: str) -> Change | None:
        """The participants' median low and high into the cell, as its first-round figure."""
        self._check_cell(activity_id, group_id)
        spread = cell_spread(self.session.participant_estimates, activity_id, group_id)
        if spread is None:
            raise EntryError(t("No participant has estimated this cell yet", self.lang))
        session = room.with_medians(self.session, activity_id, group_id, spread)
        return self._commit(session, Change("room_medians", activity_id, group_id))

    def _record(self, session: Session) -> None:
        """Save a record of the room (not undoable); NotSavedError keeps it, as a change."""
        if session == self.session:
            return
        failed = self._store(session)
        if failed is not None:
            raise failed

    def with_time_logged(self, session: Session, change: Change) -> Session:
        """`session` with the current time log, and this change's moment added to it.

        The time log records when changes were made, and the participants' room what
        was asked and given, so undo and redo never take either back.
        """
        log = plan.logged(self.session.time_log, self._subprocess_of(change), self.clock())
        current = self.session
        return session.model_copy(
            update={
                "time_log": log,
                "room": current.room,
                "participant_estimates": current.participant_estimates,
            }
        )

    def _subprocess_of(self, change: Change) -> int | None:
        if change.subprocess is not None or change.activity_id is None:
            return change.subprocess if change.kind != "close_round" else None
        return plan.activity_subprocesses(self.process, self.session).get(change.activity_id)


def check_staff(staff: list[StaffMember], groups: list[str], lang: str) -> None:
    """EntryError when a participant works with a group the workshop does not cover,
    or there are more than the limit."""
    if len(staff) > MAX_PARTICIPANTS:
        raise EntryError(t("At most {limit} participants", lang, limit=MAX_PARTICIPANTS))
    for number, member in enumerate(staff, start=1):
        unknown = [g for g in member.groups if g not in groups]
        if unknown:
            raise EntryError(
                t(
                    "Participant {number} ({role}): '{group}' is not one of the "
                    "workshop's target groups",
                    lang,
                    number=number,
                    role=member.role,
                    group=unknown[0],
                )
            )


def _with_entry(session: Session, activity_id: str, **update: object) -> Session:
    """`session` with one activity's entry changed; an entry back at defaults is dropped."""
    entry = session.entry(activity_id).model_copy(update=update)
    activities = dict(session.activities)
    if entry == ActivityEntry():
        activities.pop(activity_id, None)
    else:
        activities[activity_id] = entry
    return session.model_copy(update={"activities": activities})
