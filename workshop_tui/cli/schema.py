"""`workshop-tui schema KIND`: the JSON Schema of a file format, generated from its model."""

from __future__ import annotations

import argparse
import json

from workshop_tui.core.process.model import ProcessDefinition
from workshop_tui.core.session.model import Session


def run(args: argparse.Namespace) -> int:
    if args.kind == "costing":
        # the costing model lives in core.costing, which loads numpy: only when asked for
        from workshop_tui.core.costing.model import CostingFile

        print(json.dumps(CostingFile.model_json_schema(), ensure_ascii=False, indent=2))
        return 0
    model = ProcessDefinition if args.kind == "process" else Session
    print(json.dumps(model.model_json_schema(), ensure_ascii=False, indent=2))
    return 0
