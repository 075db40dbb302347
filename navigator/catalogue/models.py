"""The catalogue's models: one `Programme` per file under `catalogue/`.

Codes follow the open data·inclusion schema (its own package) where it has a
field; our own fields cover what it lacks (age bounds, statuses, French level,
languages a service is delivered in, project types).
"""

import re
from datetime import date
from typing import Annotated

import phonenumbers
from data_inclusion.schema.v1 import Frais, ModeAccueil, Public, Thematique, TypeService
from phonenumbers import shortnumberinfo
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    HttpUrl,
    field_validator,
    model_validator,
)

from navigator.vocabulary import (
    AccessMode,
    Delivery,
    FrenchLevel,
    Lifecycle,
    Prescriber,
    Project,
    Status,
)

#: Languages the catalogue's texts may be written in (ISO 639-1).
#: Wider than the interface languages so curators can add a text early.
TEXT_LANGUAGES = frozenset("fr en ar fa ps uk ru es ti tr bn ka sq ht ku ur so pt ro prs de it am zh".split())


class StrictModel(BaseModel):
    """Unknown fields are errors: a typo in a catalogue file must not pass silently."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _check_localized(value: dict[str, str]) -> dict[str, str]:
    if "fr" not in value:
        raise ValueError("a French text ('fr') is required")
    unknown = sorted(set(value) - TEXT_LANGUAGES)
    if unknown:
        raise ValueError(f"unknown language code(s) {unknown}; use ISO 639-1 codes such as fr, en, ar")
    empty = sorted(lang for lang, text in value.items() if not text or not text.strip())
    if empty:
        raise ValueError(f"empty text for {empty}")
    return {lang: text.strip() for lang, text in value.items()}


LocalizedText = Annotated[
    dict[str, str],
    AfterValidator(_check_localized),
    Field(description="A text by language code; French ('fr') is required.", examples=[{"fr": "…", "en": "…"}]),
]


def _normalise_phone(value: str) -> str:
    """French phone numbers to E.164 (+33…); national short numbers (3949) are kept as they are."""
    raw = re.sub(r"[\s.\-()]", "", value)
    if re.fullmatch(r"[13]\d{3}", raw):
        short = phonenumbers.parse(raw, "FR")
        if shortnumberinfo.is_valid_short_number(short):
            return raw
        raise ValueError(f"{value!r} is not a valid French short number")
    try:
        number = phonenumbers.parse(raw, "FR")
    except phonenumbers.NumberParseException as error:
        raise ValueError(f"{value!r} is not a phone number ({error})") from None
    if not phonenumbers.is_valid_number(number):
        raise ValueError(f"{value!r} is not a valid phone number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


Phone = Annotated[
    str,
    AfterValidator(_normalise_phone),
    Field(description="A phone number; French numbers are stored in E.164 (+33…).", examples=["05 49 00 00 00"]),
]

PostalCode = Annotated[str, Field(pattern=r"^\d{5}$", description="A French postal code, five digits.")]
CommuneCode = Annotated[str, Field(pattern=r"^(\d{5}|2[AB]\d{3})$", description="INSEE code of a commune.")]
DepartementCode = Annotated[str, Field(pattern=r"^(\d{2}|2[AB]|9[78]\d)$", description="INSEE code of a département.")]
RegionCode = Annotated[str, Field(pattern=r"^\d{2}$", description="INSEE code of a région.")]
EpciCode = Annotated[str, Field(pattern=r"^\d{9}$", description="SIREN of an intercommunality (EPCI).")]
LanguageCode = Annotated[str, Field(pattern=r"^[a-z]{2,3}$", description="ISO 639-1 language code.")]
ServiceId = Annotated[str, Field(min_length=3, max_length=200, description="Id of a data·inclusion service (source--id).")]


class Audience(StrictModel):
    """Who the programme is for. Every bound is optional: absent means no condition."""

    age_min: Annotated[int | None, Field(ge=0, le=120, description="Youngest age accepted.")] = None
    age_max: Annotated[int | None, Field(ge=0, le=120, description="Oldest age accepted.")] = None
    statuses_required: Annotated[
        list[Status],
        Field(description="The person must have at least one of these situations. Empty: anyone."),
    ] = []
    statuses_aimed: Annotated[
        list[Status],
        Field(description="Situations the programme is aimed at (ranked first), without excluding others."),
    ] = []
    french_level_min: Annotated[FrenchLevel | None, Field(description="French needed to follow it.")] = None
    languages: Annotated[list[LanguageCode], Field(description="Languages it is delivered in (ISO 639-1).", examples=[["fr"]])] = ["fr"]
    qpv_only: Annotated[bool, Field(description="Only for people living in a priority neighbourhood (QPV).")] = False
    driving_licence_needed: Annotated[
        bool, Field(description="A driving licence is needed to use it (a car or scooter rental, car-sharing).")
    ] = False
    to_confirm: Annotated[
        LocalizedText | None,
        Field(description="A condition the provider or a prescriber must confirm (shown as 'to check')."),
    ] = None

    @model_validator(mode="after")
    def _age_bounds_in_order(self):
        if self.age_min is not None and self.age_max is not None and self.age_min > self.age_max:
            raise ValueError(f"age_min ({self.age_min}) is above age_max ({self.age_max})")
        return self


class Zone(StrictModel):
    """Where a person must live. `france: true`, or lists of codes (any match is enough)."""

    name: Annotated[str, Field(description="The zone's name as people say it.", examples=["Libournais"])]
    france: bool = False
    regions: list[RegionCode] = []
    departements: list[DepartementCode] = []
    epcis: list[EpciCode] = []
    communes: list[CommuneCode] = []
    postal_codes: list[PostalCode] = []
    residence_required: Annotated[
        bool,
        Field(
            description="Whether living in the zone is a condition the source states (true by default). false: the zone is "
            "where it is based and works, and the source says nothing of where its users must live — a person from "
            "nearby is told to ask, not turned away.",
        ),
    ] = True

    @model_validator(mode="after")
    def _says_where(self):
        listed = self.regions or self.departements or self.epcis or self.communes or self.postal_codes
        if self.france and listed:
            raise ValueError("a zone is either 'france: true' or lists codes, not both")
        if not self.france and not listed:
            raise ValueError("a zone needs 'france: true' or at least one region, departement, epci, commune or postal code")
        if self.france and not self.residence_required:
            raise ValueError("'residence_required: false' is for a local zone; a zone open across France has no condition")
        return self


class Access(StrictModel):
    """How a person gets in."""

    modes: Annotated[list[AccessMode], Field(min_length=1, description="Ways in.")]
    prescribers: Annotated[list[Prescriber], Field(description="Who can refer a person.")] = []
    how: Annotated[LocalizedText, Field(description="How to get in, in plain words.")]
    dates: Annotated[LocalizedText | None, Field(description="Sessions, dates or usual period.")] = None

    @model_validator(mode="after")
    def _referral_names_prescribers(self):
        if AccessMode.REFERRAL in self.modes and not self.prescribers:
            raise ValueError("access by referral needs at least one prescriber")
        return self


OPENING_HOURS = re.compile(r"^[A-Za-z0-9 ,:;\-+/\[\]\"().]+$")


class Contacts(StrictModel):
    """Stated facts only: never a guessed number or address."""

    address: Annotated[str | None, Field(description="Street address, as stated by a source.")] = None
    phone: Phone | None = None
    email: EmailStr | None = None
    website: HttpUrl | None = None
    opening_hours: Annotated[str | None, Field(description="OpenStreetMap opening_hours syntax.", examples=["Tu 14:00-17:00"])] = None
    opening_text: Annotated[LocalizedText | None, Field(description="Opening slot in words.")] = None
    how_to_reach: Annotated[LocalizedText | None, Field(description="How to reach them when no direct contact is known.")] = None

    @field_validator("opening_hours")
    @classmethod
    def _opening_hours_syntax(cls, value: str | None) -> str | None:
        if value is not None and not OPENING_HOURS.fullmatch(value):
            raise ValueError("not in OpenStreetMap opening_hours syntax, e.g. 'Mo-Fr 09:00-12:00'")
        return value

    @model_validator(mode="after")
    def _some_way_to_reach(self):
        if not (self.phone or self.email or self.website or self.address or self.how_to_reach):
            raise ValueError("give at least one contact, or 'how_to_reach' saying how to reach them")
        return self


class RunStatus(StrictModel):
    """Whether it runs: active, experimental until a date, recurring, planned, or ended."""

    state: Lifecycle
    started_on: date | None = None
    ends_on: Annotated[date | None, Field(description="End of an experiment, or the day it ended (only if a source states it).")] = None
    note: Annotated[LocalizedText | None, Field(description="What the source says of its end or its period.")] = None
    period: Annotated[LocalizedText | None, Field(description="Usual period of a recurring event.")] = None

    @model_validator(mode="after")
    def _consistent(self):
        if self.state is Lifecycle.RECURRING and self.period is None:
            raise ValueError("a recurring programme needs its usual 'period'")
        if self.state is Lifecycle.ENDED and self.ends_on is None and self.note is None:
            raise ValueError("an ended programme needs 'ends_on' or a 'note' saying what the source states")
        if self.state in (Lifecycle.ANNOUNCED, Lifecycle.UNCONFIRMED) and self.note is None:
            raise ValueError(f"a programme '{self.state.value}' needs a 'note' telling the person, in plain words, what to check")
        if self.started_on and self.ends_on and self.started_on > self.ends_on:
            raise ValueError("started_on is after ends_on")
        return self


SEED_FILE = re.compile(r"^\d{3}_[0-9a-f]{16}\.txt$")


class Source(StrictModel):
    """Where the facts come from."""

    file: Annotated[str | None, Field(description="Seed file name under shared/seeds/.", examples=["004_51e17562872d0b9c.txt"])] = None
    title: Annotated[str, Field(min_length=3, description="Title of the article or page.")]
    published: Annotated[date | None, Field(description="Date of the article, if stated.")] = None
    url: Annotated[HttpUrl | None, Field(description="Official page, for national entry points.")] = None

    @field_validator("file")
    @classmethod
    def _seed_name(cls, value: str | None) -> str | None:
        if value is not None and not SEED_FILE.fullmatch(value):
            raise ValueError("expected a seed file name such as '004_51e17562872d0b9c.txt'")
        return value

    @model_validator(mode="after")
    def _traceable(self):
        if not (self.file or self.url):
            raise ValueError("a source needs a seed 'file' or an official 'url'")
        return self


class Programme(StrictModel):
    """One route a person can be sent to."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80, description="Stable kebab-case id.")]
    name: LocalizedText
    organisation: Annotated[str, Field(min_length=2, description="Who runs it.")]
    summary: Annotated[LocalizedText, Field(description="One line, at most 160 characters per language.")]
    description: LocalizedText
    kind: Annotated[TypeService, Field(description="data·inclusion type de service.")]
    thematiques: Annotated[list[Thematique], Field(min_length=1, description="data·inclusion thématiques.")]
    publics: Annotated[list[Public], Field(min_length=1, description="data·inclusion publics.")]
    projects: Annotated[list[Project], Field(min_length=1, description="What a person wants to do that it serves.")]
    audience: Audience = Audience()
    zone: Zone
    access: Access
    cost: Annotated[Frais | None, Field(description="data·inclusion frais; leave out when no source says.")] = None
    cost_details: LocalizedText | None = None
    duration: Annotated[LocalizedText | None, Field(description="Duration and rhythm.")] = None
    delivery: Annotated[list[Delivery], Field(min_length=1)]
    modes_accueil: list[ModeAccueil] = [ModeAccueil.EN_PRESENTIEL]
    place: Annotated[str | None, Field(description="Where it happens (town, building).")] = None
    contacts: Contacts
    status: RunStatus
    source: Source
    more_sources: Annotated[
        list[Source],
        Field(description="Other sources the entry's facts come from (each fact traceable to a cited source)."),
    ] = []
    last_checked: Annotated[
        date | None,
        Field(
            description="Day the facts were last confirmed by the source or a curator. Leave it out when no check is recorded: "
            "the date is then unknown, the card says so and the entry is due for a re-check."
        ),
    ] = None
    recheck_months: Annotated[
        int,
        Field(
            ge=1,
            le=60,
            description="How often, in months, the facts should be re-checked with the provider (like DORA's update frequency).",
        ),
    ] = 12
    keywords: Annotated[list[str], Field(description="Words and synonyms people type, in any language.")] = []
    curator_notes: Annotated[
        str | None,
        Field(description="For curators and staff only, never shown to the public: what the sources leave unsaid, what to check."),
    ] = None
    siret: Annotated[
        str | None,
        Field(pattern=r"^\d{14}$", description="SIRET of the organisation's establishment running it, when a source states it."),
    ] = None
    data_inclusion_ids: Annotated[
        list[ServiceId],
        Field(
            description="Ids of the data·inclusion services this entry is (e.g. dora--1234): the curated texts and eligibility win, "
            "the directory's contacts and opening hours fill what this entry lacks.",
            examples=[["dora--infolang-poitiers"]],
        ),
    ] = []
    data_inclusion_distinct: Annotated[
        list[ServiceId],
        Field(
            description="Ids of data·inclusion services that look like this entry (same name and commune, or same SIRET) "
            "but that staff judged to be other services: never merged into it (the curation desk writes it).",
            examples=[["dora--autre-service"]],
        ),
    ] = []

    @field_validator("summary")
    @classmethod
    def _one_line(cls, value: dict[str, str]) -> dict[str, str]:
        too_long = sorted(lang for lang, text in value.items() if len(text) > 160 or "\n" in text)
        if too_long:
            raise ValueError(f"a summary is one line of at most 160 characters; too long in {too_long}")
        return value

    @field_validator("last_checked")
    @classmethod
    def _not_in_future(cls, value: date | None) -> date | None:
        if value is not None and value > date.today():
            raise ValueError("last_checked cannot be in the future")
        return value

    @property
    def is_ended(self) -> bool:
        return self.status.state is Lifecycle.ENDED
