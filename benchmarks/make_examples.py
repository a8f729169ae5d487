"""Regenerate exports/examples/: fictitious workshop exports to try `workshop-tui merge` on.

    .venv/bin/python benchmarks/make_examples.py [FOLDER]

Three JSON session files per process (three fictitious municipalities each),
one extra job-interview workshop as a full tidy CSV, and one extra referral
workshop as a tidy CSV with only the required columns. The figures come from
workshop_tui.core.demo (drawn around the national reference, deterministic per
seed); a few local activities, "not applicable" and time-consuming marks, notes
and cost-driver notes are added so the cost-driver summary has something to
show. Every municipality name ends in "(fiktiv)" and every note says it is a
fictitious example. Running it twice gives the same files.
"""

from __future__ import annotations

import csv
import io
import sys
from datetime import date
from pathlib import Path

from workshop_tui.core.demo import FICTITIOUS_MUNICIPALITIES, demo_session
from workshop_tui.core.exports import to_csv
from workshop_tui.core.process.catalogue import load_catalogue
from workshop_tui.core.process.model import ProcessDefinition
from workshop_tui.core.session.entries import ActivityEntry, Estimate
from workshop_tui.core.session.model import LocalActivity, Session
from workshop_tui.core.session.storage import atomic_write_text, save_session, session_filename
from workshop_tui.core.tidy.table import REQUIRED_COLUMNS

DEFAULT_FOLDER = Path(__file__).resolve().parent.parent / "exports" / "examples"
PER_PROCESS = 3
NOTE = "Fiktivt eksempel / fictitious example: "

README = """# Example exports (fictitious)

Every file here is made up: the municipalities do not exist ("(fiktiv)"), and
the figures were drawn around the national reference by `workshop_tui.core.demo`.
They are here to try the aggregator on:

    workshop-tui merge exports/examples

- `*.json`: session files, three workshops per key process;
- `*_tidy.csv`: one more job-interview workshop as a tidy CSV export;
- `*_minimal.csv`: one more referral workshop as a tidy CSV with only the
  required columns (session_id, municipality, process_id, group_id,
  subprocess_no, activity_id, low_hours, high_hours).

Regenerate with `.venv/bin/python benchmarks/make_examples.py`.
"""


def example_session(process: ProcessDefinition, index: int, number: int) -> Session:
    """Workshop `number` (0, 1, 2, ...) of a process; `index` is the process's place."""
    municipality = FICTITIOUS_MUNICIPALITIES[(index + number) % len(FICTITIOUS_MUNICIPALITIES)]
    when = date(2024, 2 + 3 * (number % 4), 5 + 4 * index)
    session = demo_session(process, municipality, seed=100 + number, workshop_date=when)
    session.facilitator = "Demo (fiktiv)"
    _enrich(session, process, number)
    return session


def _enrich(session: Session, process: ProcessDefinition, number: int) -> None:
    """Marks, notes and a local activity, different per workshop, so the summary shows them."""
    first, last = process.subprocesses[0], process.subprocesses[-1]
    chosen = process.subprocesses[number % len(process.subprocesses)]
    drivers = chosen.cost_drivers
    session.cost_driver_notes[chosen.number] = NOTE + (
        drivers[0].da if drivers else "lokale standarder for dokumentation"
    )
    if number % 3 == 0:
        activity = first.activities[0].id
        session.activities[activity].time_consuming = True
        session.activities[activity].note = NOTE + "tager længere tid her end andre steder"
    elif number % 3 == 1:
        session.activities[last.activities[-1].id].not_applicable = True
    else:
        local = LocalActivity(
            id="local_tolkebistand", subprocess=first.number, name="Tolkebistand (fiktivt eksempel)"
        )
        session.local_activities.append(local)
        session.activities[local.id] = ActivityEntry(
            estimates={group: Estimate(low=0.25, high=0.5) for group in session.groups},
            time_consuming=True,
            note=NOTE + "tolk bestilt til hver tredje samtale",
        )


def minimal_csv(session: Session, process: ProcessDefinition) -> str:
    """A tidy CSV cut down to the required columns, as a hand-made one might be."""
    full = list(csv.DictReader(io.StringIO(to_csv(session, process))))
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(REQUIRED_COLUMNS)
    for row in full:
        writer.writerow([row[name] for name in REQUIRED_COLUMNS])
    return buffer.getvalue()


def write_examples(folder: Path) -> list[Path]:
    """Write every example into `folder` (made if missing); returns the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    processes = list(load_catalogue())
    for index, process in enumerate(processes):
        for number in range(PER_PROCESS):
            session = example_session(process, index, number)
            path = folder / session_filename(session)
            save_session(session, path, touch=False)
            written.append(path)
    for process_id, number, kind in (
        ("jobsamtaler", PER_PROCESS, "tidy"),
        ("andre_tilbud", PER_PROCESS, "minimal"),
    ):
        process = next(p for p in processes if p.id == process_id)
        session = example_session(process, processes.index(process), number)
        text = to_csv(session, process) if kind == "tidy" else minimal_csv(session, process)
        path = folder / session_filename(session).replace(".json", f"_{kind}.csv")
        atomic_write_text(path, text)
        written.append(path)
    readme = folder / "README.md"
    atomic_write_text(readme, README)
    return [*written, readme]


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else DEFAULT_FOLDER
    for path in write_examples(folder):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
