"""The distinct zones of a snapshot, numbered, with what matching reads of them — judged for a person with numpy.

100,000 services share about 15,000 zones. Each zone gets a number (`zone_array` gives each row's), how local it is,
the régions it touches (for the pre-filter), and inverted indexes by commune, EPCI and département. The residence of
a person is then judged for every zone at once, by the same rules as `eligibility.criteria.residence` (a test
compares the two on every zone): all the person's communes inside → met; some → depends on the commune; outside but
close (same département as a local zone, same région as a départemental one) → near; otherwise not met.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from navigator.catalogue.models import Zone
from navigator.eligibility.reasons import Criterion, Reason, ReasonCode, Unlock
from navigator.indexing.mapped import Groups, InMemoryArrays, groups_arrays
from navigator.indexing.numpy_tools import index_by, positions_by
from navigator.person.places import (
    Place,
    _departement_of_commune,
    _departements_of_epci,
    _region_of_departement,
    commune_names,
    departement_names,
    departements_of_region,
    epci_names,
    region_names,
)
from navigator.vocabulary import Outcome

#: How local a zone is, nearest first.
COMMUNE, EPCI, DEPARTEMENT, REGION, NATIONAL = range(5)
#: Residence outcomes as numbers, in `Outcome` order of preference.
MET, UNKNOWN, NEAR, NOT_MET = range(4)
OUTCOMES = (Outcome.MET, Outcome.UNKNOWN, Outcome.NEAR, Outcome.NOT_MET)


def _split(key: str) -> tuple[bool, tuple, tuple, tuple]:
    france, departements, epcis, communes = key.split("|")
    parts = lambda text: tuple(text.split(",")) if text else ()  # noqa: E731
    return france == "true", parts(departements), parts(epcis), parts(communes)


def _positions(groups: list[np.ndarray], zone_ids) -> np.ndarray:
    return np.sort(np.concatenate([groups[z] for z in zone_ids])) if zone_ids else np.array([], dtype=np.int64)


def zone_arrays(table: pa.Table) -> dict:
    """What `ZoneTable` reads, computed from the snapshot's zone columns (once, at import: `prepared`)."""
    columns = [pc.binary_join(table.column(name), ",") for name in ("zone_departements", "zone_epcis", "zone_communes")]
    keys = pc.binary_join_element_wise(pc.cast(table.column("zone_france"), pa.string()), *columns, "|")
    encoded = pc.dictionary_encode(keys).combine_chunks() if table.num_rows else None
    zone_array = encoded.indices.to_numpy().astype(np.int64) if encoded is not None else np.zeros(0, np.int64)
    texts = encoded.dictionary.to_pylist() if encoded is not None else []
    split = [_split(k) for k in texts]
    n = len(split)
    region_of, departements_of_epci = _region_of_departement(), _departements_of_epci()
    departement_of_commune_known = _departement_of_commune()
    level = np.empty(n, dtype=np.int64)
    france_of = np.zeros(n, dtype=bool)
    local = np.zeros(n, dtype=bool)  # lists communes or EPCIs: "nearby" means the same département
    regions_touched, local_departements, by_code = [], [], {}
    for z, (france, departements, epcis, communes) in enumerate(split):
        france_of[z] = france
        local[z] = bool(epcis or communes)
        level[z] = NATIONAL if france else REGION if len(departements) > 1 else DEPARTEMENT if departements else EPCI if epcis else COMMUNE
        touched_departements = {d for e in epcis for d in departements_of_epci.get(e, ())}
        touched_departements |= {d for c in communes if (d := departement_of_commune_known.get(c))}
        local_departements.append(touched_departements)
        regions_touched.append({region_of[d] for d in (*departements, *touched_departements) if d in region_of})
        for kind, codes in (("departement", departements), ("epci", epcis), ("commune", communes)):
            for code in codes:
                by_code.setdefault((kind, code), []).append(z)
    local_by_departement = index_by((ds if local[z] else () for z, ds in enumerate(local_departements)), [np.array([z]) for z in range(n)])
    groups = positions_by(zone_array, n)
    return {
        "zones.rows": zone_array,
        "zones.keys": pa.array(texts, pa.string()),
        "zones.level": level,
        "zones.france": france_of,
        "zones.local": local,
        "zones.national_rows": _positions(groups, [z for z in range(n) if france_of[z]]),
        **groups_arrays("zones.by_code", {key: np.array(zs, dtype=np.int64) for key, zs in by_code.items()}),
        **groups_arrays("zones.local_by_departement", local_by_departement),
        **groups_arrays("zones.rows_by_region", index_by(regions_touched, groups)),
    }


