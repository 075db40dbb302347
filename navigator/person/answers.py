"""The guided flow's questions and how their answers become a Profile.

The interface stores each answer under its question; this module owns the questions, their choices and every
conversion of an answer (yes / no / I don't know, enums, numbers), so the app never decides anything.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum, StrEnum

from navigator.person.profile import Profile, ProfileError, parse_profile
from navigator.vocabulary import FrenchLevel, Mobility, Project, Status

#: Languages a visitor may say they speak (ISO 639-1), besides the interface ones.
SPOKEN_LANGUAGES = ("fr", "en", "ar", "fa", "ps", "uk", "ru", "es", "ti", "tr", "so", "am", "ku", "sq", "ro", "ka", "pt", "bn", "ur", "zh")


class YesNo(StrEnum):
    """The answer to a yes / no question; "unknown" is an answer too (the person does not know)."""

    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Question:
    """One question of the flow. `key` is the Profile field it fills."""

    key: str
    choices: tuple = ()  # empty: a free answer (age, place)
    multiple: bool = False


PROJECTS = Question("projects", tuple(Project), multiple=True)
AGE = Question("age")
STATUSES = Question("statuses", tuple(Status), multiple=True)
FRENCH_LEVEL = Question("french_level", tuple(FrenchLevel))
LANGUAGES = Question("languages", SPOKEN_LANGUAGES, multiple=True)
MOBILITY = Question("mobility", tuple(Mobility))
DRIVING_LICENCE = Question("driving_licence", tuple(YesNo))
POSTAL_CODE = Question("postal_code")
ABROAD = Question("abroad")  # True: the person lives outside France (asked on the place screen)
QPV = Question("qpv", tuple(YesNo))

#: Every question, in the order the flow asks them.
QUESTIONS = (PROJECTS, AGE, STATUSES, FRENCH_LEVEL, LANGUAGES, MOBILITY, DRIVING_LICENCE, POSTAL_CODE, ABROAD, QPV)


def _value(question: Question, answer: object) -> object:
    """One answer as the Profile field wants it; None when there is no answer."""
    if answer is None or answer == [] or answer == "":
        return None
    if question.choices and tuple(YesNo) == question.choices:
        return None if answer in (YesNo.UNKNOWN, YesNo.UNKNOWN.value) else answer in (YesNo.YES, YesNo.YES.value)
    if isinstance(answer, Enum):
        return answer.value
    if isinstance(answer, (list, tuple)):
        return [v.value if isinstance(v, Enum) else v for v in answer]
    if question is AGE and isinstance(answer, float) and answer.is_integer():
        return int(answer)
    return answer


def profile_from_answers(answers: Mapping[str, object]) -> tuple[Profile, list[tuple[str, str]]]:
    """Build a Profile from the flow's answers (by question key); a bad answer is dropped and reported, never fatal."""
    data = {}
    for question in QUESTIONS:
        value = _value(question, answers.get(question.key))
        if value is not None:
            data[question.key] = value
    problems: list[tuple[str, str]] = []
    while True:
        try:
            return parse_profile(data), problems
        except ProfileError as error:
            bad = {field.split(".")[0] for field, _ in error.problems}
            problems.extend(error.problems)
            if not bad or not bad & set(data):
                return Profile(), problems
            for field in bad:
                data.pop(field, None)
