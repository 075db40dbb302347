"""Reading where a person lives from what they typed: a postal code, a town, or both ("86000 Poitiers")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from navigator.person.places import Place, PlaceError, communes_named, find_towns, locate

#: Five digits standing alone (a postal code), possibly written "86 000".
_POSTAL_CODE = re.compile(r"(?<!\d)(\d{2})[ .]?(\d{3})(?!\d)")


@dataclass(frozen=True)
class Reading:
    """What the typed text says: one place, several to choose from, or a problem (a message id for the interface)."""

    place: Place | None = None
    choices: tuple[Place, ...] = ()
    problem: str | None = None


def read_place(typed: str, limit: int = 6) -> Reading:
    """A postal code, a town name, or both. A town found under several postal codes, or several towns that look like
    the text, give `choices` to ask the person; one town under several postal codes is that town."""
    text = " ".join(typed.split())[:80]
    if not text:
        return Reading()
    code = _POSTAL_CODE.search(text)
    if code:
        try:
            place = locate(code.group(1) + code.group(2))
        except PlaceError as error:
            return Reading(problem=error.code)
        return Reading(place=place)
    if any(ch.isdigit() for ch in text):
        return Reading(problem="postal_code_format")
    towns = find_towns(text, limit=limit)
    if not towns:
        return Reading(problem="town_unknown")
    named = communes_named(text)
    exact = [t for t in towns if t.communes[0] in named]
    if exact and len({t.communes[0].code for t in exact}) == 1 and len(named) == 1:
        return Reading(place=exact[0])  # one town (Limoges has three postal codes: the same town for every route)
    if len(towns) == 1:
        return Reading(place=towns[0])
    return Reading(choices=tuple(exact or towns))
