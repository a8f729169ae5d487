"""Process files: the pydantic models of a process definition and its national reference.

All hours are staff hours per citizen who receives the intervention
("timer pr. person der modtager indsatsen"), as in the national mapping.
JSON Schema for the format is generated from these models (`workshop-tui schema process`);
it is never written by hand.
"""

from functools import cached_property
from typing import Self

from pydantic import Field, ValidationInfo, model_validator

from workshop_tui.core.errors import Loc
from workshop_tui.core.model_base import Hours, Identifier, Strict, Text, empty_list

FUNCTIONS = ("borgernaere", "tvaergaaende", "ydelse", "ledelse")
"""The source's four functions of internal staff (sections 3.4 and 8.1): citizen-facing,
cross-cutting, benefits and management."""
DEFAULT_ROLE = FUNCTIONS[0]  # the function of an activity that names none, and of local ones


class TargetGroup(Strict):
    """A citizen target group the process serves."""

    id: Identifier
    name: Text
    description: Text | None = None


class Activity(Strict):
    """The unit that gets a low and a high estimate per target group."""

    id: Identifier
    name: Text
    time_consuming: bool = Field(
        default=False, description="The source marks this activity as time-consuming."
    )
    inferred: bool = Field(
        default=False,
        description="True where the activity is domain inference, not from the source.",
    )
    description: Text | None = None
    role: Identifier = Field(
        default=DEFAULT_ROLE,
        description="Who does the activity: one of the source's four functions "
        "(borgernaere, tvaergaaende, ydelse, ledelse) or a role id from the costing file, "
        "whose salary turns its hours into kroner (`workshop-tui cost`). The citizen-facing "
        "function (borgernaere) by default.",
    )


class Subprocess(Strict):
    """An ordered, numbered subprocess ("delproces")."""

    number: int = Field(ge=1, description="1, 2, 3 ... in the order the process runs.")
    id: Identifier
    name: Text
    activities: list[Activity] = Field(min_length=1)
    cost_drivers: list[Text] = Field(
        default_factory=empty_list,
        description="What pushes time up or down ('omkostningsdrivere').",
    )
    inferred: bool = Field(
        default=False, description="True where the subprocess is domain inference."
    )


class HoursRange(Strict):
    """A published low-high range in hours."""

    low: Hours
    high: Hours

    @model_validator(mode="after")
    def _low_not_above_high(self) -> Self:
        if self.low > self.high:
            raise ValueError(f"low ({self.low}) is above high ({self.high})")
        return self


class GroupReference(Strict):
    """The national reference figures for one target group."""

    group: Identifier
    subprocesses: dict[int, HoursRange] = Field(
        default_factory=dict,
        description="Published low-high per subprocess number, where the source gives one.",
    )
    total: HoursRange
    avg: Hours | None = Field(default=None, description="Published average of the total.")
    caveats: list[Text] = Field(
        default_factory=empty_list,
        description="The source's own caveats on this group's figures (e.g. few observations).",
    )

    @model_validator(mode="after")
    def _avg_within_total(self) -> Self:
        if self.avg is not None and not self.total.low <= self.avg <= self.total.high:
            raise ValueError(
                f"avg {self.avg} is outside the total range {self.total.low}-{self.total.high}"
            )
        return self


class Reference(Strict):
    """The published national reference ranges for the process."""

    source: str = Field(min_length=1, description="Publication the figures are taken from.")
    table: str = Field(min_length=1, description="Table or figure number in the source.")
    municipalities: int | None = Field(
        default=None,
        ge=1,
        description="How many municipalities' workshops the published figures come from "
        "(one estimate each); empty where the source does not say.",
    )
    caveats: list[Text] = Field(
        default_factory=empty_list, description="The source's own caveats on the process's figures."
    )
    groups: list[GroupReference]


class Provenance(Strict):
    """What comes from the source and what is domain inference."""

    source: str = Field(min_length=1)
    note: Text = Field(description="What is taken from the source and what is inferred.")


