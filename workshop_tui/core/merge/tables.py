"""The tables `merge --format csv --table NAME` can print: named once, without pandas,
so the command line offers them without loading the tables' modules."""

CSV_TABLES = (
    "levels",
    "overview",
    "workshops",
    "screening",
    "convergence",
    "actual_time",
    "within_room",
    "skipped",
)
