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
    anonymise   municipalities replaced by stable labels
    report      the human report's layout as Blocks (drawn by the CLI or as Markdown)
    output      CSV, JSON, XLSX and Markdown bytes

pandas is imported only when a DataFrame is asked for (the tidy frame, a table
beyond the levels, every format but `merge --format csv` of the levels); the app
never imports it. The levels table and the screening are computed with numpy
(statistics.py, level_stats.py), as pandas' group-bys give them (the mean to within
the last bit, see level_stats).
"""

from workshop_tui.core.merge.anonymise import anonymise, municipality_labels
from workshop_tui.core.merge.output import frame_records, summary_json
from workshop_tui.core.merge.reading import (
    EXPORT_SUFFIXES,
    collector_paused,
    find_export_files,
    load_exports,
    load_files,
    read_export,
    read_session_file,
)
from workshop_tui.core.merge.records import SessionRecord, level_name, session_record
from workshop_tui.core.merge.result import LoadResult
from workshop_tui.core.merge.statistics import MERGE_CSV_COLUMNS, Summary, summarise

__all__ = [
    "EXPORT_SUFFIXES",
    "MERGE_CSV_COLUMNS",
    "LoadResult",
    "SessionRecord",
    "Summary",
    "anonymise",
    "collector_paused",
    "find_export_files",
    "frame_records",
    "level_name",
    "load_exports",
    "load_files",
    "municipality_labels",
    "read_export",
    "read_session_file",
    "session_record",
    "summarise",
    "summary_json",
]