class ZoneTable:
    """The snapshot's distinct zones; `zone_array[row]` is a row's zone number. `ZoneTable(table)` computes them;
    `ZoneTable.read(arrays)` reads them as `zone_arrays` gave them (memory-mapped from the prepared file)."""

    def __init__(self, table: pa.Table):
        self._read(InMemoryArrays(zone_arrays(table)))

    @classmethod
    def read(cls, arrays) -> ZoneTable:
        zones = cls.__new__(cls)
        zones._read(arrays)
        return zones

    def _read(self, arrays) -> None:
        self.zone_array = arrays["zones.rows"]
        self._keys = arrays.strings("zones.keys")
        self.size = len(self._keys)
        self.level, self.france, self.local = arrays["zones.level"], arrays["zones.france"], arrays["zones.local"]
        self._by_code = Groups(arrays, "zones.by_code")
        self._local_by_departement = Groups(arrays, "zones.local_by_departement")
        self.national_rows = arrays["zones.national_rows"]
        self.rows_by_region = Groups(arrays, "zones.rows_by_region")
        self._zones: dict[int, Zone] = {}

    @property
    def keys(self) -> list[tuple[bool, tuple, tuple, tuple]]:
        """Every zone as (france, départements, EPCIs, communes), by number."""
        return [_split(k) for k in self._keys.to_pylist()]

    def row_level(self) -> np.ndarray:
        return self.level[self.zone_array] if self.size else np.zeros(len(self.zone_array), dtype=np.int64)

    def outcomes(self, place: Place | None, on_foot: bool = False, abroad: bool = False) -> np.ndarray:
        """The residence outcome (MET … NOT_MET) of every zone for a person living at `place` (None: unknown), as
        criteria.residence judges it: "near" only for a local zone of their own département, and not `on_foot`;
        from `abroad`, a national zone is to check and every other is not theirs."""
        if abroad:
            out = np.full(self.size, NOT_MET, dtype=np.int64)
            out[self.france] = UNKNOWN
            return out
        out = np.full(self.size, NOT_MET if place is not None else UNKNOWN, dtype=np.int64)
        if place is not None and not on_foot:
            for departement in place.departements:
                out[self._local_by_departement.get(departement, [])] = NEAR
            inside = np.zeros(self.size, dtype=np.int64)
            for c in place.communes:
                hit = np.zeros(self.size, dtype=bool)
                for key in (("commune", c.code), ("epci", c.epci), ("departement", c.departement)):
                    found = self._by_code.get(key)
                    if found is not None:
                        hit[found] = True
                inside += hit
            out[inside > 0] = UNKNOWN
            out[inside == len(place.communes)] = MET
        out[self.france] = MET
        return out

    def zone(self, z: int) -> Zone:
        """The zone as the criteria and cards read it, named as people say it (built on first use)."""
        if z not in self._zones:
            self._zones[z] = _zone(*_split(self._keys[z].as_py()))
        return self._zones[z]


def residence_reason(outcome: int, france: bool, place: Place | None, abroad: bool = False) -> Reason:
    """The residence reason for an outcome, worded as `criteria.residence` words it."""
    if abroad:
        if france:
            return Reason(Criterion.RESIDENCE, Outcome.UNKNOWN, ReasonCode.RESIDENCE_ABROAD, {})
        return Reason(Criterion.RESIDENCE, Outcome.NOT_MET, ReasonCode.RESIDENCE_NOT_MET, {})
    if france:
        return Reason(Criterion.RESIDENCE, Outcome.MET, ReasonCode.RESIDENCE_FRANCE, {})
    if place is None:
        return Reason(Criterion.RESIDENCE, Outcome.UNKNOWN, ReasonCode.RESIDENCE_UNKNOWN, {})
    if outcome == MET:
        return Reason(Criterion.RESIDENCE, Outcome.MET, ReasonCode.RESIDENCE_MET, {})
    if outcome == UNKNOWN:
        return Reason(Criterion.RESIDENCE, Outcome.UNKNOWN, ReasonCode.RESIDENCE_DEPENDS_ON_COMMUNE, {"postal_code": place.postal_code})
    if outcome == NEAR:
        return Reason(Criterion.RESIDENCE, Outcome.NEAR, ReasonCode.RESIDENCE_NEARBY, {}, unlock=Unlock.ASK_EXCEPTION)
    return Reason(Criterion.RESIDENCE, Outcome.NOT_MET, ReasonCode.RESIDENCE_NOT_MET, {})


def _zone(france: bool, departements: tuple, epcis: tuple, communes: tuple) -> Zone:
    empty = {"regions": [], "departements": [], "epcis": [], "communes": [], "postal_codes": []}
    if france:
        return Zone.model_construct(name="France", france=True, **empty)
    by_region = departements_of_region()
    region_of = _region_of_departement()
    regions = sorted({region_of[d] for d in departements if d in region_of})
    whole = [r for r in regions if by_region.get(r) and set(by_region[r]) <= set(departements)]
    if regions and whole == regions and not (epcis or communes):
        label = ", ".join(region_names().get(r, r) for r in whole)
    else:
        names = commune_names(), epci_names(), departement_names()
        label = ", ".join(
            [names[0].get(c, c) for c in communes] + [names[1].get(e, e) for e in epcis] + [names[2].get(d, d) for d in departements]
        )
    return Zone.model_construct(
        name=label or "?",
        france=False,
        regions=[],
        departements=list(departements),
        epcis=list(epcis),
        communes=list(communes),
        postal_codes=[],
    )
