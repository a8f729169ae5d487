"""Fictitious, filled-in workshops: for the demo, the example exports and benchmarks.

Figures are drawn around the national reference so they look like a real room's,
but every municipality name says it is fictitious. Same seed, same session.
"""

from __future__ import annotations

import random
import uuid
from datetime import UTC, date, datetime

from workshop_tui.core.process.model import HoursRange, ProcessDefinition
from workshop_tui.core.session.entries import ActivityEntry, Estimate
from workshop_tui.core.session.model import Session

FICTITIOUS_MUNICIPALITIES = (
    "Søby Kommune (fiktiv)",
    "Nørreå Kommune (fiktiv)",
    "Vesterlund Kommune (fiktiv)",
    "Østerhavn Kommune (fiktiv)",
    "Bakkedal Kommune (fiktiv)",
    "Fjordby Kommune (fiktiv)",
)


def demo_session(
    process: ProcessDefinition,
    municipality: str = FICTITIOUS_MUNICIPALITIES[0],
    seed: int = 0,
    groups: list[str] | None = None,
    workshop_date: date = date(2024, 3, 1),
) -> Session:
    """A complete session whose totals land near the published reference."""
    rng = random.Random(f"{process.id}:{municipality}:{seed}")
    groups = groups or process.group_ids
    activities: dict[str, ActivityEntry] = {}
    for group in groups:
        for number, (low, high) in _subprocess_targets(process, group).items():
            subprocess = process.subprocesses[number - 1]
            weights = [3.0 if a.time_consuming else 1.0 for a in subprocess.activities]
            scale = rng.uniform(0.8, 1.2)
            for activity, weight in zip(subprocess.activities, weights, strict=True):
                share = weight / sum(weights)
                a, b = _jitter(rng, low * share * scale), _jitter(rng, high * share * scale)
                entry = activities.setdefault(activity.id, ActivityEntry())
                entry.estimates[group] = Estimate(low=min(a, b), high=max(a, b))
    stamp = datetime(workshop_date.year, workshop_date.month, workshop_date.day, 12, tzinfo=UTC)
    return Session(
        session_id=uuid.UUID(int=rng.getrandbits(128)).hex,
        process_id=process.id,
        process_version=process.version,
        municipality=municipality,
        workshop_date=workshop_date,
        facilitator="Demo (fiktiv)",
        participants=rng.randint(6, 10),
        groups=list(groups),
        activities=activities,
        notes="Fiktiv demo-workshop: tallene er opdigtede. / Fictitious demo workshop: "
        "the figures are made up.",
        created_at=stamp,
        updated_at=stamp,
    )


def _subprocess_targets(process: ProcessDefinition, group: str) -> dict[int, tuple[float, float]]:
    """Per subprocess, the published range, or the total's range split evenly."""
    ref = process.group_reference(group)
    count = len(process.subprocesses)
    if ref is None:
        return {s.number: (0.5, 1.5) for s in process.subprocesses}
    even = (ref.total.low / count, ref.total.high / count)
    return {s.number: _pair(ref.subprocesses.get(s.number)) or even for s in process.subprocesses}


def _pair(span: HoursRange | None) -> tuple[float, float] | None:
    return (span.low, span.high) if span is not None else None


def _jitter(rng: random.Random, hours: float) -> float:
    """Hours as a room states them: roughly right, rounded to 3 minutes."""
    return round(max(0.05, hours * rng.uniform(0.85, 1.15)) * 20) / 20
