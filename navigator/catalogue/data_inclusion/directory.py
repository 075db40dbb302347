"""The snapshot as routes the app matches, ranks and shows beside the curated programmes — cheap at 100,000 services.

Nothing is built per service at start: the snapshot's columns become a few numpy arrays (projects and situations as
bit masks, a zone number, the day of the last update, coordinates), and each distinct zone gets one `Zone`. Matching
a person is then array work plus one residence judgement per distinct zone among the candidates. A route's full
`Programme` (texts, contacts, hours) is built only when a card asks for it (`ImportedService`), and kept in a small
cache.

What data·inclusion does not say (age bounds, French level, languages) stays unknown: every imported service carries
the reason `directory_unknown`, so it is at best "to check with them", never ruled out for it.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from datetime import date
from functools import cached_property

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from data_inclusion.schema.v1 import Frais, TypeService

from navigator.catalogue.data_inclusion.snapshot import SCHEMA, SnapshotInfo
from navigator.catalogue.freshness import STALE_AFTER
from navigator.catalogue.models import Access, Audience, Contacts, Programme, RunStatus, Source, Zone
from navigator.eligibility.criteria import residence
from navigator.eligibility.reasons import Criterion, Reason, ReasonCode
from navigator.indexing.gc_pause import collector_paused
from navigator.indexing.numpy_tools import codes_of, index_by, positions_by
from navigator.person.places import _communes_by_postal_code, departement_names, epci_names, region_names, regions_of, zone_departements
from navigator.person.profile import Profile
from navigator.vocabulary import AccessMode, Delivery, Lifecycle, Outcome, Project, Status

#: Where a route comes from, on cards and in the staff desk's filter.
ORIGIN = "data-inclusion"

PROJECT_BIT = {p.value: 1 << i for i, p in enumerate(Project)}
STATUS_BIT = {s.value: 1 << i for i, s in enumerate(Status)}
DELIVERY_BIT = {d.value: 1 << i for i, d in enumerate(Delivery)}

#: How local a zone is, nearest first (the ranking's first geographic key).
COMMUNE, EPCI, DEPARTEMENT, REGION, NATIONAL = range(5)

#: Routes built in full (texts, contacts) kept per process; a card asks again on every rerun.
PROGRAMME_CACHE = 4096

_OUTCOME_CODE = {Outcome.MET: 0, Outcome.UNKNOWN: 1, Outcome.NEAR: 2, Outcome.NOT_MET: 3}
_UNKNOWN = Reason(Criterion.DIRECTORY, Outcome.UNKNOWN, ReasonCode.DIRECTORY_UNKNOWN)


def _bits(column: pa.ChunkedArray, bits: dict[str, int], size: int) -> np.ndarray:
    """Per row, the OR of the bits of the codes in its list (unknown codes give no bit)."""
    lists = column.combine_chunks()
    out = np.zeros(size, dtype=np.int64)
    if not len(lists.values):
        return out
    encoded = (
        pc.dictionary_encode(lists.flatten()).combine_chunks()
        if isinstance(lists.flatten(), pa.ChunkedArray)
        else pc.dictionary_encode(lists.flatten())
    )
    value_bits = np.array([bits.get(v, 0) for v in encoded.dictionary.to_pylist()], dtype=np.int64)
    np.bitwise_or.at(out, pc.list_parent_indices(lists).to_numpy(), value_bits[encoded.indices.to_numpy()])
    return out


def _floats(column: pa.ChunkedArray) -> np.ndarray:
    return column.to_numpy(zero_copy_only=False).astype(np.float64)


class _Holder:
    """What the residence criterion reads of a programme: its zone."""

    __slots__ = ("zone",)

    def __init__(self, zone: Zone):
        self.zone = zone


@dataclass(frozen=True)
class ZoneShape:
    """One distinct zone of the snapshot: the criterion's `Zone`, how local it is, and the régions it touches."""

    zone: Zone
    level: int
    regions: frozenset[str]


def _commune_names() -> dict[str, str]:
    return {c.code: c.name for communes in _communes_by_postal_code().values() for c in communes}


def _departements_by_region() -> dict[str, frozenset[str]]:
    from navigator.person.places import _region_of_departement

    found: dict[str, set[str]] = {}
    for departement, region in _region_of_departement().items():
        found.setdefault(region, set()).add(departement)
    return {region: frozenset(ds) for region, ds in found.items()}


