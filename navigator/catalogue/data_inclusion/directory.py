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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from data_inclusion.schema.v1 import Frais, TypeService

from navigator.catalogue.data_inclusion.snapshot import SCHEMA, SnapshotInfo
from navigator.catalogue.data_inclusion.zone_table import (
    NEAR,
    NOT_MET,
    ZoneTable,
    residence_reason,
)
from navigator.catalogue.freshness import STALE_AFTER
from navigator.catalogue.models import Access, Audience, Contacts, Programme, RunStatus, Source, Zone
from navigator.eligibility.criteria import ON_FOOT
from navigator.eligibility.reasons import Criterion, Reason, ReasonCode
from navigator.indexing.gc_pause import collector_paused
from navigator.indexing.mapped import Groups, groups_arrays
from navigator.indexing.numpy_tools import arrow_of
from navigator.person.places import commune_positions
from navigator.person.profile import Profile
from navigator.presentation.route_codes import route_code
from navigator.vocabulary import AccessMode, Delivery, Lifecycle, Outcome, Project, Status

#: Where a route comes from, on cards and in the staff desk's filter.
ORIGIN = "data-inclusion"

PROJECT_BIT = {p.value: 1 << i for i, p in enumerate(Project)}
STATUS_BIT = {s.value: 1 << i for i, s in enumerate(Status)}
DELIVERY_BIT = {d.value: 1 << i for i, d in enumerate(Delivery)}


#: Routes built in full (texts, contacts) kept per process; a card asks again on every rerun.
PROGRAMME_CACHE = 4096

_UNKNOWN = Reason(Criterion.DIRECTORY, Outcome.UNKNOWN, ReasonCode.DIRECTORY_UNKNOWN)


def _bits(column: pa.ChunkedArray, bits: dict[str, int], size: int) -> np.ndarray:
    """Per row, the OR of the bits of the codes in its list (unknown codes give no bit)."""
    lists = column.combine_chunks()
    out = np.zeros(size, dtype=np.int64)
    if not len(lists.values):
        return out
    encoded = pc.dictionary_encode(lists.flatten())
    value_bits = np.array([bits.get(v, 0) for v in encoded.dictionary.to_pylist()], dtype=np.int64)
    np.bitwise_or.at(out, pc.list_parent_indices(lists).to_numpy(), value_bits[encoded.indices.to_numpy()])
    return out


def _floats(column: pa.ChunkedArray) -> np.ndarray:
    return pc.fill_null(column, np.nan).combine_chunks().to_numpy(zero_copy_only=False).astype(np.float64)


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


#: Columns whose rows are found by value (a route by its id; duplicates of curated programmes by id, commune, SIRET).
LOOKED_UP = ("id", "code_insee", "siret")


def _rows_by_value(column: pa.ChunkedArray) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for row, value in enumerate(column.to_pylist()):
        if value is not None:
            found.setdefault(value, []).append(row)
    return found


def service_positions(table: pa.Table) -> tuple[np.ndarray, np.ndarray]:
    """Where each service is for the ranking's km: the coordinates the import kept (its own, else its structure's),
    else its commune's (code_insee, navigator/data/positions.csv); NaN when neither is known. Worked out at import
    into the prepared file, so that no app process pays it on a visitor's tap."""
    latitude, longitude = _floats(table.column("latitude")), _floats(table.column("longitude"))
    missing = np.flatnonzero(np.isnan(latitude) | np.isnan(longitude))
    if len(missing):
        codes = table.column("code_insee").take(arrow_of(missing)).to_pylist()
        latitude[missing], longitude[missing] = commune_positions().coordinates(codes)
    return latitude, longitude


