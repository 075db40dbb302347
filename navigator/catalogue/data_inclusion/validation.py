"""Each record checked with the data·inclusion schema package's own v1 models.

A bad record is reported (where it was read, its id, the field, the problem) and skipped; it never stops an import.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TypeVar

from data_inclusion.schema.v1 import Service, Structure
from pydantic import ValidationError

Model = TypeVar("Model", Service, Structure)

#: How long one reported problem may be: an enum's error lists every allowed code, which says nothing useful.
MAX_MESSAGE = 160


@dataclass(frozen=True)
class RecordProblem:
    """One thing wrong with one record."""

    where: str  # "services.json, record 12" or "services page 3, record 7"
    record_id: str  # "" when the record has none
    field: str  # dotted path, "" for the whole record
    message: str

    def __str__(self) -> str:
        about = f" [{self.record_id}]" if self.record_id else ""
        return f"{self.where}{about}: {self.field + ': ' if self.field else ''}{self.message}"


@dataclass
class Report:
    """What reading one kind of record found: counts by outcome, and each problem."""

    read: int = 0
    kept: int = 0
    skipped: Counter = field(default_factory=Counter)  # reason → count
    problems: list[RecordProblem] = field(default_factory=list)

    def skip(self, reason: str, problems: list[RecordProblem] = ()) -> None:
        self.skipped[reason] += 1
        self.problems.extend(problems)


def _describe(error: dict) -> str:
    if error["type"] == "missing":
        return "required field is missing"
    if error["type"] == "enum":
        return f"{error['input']!r} is not a code of this data·inclusion vocabulary"
    message = error["msg"].removeprefix("Value error, ")
    return message if len(message) <= MAX_MESSAGE else message[: MAX_MESSAGE - 1] + "…"


def validate(model: type[Model], where: str, record: dict | None) -> tuple[Model | None, list[RecordProblem]]:
    """The record as a v1 model, or the problems that stop it."""
    if not isinstance(record, dict):
        return None, [RecordProblem(where, "", "", "not a record (expected an object of fields)")]
    record_id = str(record.get("id") or "")
    try:
        return model.model_validate(record), []
    except ValidationError as error:
        return None, [RecordProblem(where, record_id, ".".join(map(str, e["loc"])), _describe(e)) for e in error.errors()]


def reason_of(problems: list[RecordProblem]) -> str:
    """The reason a record is counted under in the summary: its first bad field."""
    first = problems[0]
    return f"invalid {first.field.split('.')[0]}" if first.field else "not a record"
