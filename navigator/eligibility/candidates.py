"""Fast matching at 100,000 programmes: a pre-filter, and one judgement per distinct programme shape.

A programme can only be offered if it serves one of the person's projects and
its zone is national or touches the person's région (near misses included);
for someone living outside France, only if it is national.
Its reasons depend only on its audience, projects and status, and on its
zone's codes — so programmes that share them (many services share age bounds,
publics and a territory) are judged once per person.
"""

from __future__ import annotations

import numpy as np

from navigator.catalogue.models import Programme
from navigator.indexing.gc_pause import collector_paused
from navigator.indexing.numpy_tools import index_by
from navigator.indexing.programme_table import Shapes, shapes_for
from navigator.person.places import regions_of, zone_departements
from navigator.person.profile import Profile


def _regions_touched(zone: tuple) -> frozenset[str]:
    _, regions, departements, epcis, communes, postal_codes, _residence_required = zone
    return frozenset(regions) | regions_of(set(departements) | zone_departements(epcis, communes, postal_codes))


class CandidateIndex:
    """Positions by project and by région touched, and each programme's shapes; built once per catalogue.

    Pass the `Shapes` the search index was built with to read the catalogue once for both."""

    def __init__(self, programmes: tuple[Programme, ...] | list[Programme], shapes: Shapes | None = None):
        self.programmes = ps = tuple(programmes)
        shapes = shapes_for(ps, shapes)
        self.audience_array, self.zone_array, self.shape_array = shapes.audience_array, shapes.zone_array, shapes.order_array
        self.counts = (len(shapes.audiences), len(shapes.zones), len(shapes.orders))
        #: Filled by matching: each programme's lifecycle warnings on a day (by position), the same for every person; today's only.
        self.warnings_on: dict = {}
        with collector_paused():
            #: Rank of each programme's French name (equal names in catalogue order), to sort without Python strings.
            names = [p.name["fr"].casefold() for p in ps]
            self.name_rank = np.empty(len(ps), dtype=np.int64)
            self.name_rank[sorted(range(len(ps)), key=names.__getitem__)] = np.arange(len(ps))
            self._projects = shapes.by_project
            national = [positions for zone, positions in zip(shapes.zones, shapes.by_zone, strict=True) if zone[0]]
            self._national = np.sort(np.concatenate(national)) if national else np.array([], dtype=np.int64)
            self._regions = index_by((() if zone[0] else _regions_touched(zone) for zone in shapes.zones), shapes.by_zone)

    def positions(self, person: Profile) -> np.ndarray:
        """Positions of the programmes worth judging for this person, in catalogue order."""
        wanted = np.ones(len(self.programmes), dtype=bool)
        if person.projects:
            wanted &= self._mask([self._projects.get(p.value) for p in person.projects])
        place = person.place
        if person.abroad:
            wanted &= self._mask([self._national])
        elif place is not None:
            wanted &= self._mask([self._national] + [self._regions.get(r) for r in place.regions])
        return np.flatnonzero(wanted)

    def _mask(self, arrays: list[np.ndarray | None]) -> np.ndarray:
        mask = np.zeros(len(self.programmes), dtype=bool)
        for positions in arrays:
            if positions is not None:
                mask[positions] = True
        return mask
