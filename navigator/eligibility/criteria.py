"""Eligibility criteria: one small function each, for one programme and one person.

Each returns a Reason (met, not met, near, or unknown), or None when the
programme sets no such condition. Unknown is never read as "not eligible".
"""

from __future__ import annotations

from navigator.catalogue.models import Programme, Zone
from navigator.eligibility.reasons import Reason
from navigator.person.places import Place, regions_of, zone_departements
from navigator.person.profile import Profile
from navigator.vocabulary import FrenchLevel, Outcome, Status

#: An age bound missed by this many years or fewer is a near miss.
AGE_TOLERANCE = 2

#: Situations a person can take on by themselves (registering with France Travail).
STATUSES_ONE_CAN_GET = {Status.JOB_SEEKER: "unlock_register_job_seeker"}


def projects(programme: Programme, person: Profile) -> Reason | None:
    """Does it serve something the person wants to do?"""
    if not person.projects:
        return Reason("projects", Outcome.UNKNOWN, "projects_unknown")
    served = [p.value for p in person.projects if p in programme.projects]
    if served:
        return Reason("projects", Outcome.MET, "projects_met", {"projects": served})
    return Reason("projects", Outcome.NOT_MET, "projects_not_met", {"projects": [p.value for p in programme.projects]})


def age(programme: Programme, person: Profile) -> Reason | None:
    """Is the person within the programme's age bounds? Missing it by a year or two is a near miss."""
    low, high = programme.audience.age_min, programme.audience.age_max
    if low is None and high is None:
        return None
    bounds = {"age_min": low, "age_max": high}
    if person.age is None:
        return Reason("age", Outcome.UNKNOWN, "age_unknown", bounds)
    params = bounds | {"age": person.age}
    if low is not None and person.age < low:
        gap = low - person.age
        if gap <= AGE_TOLERANCE:
            return Reason("age", Outcome.NEAR, "age_too_young", params | {"years": gap}, unlock="unlock_age_wait")
        return Reason("age", Outcome.NOT_MET, "age_too_young", params | {"years": gap})
    if high is not None and person.age > high:
        gap = person.age - high
        if gap <= AGE_TOLERANCE:
            return Reason("age", Outcome.NEAR, "age_too_old", params | {"years": gap}, unlock="unlock_ask_exception")
        return Reason("age", Outcome.NOT_MET, "age_too_old", params | {"years": gap})
    return Reason("age", Outcome.MET, "age_met", params)


def statuses(programme: Programme, person: Profile) -> Reason | None:
    """Does the person have one of the situations the programme requires?"""
    required = programme.audience.statuses_required
    if not required:
        return None
    params = {"statuses": [s.value for s in required]}
    if not person.statuses:
        return Reason("statuses", Outcome.UNKNOWN, "statuses_unknown", params)
    if any(s in required for s in person.statuses):
        return Reason("statuses", Outcome.MET, "statuses_met", params)
    gettable = [STATUSES_ONE_CAN_GET[s] for s in required if s in STATUSES_ONE_CAN_GET]
    if gettable and Status.RETIRED not in person.statuses:
        return Reason("statuses", Outcome.NEAR, "statuses_not_met", params, unlock=gettable[0])
    return Reason("statuses", Outcome.NOT_MET, "statuses_not_met", params)


def french(programme: Programme, person: Profile) -> Reason | None:
    """Does the person speak enough French, or a language the programme is delivered in?"""
    needed = programme.audience.french_level_min
    if needed is None or needed is FrenchLevel.NONE:
        return None
    params = {"level": needed.value}
    spoken = [lang for lang in person.languages if lang in programme.audience.languages and lang != "fr"]
    if spoken:
        return Reason("french", Outcome.MET, "language_spoken", params | {"languages": spoken})
    if person.french_level is None:
        return Reason("french", Outcome.UNKNOWN, "french_unknown", params)
    if person.french_level.rank >= needed.rank:
        return Reason("french", Outcome.MET, "french_met", params)
    if needed.rank - person.french_level.rank == 1:
        return Reason("french", Outcome.NEAR, "french_not_met", params, unlock="unlock_french_course")
    return Reason("french", Outcome.NOT_MET, "french_not_met", params)


def qpv(programme: Programme, person: Profile) -> Reason | None:
    """For priority-neighbourhood (QPV) residents only: does the person live in one?"""
    if not programme.audience.qpv_only:
        return None
    if person.qpv is None:
        return Reason("qpv", Outcome.UNKNOWN, "qpv_unknown")
    if person.qpv:
        return Reason("qpv", Outcome.MET, "qpv_met")
    return Reason("qpv", Outcome.NOT_MET, "qpv_not_met")


def _communes_inside(zone: Zone, place: Place) -> list[bool]:
    return [
        c.region in zone.regions
        or c.departement in zone.departements
        or c.epci in zone.epcis
        or c.code in zone.communes
        or place.postal_code in zone.postal_codes
        for c in place.communes
    ]


def _is_nearby(zone: Zone, place: Place) -> bool:
    """Outside the zone but close: same département as a local zone, same région as a departmental one."""
    if zone.epcis or zone.communes or zone.postal_codes:
        return bool(place.departements & zone_departements(zone.epcis, zone.communes, zone.postal_codes))
    if zone.departements:
        return bool(place.regions & regions_of(zone.departements))
    return False


def residence(programme: Programme, person: Profile) -> Reason | None:
    """Does the person live in the programme's zone?"""
    zone = programme.zone
    params: dict = {}  # the zone's name is the programme's (Match.as_json and the labels add it)
    if zone.france:
        return Reason("residence", Outcome.MET, "residence_france", params)
    place = person.place
    if place is None:
        return Reason("residence", Outcome.UNKNOWN, "residence_unknown", params)
    inside = _communes_inside(zone, place)
    if all(inside):
        return Reason("residence", Outcome.MET, "residence_met", params)
    if any(inside):
        return Reason("residence", Outcome.UNKNOWN, "residence_depends_on_commune", params | {"postal_code": place.postal_code})
    if _is_nearby(zone, place):
        return Reason("residence", Outcome.NEAR, "residence_nearby", params, unlock="unlock_ask_exception")
    return Reason("residence", Outcome.NOT_MET, "residence_not_met", params)


def to_confirm(programme: Programme, person: Profile) -> Reason | None:
    """A condition only the provider or a prescriber can confirm."""
    if programme.audience.to_confirm is None:
        return None
    return Reason("to_confirm", Outcome.UNKNOWN, "to_confirm", {"text": programme.audience.to_confirm})


#: Every criterion, in the order reasons are shown.
CRITERIA = (projects, age, statuses, french, qpv, residence, to_confirm)
