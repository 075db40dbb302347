"""What the indexes read of each programme besides its texts, read once for both.

Programmes that share an audience (projects, conditions, lifecycle), a zone or
an order shape are numbered alike, so the candidate index judges each shape
once per person and the search index finds programmes by project, situation or
place without reading them again.
"""

from __future__ import annotations

from functools import cached_property

import numpy as np

from navigator.catalogue.models import Programme
from navigator.indexing.gc_pause import collector_paused
from navigator.indexing.numpy_tools import codes_of, index_by, positions_by
from navigator.vocabulary import Lifecycle

#: The kinds of codes in a zone signature, after `france`, in order.
ZONE_KINDS = ("region", "departement", "epci", "commune", "postal_code")


def _items(text: dict | None) -> tuple:
    return tuple(sorted(text.items())) if text else ()


def audience_signature(p: Programme) -> tuple:
    """What every criterion but residence, and the lifecycle, read: equal signatures, equal reasons."""
    a, s = p.audience, p.status
    return (
        tuple(p.projects),
        (
            a.age_min,
            a.age_max,
            tuple(a.statuses_required),
            a.french_level_min,
            tuple(a.languages),
            a.qpv_only,
            a.driving_licence_needed,
            _items(a.to_confirm),
        ),
        (s.state, s.started_on, s.ends_on, _items(s.period), p.last_checked),
    )


def zone_signature(p: Programme) -> tuple:
    """What the residence criterion reads, but the zone's name: (france, régions, départements, EPCIs, communes, postal codes,
    whether living there is a stated condition)."""
    z = p.zone
    return (
        z.france,
        tuple(z.regions),
        tuple(z.departements),
        tuple(z.epcis),
        tuple(z.communes),
        tuple(z.postal_codes),
        z.residence_required,
    )


def order_signature(p: Programme) -> tuple:
    """What the order of routes reads besides verdict, audience and zone: delivery and aimed situations."""
    return (tuple(p.delivery), tuple(p.audience.statuses_aimed))


class Shapes:
    """Each programme's audience, zone and order shape, as numbers (`*_array`) into the distinct signatures."""

    def __init__(self, programmes: tuple[Programme, ...] | list[Programme]):
        ps = tuple(programmes)
        self.size = len(ps)
        with collector_paused():
            self.audience_array, self.audiences = codes_of(audience_signature(p) for p in ps)
            self.zone_array, self.zones = codes_of(zone_signature(p) for p in ps)
            self.order_array, self.orders = codes_of(order_signature(p) for p in ps)

    @cached_property
    def by_zone(self) -> list[np.ndarray]:
        """For each distinct zone, the positions of its programmes."""
        return positions_by(self.zone_array, len(self.zones))

    @cached_property
    def by_project(self) -> dict[str, np.ndarray]:
        """Project code → positions of the programmes serving it."""
        groups = positions_by(self.audience_array, len(self.audiences))
        return index_by(([project.value for project in audience[0]] for audience in self.audiences), groups)

    @cached_property
    def by_status(self) -> dict[str, np.ndarray]:
        """Situation code → positions of the programmes aiming at or requiring it."""
        pairs, distinct = codes_of(zip(self.audience_array.tolist(), self.order_array.tolist(), strict=True))
        situations = ((*self.orders[order][1], *self.audiences[audience][1][2]) for audience, order in distinct)
        return index_by(([status.value for status in group] for group in situations), positions_by(pairs, len(distinct)))

    @cached_property
    def by_zone_code(self) -> dict[tuple[str, str], np.ndarray]:
        """(kind, code) → positions of the programmes whose zone lists it: ('departement', '86')."""
        keys = (
            [(kind, code) for kind, codes in zip(ZONE_KINDS, zone[1 : 1 + len(ZONE_KINDS)], strict=True) for code in codes]
            for zone in self.zones
        )
        return index_by(keys, self.by_zone)

    @cached_property
    def ended(self) -> np.ndarray:
        """True for each programme that has ended."""
        return np.array([audience[2][0] is Lifecycle.ENDED for audience in self.audiences], dtype=bool)[self.audience_array]


def shapes_for(programmes: tuple[Programme, ...], shapes: Shapes | None) -> Shapes:
    """The shapes given (built for these very programmes), or new ones."""
    if shapes is None:
        return Shapes(programmes)
    if shapes.size != len(programmes):
        raise ValueError(f"shapes built for {shapes.size} programmes, given {len(programmes)}")
    return shapes
