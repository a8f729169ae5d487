"""The aggregator: many workshop exports in, the national tables out.

Pure functions, no printing; `workshop-tui merge` (cli/merge.py) and Python
users call the same two:

    >>> from workshop_tui.core.merge import load_exports, summarise
    >>> result = load_exports(["exports/examples"])
    >>> result.frame            # tidy: one row per workshop x group x activity
    >>> tables = summarise(result)
    >>> tables.levels           # per process, group and level: n, low, high, mean ...

Every figure comes from each workshop's own sums, computed by the shared totals
engine (workshop_tui.core.totals) on a Session object per workshop: a level's `low`
is the lowest workshop's low at that level, never the sum of the subprocess
lows (the municipality lowest on one subprocess is not the lowest on the
total). All hours are staff hours per citizen who receives the intervention.

Input order never matters: sessions are put in a canonical order (process id,
session id) as soon as they are read, and every sum runs in that order, so the
same exports give bit-identical tables and the same cost-driver ranking however
the files lie on disk.

The package is split by concern:

    reading     finding export files, reading JSON and tidy CSVs into records
    records     SessionRecord: what is kept of one workshop (no pandas)
    result      LoadResult and its DataFrames (the tidy frame, workshops, sessions)
    statistics  summarise: the levels table and the Summary; arrays/drivers/level_stats help it
    anonymising municipalities replaced by stable labels (the module is not named
                anonymise: importing it would hide the function of that name here)
    report      the human report's layout as Blocks (drawn by the CLI or as Markdown)
    output      CSV, JSON, XLSX and Markdown bytes

pandas is imported only when a DataFrame is asked for (the tidy frame, a table
beyond the levels, every format but `merge --format csv` of the levels); the app
never imports it. The levels table and the screening are computed with numpy
(statistics.py, level_stats.py), as pandas' group-bys give them (the mean to within
the last bit, see level_stats).
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

# Each name the package offers, and the module that defines it. They are imported on
# first use (PEP 562): `validate` imports the screening's rules from this package, and
# would otherwise load numpy and the tables' modules on every start (about 0.15 s).
_HOMES = {
    "EXPORT_SUFFIXES": "reading",
    "MERGE_CSV_COLUMNS": "statistics",
    "LoadResult": "result",
    "SessionRecord": "records",
    "Summary": "statistics",
    "anonymise": "anonymising",
    "find_export_files": "reading",
    "frame_records": "output",
    "level_code": "records",
    "load_exports": "reading",
    "load_files": "reading",
    "municipality_labels": "anonymising",
    "read_export": "reading",
    "read_session_file": "reading",
    "session_record": "records",
    "summarise": "statistics",
    "summary_json": "output",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{home}"), name)
    globals()[name] = value  # found once; later uses do not come here
    return value


if TYPE_CHECKING:  # pragma: no cover - for type checkers, which do not run __getattr__
    from workshop_tui.core.merge.anonymising import anonymise as anonymise
    from workshop_tui.core.merge.anonymising import municipality_labels as municipality_labels
    from workshop_tui.core.merge.output import frame_records as frame_records
    from workshop_tui.core.merge.output import summary_json as summary_json
    from workshop_tui.core.merge.reading import EXPORT_SUFFIXES as EXPORT_SUFFIXES
    from workshop_tui.core.merge.reading import find_export_files as find_export_files
    from workshop_tui.core.merge.reading import load_exports as load_exports
    from workshop_tui.core.merge.reading import load_files as load_files
    from workshop_tui.core.merge.reading import read_export as read_export
    from workshop_tui.core.merge.reading import read_session_file as read_session_file
    from workshop_tui.core.merge.records import SessionRecord as SessionRecord
    from workshop_tui.core.merge.records import level_code as level_code
    from workshop_tui.core.merge.records import session_record as session_record
    from workshop_tui.core.merge.result import LoadResult as LoadResult
    from workshop_tui.core.merge.statistics import MERGE_CSV_COLUMNS as MERGE_CSV_COLUMNS
    from workshop_tui.core.merge.statistics import Summary as Summary
    from workshop_tui.core.merge.statistics import summarise as summarise

__all__ = sorted(_HOMES)
