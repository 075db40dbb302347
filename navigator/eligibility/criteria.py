"""Eligibility criteria: one small function each, for one programme and one person.

Each returns a Reason (met, not met, near, or unknown), or None when the
programme sets no such condition. Unknown is never read as "not eligible".
"""

from __future__ import annotations

from navigator.catalogue.models import Programme, Zone
from navigator.eligibility.reasons import Criterion, Reason, ReasonCode, Unlock
from navigator.person.places import Place, zone_departements
from navigator.person.profile import Profile
from navigator.vocabulary import FrenchLevel, Mobility, Outcome, Status

#: An age bound missed by this many years or fewer is a near miss.
AGE_TOLERANCE = 2

#: Situations a person can take on by themselves (registering with France Travail).
STATUSES_ONE_CAN_GET = {Status.JOB_SEEKER: Unlock.REGISTER_JOB_SEEKER}


def projects(programme: Programme, person: Profile) -> Reason | None:
    """Does it serve something the person wants to do?"""
    if not person.projects:
        return Reason(Criterion.PROJECTS, Outcome.UNKNOWN, ReasonCode.PROJECTS_UNKNOWN)
    served = [p.value for p in person.projects if p in programme.projects]
    if served:
        return Reason(Criterion.PROJECTS, Outcome.MET, ReasonCode.PROJECTS_MET, {"projects": served})
    return Reason(Criterion.PROJECTS, Outcome.NOT_MET, ReasonCode.PROJECTS_NOT_MET, {"projects": [p.value for p in programme.projects]})


def age(programme: Programme, person: Profile) -> Reason | None:
    """Is the person within the programme's age bounds? Missing it by a year or two is a near miss."""
    low, high = programme.audience.age_min, programme.audience.age_max
    if low is None and high is None:
        return None
    bounds = {"age_min": low, "age_max": high}
    if person.age is None:
        return Reason(Criterion.AGE, Outcome.UNKNOWN, ReasonCode.AGE_UNKNOWN, bounds)
    params = bounds | {"age": person.age}
    if low is not None and person.age < low:
        gap = low - person.age
        if gap <= AGE_TOLERANCE:
            return Reason(Criterion.AGE, Outcome.NEAR, ReasonCode.AGE_TOO_YOUNG, params | {"years": gap}, unlock=Unlock.AGE_WAIT)
        return Reason(Criterion.AGE, Outcome.NOT_MET, ReasonCode.AGE_TOO_YOUNG, params | {"years": gap})
    if high is not None and person.age > high:
        gap = person.age - high
        if gap <= AGE_TOLERANCE:
            return Reason(Criterion.AGE, Outcome.NEAR, ReasonCode.AGE_TOO_OLD, params | {"years": gap}, unlock=Unlock.ASK_EXCEPTION)
        return Reason(Criterion.AGE, Outcome.NOT_MET, ReasonCode.AGE_TOO_OLD, params | {"years": gap})
    return Reason(Criterion.AGE, Outcome.MET, ReasonCode.AGE_MET, params)


def statuses(programme: Programme, person: Profile) -> Reason | None:
    """Does the person have one of the situations the programme requires?"""
    required = programme.audience.statuses_required
    if not required:
        return None
    params = {"statuses": [s.value for s in required]}
    if not person.statuses:
        return Reason(Criterion.STATUSES, Outcome.UNKNOWN, ReasonCode.STATUSES_UNKNOWN, params)
    if any(s in required for s in person.statuses):
        return Reason(Criterion.STATUSES, Outcome.MET, ReasonCode.STATUSES_MET, params)
    gettable = [STATUSES_ONE_CAN_GET[s] for s in required if s in STATUSES_ONE_CAN_GET]
    if gettable and Status.RETIRED not in person.statuses:
        return Reason(Criterion.STATUSES, Outcome.NEAR, ReasonCode.STATUSES_NOT_MET, params, unlock=gettable[0])
    return Reason(Criterion.STATUSES, Outcome.NOT_MET, ReasonCode.STATUSES_NOT_MET, params)


def french(programme: Programme, person: Profile) -> Reason | None:
    """Does the person speak enough French, or a language the programme is delivered in?"""
    needed = programme.audience.french_level_min
    if needed is None or needed is FrenchLevel.NONE:
        return None
    params = {"level": needed.value}
    spoken = [lang for lang in person.languages if lang in programme.audience.languages and lang != "fr"]
    if spoken:
        return Reason(Criterion.FRENCH, Outcome.MET, ReasonCode.LANGUAGE_SPOKEN, params | {"languages": spoken})
    if person.french_level is None:
        return Reason(Criterion.FRENCH, Outcome.UNKNOWN, ReasonCode.FRENCH_UNKNOWN, params)
    if person.french_level.rank >= needed.rank:
        return Reason(Criterion.FRENCH, Outcome.MET, ReasonCode.FRENCH_MET, params)
    if needed.rank - person.french_level.rank == 1:
        return Reason(Criterion.FRENCH, Outcome.NEAR, ReasonCode.FRENCH_NOT_MET, params, unlock=Unlock.FRENCH_COURSE)
    return Reason(Criterion.FRENCH, Outcome.NOT_MET, ReasonCode.FRENCH_NOT_MET, params)


