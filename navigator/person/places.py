"""Places, offline: postal code → communes, département, région, EPCI; town names found fuzzily; where a commune is.

Data: Etalab's découpage administratif, and commune positions from the GeoNames gazetteer (see
navigator/data/README.md).
"""

from __future__ import annotations

import bisect
import csv
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

import numpy as np
from rapidfuzz import fuzz, process

from navigator.text import CloseWords, fold, sounds_like

DATA = Path(__file__).resolve().parent.parent / "data"
POSTAL_CODE = re.compile(r"^\d{5}$")
#: The longest place text looked at (the longest commune name has 45 letters): longer texts are no place.
MAX_PLACE_TEXT = 80


class PlaceProblem(StrEnum):
    """Why a typed place was not understood: a message id for the interface."""

    FORMAT = "postal_code_format"
    UNKNOWN = "postal_code_unknown"


class PlaceError(ValueError):
    """A postal code that is malformed or unknown."""

    def __init__(self, code: PlaceProblem, value: str):
        self.code = PlaceProblem(code)
        self.value = value
        messages = {
            PlaceProblem.FORMAT: f"{value!r} is not a postal code: a French postal code has 5 digits, e.g. 86000",
            PlaceProblem.UNKNOWN: f"{value!r} is not a known French postal code",
        }
        super().__init__(messages[self.code])


@dataclass(frozen=True)
class Commune:
    code: str
    name: str
    departement: str
    region: str
    epci: str
    population: int


class Precision(StrEnum):
    """Where a commune's position comes from (navigator/data/positions.csv, built by scripts/build_positions.py)."""

    COMMUNE = "commune"  # the GeoNames place of the commune itself
    FORMER = "former"  # GeoNames places of former communes merged into it
    POSTAL_CODE = "postal_code"  # derived: the positioned communes sharing its postal code
    EPCI = "epci"  # derived: its intercommunality's positioned communes

    @property
    def step_km(self) -> float:
        """Distances closer than this are not told apart from a position this rough: about the median error of each
        kind against the town halls (README, "National directory"), 1 km for a commune's own place."""
        return {"commune": 1.0, "former": 1.0, "postal_code": 6.0, "epci": 14.0}[self.value]


#: positions.csv's columns.
POSITIONS_HEADER = ("commune", "latitude", "longitude", "precision")


class Position(NamedTuple):
    """Where a commune is, and how rough that is."""

    latitude: float
    longitude: float
    precision: Precision


@dataclass(frozen=True)
class Place:
    """Where a person lives: a postal code and the commune(s) it covers."""

    postal_code: str
    communes: tuple[Commune, ...]

    @property
    def departements(self) -> frozenset[str]:
        return frozenset(c.departement for c in self.communes)

    @property
    def regions(self) -> frozenset[str]:
        return frozenset(c.region for c in self.communes)

    @property
    def label(self) -> str:
        names = ", ".join(c.name for c in self.communes[:3])
        more = "…" if len(self.communes) > 3 else ""
        return f"{self.postal_code} {names}{more}"


