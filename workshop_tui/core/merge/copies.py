"""Copies of one session (same session_id): which one counts, by a rule that is true.

- Copies with the same figures (a session file and the CSV the app wrote beside
  it, or a plain copy) are one workshop: it counts once, from the JSON if there
  is one (then the newest, then the first path in sorted order).
- Copies that differ: the one with the newest `updated_at` counts, and the
  message says which file was used and why. Where the newest time is shared by
  copies that differ, or a differing copy has no `updated_at` (a tidy CSV has
  none), the merge does not guess: the session is refused, every file is named,
  and the user is asked to remove the copies that are wrong (exit 1).

The choice never depends on the order the files were read in.
"""

from __future__ import annotations

from pathlib import Path

from workshop_tui.core.errors import Problem
from workshop_tui.core.merge.records import SessionRecord
from workshop_tui.core.merge.screening import Finding, finding


def figures_key(record: SessionRecord) -> tuple[tuple[str, ...], bytes, bytes]:
    """What makes two copies the same workshop: groups and every figure, bit for bit."""
    return record.groups, record.levels.tobytes(), record.values.tobytes()


def resolve_copies(
    copies: dict[str, list[SessionRecord]],
) -> tuple[list[SessionRecord], list[Problem], list[Finding]]:
    """One record per session id, the notices about the copies set aside, and refusals."""
    kept: list[SessionRecord] = []
    notices: list[Problem] = []
    refused: list[Finding] = []
    for records in copies.values():
        if len(records) == 1:
            kept.append(records[0])
            continue
        distinct = {figures_key(r) for r in records}
        if len(distinct) == 1:
            winner = min(records, key=_preference)
            kept.append(winner)
            notices += [_same_notice(r, winner) for r in records if r is not winner]
            continue
        winner_or_none = _newest(records)
        if winner_or_none is None:
            refused.append(_refusal(records))
            continue
        kept.append(winner_or_none)
        notices += [_differ_notice(r, winner_or_none) for r in records if r is not winner_or_none]
    return kept, notices, refused


def _preference(record: SessionRecord) -> tuple[bool, float, str]:
    """JSON first, then the newest, then the first path: for copies with equal figures."""
    stamp = record.updated_at.timestamp() if record.updated_at else float("-inf")
    return record.kind != "json", -stamp, record.source


def _newest(records: list[SessionRecord]) -> SessionRecord | None:
    """The copy with the newest updated_at, if it is newer than every copy that differs."""
    if any(r.updated_at is None for r in records):
        return None
    newest = max(r.updated_at for r in records if r.updated_at is not None)
    at_newest = [r for r in records if r.updated_at == newest]
    if len({figures_key(r) for r in at_newest}) > 1:
        return None
    return min(at_newest, key=_preference)


def _same_notice(record: SessionRecord, winner: SessionRecord) -> Problem:
    return Problem(
        Path(record.source),
        f"same session ({record.session_id[:8]}) as {winner.source}: counted once (same figures)",
        kind="duplicate",
    )


def _differ_notice(record: SessionRecord, winner: SessionRecord) -> Problem:
    stamp = winner.updated_at.isoformat() if winner.updated_at else ""
    return Problem(
        Path(record.source),
        f"same session ({record.session_id[:8]}) as {winner.source}: counted once (the copies "
        f"differ; the newer one is used: {winner.source}, last changed {stamp})",
    )


def _refusal(records: list[SessionRecord]) -> Finding:
    ordered = sorted(records, key=lambda r: r.source)
    stamps = ", ".join(
        f"{Path(r.source).name}: {r.updated_at.isoformat() if r.updated_at else 'no updated_at'}"
        for r in ordered
    )
    return finding(
        ordered[0],
        "differing_copies",
        source=", ".join(r.source for r in ordered),
        params={"n": len(records), "stamps": stamps},
    )


__all__ = ["figures_key", "resolve_copies"]
