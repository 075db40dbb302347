"""data·inclusion's v1 codes → the navigator's codes, read from the table in `mapping.yaml`.

The table is the whole mapping: this module only reads it, checks every value is one of our codes, and applies it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from functools import cache
from pathlib import Path

import yaml
from data_inclusion.schema.v1 import Frais, ModeAccueil, ModeMobilisation, PersonneMobilisatrice, Public, Thematique, TypeService

from navigator.vocabulary import AccessMode, Delivery, Project, Status

MAPPING_FILE = Path(__file__).resolve().parent / "mapping.yaml"

#: Written in the table for a code that is known and deliberately changes nothing.
IGNORE = "ignore"

#: Each section of the table: the data·inclusion vocabulary it reads, and the navigator's vocabulary it gives.
SECTIONS: dict[str, tuple[type[Enum], type[Enum]]] = {
    "thematiques": (Thematique, Project),
    "publics": (Public, Status),
    "frais": (Frais, Frais),
    "modes_accueil": (ModeAccueil, Delivery),
    "modes_mobilisation": (ModeMobilisation, AccessMode),
    "mobilisable_par": (PersonneMobilisatrice, AccessMode),
    "type": (TypeService, TypeService),
}


class MappingError(ValueError):
    """The table names a code that does not exist, on either side."""


@dataclass(frozen=True)
class Mapping:
    """For each section, data·inclusion code → the tuple of our codes (empty for `ignore`)."""

    table: dict[str, dict[str, tuple[str, ...]]]

    def apply(self, section: str, codes) -> list[str]:
        """Our codes for data·inclusion `codes` (a list, a set or one code), in table order, without repeats.
        A code missing from the table raises KeyError: the completeness test keeps that from happening."""
        if codes is None:
            return []
        if isinstance(codes, str):
            codes = [codes]
        found: dict[str, None] = {}
        rows = self.table[section]
        for code in sorted(str(getattr(c, "value", c)) for c in codes):
            found.update(dict.fromkeys(rows[code]))
        return list(found)

    def one(self, section: str, code) -> str | None:
        values = self.apply(section, code)
        return values[0] if values else None


def _read_section(name: str, rows: object) -> dict[str, tuple[str, ...]]:
    source, target = SECTIONS[name]
    if not isinstance(rows, dict):
        raise MappingError(f"{MAPPING_FILE.name}: {name}: expected a table of 'code: value' lines")
    known, allowed = {m.value for m in source}, {m.value for m in target}
    table = {}
    for code, value in rows.items():
        if code not in known:
            raise MappingError(f"{MAPPING_FILE.name}: {name}.{code}: not a data·inclusion {source.__name__} code")
        values = () if value == IGNORE else tuple([value] if isinstance(value, str) else value or ())
        wrong = [v for v in values if v not in allowed]
        if wrong or (value != IGNORE and not values):
            raise MappingError(f"{MAPPING_FILE.name}: {name}.{code}: {wrong or value!r} is not {IGNORE!r} or a {target.__name__} code")
        table[code] = values
    return table


def read_mapping(path: Path = MAPPING_FILE) -> Mapping:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    missing = sorted(set(SECTIONS) - set(data or {}))
    if missing:
        raise MappingError(f"{path.name}: missing section(s) {missing}")
    return Mapping({name: _read_section(name, data[name]) for name in SECTIONS})


@cache
def mapping() -> Mapping:
    """The shipped table, read once."""
    return read_mapping()
