"""data·inclusion's `zone_eligibilite` (INSEE codes) read as the navigator's zones.

A code is a commune (5 characters), an EPCI (9 digits), a département (2 or 3 characters), `france`, or a country
code (99100 is France; another country is no zone in France). Paris, Lyon and Marseille arrondissements are read
as their commune, which is how the geography tables know them.
"""

from __future__ import annotations

import re

from navigator.person.places import _departement_of_commune, zone_departements

FRANCE_CODES = frozenset({"france", "99100"})
EPCI = re.compile(r"^\d{9}$")
COMMUNE = re.compile(r"^(\d{5}|2[AB]\d{3})$")
DEPARTEMENT = re.compile(r"^(\d{2}|2[AB]|97\d)$")

#: Municipal arrondissements → their commune: (first code, last code, commune).
ARRONDISSEMENTS = (("75101", "75120", "75056"), ("69381", "69389", "69123"), ("13201", "13216", "13055"))


def commune_of(code: str) -> str:
    """An arrondissement's commune; any other code as it is."""
    for first, last, commune in ARRONDISSEMENTS:
        if first <= code <= last and len(code) == 5:
            return commune
    return code


def departement_of_commune(code: str) -> str | None:
    code = commune_of(code)
    known = _departement_of_commune().get(code)
    if known:
        return known
    if not COMMUNE.fullmatch(code):
        return None
    return code[:3] if code.startswith("97") else code[:2]


def split_zone(codes: list[str]) -> dict:
    """{"france": bool, "departements": [...], "epcis": [...], "communes": [...]} from a list of INSEE codes."""
    zone: dict = {"france": False, "departements": [], "epcis": [], "communes": []}
    for raw in codes:
        code = str(raw).strip()
        if code.lower() in FRANCE_CODES:
            zone["france"] = True
        elif EPCI.fullmatch(code):
            zone["epcis"].append(code)
        elif code.startswith("99") and len(code) == 5:
            continue  # another country: nowhere in France
        elif COMMUNE.fullmatch(code):
            zone["communes"].append(commune_of(code))
        elif DEPARTEMENT.fullmatch(code):
            zone["departements"].append(code)
    if zone["france"]:
        return {"france": True, "departements": [], "epcis": [], "communes": []}
    return {key: list(dict.fromkeys(value)) if isinstance(value, list) else value for key, value in zone.items()}


def zone_touches(row: dict, departements: frozenset[str]) -> bool:
    """Whether a snapshot row's zone (or, for a national service, nothing) touches these départements.
    National services are kept: they serve every département."""
    if row["zone_france"]:
        return True
    touched = set(row["zone_departements"]) | zone_departements(row["zone_epcis"], row["zone_communes"])
    return bool(touched & departements)
