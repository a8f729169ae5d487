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
from workshop_tui.core.process.model import DEFAULT_ROLE, FUNCTIONS

LEGACY_ROLE = "caseworker"  # the required role of a costing file without functions

Basis = Literal["published", "derived", "assumption"]
BASIS_FIELD = Field(
    description="'published': a figure printed in the source; 'derived': computed from "
    "published figures by a rule stated in `source`; 'assumption': not in the source.",
)
SOURCE_FIELD = Field(min_length=1, description="Where the figure comes from, or why it is assumed.")


SALARY_DESCRIPTION = (
    "Average monthly gross salary of a full-time employee incl. supplements, holiday pay, "
    "employer pension and labour-market contribution (the source's definition, section 8.1)."
)
HOURS_DESCRIPTION = "Hours a year one FTE spends on the work; the file's fte_hours where not given."


class Function(Strict):
    """One of the source's four functions of internal staff, with its average salary."""

    name: Text
    monthly_salary_dkk: float = Field(gt=0, le=1_000_000, description=SALARY_DESCRIPTION)
    productive_hours_per_year: float | None = Field(
        default=None, gt=0, le=8784, description=HOURS_DESCRIPTION
    )
    basis: Basis = BASIS_FIELD
    source: str = SOURCE_FIELD


class Role(Strict):
    """A finer role within a function (e.g. a company consultant within borgernaere);
    it costs its function's salary unless it gives its own."""

    name: Text
    function: Identifier | None = Field(
        default=None,
        description="The function the role belongs to (a key of `functions`); its hours "
        "are that function's. Required in a file with functions.",
    )
    monthly_salary_dkk: float | None = Field(
        default=None,
        gt=0,
        le=1_000_000,
        description=SALARY_DESCRIPTION + " The function's where not given.",
    )
    productive_hours_per_year: float | None = Field(
        default=None, gt=0, le=8784, description=HOURS_DESCRIPTION
    )
    basis: Basis | None = Field(
        default=None, description="The basis of the role's own salary (required with it)."
    )
    source: str | None = Field(
        default=None, min_length=1, description="Where the role's own salary comes from."
    )

    @model_validator(mode="after")
    def _salary_with_its_basis(self) -> Role:
        if self.monthly_salary_dkk is not None and (self.basis is None or self.source is None):
            raise ValueError("a role with its own monthly_salary_dkk gives its basis and source")
        if self.monthly_salary_dkk is None and self.function is None:
            raise ValueError("a role gives its function or its own monthly_salary_dkk")
        return self


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
    """How staff hours per case become kroner, FTE and yearly totals.

    As the source does it (sections 3.2 and 8.4): hours are costed at the average
    monthly salary of the function that does them, plus a general overhead. A file
    written before functions existed (roles only, 'caseworker' required) still
    loads: there every function's hours cost the caseworker's salary, as they did.
    """

    currency: Literal["DKK"] = "DKK"
    price_year: int | None = Field(
        default=None,
        ge=1990,
        le=2100,
        description="The year whose price level the salaries are in (the source's: 2022).",
    )
    functions: dict[Identifier, Function] = Field(
        default_factory=dict,
        description=f"The source's functions by id ({', '.join(FUNCTIONS)}); "
        f"'{DEFAULT_ROLE}' is required where any is given (activities default to it).",
    )
    roles: dict[Identifier, Role] = Field(
        default_factory=dict,
        description="Finer roles by id, each within a function. A file without functions "
        f"needs '{LEGACY_ROLE}' here, whose salary then costs every function's hours.",
    )
    overhead_share: float = Field(
        default=0.15,
        ge=0,
        le=5,
        description="General overhead (IT, rent, workstations) added to salaries; 0.15 = 15 %.",
    )
    overhead_basis: Basis = "published"
    overhead_source: str = "the default 15 %: BDO/HBS Economics 2024, sections 3.2 and 8.4"
    fte_hours: float = Field(
        gt=0,
        le=8784,
        description="Productive hours in one FTE a year, for functions and roles that give none.",
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
        if self.functions:
            if DEFAULT_ROLE not in self.functions:
                raise ValueError(
                    f"functions must include '{DEFAULT_ROLE}', the default for activities"
                )
            for role_id, role in self.roles.items():
                if role.function not in self.functions:
                    raise ValueError(
                        f"role '{role_id}' names function '{role.function}', not in functions"
                    )
        elif LEGACY_ROLE not in self.roles:
            raise ValueError(f"roles must include '{LEGACY_ROLE}', the default for activities")
        seen: set[tuple[str, str]] = set()
        for volume in self.volumes:
            key = (volume.process, volume.group)
            if key in seen:
                raise ValueError(f"two volumes for {volume.process}/{volume.group}")
            seen.add(key)
        return self

    def knows(self, role_id: str) -> bool:
        """Whether hours of this function or role can be costed with this file."""
        if role_id in self.roles or role_id in self.functions:
            return True
        return not self.functions and role_id in FUNCTIONS

    def function_of(self, role_id: str) -> str:
        """The function whose hours these are: a role's function, or the id itself."""
        role = self.roles.get(role_id)
        return role.function if role is not None and role.function else role_id

    def _payer(self, role_id: str) -> Function | Role:
        """What gives the salary: the role's own, its function's, or (a file without
        functions) the caseworker's."""
        role = self.roles.get(role_id)
        if role is not None and (role.monthly_salary_dkk is not None or not role.function):
            return role
        function_id = self.function_of(role_id)
        if function_id in self.functions:
            return self.functions[function_id]
        return self.roles[LEGACY_ROLE]

    def monthly_salary(self, role_id: str) -> float:
        salary = self._payer(role_id).monthly_salary_dkk
        assert salary is not None  # a payer always has a salary (the validators say so)
        return salary

    def productive_hours(self, role_id: str) -> float:
        role = self.roles.get(role_id)
        own = role.productive_hours_per_year if role is not None else None
        return own or self._payer(role_id).productive_hours_per_year or self.fte_hours

    def hourly_cost(self, role_id: str) -> float:
        """DKK per productive hour: a year's salary plus overhead over the productive hours."""
        yearly = self.monthly_salary(role_id) * 12 * (1 + self.overhead_share)
        return yearly / self.productive_hours(role_id)

    def cost_ids(self) -> list[str]:
        """The functions (or, in a file without functions, the roles) in the file's order."""
        return list(self.functions) if self.functions else list(self.roles)

    def volume(self, process_id: str, group_id: str) -> Volume | None:
        return next(
            (v for v in self.volumes if (v.process, v.group) == (process_id, group_id)), None
        )