def row_arrays(table: pa.Table, zone_of_row: np.ndarray, level_of_zone: np.ndarray) -> dict:
    """What matching and ranking read of each row, computed from the snapshot's columns (once, at import:
    `prepared`): projects, situations and delivery as bit masks, the day of the last update, coordinates, the rank
    of the name, how local the zone is; and the rows holding each id, commune and SIRET, and each shared link's code."""
    n = table.num_rows
    latitude, longitude = service_positions(table)
    with collector_paused():
        names = pc.utf8_lower(table.column("name"))
        name_rank = np.empty(n, dtype=np.int64)
        name_rank[pc.sort_indices(names).to_numpy()] = np.arange(n)
        arrays = {
            "rows.project_bits": _bits(table.column("projects"), PROJECT_BIT, n),
            "rows.status_bits": _bits(table.column("statuses_aimed"), STATUS_BIT, n),
            "rows.delivery_bits": _bits(table.column("delivery"), DELIVERY_BIT, n),
            "rows.updated": table.column("date_maj").cast(pa.int32()).combine_chunks().to_numpy(zero_copy_only=False),  # days since 1970
            "rows.has_conditions": pc.is_valid(table.column("to_confirm")).combine_chunks().to_numpy(zero_copy_only=False),
            "rows.latitude": latitude,  # service_positions: its commune's when the service has no coordinates
            "rows.longitude": longitude,
            "rows.name_rank": name_rank,
            "rows.level": level_of_zone[zone_of_row] if len(level_of_zone) else np.zeros(n, dtype=np.int64),
        }
        for column in LOOKED_UP:
            arrays |= groups_arrays(f"rows.by_{column}", _rows_by_value(table.column(column)))
        by_code: dict[str, list[int]] = {}
        for row, service_id in enumerate(table.column("id").to_pylist()):
            by_code.setdefault(route_code(service_id), []).append(row)
        arrays |= groups_arrays("rows.by_route_code", by_code)
    return arrays


def rows_with(arrays, column: str, values) -> np.ndarray:
    """The rows whose `column` (one of LOOKED_UP) holds one of `values`, in order (from the prepared arrays)."""
    rows_of = Groups(arrays, f"rows.by_{column}")
    found = [rows for value in values if (rows := rows_of.get(value)) is not None]
    return np.sort(np.concatenate(found)) if found else np.array([], dtype=np.int64)


class RowsById(Mapping):
    """Service id → its row, read from the prepared arrays (no dict of 100,000 ids per process)."""

    def __init__(self, rows: Groups, size: int):
        self._rows, self._size = rows, size

    def __getitem__(self, service_id: str) -> int:
        found = self._rows.get(service_id) if isinstance(service_id, str) else None
        if found is None:
            raise KeyError(service_id)
        return int(found[0])

    def __iter__(self):
        return iter(self._rows)

    def __len__(self) -> int:
        return self._size


class ColumnTexts(Sequence):
    """One text column of the snapshot as a sequence of `str`, read from the mapped file when asked."""

    def __init__(self, column: pa.ChunkedArray):
        self._column = column

    def __len__(self) -> int:
        return len(self._column)

    def __getitem__(self, row):
        if isinstance(row, slice):
            return self._column[row].to_pylist()
        return self._column[row].as_py()

    def __iter__(self):
        for chunk in self._column.chunks:
            yield from chunk.to_pylist()


