"""Who took part: the participants' roles and the target groups they work with.

The source chose 6-10 staff per workshop by the target groups they work with daily;
no names are kept, initials only where the room wants to tell two apart. The roles
are free text (job centres name their functions differently); the suggestions are
the functions the source names.
"""

from __future__ import annotations

import re
from collections import Counter

from workshop_tui.core.i18n import nt, t
from workshop_tui.core.session.model import Session, StaffMember

ROLE_SUGGESTIONS = (
    "sagsbehandler",
    "koordinerende sagsbehandler",
    "virksomhedskonsulent",
    "jobkonsulent",
    "mentor",
    "ydelsesmedarbejder",
    "mødeleder",
    "sekretær",
    "teamleder",
    "koordinator",
    "jurist",
)
"""The functions the source names for the people who do the key processes' work."""

# The Danish plural of each suggested role, for the count per role ("5 sagsbehandlere");
# a role typed otherwise is counted as '5 × role'.
_PLURALS = {
    "sagsbehandler": "sagsbehandlere",
    "koordinerende sagsbehandler": "koordinerende sagsbehandlere",
    "virksomhedskonsulent": "virksomhedskonsulenter",
    "jobkonsulent": "jobkonsulenter",
    "mentor": "mentorer",
    "ydelsesmedarbejder": "ydelsesmedarbejdere",
    "mødeleder": "mødeledere",
    "sekretær": "sekretærer",
    "teamleder": "teamledere",
    "koordinator": "koordinatorer",
    "jurist": "jurister",
}

# "3 sagsbehandler" or "3 x sagsbehandler": three of the same role typed at once
_COUNTED_ROLE = re.compile(r"^\s*(\d{1,3})\s*(?:[x×*]\s*)?(\S.*)$", re.IGNORECASE)


def read_role(text: str) -> tuple[int, str]:
    """(how many, role) from what was typed: '3 sagsbehandler' -> (3, 'sagsbehandler')."""
    match = _COUNTED_ROLE.match(text)
    if match is None:
        return 1, " ".join(text.split())
    return int(match.group(1)), " ".join(match.group(2).split())


def role_counts(staff: list[StaffMember]) -> list[tuple[str, int]]:
    """Each role with its count, most first, then in the order first listed."""
    counts = Counter(member.role for member in staff)
    return sorted(counts.items(), key=lambda item: -item[1])


def role_count_text(role: str, count: int) -> str:
    """'5 sagsbehandlere', '1 teamleder', '2 × fysioterapeut'."""
    if count == 1:
        return f"1 {role}"
    plural = _PLURALS.get(role.lower())
    return f"{count} {plural}" if plural else f"{count} × {role}"


def roles_summary(staff: list[StaffMember]) -> str:
    """'5 sagsbehandlere, 2 virksomhedskonsulenter, 1 teamleder'; empty without staff."""
    if not staff:  # most sessions list none; the merge asks for every one (a Counter is 2 µs)
        return ""
    return ", ".join(role_count_text(role, count) for role, count in role_counts(staff))


def participants_summary(session: Session, lang: str) -> str:
    """'8 participants: 5 sagsbehandlere, …', or only the count where no roles are listed."""
    count = len(session.staff) or session.participants
    if not count:
        return ""
    text = nt("{count} participant", "{count} participants", count, lang, count=count)
    roles = roles_summary(session.staff)
    return t("{count_text}: {roles}", lang, count_text=text, roles=roles) if roles else text


def with_staff(session: Session, staff: list[StaffMember]) -> Session:
    """The session with these participants; the count follows them where any are listed
    (with none listed, the count typed on its own is kept)."""
    update: dict[str, object] = {"staff": staff}
    if staff:
        update["participants"] = len(staff)
    return session.model_copy(update=update)
