"""A criterion's result: an outcome and a message id with parameters, translated by the interface."""

from __future__ import annotations

from dataclasses import dataclass, field

from navigator.vocabulary import Outcome


@dataclass(frozen=True)
class Reason:
    """`code` is a stable message id (see navigator.presentation.labels.REASONS); `params` fill its placeholders."""

    criterion: str
    outcome: Outcome
    code: str
    params: dict = field(default_factory=dict)
    unlock: str | None = None  # message id of what would unlock a near miss

    def as_json(self) -> dict:
        data = {"criterion": self.criterion, "outcome": self.outcome.value, "code": self.code, "params": self.params}
        if self.unlock:
            data["unlock"] = self.unlock
        return data