class Directory:
    """The imported services of one snapshot, ready to match: the snapshot's columns and the arrays prepared from
    them at import (`prepared`), both memory-mapped, so a process builds almost nothing of its own."""

    def __init__(self, table: pa.Table, info: SnapshotInfo, arrays=None, excluded: frozenset[str] = frozenset()):
        missing = [name for name in SCHEMA.names if name not in table.column_names]
        if missing:
            raise ValueError(f"the snapshot lacks column(s) {missing}: import it again with this version")
        if arrays is None:  # a snapshot read without its data folder: its arrays built here (`prepared` builds on this module)
            from navigator.catalogue.data_inclusion.prepared import BuiltArrays  # noqa: PLC0415

            arrays = BuiltArrays(table)
        self.table, self.info, self.arrays = table, info, arrays
        self.size = n = table.num_rows
        self.project_bits, self.status_bits = arrays["rows.project_bits"], arrays["rows.status_bits"]
        self.delivery_bits, self.updated = arrays["rows.delivery_bits"], arrays["rows.updated"]
        self.has_conditions = arrays["rows.has_conditions"]
        self.latitude, self.longitude = arrays["rows.latitude"], arrays["rows.longitude"]
        self.name_rank, self.level = arrays["rows.name_rank"], arrays["rows.level"]
        self.row_of = RowsById(Groups(arrays, "rows.by_id"), n)
        self.ids = ColumnTexts(table.column("id"))
        self.active = np.ones(n, dtype=bool)
        self.active[rows_with(arrays, "id", excluded)] = False
        self.zones = ZoneTable.read(arrays)
        self.zone_array = self.zones.zone_array
        self._programmes: OrderedDict[int, Programme] = OrderedDict()
        self._projects: dict[int, tuple[Project, ...]] = {}

    def __len__(self) -> int:
        return self.size

    @property
    def prepared_file(self) -> Path | None:
        """The prepared file this process maps (shared with the others), or None when it built its arrays itself."""
        return getattr(self.arrays, "path", None)

    # -- matching ----------------------------------------------------------------------------------------------
    def positions(self, person: Profile) -> np.ndarray:
        """Rows worth judging for this person: serving one of their projects, in their région or national (only
        national for someone living outside France)."""
        wanted = self.active.copy()
        if person.projects:
            bits = sum(PROJECT_BIT[p.value] for p in person.projects)
            wanted &= (self.project_bits & bits) != 0
        place = person.place
        if person.abroad:
            national = np.zeros(self.size, dtype=bool)
            national[self.zones.national_rows] = True
            wanted &= national
        elif place is not None:
            near = np.zeros(self.size, dtype=bool)
            near[self.zones.national_rows] = True
            for region in place.regions:
                if region in self.zones.rows_by_region:
                    near[self.zones.rows_by_region[region]] = True
            wanted &= near
        return np.flatnonzero(wanted)

    def judge(self, person: Profile, today: date) -> Judged:
        """Verdicts, reasons and the ranking keys of every row that can be offered to this person."""
        pos = self.positions(person)
        outcome = self.zones.outcomes(person.place, person.mobility in ON_FOOT, person.abroad)[self.zone_array[pos]]
        keep = outcome != NOT_MET
        pos, outcome = pos[keep], outcome[keep]
        verdict = np.where(outcome == NEAR, 2, 1)  # index in OFFERED: check, or near miss
        project = np.full(len(pos), len(person.projects), dtype=np.int64)
        for i, p in reversed(list(enumerate(person.projects))):
            project[(self.project_bits[pos] & PROJECT_BIT[p.value]) != 0] = i
        person_status = sum(STATUS_BIT[s.value] for s in person.statuses)
        aimed = self.status_bits[pos]
        situation = np.where((aimed & person_status) != 0, 0, np.where(aimed == 0, 1, 2))
        return Judged(self, person, today, pos, verdict, project, self.level[pos], situation, outcome)

    def projects_of(self, row: int) -> tuple[Project, ...]:
        bits = int(self.project_bits[row])
        if bits not in self._projects:
            self._projects[bits] = tuple(p for p in Project if bits & PROJECT_BIT[p.value])
        return self._projects[bits]

    # -- full routes, for cards ------------------------------------------------------------------------------
    def get(self, service_id: str) -> ImportedService | None:
        row = self.row_of.get(service_id)
        return ImportedService(self, row) if row is not None else None

    def by_route_code(self, code: str) -> ImportedService | None:
        """The service a shared link's short code names (`route_code`); two ids with one code: the later row's."""
        rows = Groups(self.arrays, "rows.by_route_code").get(code) if isinstance(code, str) else None
        return ImportedService(self, int(rows[-1])) if rows is not None else None

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
        built = programme_of(self.record(row), self.zones.zone(int(self.zone_array[row])))
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
    residence: np.ndarray  # the residence outcome (MET, UNKNOWN, NEAR)

    def reasons(self, k: int) -> tuple[tuple[Reason, ...], tuple[Reason, ...]]:
        """The reasons and warnings of the k-th row, as a card shows them."""
        d, row = self.directory, int(self.positions[k])
        served = [p.value for p in self.person.projects if p in d.projects_of(row)]
        reasons: list[Reason] = []
        if self.person.projects:
            reasons.append(Reason(Criterion.PROJECTS, Outcome.MET, ReasonCode.PROJECTS_MET, {"projects": served}))
        else:
            reasons.append(Reason(Criterion.PROJECTS, Outcome.UNKNOWN, ReasonCode.PROJECTS_UNKNOWN))
        france = bool(d.zones.france[d.zone_array[row]])
        reasons.append(residence_reason(int(self.residence[k]), france, self.person.place, self.person.abroad))
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