@cache
def _communes_by_postal_code() -> dict[str, tuple[Commune, ...]]:
    table: dict[str, list[Commune]] = {}
    with (DATA / "places.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            commune = Commune(row["commune"], row["name"], row["departement"], row["region"], row["epci"], int(row["population"] or 0))
            table.setdefault(row["postal_code"], []).append(commune)
    return {code: tuple(sorted(cs, key=lambda c: -c.population)) for code, cs in table.items()}


def _names(kind: str) -> dict[str, str]:
    with (DATA / f"{kind}.csv").open(encoding="utf-8") as f:
        return {row["code"]: row["nom"] for row in csv.DictReader(f)}


@cache
def departement_names() -> dict[str, str]:
    return {row["code"]: row["nom"] for row in _departements()}


@cache
def region_names() -> dict[str, str]:
    return _names("regions")


@cache
def epci_names() -> dict[str, str]:
    return _names("epcis")


def normalise_postal_code(value: str) -> str:
    """'86 000' → '86000'; raises PlaceError when it cannot be a postal code."""
    value = str(value)
    if len(value) > MAX_PLACE_TEXT:
        raise PlaceError(PlaceProblem.FORMAT, value[:20])
    cleaned = re.sub(r"[\s.\-]", "", value)
    if not POSTAL_CODE.fullmatch(cleaned):
        raise PlaceError(PlaceProblem.FORMAT, str(value)[:20])
    return cleaned


def locate(postal_code: str) -> Place:
    """The place for a postal code; raises PlaceError if malformed or unknown."""
    code = normalise_postal_code(postal_code)
    communes = _communes_by_postal_code().get(code)
    if not communes:
        raise PlaceError(PlaceProblem.UNKNOWN, code)
    return Place(code, communes)


@cache
def _town_index() -> tuple[list[str], list[tuple[str, Commune]]]:
    keys, entries = [], []
    for postal_code, communes in _communes_by_postal_code().items():
        for commune in communes:
            keys.append(fold_town(commune.name))
            entries.append((postal_code, commune))
    return keys, entries


@cache
def _town_prefixes() -> tuple[list[str], list[int]]:
    """The town index's folded names in alphabetical order, with where each is in the index: the names that start
    with a text are one run of this list, found by bisection."""
    keys = _town_index()[0]
    order = sorted(range(len(keys)), key=keys.__getitem__)
    return [keys[i] for i in order], order


def _starting_with(prefix: str) -> list[int]:
    """The town index's entries whose folded name starts with `prefix`, in the index's order."""
    names, where = _town_prefixes()
    found = []
    for i in range(bisect.bisect_left(names, prefix), len(names)):
        if not names[i].startswith(prefix):
            break
        found.append(where[i])
    return sorted(found)


@cache
def _sound_index() -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for index, (_, commune) in enumerate(_town_index()[1]):
        found.setdefault(sounds_like(commune.name), []).append(index)
    return found


_ABBREVIATIONS = {"st": "saint", "ste": "sainte"}


def fold_town(text: str) -> str:
    """A town name folded for matching: no accents, case or punctuation, 'St' and 'Ste' read 'saint', 'sainte'."""
    return " ".join(_ABBREVIATIONS.get(word, word) for word in fold(text).split())


@cache
def _communes_by_town_name() -> dict[str, tuple[Commune, ...]]:
    """Every commune under its folded name ('St' written 'saint'); homonyms share a name."""
    found: dict[str, dict[str, Commune]] = {}
    for key, (_, commune) in zip(*_town_index(), strict=True):
        found.setdefault(key, {})[commune.code] = commune
    return {key: tuple(communes.values()) for key, communes in found.items()}


@cache
def _communes_by_sound() -> dict[str, tuple[Commune, ...]]:
    found: dict[str, dict[str, Commune]] = {}
    for key, communes in _communes_by_town_name().items():
        for commune in communes:
            found.setdefault(sounds_like(key), {})[commune.code] = commune
    return {key: tuple(communes.values()) for key, communes in found.items()}


def communes_named(text: str) -> tuple[Commune, ...]:
    """The communes whose name is exactly `text` once folded ('st jean de luz' finds Saint-Jean-de-Luz)."""
    return _communes_by_town_name().get(fold_town(text), ())


@cache
def _close_town_names() -> CloseWords:
    return CloseWords(list(_communes_by_town_name()))


@lru_cache(maxsize=4096)
def communes_like(word: str) -> tuple[Commune, ...]:
    """The communes of a town written with a typo ('poitier') or as it sounds ('bordo'); () when none is close.
    (Remembered per word: the catalogue's search and the directory's ask for the same words.)"""
    folded = fold_town(word)
    best = _close_town_names().extract(folded, score_cutoff=88, limit=1) if folded else []
    if best:
        return _communes_by_town_name()[best[0][0]]
    return _communes_by_sound().get(sounds_like(word), ())


def find_towns(query: str, limit: int = 8) -> list[Place]:
    """Towns whose name looks like `query` (typos, missing accents, 'St' for 'Saint'), best first.

    Each hit is a Place with one commune and one of its postal codes.
    """
    if not isinstance(query, str) or len(query) > MAX_PLACE_TEXT:  # no town is named with more
        return []
    folded = fold_town(query)
    if len(folded) < 2:
        return []
    keys, entries = _town_index()
    scored = {index: score for _, score, index in process.extract(folded, keys, scorer=fuzz.ratio, limit=limit * 4, score_cutoff=75)}
    if len(folded) >= 3:
        for index in _starting_with(folded):
            scored[index] = max(scored.get(index, 0), 90 + 10 * len(folded) / len(keys[index]))
    for index in _sound_index().get(sounds_like(query), ()):
        scored[index] = max(scored.get(index, 0), 88)  # sounds the same: 'bordo' for Bordeaux
    ranked = sorted(scored, key=lambda i: (-round(scored[i]), -entries[i][1].population))
    places, seen = [], set()
    for index in ranked:
        postal_code, commune = entries[index]
        if (commune.code, postal_code) in seen:
            continue
        seen.add((commune.code, postal_code))
        places.append(Place(postal_code, (commune,)))
        if len(places) == limit:
            break
    return places


@cache
def _departement_of_commune() -> dict[str, str]:
    return {c.code: c.departement for communes in _communes_by_postal_code().values() for c in communes}


@cache
def commune_names() -> dict[str, str]:
    """INSEE code → the commune's name."""
    return {c.code: c.name for communes in _communes_by_postal_code().values() for c in communes}


@cache
def epci_of_commune() -> dict[str, str]:
    """INSEE code → the commune's EPCI ('' when it has none)."""
    return {c.code: c.epci for communes in _communes_by_postal_code().values() for c in communes}


@cache
def _departements_of_epci() -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for communes in _communes_by_postal_code().values():
        for c in communes:
            if c.epci:
                found.setdefault(c.epci, set()).add(c.departement)
    return {epci: frozenset(ds) for epci, ds in found.items()}


def zone_departements(epcis=(), communes=(), postal_codes=()) -> frozenset[str]:
    """Départements touched by a local zone given as EPCIs, communes or postal codes."""
    found: set[str] = set()
    for epci in epcis:
        found |= _departements_of_epci().get(epci, frozenset())
    found |= {_departement_of_commune()[c] for c in communes if c in _departement_of_commune()}
    for code in postal_codes:
        found |= {c.departement for c in _communes_by_postal_code().get(code, ())}
    return frozenset(found)


@cache
def _departements() -> tuple[dict[str, str], ...]:
    """departements.csv, read once: each row's columns."""
    with (DATA / "departements.csv").open(encoding="utf-8") as f:
        return tuple(csv.DictReader(f))


@cache
def _region_of_departement() -> dict[str, str]:
    return {row["code"]: row["region"] for row in _departements()}


@cache
def departements_of_region() -> dict[str, tuple[str, ...]]:
    """Each région's départements, in code order."""
    found: dict[str, list[str]] = {}
    for row in _departements():
        found.setdefault(row["region"], []).append(row["code"])
    return {region: tuple(codes) for region, codes in found.items()}


def regions_of(departements) -> frozenset[str]:
    """Régions of some départements."""
    return frozenset(_region_of_departement()[d] for d in departements if d in _region_of_departement())


@cache
def _most_populous_postal_code() -> dict[tuple[str, str], str]:
    """(kind, code) → the postal code of the most populous commune in it, for communes, EPCIs, départements, régions."""
    best: dict[tuple[str, str], tuple[int, str]] = {}
    for postal_code, communes in _communes_by_postal_code().items():
        for c in communes:
            for key in (("commune", c.code), ("epci", c.epci), ("departement", c.departement), ("region", c.region)):
                if key[1] and (key not in best or c.population > best[key][0]):
                    best[key] = (c.population, postal_code)
    return {key: postal_code for key, (_, postal_code) in best.items()}


def a_postal_code_in(regions=(), departements=(), epcis=(), communes=(), postal_codes=()) -> str | None:
    """A postal code inside a zone (its most populous commune's, for the first code that has one): a place to try."""
    if postal_codes:
        return next((code for code in postal_codes if code in _communes_by_postal_code()), None)
    table = _most_populous_postal_code()
    keys = [("commune", c) for c in communes] + [("epci", e) for e in epcis]
    keys += [("departement", d) for d in departements] + [("region", r) for r in regions]
    return next((table[key] for key in keys if key in table), None)


class PositionTable(Mapping):
    """INSEE code → Position, held in four sorted arrays (about 1 MB a process) rather than 35,000 objects (7 MB)."""

    def __init__(self, codes: np.ndarray, latitude: np.ndarray, longitude: np.ndarray, precision: np.ndarray):
        order = np.argsort(codes, kind="stable")
        self._codes, self._latitude, self._longitude = codes[order], latitude[order], longitude[order]
        self._precision = precision[order]  # index in _PRECISIONS

    def _row(self, code: object) -> int | None:
        if not isinstance(code, str) or not len(self._codes):
            return None
        row = int(np.searchsorted(self._codes, code))
        return row if row < len(self._codes) and self._codes[row] == code else None

    def __getitem__(self, code: str) -> Position:
        row = self._row(code)
        if row is None:
            raise KeyError(code)
        return Position(float(self._latitude[row]), float(self._longitude[row]), _PRECISIONS[int(self._precision[row])])

    def __contains__(self, code: object) -> bool:
        return self._row(code) is not None

    def coordinates(self, codes) -> tuple[np.ndarray, np.ndarray]:
        """The latitude and longitude of each code, NaN where it has no position (a code that is not a text: none)."""
        wanted = np.array([code if isinstance(code, str) else "" for code in codes], dtype=str)
        latitude, longitude = np.full(len(wanted), np.nan), np.full(len(wanted), np.nan)
        if len(self._codes) and len(wanted):
            row = np.minimum(np.searchsorted(self._codes, wanted), len(self._codes) - 1)
            found = self._codes[row] == wanted
            latitude[found], longitude[found] = self._latitude[row[found]], self._longitude[row[found]]
        return latitude, longitude

    def __iter__(self):
        return iter(self._codes.tolist())

    def __len__(self) -> int:
        return len(self._codes)


_PRECISIONS = tuple(Precision)
_NO_POSITIONS = PositionTable(*(np.array([], dtype=kind) for kind in ("U5", np.float64, np.float64, np.int8)))


@cache
def commune_positions() -> PositionTable:
    """INSEE code (communes, and Paris, Lyon and Marseille arrondissements) → its position; communes without one are
    absent. (Read as one text cut into numpy arrays: 60 ms and 4 MB at most while reading, against Arrow's CSV
    reader's 20 ms and 58 MB of memory kept, and 7 MB of objects for a dict of positions.)"""
    try:
        cells = (DATA / "positions.csv").read_text(encoding="utf-8").replace("\n", ",").split(",")
        if tuple(cells[:4]) != POSITIONS_HEADER or cells[-1] != "":
            raise ValueError("positions.csv: not the columns the build writes")
        table = np.array(cells[4:-1]).reshape(-1, 4)
        kinds, precision = np.unique(table[:, 3], return_inverse=True)
        index = {p.value: i for i, p in enumerate(_PRECISIONS)}
        return PositionTable(
            table[:, 0].astype("U5"),
            table[:, 1].astype(np.float64),
            table[:, 2].astype(np.float64),
            np.array([index[kind] for kind in kinds.tolist()], dtype=np.int8)[precision],
        )
    except (OSError, ValueError, KeyError):
        return _NO_POSITIONS  # no table, or one that cannot be read: ranked by level only


def arrondissement_of_postal_code(postal_code: str) -> str:
    """Paris, Lyon and Marseille postal codes name their arrondissement (75011 → 75111, 69003 → 69383,
    13008 → 13208, 75116 → 75116); any other postal code gives '' (no arrondissement)."""
    if postal_code.startswith("750") and 1 <= int(postal_code[3:]) <= 20:
        return f"751{postal_code[3:]}"
    if postal_code == "75116":
        return "75116"
    if postal_code.startswith("6900") and 1 <= int(postal_code[4]) <= 9:
        return f"6938{postal_code[4]}"
    if postal_code.startswith("130") and 1 <= int(postal_code[3:]) <= 16:
        return f"132{postal_code[3:]}"
    return ""


def position_of(place: Place | None) -> Position | None:
    """Where a person lives, as near as we know: their arrondissement in Paris, Lyon or Marseille, else the most
    populous commune of their postal code that has a position; None when none has (ranked by level only).

    A postal code shared by several communes does not say which is theirs: the position is then no finer than a
    postal code's (`Precision.POSTAL_CODE`)."""
    if place is None:
        return None
    known = commune_positions()
    arrondissement = arrondissement_of_postal_code(place.postal_code)
    codes = [arrondissement] + [c.code for c in place.communes]
    found = next((known[code] for code in codes if code in known), None)
    shared = len(place.communes) > 1 and arrondissement not in known
    if found and shared and found.precision.step_km < Precision.POSTAL_CODE.step_km:
        return found._replace(precision=Precision.POSTAL_CODE)
    return found


def zone_positions(communes=(), postal_codes=()) -> list[Position]:
    """The positions of a zone's communes (given as INSEE codes or postal codes), for the distance to it."""
    known = commune_positions()
    codes = list(communes) + [c.code for code in postal_codes for c in _communes_by_postal_code().get(code, ())]
    return [known[code] for code in dict.fromkeys(codes) if code in known]


def km_from(origin: Position | tuple[float, float] | None, latitude, longitude) -> np.ndarray:
    """Great-circle km from `origin` to each (latitude, longitude); inf where either position is unknown (NaN)."""
    latitude, longitude = np.asarray(latitude, dtype=np.float64), np.asarray(longitude, dtype=np.float64)
    if origin is None:
        return np.full(latitude.shape, np.inf)
    lat0, lon0 = np.radians(origin[0]), np.radians(origin[1])
    lat, lon = np.radians(latitude), np.radians(longitude)
    a = np.sin((lat - lat0) / 2) ** 2 + np.cos(lat0) * np.cos(lat) * np.sin((lon - lon0) / 2) ** 2
    km = 2 * 6371.0 * np.arcsin(np.sqrt(np.clip(a, 0, 1)))
    return np.where(np.isnan(km), np.inf, km)