def zone_shape(france: bool, departements: tuple, epcis: tuple, communes: tuple, names) -> ZoneShape:
    """A snapshot zone as the criteria read it, named as people say it."""
    if france:
        return ZoneShape(
            Zone.model_construct(name="France", france=True, regions=[], departements=[], epcis=[], communes=[], postal_codes=[]),
            NATIONAL,
            frozenset(),
        )
    touched = regions_of(set(departements) | zone_departements(epcis, communes))
    whole_regions = [
        r for r in sorted(regions_of(departements)) if names.by_region.get(r, frozenset()) and names.by_region[r] <= set(departements)
    ]
    if departements:
        level = REGION if len(departements) > 1 else DEPARTEMENT
    else:
        level = EPCI if epcis else COMMUNE
    if whole_regions and len(whole_regions) == len(regions_of(departements)):
        label = ", ".join(names.regions.get(r, r) for r in whole_regions)
    else:
        label = ", ".join(
            [names.communes.get(c, c) for c in communes]
            + [names.epcis.get(e, e) for e in epcis]
            + [names.departements.get(d, d) for d in departements]
        )
    zone = Zone.model_construct(
        name=label or "?",
        france=False,
        regions=[],
        departements=list(departements),
        epcis=list(epcis),
        communes=list(communes),
        postal_codes=[],
    )
    return ZoneShape(zone, level, touched)


@dataclass(frozen=True)
class _Names:
    communes: dict
    epcis: dict
    departements: dict
    regions: dict
    by_region: dict


class ImportedService:
    """One directory route as matching, results and cards see it: its id and projects read from the snapshot's
    columns; anything else (texts, contacts, hours) from its full `Programme`, built on first use."""

    __slots__ = ("directory", "row")
    origin = ORIGIN
    is_ended = False

    def __init__(self, directory: Directory, row: int):
        self.directory, self.row = directory, row

    @property
    def id(self) -> str:
        return self.directory.ids[self.row]

    @property
    def projects(self) -> tuple[Project, ...]:
        return self.directory.projects_of(self.row)

    @property
    def full(self) -> Programme:
        return self.directory.programme(self.row)

    def __getattr__(self, name: str):
        return getattr(self.directory.programme(self.row), name)

    def __eq__(self, other) -> bool:
        return isinstance(other, ImportedService) and other.id == self.id

    def __hash__(self) -> int:
        return hash(self.id)

    def __repr__(self) -> str:
        return f"ImportedService({self.id!r})"


