"""The project's own vocabularies: stable codes that files, URLs and the profile store.

Labels for display live in `navigator.presentation.labels` (translated at display time);
the open data·inclusion vocabularies (publics, thématiques, frais, types…) are
imported from its package, never retyped here.
"""

from enum import StrEnum


class Status(StrEnum):
    """A person's situation. Several can hold at once."""

    JOB_SEEKER = "job_seeker"
    RSA = "rsa"
    OUT_OF_SCHOOL = "out_of_school"
    STUDENT = "student"
    EMPLOYEE = "employee"
    ENTREPRENEUR = "entrepreneur"
    REFUGEE = "refugee"
    ASYLUM_SEEKER = "asylum_seeker"
    UNACCOMPANIED_MINOR = "unaccompanied_minor"
    DISABILITY = "disability"
    RETIRED = "retired"


class Project(StrEnum):
    """What a person wants to do."""

    FIND_JOB = "find_job"
    TRAINING = "training"
    APPRENTICESHIP = "apprenticeship"
    DISCOVER_TRADES = "discover_trades"
    CREATE_BUSINESS = "create_business"
    COLLECTIVE_BUSINESS = "collective_business"
    LEARN_FRENCH = "learn_french"
    MOBILITY = "mobility"
    DIGITAL_ADMIN = "digital_admin"


class FrenchLevel(StrEnum):
    """How well a person speaks French, in order."""

    NONE = "none"
    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    FLUENT = "fluent"

    @property
    def rank(self) -> int:
        return list(FrenchLevel).index(self)


class Mobility(StrEnum):
    """How a person gets around."""

    WALK = "walk"
    PUBLIC_TRANSPORT = "public_transport"
    BIKE_SCOOTER = "bike_scooter"
    CAR = "car"


class Delivery(StrEnum):
    """Where a programme happens, seen from the person."""

    ON_SITE = "on_site"  # the person goes to a fixed place
    COMES_TO_YOU = "comes_to_you"  # staff come to where people live (town halls, public service houses)
    ITINERANT = "itinerant"  # moves from site to site (vineyards, building sites)
    REMOTE = "remote"  # by phone or online


class AccessMode(StrEnum):
    """How a person gets in."""

    WALK_IN = "walk_in"  # come during the opening slot, no appointment
    APPOINTMENT = "appointment"  # contact them for an appointment
    REFERRAL = "referral"  # sent by a prescriber
    APPLICATION = "application"  # apply for a session / selection
    THROUGH_SCHOOL = "through_school"  # only through one's school
    THROUGH_EMPLOYER = "through_employer"  # only through one's employer


class Prescriber(StrEnum):
    """Who can refer a person (a 'prescripteur')."""

    FRANCE_TRAVAIL = "france_travail"
    MISSION_LOCALE = "mission_locale"
    CAP_EMPLOI = "cap_emploi"
    PLIE = "plie"
    SOCIAL_WORKER = "social_worker"
    TOWN_HALL = "town_hall"
    INSERTION_STRUCTURE = "insertion_structure"
    BUSINESS_CREATION_NETWORK = "business_creation_network"
    ASSOCIATION = "association"
    SCHOOL = "school"
    MIGRANT_SUPPORT = "migrant_support"
    STATE_SERVICES = "state_services"


class Lifecycle(StrEnum):
    """Whether a programme runs."""

    ACTIVE = "active"
    EXPERIMENTAL = "experimental"
    RECURRING = "recurring"  # an event that comes back (a yearly rally)
    PLANNED = "planned"
    ANNOUNCED = "announced"  # announced to open or start; no source shows it open: the person is told to check
    UNCONFIRMED = "unconfirmed"  # shown running only in the past, or resting on what has run out: to check
    ENDED = "ended"


class Verdict(StrEnum):
    """What matching says of one programme for one person, best first."""

    ELIGIBLE = "eligible"
    CHECK = "check"
    NEAR_MISS = "near_miss"
    INELIGIBLE = "ineligible"


class Outcome(StrEnum):
    """One criterion's result. Unknown is never read as 'not eligible'."""

    MET = "met"
    NOT_MET = "not_met"
    NEAR = "near"  # fails narrowly; something would unlock it
    UNKNOWN = "unknown"
