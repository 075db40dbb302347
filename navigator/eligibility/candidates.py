"""Which programmes can possibly be offered to a person: a pre-filter so matching stays fast at 100,000 programmes.

A programme can only be offered if it serves one of the person's projects and
its zone is national, or touches the person's région (near misses included).
Everything it lets through is judged in full by the criteria.
"""

from __future__ import annotations

from collections import defaultdict

from navigator.models import Programme
from navigator.places import regions_of, zone_departements
from navigator.profile import Profile


class CandidateIndex:
    """Programme positions by project and by région touched; built once per catalogue."""

    def __init__(self, programmes: tuple[Programme, ...] | list[Programme]):
        self.programmes = tuple(programmes)
        self.by_project: dict[str, set[int]] = defaultdict(set)
        self.by_region: dict[str, set[int]] = defaultdict(set)
        self.national: set[int] = set()
        for position, p in enumerate(self.programmes):
            for project in p.projects:
                self.by_project[project.value].add(position)
            z = p.zone
            if z.france:
                self.national.add(position)
                continue
            departements = set(z.departements) | zone_departements(z.epcis, z.communes, z.postal_codes)
            for region in set(z.regions) | regions_of(departements):
                self.by_region[region].add(position)

    def candidates(self, person: Profile) -> list[Programme]:
        """The programmes worth judging for this person, in catalogue order."""
        positions: set[int] | None = None
        if person.projects:
            positions = set().union(*(self.by_project.get(p.value, set()) for p in person.projects))
        place = person.place
        if place is not None:
            near = set(self.national).union(*(self.by_region.get(r, set()) for r in place.regions))
            positions = near if positions is None else positions & near
        if positions is None:
            return list(self.programmes)
        return [self.programmes[i] for i in sorted(positions)]