class Directory:
    """The imported services of one snapshot, ready to match. Built once per process."""

    def __init__(self, table: pa.Table, info: SnapshotInfo, excluded: frozenset[str] = frozenset()):
        missing = [name for name in SCHEMA.names if name not in table.column_names]
        if missing:
            raise ValueError(f"the snapshot lacks column(s) {missing}: import it again with this version")
        self.table, self.info = table, info
        self.size = n = table.num_rows
        with collector_paused():
            self.ids: list[str] = table.column("id").to_pylist()
            self.row_of = {i: row for row, i in enumerate(self.ids)}
            self.project_bits = _bits(table.column("projects"), PROJECT_BIT, n)
            self.status_bits = _bits(table.column("statuses_aimed"), STATUS_BIT, n)
            self.delivery_bits = _bits(table.column("delivery"), DELIVERY_BIT, n)
            self.updated = table.column("date_maj").cast(pa.int32()).to_numpy(zero_copy_only=False)  # days since 1970
            self.has_conditions = pc.is_valid(table.column("to_confirm")).to_numpy(zero_copy_only=False)
            self.latitude, self.longitude = _floats(table.column("latitude")), _floats(table.column("longitude"))
            names = pc.utf8_lower(table.column("name"))
            self.name_rank = np.empty(n, dtype=np.int64)
            self.name_rank[pc.sort_indices(names).to_numpy()] = np.arange(n)
            self.active = np.ones(n, dtype=bool)
            for service_id in excluded:
                if service_id in self.row_of:
                    self.active[self.row_of[service_id]] = False
            self._zones(table)
        self._programmes: OrderedDict[int, Programme] = OrderedDict()
        self._projects: dict[int, tuple[Project, ...]] = {}

    def _zones(self, table: pa.Table) -> None:
        keys = zip(
            table.column("zone_france").to_pylist(),
            map(tuple, table.column("zone_departements").to_pylist()),
            map(tuple, table.column("zone_epcis").to_pylist()),
            map(tuple, table.column("zone_communes").to_pylist()),
            strict=True,
        )
        self.zone_array, distinct = codes_of(keys)
        names = _Names(_commune_names(), epci_names(), departement_names(), region_names(), _departements_by_region())
        self.zones = [zone_shape(*key, names) for key in distinct]
        self.level = np.array([z.level for z in self.zones], dtype=np.int64)[self.zone_array] if self.zones else np.zeros(0, np.int64)
        groups = positions_by(self.zone_array, len(self.zones))
        national = [g for z, g in zip(self.zones, groups, strict=True) if z.level == NATIONAL]
        self._national = np.sort(np.concatenate(national)) if national else np.array([], dtype=np.int64)
        self._by_region = index_by((z.regions for z in self.zones), groups)

    def __len__(self) -> int:
        return self.size

    # -- matching ----------------------------------------------------------------------------------------------
    def positions(self, person: Profile) -> np.ndarray:
        """Rows worth judging for this person: serving one of their projects, in their région or national."""
        wanted = self.active.copy()
        if person.projects:
            bits = sum(PROJECT_BIT[p.value] for p in person.projects)
            wanted &= (self.project_bits & bits) != 0
        place = person.place
        if place is not None:
            near = np.zeros(self.size, dtype=bool)
            near[self._national] = True
            for region in place.regions:
                if region in self._by_region:
                    near[self._by_region[region]] = True
            wanted &= near
        return np.flatnonzero(wanted)

    def judge(self, person: Profile, today: date) -> Judged:
        """Verdicts, reasons and the ranking keys of every row that can be offered to this person."""
        pos = self.positions(person)
        zone_of = self.zone_array[pos]
        distinct = np.unique(zone_of)
        home = {int(z): residence(_Holder(self.zones[z].zone), person) for z in distinct.tolist()}
        outcome_of_zone = np.full(len(self.zones), 3, dtype=np.int64)
        for z, reason in home.items():
            outcome_of_zone[z] = _OUTCOME_CODE[reason.outcome]
        outcome = outcome_of_zone[zone_of]
        keep = outcome != _OUTCOME_CODE[Outcome.NOT_MET]
        pos, outcome = pos[keep], outcome[keep]
        verdict = np.where(outcome == _OUTCOME_CODE[Outcome.NEAR], 2, 1)  # index in OFFERED: check, or near miss
        project = np.full(len(pos), len(person.projects), dtype=np.int64)
        for i, p in reversed(list(enumerate(person.projects))):
            project[(self.project_bits[pos] & PROJECT_BIT[p.value]) != 0] = i
        person_status = sum(STATUS_BIT[s.value] for s in person.statuses)
        aimed = self.status_bits[pos]
        situation = np.where((aimed & person_status) != 0, 0, np.where(aimed == 0, 1, 2))
        return Judged(self, person, today, pos, verdict, project, self.level[pos], situation, home)

    def projects_of(self, row: int) -> tuple[Project, ...]:
        bits = int(self.project_bits[row])
        if bits not in self._projects:
            self._projects[bits] = tuple(p for p in Project if bits & PROJECT_BIT[p.value])
        return self._projects[bits]

    # -- full routes, for cards ------------------------------------------------------------------------------
    def get(self, service_id: str) -> ImportedService | None:
        row = self.row_of.get(service_id)
        return ImportedService(self, row) if row is not None else None

    def route(self, row: int) -> ImportedService:
        return ImportedService(self, row)

    def record(self, row: int) -> dict:
        """One snapshot row as a dict of its columns."""
        return self.table.slice(row, 1).to_pylist()[0]

    def programme(self, row: int) -> Programme:
        cached = self._programmes.get(row)
        if cached is not None:
            self._programmes.move_to_end(row)
            return cached
        built = programme_of(self.record(row), self.zones[int(self.zone_array[row])].zone)
        self._programmes[row] = built
        if len(self._programmes) > PROGRAMME_CACHE:
            self._programmes.popitem(last=False)
        return built

    @cached_property
    def sources(self) -> list[str]:
        """The data·inclusion sources in this snapshot (DORA, France Travail…), for the staff desk's filter."""
        return sorted(pc.unique(self.table.column("source")).to_pylist())


