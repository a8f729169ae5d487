"""A small process for hand-checked agenda and round figures.

Three subprocesses with 2, 3 and 1 activities; with two target groups that is
4, 6 and 2 cells (12 in all), so shares of the day are easy to check by hand.
"""

import json

from workshop_tui.core.process.model import ProcessDefinition
from workshop_tui.core.session.model import Session

GROUPS = ["a", "b"]


def _text(word):
    return {"da": word, "en": word}


def small_process():
    activities = {1: ["s1a", "s1b"], 2: ["s2a", "s2b", "s2c"], 3: ["s3a"]}
    return ProcessDefinition.model_validate(
        {
            "id": "lille",
            "version": "1",
            "name": _text("Lille"),
            "description": _text("Lille proces"),
            "starts": _text("start"),
            "ends": _text("slut"),
            "groups": [{"id": g, "name": _text(g)} for g in GROUPS],
            "subprocesses": [
                {
                    "number": number,
                    "id": f"sp{number}",
                    "name": _text(f"Delproces {number}"),
                    "activities": [{"id": a, "name": _text(a)} for a in ids],
                }
                for number, ids in activities.items()
            ],
            "reference": {
                "source": "test",
                "table": "1",
                "groups": [{"group": g, "total": {"low": 1, "high": 2}} for g in GROUPS],
            },
            "provenance": {"source": "test", "note": _text("test")},
        }
    )


def session_with(process, figures, **extra):
    """A session whose cells are {(activity, group): (low, high)}."""
    activities = {}
    for (activity, group), (low, high) in figures.items():
        estimates = activities.setdefault(activity, {"estimates": {}})["estimates"]
        estimates[group] = {"low": low, "high": high}
    # from JSON text, as a file is read (strict types take dates as text there)
    return Session.model_validate_json(
        json.dumps(
            {
                "process_id": process.id,
                "process_version": process.version,
                "municipality": "Testby",
                "workshop_date": "2024-03-01",
                "groups": GROUPS,
                "activities": activities,
                **extra,
            }
        )
    )
