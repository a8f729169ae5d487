"""What a facilitator types for the agenda: a start time and a length, read and written back.

Pure: the new-workshop form and the agenda dialog read the fields with these, and
show the messages (Danish or English) beside them as they are typed.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from workshop_tui.core.hours import HoursError, parse_hours
from workshop_tui.core.i18n import t
from workshop_tui.core.limits import MAX_AGENDA_MINUTES
from workshop_tui.core.numbers import EntryError
from workshop_tui.core.process.model import ProcessDefinition
from workshop_tui.core.session.model import Session
from workshop_tui.core.workshop.agenda import cell_counts, exists_locally

# A bare number from this size up is minutes ("210"); below it, hours ("3", "3,5").
BARE_MINUTES_FROM = 15
MIN_LENGTH_MINUTES = 5
# A workshop this long or longer gets a pause in the proposal (the facilitator moves it).
PAUSE_FROM_MINUTES = 120


_CLOCK = re.compile(r"^\s*([0-9]{1,2})(?:\s*[:.]\s*([0-9]{2}))?\s*$")
_WHOLE = re.compile(r"^\s*[0-9]+\s*$")


def parse_start(text: str, lang: str) -> time:
    """'9:00', '09.30', '13' -> a time of day; EntryError otherwise."""
    match = _CLOCK.match(text)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if hour < 24 and minute < 60:
            return time(hour, minute)
    raise EntryError(
        t(
            "Start: '{text}' is not a time of day; write it as 9:00 or 13.30",
            lang,
            text=text.strip()[:20],
        )
    )


def parse_start_on(text: str, day: date, lang: str) -> time:
    """parse_start, on `day`: a time the clocks skip that day (02:30 when summer time
    starts) is refused, since the plan would start at a moment that never comes."""
    start = parse_start(text, lang)
    if not exists_locally(datetime.combine(day, start)):
        shown = start.strftime("%H:%M")
        raise EntryError(
            t(
                "Start: {start} does not exist on {day} (the clocks go forward "
                "an hour that night); choose another time",
                lang,
                start=shown,
                day=day.isoformat(),
            )
        )
    return start


def parse_length(text: str, lang: str) -> int:
    """'3:30', '3 t 30 min', '3,5', '210' -> minutes; EntryError otherwise.

    A bare number of BARE_MINUTES_FROM or more is minutes, a smaller one hours:
    nobody plans a 3-minute workshop or a 210-hour one.
    """
    shown = text.strip()[:20]
    try:
        hours = parse_hours(text, lang)
    except HoursError as refused:
        raise EntryError(
            t("Length: '{text}' is not understood; write 3:30, 3 h 30 min or 210", lang, text=shown)
        ) from refused
    bare = re.fullmatch(r"\s*[0-9]+(?:[.,][0-9]*)?\s*", text) is not None
    minutes = round(hours) if bare and hours >= BARE_MINUTES_FROM else round(hours * 60)
    if not MIN_LENGTH_MINUTES <= minutes <= MAX_AGENDA_MINUTES:
        raise EntryError(
            t(
                "Length: {minutes} min; it must be {low}-{high} minutes",
                lang,
                minutes=minutes,
                low=MIN_LENGTH_MINUTES,
                high=MAX_AGENDA_MINUTES,
            )
        )
    return minutes


def parse_minutes(text: str, lang: str) -> int:
    """A box or the pause: whole minutes, 0 to MAX_AGENDA_MINUTES."""
    if _WHOLE.match(text) and int(text) <= MAX_AGENDA_MINUTES:
        return int(text)
    raise EntryError(
        t(
            "'{text}' is not a whole number of minutes (0-{high})",
            lang,
            text=text.strip()[:20],
            high=MAX_AGENDA_MINUTES,
        )
    )


def length_text(minutes: int, lang: str) -> str:
    """210 -> '3 h 30 min' ('3 t 30 min' in Danish); 45 -> '45 min'; 180 -> '3 h'."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return t("{minutes} min", lang, minutes=rest)
    if not rest:
        return t("{hours} h", lang, hours=hours)
    return t("{hours} h {minutes} min", lang, hours=hours, minutes=rest)


def ends_text(start: time, minutes: int, lang: str) -> str:
    """'3 h 30 min · ends about 12:30': what the form says under a length it understood."""
    end = datetime.combine(datetime(2000, 1, 1), start) + timedelta(minutes=minutes)
    return t(
        "{length} · ends about {end}",
        lang,
        length=length_text(minutes, lang),
        end=end.strftime("%H:%M"),
    )


def next_quarter(now: datetime) -> time:
    """The next quarter hour from `now` (now itself when it is on one): a start to propose."""
    moment = now.replace(second=0, microsecond=0)
    if now.second or now.microsecond or moment.minute % 15:
        moment += timedelta(minutes=15 - moment.minute % 15)
    return moment.time()


def default_pause_after(
    process: ProcessDefinition, session: Session, length_minutes: int
) -> int | None:
    """Where a proposal puts the pause: after the subprocess that ends the first half of
    the cells, in a workshop of PAUSE_FROM_MINUTES or more; none in a shorter one."""
    if length_minutes < PAUSE_FROM_MINUTES or len(process.subprocesses) < 2:
        return None
    counts = cell_counts(process, session)
    half, running = sum(counts.values()) / 2, 0
    numbers = [s.number for s in process.subprocesses]
    for number in numbers[:-1]:
        running += counts.get(number, 0)
        if running >= half:
            return number
    return numbers[-2]
