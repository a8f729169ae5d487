"""Activities the room adds to a subprocess: their names, ids and session changes.

Pure functions from a session to a new session; the editor saves and records them.
An id is unique across the definition's activities and the room's own, so no
activity is ever counted twice (catalogue.check_session refuses files where it is not).
"""

from __future__ import annotations

from workshop_tui.core.i18n import t
from workshop_tui.core.limits import MAX_NAME
from workshop_tui.core.numbers import EntryError
from workshop_tui.core.process.model import ProcessDefinition
from workshop_tui.core.session.model import LocalActivity, Session, local_activity_id


def clean_name(name: str, lang: str = "en") -> str:
    """An activity name with spaces tidied; EntryError when empty or too long."""
    name = " ".join(name.split())
    if not name:
        raise EntryError(t("The activity needs a name", lang))
    if len(name) > MAX_NAME:
        raise EntryError(t("The name is longer than {limit} characters", lang, limit=MAX_NAME))
    return name


def taken_ids(process: ProcessDefinition, session: Session) -> set[str]:
    """Every activity id in use: the definition's and the room's."""
    return set(process.activity_ids) | {a.id for a in session.local_activities}


def find_local(session: Session, activity_id: str, lang: str = "en") -> LocalActivity:
    """The room's activity with this id; EntryError for a defined (or unknown) one."""
    local = next((a for a in session.local_activities if a.id == activity_id), None)
    if local is None:
        raise EntryError(t("Only activities added in the room can be renamed or removed", lang))
    return local


def with_added(
    session: Session, process: ProcessDefinition, subprocess: int, name: str, lang: str = "en"
) -> tuple[Session, LocalActivity]:
    """`session` with a new activity at the end of `subprocess`, and that activity."""
    if subprocess not in {s.number for s in process.subprocesses}:
        raise ValueError(f"unknown subprocess {subprocess}")
    name = clean_name(name, lang)
    activity_id = local_activity_id(name, taken_ids(process, session))
    local = LocalActivity(id=activity_id, subprocess=subprocess, name=name)
    added = session.model_copy(update={"local_activities": [*session.local_activities, local]})
    return added, local


def with_renamed(session: Session, local: LocalActivity, name: str, lang: str = "en") -> Session:
    name = clean_name(name, lang)
    renamed = [
        a.model_copy(update={"name": name}) if a.id == local.id else a
        for a in session.local_activities
    ]
    return session.model_copy(update={"local_activities": renamed})


def with_removed(session: Session, local: LocalActivity) -> Session:
    """`session` without the activity and without anything entered for it."""
    activities = {k: v for k, v in session.activities.items() if k != local.id}
    kept = [a for a in session.local_activities if a.id != local.id]
    return session.model_copy(update={"local_activities": kept, "activities": activities})
