"""Reading a costing file (and its municipality volumes CSV) with file:line:field errors.

The YAML is read as the process files are (the catalogue's helpers), so a
mistake is reported the same way: every problem at once, each with its line.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

from workshop_tui.core.costing.model import CostingFile
from workshop_tui.core.errors import Problem, WorkshopError, field_path
from workshop_tui.core.files import read_regular_text
from workshop_tui.core.i18n import N_
from workshop_tui.core.limits import MAX_PROCESS_BYTES
from workshop_tui.core.process import yaml_file as process_yaml
from workshop_tui.core.process.catalogue import Catalogue, bundled_folder
from workshop_tui.core.process.model import DEFAULT_ROLE
from workshop_tui.core.text import nfc

DEFAULT_COSTING = "default_costing.yaml"
VOLUMES_CSV_COLUMNS = ("municipality", "process", "group", "cases_per_year")
TITLE = N_("Invalid costing file")


@dataclass
class Costing:
    """A validated costing file, where it came from, and its municipality volumes."""

    file: CostingFile
    path: Path
    # (municipality, process, group) -> cases a year
    municipality_volumes: dict[tuple[str, str, str], float] = field(default_factory=dict)
    roles_by_activity: dict[tuple[str, str], str] = field(default_factory=dict)
    # (process, group) -> the published average hours of the total, where given
    published_averages: dict[tuple[str, str], float] = field(default_factory=dict)

    def role_of(self, process_id: str, activity_id: str) -> str:
        """The activity's function or role; local activities (added in the room) are
        the citizen-facing function's."""
        return self.roles_by_activity.get((process_id, activity_id), DEFAULT_ROLE)

    def function_of(self, process_id: str, activity_id: str) -> str:
        """The function whose hours the activity's are."""
        return self.file.function_of(self.role_of(process_id, activity_id))


def bundled_costing_path() -> Path:
    return bundled_folder("workshop_tui.core.costing") / DEFAULT_COSTING


def load_costing(path: Path | None, catalogue: Catalogue) -> Costing:
    """The costing file at `path` (the bundled default if None), checked against the
    catalogue: every role an activity names must be costed, every volume must name a
    known process and group. Raises WorkshopError listing every problem."""
    path = Path(path) if path is not None else bundled_costing_path()
    text = read_regular_text(path, MAX_PROCESS_BYTES)
    root, problems = process_yaml.compose(path, text)
    if problems:
        raise WorkshopError(TITLE, problems)
    data = process_yaml.construct(root)
    try:
        costing_file = CostingFile.model_validate(data)
    except ValidationError as error:
        raise WorkshopError(TITLE, process_yaml.located_problems(path, root, error)) from None
    problems = _catalogue_problems(costing_file, catalogue, path, root)
    if problems:
        raise WorkshopError(TITLE, problems)
    costing = Costing(
        costing_file,
        path,
        roles_by_activity={
            (p.id, a.id): a.role for p in catalogue for s in p.subprocesses for a in s.activities
        },
        published_averages={
            (p.id, r.group): r.avg for p in catalogue for r in p.reference.groups if r.avg
        },
    )
    if costing_file.municipality_volumes_csv:
        csv_path = path.parent / costing_file.municipality_volumes_csv
        costing.municipality_volumes = read_municipality_volumes(csv_path, catalogue)
    return costing


def _catalogue_problems(
    costing_file: CostingFile, catalogue: Catalogue, path: Path, root: yaml.Node
) -> list[Problem]:
    problems = []
    for index, volume in enumerate(costing_file.volumes):
        loc = ("volumes", index)
        process = catalogue.processes.get(volume.process)
        if process is None:
            message = f"unknown process '{volume.process}'"
            problems.append(
                Problem(
                    path, message, process_yaml.line_of(root, (*loc, "process")), field_path(loc)
                )
            )
        elif volume.group not in process.group_ids:
            message = f"unknown target group '{volume.group}' for {volume.process}"
            problems.append(
                Problem(path, message, process_yaml.line_of(root, (*loc, "group")), field_path(loc))
            )
    for index, check in enumerate(costing_file.checks):
        if check.process not in catalogue.processes:
            where = ("checks", index, "process")
            message = f"unknown process '{check.process}'"
            problems.append(
                Problem(path, message, process_yaml.line_of(root, where), field_path(where))
            )
    for process in catalogue:
        for s_index, sub in enumerate(process.subprocesses):
            for a_index, activity in enumerate(sub.activities):
                if not costing_file.knows(activity.role):
                    process_path = catalogue.paths.get(process.id, Path(process.id))
                    role_loc = ("subprocesses", s_index, "activities", a_index, "role")
                    problems.append(
                        Problem(
                            process_path,
                            f"role '{activity.role}' is not in the costing file {path}",
                            _line_in(process_path, role_loc),
                            field_path(role_loc),
                        )
                    )
    return problems


def _line_in(path: Path, loc: tuple[str | int, ...]) -> int | None:
    """The line of `loc` in a YAML file already loaded once (read again only for an error)."""
    try:
        root, problems = process_yaml.compose(path, read_regular_text(path, MAX_PROCESS_BYTES))
    except WorkshopError:
        return None
    return None if problems else process_yaml.line_of(root, loc)


def read_municipality_volumes(
    path: Path, catalogue: Catalogue
) -> dict[tuple[str, str, str], float]:
    """municipality,process,group,cases_per_year rows; every bad row is reported."""
    text = read_regular_text(path, MAX_PROCESS_BYTES)
    rows = csv.reader(text.splitlines())
    header = [cell.strip() for cell in next(rows, [])]
    if tuple(header) != VOLUMES_CSV_COLUMNS:
        expected = ",".join(VOLUMES_CSV_COLUMNS)
        raise WorkshopError(TITLE, [Problem(path, f"the header must be {expected}", 1)])
    volumes: dict[tuple[str, str, str], float] = {}
    problems = []
    for line_no, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        problem = _row_problem(row, catalogue)
        if problem:
            problems.append(Problem(path, problem[1], line_no, problem[0]))
            continue
        municipality, process_id, group_id, cases = (cell.strip() for cell in row)
        key = (nfc(municipality), process_id, group_id)  # spelled as the sessions are read
        if key in volumes:
            problems.append(Problem(path, "a second row for this municipality", line_no, "group"))
        volumes[key] = float(cases.replace(",", "."))
    if problems:
        raise WorkshopError(TITLE, problems)
    return volumes


def _row_problem(row: list[str], catalogue: Catalogue) -> tuple[str, str] | None:
    """(field, message) for a bad row, None for a good one."""
    if len(row) != len(VOLUMES_CSV_COLUMNS):
        return "", f"expected {len(VOLUMES_CSV_COLUMNS)} columns, found {len(row)}"
    municipality, process_id, group_id, cases = (cell.strip() for cell in row)
    if not municipality:
        return "municipality", "empty"
    process = catalogue.processes.get(process_id)
    if process is None:
        return "process", f"unknown process '{process_id}'"
    if group_id not in process.group_ids:
        return "group", f"unknown target group '{group_id}' for {process_id}"
    try:
        number = float(cases.replace(",", "."))
    except ValueError:
        return "cases_per_year", f"'{cases}' is not a number"
    if not math.isfinite(number) or number < 0:
        return "cases_per_year", f"'{cases}' must be 0 or more"
    return None
