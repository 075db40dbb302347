"""Fast matching at 100,000 programmes: a pre-filter, and one judgement per distinct programme shape.

A programme can only be offered if it serves one of the person's projects and
its zone is national or touches the person's région (near misses included).
Its reasons depend only on its audience, projects and status, and on its
zone's codes — so programmes that share them (many services share age bounds,
publics and a territory) are judged once per person.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

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


def zone_signature(p: Programme) -> tuple:
    """What the residence criterion reads, but the zone's name."""
    z = p.zone
    return (z.france, tuple(z.regions), tuple(z.departements), tuple(z.epcis), tuple(z.communes), tuple(z.postal_codes))


class CandidateIndex:
    """Positions by project and by région touched, and each programme's signature; built once per catalogue."""

    def __init__(self, programmes: tuple[Programme, ...] | list[Programme]):
        self.programmes = tuple(programmes)
        by_project: dict[str, set[int]] = defaultdict(set)
        by_region: dict[str, set[int]] = defaultdict(set)
        national: set[int] = set()
        audiences: dict[tuple, int] = {}
        zones: dict[tuple, int] = {}
        self.audience_ids: list[int] = []
        self.zone_ids: list[int] = []
        self.sort_names: list[str] = []
        shapes: dict[tuple, int] = {}
        #: What the order reads besides verdict, audience and zone: delivery and aimed situations.
        self.shape_ids: list[int] = []
        for position, p in enumerate(self.programmes):
            self.shape_ids.append(shapes.setdefault((tuple(p.delivery), tuple(p.audience.statuses_aimed)), len(shapes)))
            self.audience_ids.append(audiences.setdefault(audience_signature(p), len(audiences)))
            self.zone_ids.append(zones.setdefault(zone_signature(p), len(zones)))
            self.sort_names.append(p.name["fr"].casefold())
            for project in p.projects:
                by_project[project.value].add(position)
            z = p.zone
            if z.france:
                national.add(position)
                continue
            departements = set(z.departements) | zone_departements(z.epcis, z.communes, z.postal_codes)
            for region in set(z.regions) | regions_of(departements):
                by_region[region].add(position)
        self.audience_array = np.array(self.audience_ids, dtype=np.int64)
        self.zone_array = np.array(self.zone_ids, dtype=np.int64)
        self.shape_array = np.array(self.shape_ids, dtype=np.int64)
        self.counts = (len(audiences), len(zones), len(shapes))
        #: Rank of each programme's French name (equal names, equal ranks), to sort without Python strings.
        self.name_rank = (
            np.unique(np.array(self.sort_names, dtype=object), return_inverse=True)[1].astype(np.int64)
            if self.programmes
            else np.array([], dtype=np.int64)
        )
        as_array = lambda positions: np.array(sorted(positions), dtype=np.int64)  # noqa: E731
        self._projects = {k: as_array(v) for k, v in by_project.items()}
        self._regions = {k: as_array(v) for k, v in by_region.items()}
        self._national = as_array(national)

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
