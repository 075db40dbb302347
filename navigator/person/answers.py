"""The guided flow's questions, in order, and how the answers become a Profile.

The interface stores each answer under the question's key; this module owns
the order, the choices and the conversion, so the app never decides anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from navigator.person.profile import Profile, ProfileError, parse_profile
from navigator.vocabulary import FrenchLevel, Mobility, Project, Status

#: Languages a visitor may say they speak (ISO 639-1), besides the interface ones.
SPOKEN_LANGUAGES = ("fr", "en", "ar", "fa", "ps", "uk", "ru", "es", "ti", "tr", "so", "am", "ku", "sq", "ro", "ka", "pt", "bn", "ur", "zh")


@dataclass(frozen=True)
class Question:
    key: str  # the Profile field it fills
    choices: tuple[Enum, ...] | None  # None: a free answer (age, postal code, languages)
    multiple: bool = False


QUESTIONS = (
    Question("projects", tuple(Project), multiple=True),
    Question("age", None),
    Question("statuses", tuple(Status), multiple=True),
    Question("french_level", tuple(FrenchLevel)),
    Question("mobility", tuple(Mobility)),
    Question("postal_code", None),
)


def profile_from_answers(answers: dict) -> tuple[Profile, list[tuple[str, str]]]:
    """Build a Profile from the flow's answers; a bad answer is dropped and reported, never fatal."""
    data = {}
    for key in ("age", "statuses", "french_level", "languages", "mobility", "driving_licence", "projects", "postal_code", "qpv"):
        value = answers.get(key)
        if value is None or value == [] or value == "":
            continue
        if isinstance(value, Enum):
            value = value.value
        if isinstance(value, (list, tuple)):
            value = [v.value if isinstance(v, Enum) else v for v in value]
        if key == "age" and isinstance(value, float) and value.is_integer():
            value = int(value)
        data[key] = value
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
