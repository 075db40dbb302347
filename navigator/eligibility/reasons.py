"""A criterion's result: an outcome and a message id with parameters, translated by the interface.

Criteria, reason codes and unlock hints are enums of stable codes: the interface gives each a text
(`navigator.presentation.labels.REASONS`), and a test checks every member has one in every language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from navigator.vocabulary import Outcome


class Criterion(StrEnum):
    """What a reason is about: one eligibility criterion, or the programme's own state."""

    PROJECTS = "projects"
    AGE = "age"
    STATUSES = "statuses"
    FRENCH = "french"
    QPV = "qpv"
    LICENCE = "licence"
    RESIDENCE = "residence"
    TO_CONFIRM = "to_confirm"
    LIFECYCLE = "lifecycle"
    DIRECTORY = "directory"  # what the national directory does not say (age, French level, languages)


class ReasonCode(StrEnum):
    """A reason's message id."""

    PROJECTS_MET = "projects_met"
    PROJECTS_NOT_MET = "projects_not_met"
    PROJECTS_UNKNOWN = "projects_unknown"
    AGE_MET = "age_met"
    AGE_TOO_YOUNG = "age_too_young"
    AGE_TOO_OLD = "age_too_old"
    AGE_UNKNOWN = "age_unknown"
    STATUSES_MET = "statuses_met"
    STATUSES_NOT_MET = "statuses_not_met"
    STATUSES_UNKNOWN = "statuses_unknown"
    FRENCH_MET = "french_met"
    FRENCH_NOT_MET = "french_not_met"
    FRENCH_UNKNOWN = "french_unknown"
    LANGUAGE_SPOKEN = "language_spoken"
    QPV_MET = "qpv_met"
    QPV_NOT_MET = "qpv_not_met"
    QPV_UNKNOWN = "qpv_unknown"
    LICENCE_MET = "licence_met"
    LICENCE_NOT_MET = "licence_not_met"
    LICENCE_UNKNOWN = "licence_unknown"
    RESIDENCE_FRANCE = "residence_france"
    RESIDENCE_ABROAD = "residence_abroad"
    RESIDENCE_MET = "residence_met"
    RESIDENCE_NOT_MET = "residence_not_met"
    RESIDENCE_NEARBY = "residence_nearby"
    RESIDENCE_UNKNOWN = "residence_unknown"
    RESIDENCE_DEPENDS_ON_COMMUNE = "residence_depends_on_commune"
    RESIDENCE_BASED_HERE = "residence_based_here"  # no residence condition stated: it works in the person's area
    RESIDENCE_NOT_STATED = "residence_not_stated"  # no residence condition stated: nearby or place unsaid, ask them
    RESIDENCE_BASED_FAR = "residence_based_far"  # no residence condition stated, but far from the person's home
    TO_CONFIRM = "to_confirm"
    PROGRAMME_ENDED = "programme_ended"
    PROGRAMME_NOT_STARTED = "programme_not_started"
    EXPERIMENT_PAST_END = "experiment_past_end"
    STATUS_TO_CHECK = "status_to_check"
    INFORMATION_OLD = "information_old"
    INFORMATION_UNDATED = "information_undated"  # no check recorded (`last_checked` unknown)
    RECURRING_PERIOD = "recurring_period"
    DIRECTORY_UNKNOWN = "directory_unknown"


class Unlock(StrEnum):
    """What would turn a near miss into a route: a message id."""

    AGE_WAIT = "unlock_age_wait"
    ASK_EXCEPTION = "unlock_ask_exception"
    REGISTER_JOB_SEEKER = "unlock_register_job_seeker"
    FRENCH_COURSE = "unlock_french_course"


@dataclass(frozen=True)
class Reason:
    """One criterion's outcome for one programme and person; `params` fill the message's placeholders."""

    criterion: Criterion
    outcome: Outcome
    code: ReasonCode
    params: dict = field(default_factory=dict)
    unlock: Unlock | None = None  # what would unlock a near miss

    def as_json(self) -> dict:
        data = {"criterion": self.criterion.value, "outcome": self.outcome.value, "code": self.code.value, "params": self.params}
        if self.unlock:
            data["unlock"] = self.unlock.value
        return data