class ProcessDefinition(Strict):
    """One key process ("nøgleproces") as a YAML file in processes/."""

    id: Identifier
    version: str = Field(min_length=1, description="Bumped whenever activities change.")
    name: Text
    description: Text
    starts: Text = Field(description="Where the process starts.")
    ends: Text = Field(description="Where the process ends.")
    unit: Text = Field(
        default=Text(
            da="timer pr. person der modtager indsatsen",
            en="staff hours per citizen who receives the intervention",
        )
    )
    groups: list[TargetGroup] = Field(min_length=1)
    subprocesses: list[Subprocess] = Field(min_length=1)
    reference: Reference
    provenance: Provenance

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> Self:
        # The catalogue loader defers these checks to report each with its own line.
        if not (info.context or {}).get("defer_consistency"):
            problems = [message for _, message in self.consistency_problems()]
            if problems:
                raise ValueError("; ".join(problems))
        return self

    def consistency_problems(self) -> list[tuple[Loc, str]]:
        """Cross-field mistakes as (location, message) pairs."""
        problems: list[tuple[Loc, str]] = []
        problems += _duplicates(("groups",), "group id", [g.id for g in self.groups])
        problems += _duplicates(
            ("subprocesses",), "subprocess id", [s.id for s in self.subprocesses]
        )
        for index, subprocess in enumerate(self.subprocesses):
            earlier = {a.id for s in self.subprocesses[:index] for a in s.activities}
            for a_index, activity in enumerate(subprocess.activities):
                if activity.id in earlier or activity.id in {
                    a.id for a in subprocess.activities[:a_index]
                }:
                    problems.append(
                        (
                            ("subprocesses", index, "activities", a_index, "id"),
                            f"duplicate activity id '{activity.id}'",
                        )
                    )
            if subprocess.number != index + 1:
                problems.append(
                    (
                        ("subprocesses", index, "number"),
                        "subprocesses must be numbered 1, 2, 3 ... in order; "
                        f"expected {index + 1}, got {subprocess.number}",
                    )
                )
        group_ids = set(self.group_ids)
        numbers = {s.number for s in self.subprocesses}
        problems += _duplicates(
            ("reference", "groups"), "reference group", [r.group for r in self.reference.groups]
        )
        for index, ref in enumerate(self.reference.groups):
            if ref.group not in group_ids:
                problems.append(
                    (
                        ("reference", "groups", index, "group"),
                        f"unknown group '{ref.group}' "
                        f"(the process has: {', '.join(self.group_ids)})",
                    )
                )
            for number in ref.subprocesses:
                if number not in numbers:
                    problems.append(
                        (
                            ("reference", "groups", index, "subprocesses", number),
                            f"unknown subprocess number {number}",
                        )
                    )
        return problems

    # -- lookups used everywhere
    def group(self, group_id: str) -> TargetGroup:
        return next(g for g in self.groups if g.id == group_id)

    def group_reference(self, group_id: str) -> GroupReference | None:
        return next((r for r in self.reference.groups if r.group == group_id), None)

    # Cached: a definition does not change once loaded, and the merge asks per file.
    @cached_property
    def group_ids(self) -> list[str]:
        return [g.id for g in self.groups]

    @cached_property
    def activity_ids(self) -> list[str]:
        return [a.id for s in self.subprocesses for a in s.activities]

    @cached_property
    def id_sets(self) -> tuple[frozenset[str], frozenset[str]]:
        """The group ids and the activity ids, as sets: a session is checked against both."""
        return frozenset(self.group_ids), frozenset(self.activity_ids)


def _duplicates(loc: Loc, what: str, values: list[str]) -> list[tuple[Loc, str]]:
    seen: set[str] = set()
    problems: list[tuple[Loc, str]] = []
    for index, value in enumerate(values):
        if value in seen:
            problems.append(((*loc, index), f"duplicate {what} '{value}'"))
        seen.add(value)
    return problems
