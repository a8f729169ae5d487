"""The costing file: a pydantic model, the source of truth for its format.

`workshop-tui schema costing` prints its JSON Schema. Every figure carries a
`basis` ("published", "derived" from published figures, or an "assumption") and a
`source`, so the report can say which figures come from the national mapping and
which do not: an assumption is never shown as published.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from workshop_tui.core.model_base import Identifier, Strict, Text
from workshop_tui.core.process.model import DEFAULT_ROLE

Basis = Literal["published", "derived", "assumption"]
BASIS_FIELD = Field(
    description="'published': a figure printed in the source; 'derived': computed from "
    "published figures by a rule stated in `source`; 'assumption': not in the source.",
)
SOURCE_FIELD = Field(min_length=1, description="Where the figure comes from, or why it is assumed.")


class Role(Strict):
    """Staff who do activities, with what an hour of their time costs."""

    name: Text
    monthly_salary_dkk: float = Field(
        gt=0,
        le=1_000_000,
        description="Average monthly gross salary of a full-time employee incl. supplements, "
        "holiday pay, employer pension and labour-market contribution (the source's definition).",
    )
    productive_hours_per_year: float | None = Field(
        default=None,
        gt=0,
        le=8784,
        description="Hours a year one FTE of this role spends on the work; the file's "
        "fte_hours where not given.",
    )
    basis: Basis = BASIS_FIELD
    source: str = SOURCE_FIELD


class Volume(Strict):
    """Cases a year for one process and target group, nationally."""

    process: Identifier
    group: Identifier
    cases_per_year: float = Field(ge=0, le=100_000_000)
    basis: Basis = BASIS_FIELD
    source: str = SOURCE_FIELD


class CheckFigure(Strict):
    """A published cost figure to hold the computed costs against."""

    id: Identifier
    process: Identifier
    text: Text = Field(description="What the source says, e.g. 'DKK 480 million for ...'.")
    published_dkk: float = Field(gt=0, description="The published amount in DKK.")
    cases: float | None = Field(
        default=None,
        gt=0,
        description="The cases the amount covers; without it the amount is per case.",
    )
    source: str = SOURCE_FIELD

    @property
    def dkk_per_case(self) -> float:
        return self.published_dkk / self.cases if self.cases else self.published_dkk


class CostingFile(Strict):
    """How staff hours per case become kroner, FTE and yearly totals."""

    currency: Literal["DKK"] = "DKK"
    roles: dict[Identifier, Role] = Field(
        description=f"Roles by id; '{DEFAULT_ROLE}' is required (activities default to it)."
    )
    overhead_share: float = Field(
        default=0.15,
        ge=0,
        le=5,
        description="General overhead (IT, rent, workstations) added to salaries; 0.15 = 15 %.",
    )
    overhead_basis: Basis = "published"
    overhead_source: str = "the default 15 %: BDO/HBS Economics 2024, section 3.1"
    fte_hours: float = Field(
        gt=0,
        le=8784,
        description="Productive hours in one FTE a year, for roles that give none.",
    )
    fte_hours_basis: Basis = BASIS_FIELD
    fte_hours_source: str = SOURCE_FIELD
    volumes: list[Volume] = Field(default_factory=list)
    municipality_volumes_csv: str | None = Field(
        default=None,
        description="CSV (municipality,process,group,cases_per_year), relative to this file.",
    )
    checks: list[CheckFigure] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> CostingFile:
        if DEFAULT_ROLE not in self.roles:
            raise ValueError(f"roles must include '{DEFAULT_ROLE}', the default for activities")
        seen: set[tuple[str, str]] = set()
        for volume in self.volumes:
            key = (volume.process, volume.group)
            if key in seen:
                raise ValueError(f"two volumes for {volume.process}/{volume.group}")
            seen.add(key)
        return self

    def productive_hours(self, role_id: str) -> float:
        role = self.roles[role_id]
        return role.productive_hours_per_year or self.fte_hours

    def hourly_cost(self, role_id: str) -> float:
        """DKK per productive hour: a year's salary plus overhead over the productive hours."""
        role = self.roles[role_id]
        yearly = role.monthly_salary_dkk * 12 * (1 + self.overhead_share)
        return yearly / self.productive_hours(role_id)

    def volume(self, process_id: str, group_id: str) -> Volume | None:
        return next(
            (v for v in self.volumes if (v.process, v.group) == (process_id, group_id)), None
        )