@dataclass
class Judged:
    """The rows one person can be offered, with what ranks them (arrays aligned with `positions`)."""

    directory: Directory
    person: Profile
    today: date
    positions: np.ndarray
    verdict: np.ndarray  # index in OFFERED
    project: np.ndarray  # index of the first of the person's projects it serves
    level: np.ndarray  # COMMUNE … NATIONAL
    situation: np.ndarray  # 0 aimed at the person's situation, 1 open to all, 2 aimed at others
    home: dict[int, Reason]  # zone number → the residence reason

    def reasons(self, k: int) -> tuple[tuple[Reason, ...], tuple[Reason, ...]]:
        """The reasons and warnings of the k-th row, as a card shows them."""
        d, row = self.directory, int(self.positions[k])
        served = [p.value for p in self.person.projects if p in d.projects_of(row)]
        reasons: list[Reason] = []
        if self.person.projects:
            reasons.append(Reason(Criterion.PROJECTS, Outcome.MET, ReasonCode.PROJECTS_MET, {"projects": served}))
        else:
            reasons.append(Reason(Criterion.PROJECTS, Outcome.UNKNOWN, ReasonCode.PROJECTS_UNKNOWN))
        reasons.append(self.home[int(d.zone_array[row])])
        if d.has_conditions[row]:
            text = d.table.column("to_confirm")[row].as_py()
            reasons.append(Reason(Criterion.TO_CONFIRM, Outcome.UNKNOWN, ReasonCode.TO_CONFIRM, {"text": {"fr": text}}))
        reasons.append(_UNKNOWN)
        warnings: tuple[Reason, ...] = ()
        updated = date.fromordinal(date(1970, 1, 1).toordinal() + int(d.updated[row]))
        if self.today - updated > STALE_AFTER:
            warnings = (Reason(Criterion.LIFECYCLE, Outcome.UNKNOWN, ReasonCode.INFORMATION_OLD, {"last_checked": updated.isoformat()}),)
        return tuple(reasons), warnings


def _summary(text: str) -> str:
    """A one-line summary from a description: its first sentence, at most 160 characters."""
    line = " ".join(text.split())
    for end in (". ", "! ", "? "):
        if end in line[:160]:
            return line[: line.index(end, 0, 160) + 1]
    return line if len(line) <= 160 else line[:159].rsplit(" ", 1)[0] + "…"


SOURCE_NAMES = {
    "dora": "DORA",
    "france-travail": "France Travail",
    "mission-locale": "Mission locale",
    "carif-oref": "Carif-Oref",
    "1jeune1solution": "1jeune1solution",
    "soliguide": "Soliguide",
    "emplois-de-linclusion": "Les emplois de l'inclusion",
    "action-logement": "Action Logement",
    "fredo": "Fredo",
    "mediation-numerique": "Médiation numérique",
    "agefiph": "Agefiph",
    "monenfant": "Mon enfant",
    "reseau-alpha": "Réseau Alpha",
}


def source_name(code: str) -> str:
    """A data·inclusion source as people know it ("dora" → "DORA"); an unknown one as written."""
    return SOURCE_NAMES.get(code, code)


def programme_of(row: dict, zone: Zone) -> Programme:
    """One snapshot row as a full Programme (no validation: the import validated it with the v1 models)."""
    text = lambda value: {"fr": value} if value else None  # noqa: E731
    modes = [AccessMode(m) for m in row["access_modes"]]
    return Programme.model_construct(
        id=row["id"],
        name={"fr": row["name"]},
        organisation=row["structure_name"] or source_name(row["source"]),
        summary={"fr": _summary(row["description"])},
        description={"fr": row["description"]},
        kind=TypeService(row["kind"]) if row["kind"] else None,
        thematiques=row["thematiques"],
        publics=[],
        projects=[Project(p) for p in row["projects"]],
        audience=Audience.model_construct(
            age_min=None,
            age_max=None,
            statuses_required=[],
            statuses_aimed=[Status(s) for s in row["statuses_aimed"]],
            french_level_min=None,
            languages=[],
            qpv_only=False,
            to_confirm=text(row["to_confirm"]),
        ),
        zone=zone,
        access=Access.model_construct(modes=modes, prescribers=[], how=text(row["how"]), dates=None),
        cost=Frais(row["cost"]) if row["cost"] else None,
        cost_details=text(row["cost_details"]),
        duration=None,
        delivery=[Delivery(d) for d in row["delivery"]],
        modes_accueil=[],
        place=row["commune"],
        contacts=Contacts.model_construct(
            address=", ".join(p for p in (row["address"], " ".join(x for x in (row["code_postal"], row["commune"]) if x)) if p) or None,
            phone=row["phone"],
            email=row["email"],
            website=row["website"] or row["form_url"],
            opening_hours=row["opening_hours"],
            opening_text=None,
            how_to_reach=None,
        ),
        status=RunStatus.model_construct(state=Lifecycle.ACTIVE, started_on=None, ends_on=None, note=None, period=None),
        source=Source.model_construct(file=None, title=source_name(row["source"]), published=None, url=row["lien_source"]),
        last_checked=row["date_maj"],
        keywords=[],
    )
