"""Curated programmes stay authoritative: an imported service that is a curated programme is merged into it.

A service is the same as a curated programme when the programme names its id (`data_inclusion_ids`), or when its
name and commune match the programme's (the name folded, the commune inside the programme's zone), or when its
structure's SIRET is the programme's `siret` and it serves one of the programme's projects — unless the programme
lists the service in `data_inclusion_distinct` (staff judged it another service). The merge keeps every curated text and
criterion; the directory's phone, email, address, website and opening hours fill only the contacts the curated file
leaves empty, and `MergedProgramme.contact_origins` says which came from the directory, for the card and the staff.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

import numpy as np
import pyarrow as pa

from navigator.catalogue.data_inclusion.zones import ARRONDISSEMENTS, commune_of
from navigator.catalogue.models import Contacts, Programme
from navigator.person.places import epci_of_commune
from navigator.text import fold

NAMED = "named in the curated file"
#: Contacts an imported service may fill in a curated programme.
FILLED = ("phone", "email", "address", "website", "opening_hours")


class MergedProgramme(Programme):
    """A curated programme with contacts filled from the national directory."""

    #: contact field → where it came from ("DORA, 4 May 2026", service id)
    contact_origins: dict[str, tuple[str, date, str]] = {}


@dataclass(frozen=True)
class Merge:
    """One curated programme and the imported service merged into it, and why (for the staff desk)."""

    programme_id: str
    service_id: str
    why: str  # "named in the curated file", "same name and commune", "same SIRET"
    filled: tuple[str, ...]
    service_name: str = ""  # the service's own name and source, for staff confirming a likely duplicate
    service_source: str = ""

    @property
    def confirmed(self) -> bool:
        """Named in the curated file (`data_inclusion_ids`); the other merges are likely duplicates to confirm."""
        return self.why == NAMED


def _in_zone(programme: Programme, commune: str | None) -> bool:
    if not commune:
        return False
    zone, code = programme.zone, commune_of(commune)
    if code in zone.communes:
        return True
    return bool(zone.epcis) and epci_of_commune().get(code) in zone.epcis


def _communes_of_local_zones(programmes) -> set[str]:
    """Every commune code (arrondissements too) inside a curated zone that lists communes or EPCIs."""
    epci_of = epci_of_commune()
    epcis = {e for p in programmes for e in p.zone.epcis}
    found = {c for p in programmes for c in p.zone.communes} | {c for c, e in epci_of.items() if e in epcis}
    for first, last, commune in ARRONDISSEMENTS:
        if commune in found:
            found |= {str(code) for code in range(int(first), int(last) + 1)}
    return found


def find_duplicates(programmes, table: pa.Table, rows_with: Callable[[str, Iterable[str]], np.ndarray]) -> list[tuple[Programme, int, str]]:
    """(curated programme, snapshot row, why) for every imported service that is a curated programme.

    Each rule first narrows the 100,000 rows to the few that can match (`rows_with(column, values)`: the rows whose
    id, code_insee or siret is one of the values, from the prepared arrays), then reads only those."""
    found: dict[int, tuple[Programme, int, str]] = {}
    ids, names, codes = table.column("id"), table.column("name"), table.column("code_insee")
    named = {service_id: p for p in programmes for service_id in p.data_inclusion_ids}
    for row in rows_with("id", named).tolist():
        found.setdefault(row, (named[ids[row].as_py()], row, NAMED))
    distinct = {(p.id, service_id) for p in programmes for service_id in p.data_inclusion_distinct}  # judged other services
    by_name: dict[str, list[Programme]] = {}
    for p in programmes:
        by_name.setdefault(fold(p.name["fr"]), []).append(p)
    # Only services in a commune some curated zone names can be "same name and commune": fold just their names.
    for row in rows_with("code_insee", _communes_of_local_zones(programmes)).tolist():
        for p in by_name.get(fold(names[row].as_py()), ()):
            if row not in found and (p.id, ids[row].as_py()) not in distinct and _in_zone(p, codes[row].as_py()):
                found[row] = (p, row, "same name and commune")
    by_siret: dict[str, list[Programme]] = {}
    for p in programmes:
        if p.siret:
            by_siret.setdefault(p.siret, []).append(p)
    sirets, projects = table.column("siret"), table.column("projects")
    for row in rows_with("siret", by_siret).tolist():
        for p in by_siret[sirets[row].as_py()]:
            if row not in found and (p.id, ids[row].as_py()) not in distinct and set(projects[row].as_py()) & {x.value for x in p.projects}:
                found[row] = (p, row, "same SIRET")
    return sorted(found.values(), key=lambda item: item[1])


def merge(programme: Programme, service: Programme, why: str) -> tuple[MergedProgramme, Merge]:
    """The curated programme with the service's contacts filling its empty ones."""
    base = programme.contacts
    origins = dict(getattr(programme, "contact_origins", {}))
    updates = {}
    for name in FILLED:
        value = getattr(service.contacts, name)
        if value and not getattr(base, name) and name not in origins:
            updates[name] = value
            origins[name] = (service.source.title, service.last_checked, service.id)
    contacts = Contacts.model_construct(**(base.__dict__ | updates))
    merged = MergedProgramme.model_construct(**(programme.__dict__ | {"contacts": contacts, "contact_origins": origins}))
    return merged, Merge(programme.id, service.id, why, tuple(updates), service.name["fr"], service.source.title)
