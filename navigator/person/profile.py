"""The person's answers: a public contract shared by the app, the CLI and the tests.

Every field is optional: a person may not know, or not want to say.
"""

from __future__ import annotations

import json
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, ValidationInfo, field_validator

from navigator.person.places import Place, PlaceError, locate
from navigator.vocabulary import FrenchLevel, Mobility, Project, Status


class Profile(BaseModel):
    """What a person told us. Unknown fields and unknown codes are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    age: Annotated[int | None, Field(ge=0, le=120, strict=True, description="Age in years.", examples=[28])] = None
    statuses: Annotated[list[Status], Field(max_length=len(Status), description="Situations.")] = []
    french_level: FrenchLevel | None = None
    languages: Annotated[
        list[Annotated[str, Field(pattern=r"^[a-z]{2,3}$")]],
        Field(max_length=20, description="ISO 639-1 codes the person speaks.", examples=[["fa"]]),
    ] = []
    mobility: Mobility | None = None
    driving_licence: Annotated[bool | None, Field(strict=True)] = None
    projects: Annotated[list[Project], Field(max_length=len(Project), description="What the person wants to do.")] = []
    postal_code: Annotated[str | None, Field(description="French postal code.", examples=["86000"])] = None
    qpv: Annotated[bool | None, Field(strict=True, description="Lives in a priority neighbourhood (QPV).")] = None
    abroad: Annotated[
        bool, Field(strict=True, description="Lives outside France: only routes open across France are offered.", examples=[True])
    ] = False

    @field_validator("statuses", "projects", "languages")
    @classmethod
    def _no_repeats(cls, value: list) -> list:
        return list(dict.fromkeys(value))

    @field_validator("postal_code")
    @classmethod
    def _known_postal_code(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            return locate(value).postal_code
        except PlaceError as error:
            raise ValueError(str(error)) from None

    @field_validator("abroad")
    @classmethod
    def _abroad_has_no_postal_code(cls, value: bool, info: ValidationInfo) -> bool:
        if value and info.data.get("postal_code"):
            raise ValueError("someone living outside France has no French postal code: give one or the other")
        return value

    _place: Place | None = PrivateAttr(default=None)

    def model_post_init(self, context: object) -> None:
        # Located once here; criteria, the candidate index and statistics read `place`.
        self._place = locate(self.postal_code) if self.postal_code else None

    @property
    def place(self) -> Place | None:
        """Where the person lives (communes, département, région), located once from the postal code."""
        return self._place


#: The longest profile text read (a full profile is under 500 characters).
MAX_PROFILE_CHARS = 100_000


class ProfileError(ValueError):
    """A profile that does not validate; `problems` are (field, message) pairs."""

    def __init__(self, problems: list[tuple[str, str]]):
        self.problems = problems
        super().__init__("; ".join(f"{field}: {message}" if field else message for field, message in problems))


def _allowed(field: str) -> str:
    vocabularies = {"statuses": Status, "projects": Project, "french_level": FrenchLevel, "mobility": Mobility}
    vocabulary = vocabularies.get(field)
    return f" (allowed: {', '.join(v.value for v in vocabulary)})" if vocabulary else ""


def parse_profile(data: object) -> Profile:
    """Validate a decoded JSON object; raises ProfileError naming each field and the allowed values."""
    if not isinstance(data, dict):
        raise ProfileError([("", 'a profile is a JSON object, e.g. {"age": 28}')])
    try:
        return Profile.model_validate(data)
    except ValidationError as error:
        problems = []
        for e in error.errors():
            field = str(e["loc"][0]) if e["loc"] else ""
            where = ".".join(str(part) for part in e["loc"])
            message = e["msg"].removeprefix("Value error, ")
            if e["type"] == "extra_forbid" or e["type"] == "extra_forbidden":
                message = f"unknown field (fields: {', '.join(Profile.model_fields)})"
            problems.append((where, message if e["type"] == "enum" else message + _allowed(field)))
        raise ProfileError(problems) from None


def profile_from_json(text: str) -> Profile:
    """Parse JSON text into a Profile; raises ProfileError for bad JSON too."""
    if len(text) > MAX_PROFILE_CHARS:
        raise ProfileError([("", f"a profile is a few hundred characters; this one has {len(text):,} (at most {MAX_PROFILE_CHARS:,})")])
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ProfileError([("", f"not valid JSON: {error}")]) from None
    except RecursionError:
        raise ProfileError([("", "not valid JSON: nested too deeply")]) from None
    except ValueError:  # Python refuses to read integers of more than 4,300 digits
        raise ProfileError([("", "not valid JSON: a number is far too long")]) from None
    return parse_profile(data)
