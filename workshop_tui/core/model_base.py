"""The base classes and field types every file model builds on.

Kept apart from models.py so the workshop plan's models (core/workshop/model.py)
can use them while the Session in models.py uses those.

Speed: the model modules do not postpone their annotations (no `from __future__
import annotations`). pydantic evaluates an annotation written as a string, each
field's once, as it builds the model; written as objects, the 26 models the app
builds at start take some 5 ms less (a forward reference is written `Self`).
"""

from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from workshop_tui.core.limits import MAX_HOURS
from workshop_tui.core.text import nfc

Identifier = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9_]*$",
        description="Stable identifier: lower-case letters, digits and underscores.",
    ),
]
Hours = Annotated[
    float,
    Field(ge=0, le=MAX_HOURS, allow_inf_nan=False, description="Staff hours per citizen."),
]

UserText = Annotated[str, AfterValidator(nfc)]
"""A name or a note as the room typed it, read in one spelling (NFC): a municipality
saved with a decomposed å is the same municipality as one saved with a composed å."""


def empty_list() -> list[Any]:
    """A field's empty list, made for each model (pydantic's `default_factory`).

    Speed: pydantic reads a factory's signature as it builds a model. The builtin `list`
    has only a text signature, parsed with the tokenizer: 3 ms of `open FILE`'s start
    for ten fields, where a Python function's costs microseconds (`dict` has none at
    all, and is told at once).
    """
    return []


class Strict(BaseModel):
    """Base for every file model: unknown keys are refused, so typos surface."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class StrictTypes(Strict):
    """Base for the session file's models: types as written, never converted.

    A number must be a number (not `true`, not "0.5"), a date a date: a file
    with anything else is refused with the field named, not silently read.
    """

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, strict=True)


class Text(Strict):
    """A text in both languages."""

    da: str = Field(min_length=1, description="Danish text.")
    en: str = Field(min_length=1, description="English text.")

    def in_lang(self, lang: str) -> str:
        return self.da if lang == "da" else self.en
