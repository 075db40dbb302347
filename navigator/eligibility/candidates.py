"""Fast matching at 100,000 programmes: a pre-filter, and one judgement per distinct programme shape.

A programme can only be offered if it serves one of the person's projects and
its zone is national or touches the person's région (near misses included).
Its reasons depend only on its audience, projects and status, and on its
zone's codes — so programmes that share them (many services share age bounds,
publics and a territory) are judged once per person.
"""

from __future__ import annotations

import numpy as np

from navigator.arrays import codes_of, index_by, positions_by
from navigator.collector import collector_paused
from navigator.models import Programme
from navigator.places import regions_of, zone_departements
from navigator.profile import Profile


def _items(text: dict | None) -> tuple:
    return tuple(sorted(text.items())) if text else ()


def audience_signature(p: Programme) -> tuple:
    """What every criterion but residence, and the lifecycle, read: equal signatures, equal reasons."""
    a, s = p.audience, p.status
    return (
        tuple(p.projects),
        (a.age_min, a.age_max, tuple(a.statuses_required), a.french_level_min, tuple(a.languages), a.qpv_only, _items(a.to_confirm)),
        (s.state, s.started_on, s.ends_on, _items(s.period), p.last_checked),
    )


def _regions_touched(zone: tuple) -> frozenset[str]:
    _, regions, departements, epcis, communes, postal_codes = zone
    return frozenset(regions) | regions_of(set(departements) | zone_departements(epcis, communes, postal_codes))


def zone_signature(p: Programme) -> tuple:
    """What the residence criterion reads, but the zone's name."""
    z = p.zone
    return (z.france, tuple(z.regions), tuple(z.departements), tuple(z.epcis), tuple(z.communes), tuple(z.postal_codes))


class CandidateIndex:
    """Positions by project and by région touched, and each programme's signatures; built once per catalogue."""

    def __init__(self, programmes: tuple[Programme, ...] | list[Programme]):
        self.programmes = ps = tuple(programmes)
        with collector_paused():
            self.audience_array, audiences = codes_of(audience_signature(p) for p in ps)
            self.zone_array, zones = codes_of(zone_signature(p) for p in ps)
            #: What the order reads besides verdict, audience and zone: delivery and aimed situations.
            self.shape_array, shapes = codes_of((tuple(p.delivery), tuple(p.audience.statuses_aimed)) for p in ps)
            self.counts = (len(audiences), len(zones), len(shapes))
            #: Rank of each programme's French name (equal names in catalogue order), to sort without Python strings.
            names = [p.name["fr"].casefold() for p in ps]
            self.name_rank = np.empty(len(ps), dtype=np.int64)
            self.name_rank[sorted(range(len(ps)), key=names.__getitem__)] = np.arange(len(ps))
            project_array, project_lists = codes_of(tuple(p.projects) for p in ps)
            self._projects = index_by(
                ([project.value for project in projects] for projects in project_lists), positions_by(project_array, len(project_lists))
            )
            by_zone = positions_by(self.zone_array, len(zones))
            national = [positions for zone, positions in zip(zones, by_zone, strict=True) if zone[0]]
            self._national = np.sort(np.concatenate(national)) if national else np.array([], dtype=np.int64)
            self._regions = index_by((() if zone[0] else _regions_touched(zone) for zone in zones), by_zone)

    def positions(self, person: Profile) -> np.ndarray:
        """Positions of the programmes worth judging for this person, in catalogue order."""
        wanted = np.ones(len(self.programmes), dtype=bool)
        if person.projects:
            wanted &= self._mask([self._projects.get(p.value) for p in person.projects])
        place = person.place
        if place is not None:
            wanted &= self._mask([self._national] + [self._regions.get(r) for r in place.regions])
        return np.flatnonzero(wanted)

    def _mask(self, arrays: list[np.ndarray | None]) -> np.ndarray:
        mask = np.zeros(len(self.programmes), dtype=bool)
        for positions in arrays:
            if positions is not None:
                mask[positions] = True
        return mask

    def candidates(self, person: Profile) -> list[Programme]:
        return [self.programmes[i] for i in self.positions(person).tolist()]
