"""The process catalogue: the bundled YAML definitions plus any from --processes DIR.

Loading reports every mistake in a file at once, each with the file, the line and
the field, so a municipality writing a sixth process can fix them in one go.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib.machinery import SourceFileLoader
from pathlib import Path

from pydantic import ValidationError

from workshop_tui.core.errors import Problem, WorkshopError, field_path
from workshop_tui.core.files import read_regular_text
from workshop_tui.core.i18n import N_, t
from workshop_tui.core.limits import MAX_PROCESS_BYTES
from workshop_tui.core.process import cache as process_cache
from workshop_tui.core.process.model import ProcessDefinition
from workshop_tui.core.session.model import Session

BUNDLED_PACKAGE = "workshop_tui.processes"
# The source's numbering of the five key processes; others follow by id.
SOURCE_ORDER = (
    "jobsamtaler",
    "sanktioner",
    "rehabiliteringsteam",
    "virksomhedspraktik",
    "andre_tilbud",
)


@dataclass
class Catalogue:
    """Process definitions by id, each with the file it came from."""

    processes: dict[str, ProcessDefinition] = field(default_factory=dict)
    paths: dict[str, Path] = field(default_factory=dict)

    def get(self, process_id: str) -> ProcessDefinition:
        try:
            return self.processes[process_id]
        except KeyError:
            known = ", ".join(sorted(self.processes))
            raise WorkshopError(
                N_("Unknown process"), detail=f"Unknown process '{process_id}'. Known: {known}"
            ) from None

    def __iter__(self) -> Iterator[ProcessDefinition]:
        return iter(self.processes.values())

    def __len__(self) -> int:
        return len(self.processes)


def bundled_folder(package: str, lang: str = "en") -> Path:
    """The folder of files shipped inside `package`, as a path on disk.

    importlib.resources gives a Traversable. For a regular package installed from the
    wheel, or imported from a checkout, that is a pathlib.Path. Anything else (a
    namespace package's MultiplexedPath, a zip) is no folder to read: str() of it is
    not a path, and globbing it would find nothing, so it is refused with a message.
    """
    spec = importlib.import_module(package).__spec__
    if spec is not None and spec.origin and isinstance(spec.loader, SourceFileLoader):
        # Speed: what importlib.resources.files answers for a regular package on disk, without
        # importing importlib.resources and its readers (about 2 ms of `open FILE`'s start)
        return Path(spec.origin).parent
    from importlib import resources

    folder = resources.files(package)
    if isinstance(folder, Path):
        return folder
    raise WorkshopError(
        t("The installed files are incomplete", lang),
        detail=t(
            "{package} is not a folder on disk ({kind}): reinstall workshop-tui.",
            lang,
            package=package,
            kind=type(folder).__name__,
        ),
    )


def bundled_process_folder(lang: str = "en") -> Path:
    """processes/ as installed package data, or in the source checkout.

    An installed package (editable ones too) maps processes/ to workshop_tui.processes;
    when the package is imported straight from a checkout that is not installed
    (PYTHONPATH=.), there is no mapping and the folder is beside the package.
    """
    try:
        return bundled_folder(BUNDLED_PACKAGE, lang)
    except ModuleNotFoundError:
        return Path(__file__).resolve().parents[3] / "processes"


def load_catalogue(extra_dirs: Iterable[Path] = (), lang: str = "en") -> Catalogue:
    """Bundled processes, then each extra folder's files adding to or replacing them.

    No process at all is an error (a broken install, or folders of other files):
    every command and the app need at least one, and an empty list would only puzzle.
    """
    bundled, folders = bundled_process_folder(lang), [Path(folder) for folder in extra_dirs]
    files = sorted(bundled.glob("*.yaml"))
    for folder in folders:
        if not folder.is_dir():
            raise WorkshopError(
                N_("Process folder not found"), [Problem(folder, "is not a folder")]
            )
        files += sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])
    catalogue, problems = Catalogue(), list[Problem]()
    for path in files:
        try:
            definition = load_process_file(path)
        except WorkshopError as error:
            problems += error.problems
            continue
        catalogue.processes[definition.id] = definition
        catalogue.paths[definition.id] = path
    if problems:
        raise WorkshopError(N_("Invalid process file"), problems)
    if not catalogue:
        searched = ", ".join(str(folder) for folder in [bundled, *folders])
        raise WorkshopError(
            t("No processes", lang),
            detail=t(
                "No process definition (.yaml) was found in {folders}. Reinstall "
                "workshop-tui, or give --processes a folder of process files.",
                lang,
                folders=searched,
            ),
        )
    return _in_source_order(catalogue)


def own_process_catalogue(process_id: str, lang: str = "en") -> Catalogue:
    """The bundled catalogue as far as one session needs it: its own process's file alone.

    Opening a session reads one definition before the first frame instead of all of
    them. Bundled files are named by their process's id (a session's process_id is a
    plain identifier, never a path); a file that is missing or names another process
    gives the whole bundled catalogue, whose `get` says what is wrong.
    """
    path = bundled_process_folder(lang) / f"{process_id}.yaml"
    if path.is_file():
        definition = load_process_file(path)
        if definition.id == process_id:
            return Catalogue({process_id: definition}, {process_id: path})
    return load_catalogue(lang=lang)


def _in_source_order(catalogue: Catalogue) -> Catalogue:
    def rank(process_id: str) -> tuple[int, str]:
        known = process_id in SOURCE_ORDER
        return (SOURCE_ORDER.index(process_id) if known else len(SOURCE_ORDER), process_id)

    ordered = sorted(catalogue.processes, key=rank)
    return Catalogue(
        {i: catalogue.processes[i] for i in ordered}, {i: catalogue.paths[i] for i in ordered}
    )


def load_process_file(path: Path) -> ProcessDefinition:
    """One process file, or a WorkshopError listing every problem in it."""
    text = read_regular_text(path, MAX_PROCESS_BYTES)
    definition = process_cache.read_copy(text)  # the file read before, unchanged
    if definition is None:
        definition = _read_yaml(path, text)
        process_cache.keep_copy(text, definition)
    return definition


def _read_yaml(path: Path, text: str) -> ProcessDefinition:
    # PyYAML imported here only: a file read before comes from its JSON copy (cache.py)
    import yaml

    from workshop_tui.core.process import yaml_file as process_yaml

    root, problems = process_yaml.compose(path, text)
    if problems:
        raise WorkshopError(N_("Invalid process file"), problems)
    try:
        data = process_yaml.construct(root)
    except yaml.YAMLError as error:  # e.g. a '<<' merge key with nothing to merge
        line = getattr(getattr(error, "problem_mark", None), "line", None)
        reason = getattr(error, "problem", None) or str(error)
        problems = [Problem(path, f"YAML error: {reason}", None if line is None else line + 1)]
        raise WorkshopError(N_("Invalid process file"), problems) from None
    try:
        definition = ProcessDefinition.model_validate(data, context={"defer_consistency": True})
    except ValidationError as error:
        raise WorkshopError(
            N_("Invalid process file"), process_yaml.located_problems(path, root, error)
        ) from None
    problems = [
        Problem(path, message, process_yaml.line_of(root, loc), field_path(loc))
        for loc, message in definition.consistency_problems()
    ]
    if problems:
        raise WorkshopError(N_("Invalid process file"), problems)
    return definition


def check_session(session: Session, process: ProcessDefinition, path: Path) -> list[Problem]:
    """What in a session does not fit its process definition.

    Validate, open, export, watch and merge all call this, so a session they
    accept has each activity once: an id given twice would be counted twice.
    """
    if _fits_at_once(session, process):
        return []
    problems = duplicate_activity_problems(session, process, path)
    known_groups = set(process.group_ids)
    for group in session.groups:
        if group not in known_groups:
            problems.append(
                Problem(path, f"unknown target group '{group}' for {process.id}", field="groups")
            )
    known = set(process.activity_ids) | {a.id for a in session.local_activities}
    for activity_id, entry in session.activities.items():
        if activity_id not in known:
            problems.append(
                Problem(
                    path,
                    f"unknown activity '{activity_id}' for {process.id} version {process.version}",
                    field=f"activities.{activity_id}",
                )
            )
        for group in entry.estimates:
            if group not in session.groups:
                problems.append(
                    Problem(
                        path,
                        f"estimate for a group not covered: '{group}'",
                        field=f"activities.{activity_id}.estimates",
                    )
                )
    numbers = {s.number for s in process.subprocesses}
    for local in session.local_activities:
        if local.subprocess not in numbers:
            problems.append(
                Problem(
                    path,
                    f"local activity '{local.id}' names unknown subprocess {local.subprocess}",
                    field="local_activities",
                )
            )
    return problems


def _fits_at_once(session: Session, process: ProcessDefinition) -> bool:
    """Whether a session with no local activities passes every check below, told by set
    operations alone: the merge checks thousands of sessions, nearly all of them fine."""
    if session.local_activities:
        return False
    known_groups, known_activities = process.id_sets
    covered = set(session.groups)
    return (
        covered <= known_groups
        and session.activities.keys() <= known_activities
        and all(entry.estimates.keys() <= covered for entry in session.activities.values())
    )


def duplicate_activity_problems(
    session: Session, process: ProcessDefinition, path: Path
) -> list[Problem]:
    """Local activities whose id is a defined activity's or another local one's."""
    problems: list[Problem] = []
    taken = set(process.activity_ids)
    for index, local in enumerate(session.local_activities):
        if local.id in taken:
            defined = local.id in process.activity_ids
            whose = "a defined activity" if defined else "another local activity"
            problems.append(
                Problem(
                    path,
                    f"local activity id '{local.id}' is already used by {whose}",
                    field=f"local_activities[{index}].id",
                    kind="duplicate",
                )
            )
        taken.add(local.id)
    return problems