def _yes_or_no(criterion: Criterion, answer: bool | None, unknown: ReasonCode, met: ReasonCode, not_met: ReasonCode) -> Reason:
    """A condition the person answers with yes or no: unknown until answered, met on yes, not met on no."""
    if answer is None:
        return Reason(criterion, Outcome.UNKNOWN, unknown)
    return Reason(criterion, Outcome.MET, met) if answer else Reason(criterion, Outcome.NOT_MET, not_met)


def qpv(programme: Programme, person: Profile) -> Reason | None:
    """For priority-neighbourhood (QPV) residents only: does the person live in one?"""
    if not programme.audience.qpv_only:
        return None
    return _yes_or_no(Criterion.QPV, person.qpv, ReasonCode.QPV_UNKNOWN, ReasonCode.QPV_MET, ReasonCode.QPV_NOT_MET)


def licence(programme: Programme, person: Profile) -> Reason | None:
    """A vehicle rental needs a driving licence: without one it is no route (a driving school is)."""
    if not programme.audience.driving_licence_needed:
        return None
    return _yes_or_no(
        Criterion.LICENCE, person.driving_licence, ReasonCode.LICENCE_UNKNOWN, ReasonCode.LICENCE_MET, ReasonCode.LICENCE_NOT_MET
    )


def _communes_inside(zone: Zone, place: Place) -> list[bool]:
    return [
        c.region in zone.regions
        or c.departement in zone.departements
        or c.epci in zone.epcis
        or c.code in zone.communes
        or place.postal_code in zone.postal_codes
        for c in place.communes
    ]


#: Ways of getting around that do not take a person to the next town: a local zone outside their own is not "almost".
ON_FOOT = (Mobility.WALK, Mobility.BIKE_SCOOTER)


def _is_nearby(zone: Zone, place: Place, mobility: Mobility | None = None) -> bool:
    """Outside the zone but genuinely close: a local zone (communes, intercommunality) of the person's own
    département, for someone who can travel there (not on foot or by bike). Another département — possibly 150 km
    away — is never "almost"."""
    if mobility in ON_FOOT:
        return False
    if zone.epcis or zone.communes or zone.postal_codes:
        return bool(place.departements & zone_departements(zone.epcis, zone.communes, zone.postal_codes))
    return False


def residence(programme: Programme, person: Profile) -> Reason | None:
    """Does the person live in the programme's zone? Someone living outside France lives in no local zone; a route
    open across France is theirs to check (can they start from abroad?)."""
    zone = programme.zone
    params: dict = {}  # the zone's name is the programme's (Match.as_json and the labels add it)
    if person.abroad:  # from outside France, only what is open across France: to check with them from abroad
        if zone.france:
            return Reason(Criterion.RESIDENCE, Outcome.UNKNOWN, ReasonCode.RESIDENCE_ABROAD, params)
        return Reason(Criterion.RESIDENCE, Outcome.NOT_MET, ReasonCode.RESIDENCE_NOT_MET, params)
    if zone.france:
        return Reason(Criterion.RESIDENCE, Outcome.MET, ReasonCode.RESIDENCE_FRANCE, params)
    place = person.place
    if not zone.residence_required:
        return _where_it_is_based(zone, place, person.mobility)
    if place is None:
        return Reason(Criterion.RESIDENCE, Outcome.UNKNOWN, ReasonCode.RESIDENCE_UNKNOWN, params)
    inside = _communes_inside(zone, place)
    if all(inside):
        return Reason(Criterion.RESIDENCE, Outcome.MET, ReasonCode.RESIDENCE_MET, params)
    if any(inside):
        return Reason(
            Criterion.RESIDENCE, Outcome.UNKNOWN, ReasonCode.RESIDENCE_DEPENDS_ON_COMMUNE, params | {"postal_code": place.postal_code}
        )
    if _is_nearby(zone, place, person.mobility):
        return Reason(Criterion.RESIDENCE, Outcome.NEAR, ReasonCode.RESIDENCE_NEARBY, params, unlock=Unlock.ASK_EXCEPTION)
    return Reason(Criterion.RESIDENCE, Outcome.NOT_MET, ReasonCode.RESIDENCE_NOT_MET, params)


def _where_it_is_based(zone: Zone, place: Place | None, mobility: Mobility | None) -> Reason:
    """A zone that is where the service works, with no residence condition stated: in it, it is in the person's
    area; nearby or unsaid, whether they can use it is to ask; far away, it is not theirs to reach."""
    if place is not None and any(_communes_inside(zone, place)):
        return Reason(Criterion.RESIDENCE, Outcome.MET, ReasonCode.RESIDENCE_BASED_HERE, {})
    if place is None or _is_nearby(zone, place, mobility):
        return Reason(Criterion.RESIDENCE, Outcome.UNKNOWN, ReasonCode.RESIDENCE_NOT_STATED, {})
    return Reason(Criterion.RESIDENCE, Outcome.NOT_MET, ReasonCode.RESIDENCE_BASED_FAR, {})


def to_confirm(programme: Programme, person: Profile) -> Reason | None:
    """A condition only the provider or a prescriber can confirm."""
    if programme.audience.to_confirm is None:
        return None
    return Reason(Criterion.TO_CONFIRM, Outcome.UNKNOWN, ReasonCode.TO_CONFIRM, {"text": programme.audience.to_confirm})


#: Every criterion, in the order reasons are shown.
CRITERIA = (projects, age, statuses, french, qpv, licence, residence, to_confirm)
