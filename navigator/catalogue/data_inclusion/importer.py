"""The import: read → validate (v1 models) → keep what the navigator can offer → map → snapshot, with a summary.

python -m navigator import data-inclusion services.json structures.json [--departement 86 …]
python -m navigator import data-inclusion --api https://api.data.inclusion.gouv.fr/api/v1
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from data_inclusion.schema.v1 import Service, Structure

from navigator.catalogue.data_inclusion.mapping import Mapping, mapping
from navigator.catalogue.data_inclusion.prepared import write_prepared
from navigator.catalogue.data_inclusion.snapshot import SnapshotInfo, write_snapshot
from navigator.catalogue.data_inclusion.validation import Report, reason_of, validate
from navigator.catalogue.data_inclusion.zones import departement_of_commune, split_zone, zone_touches
from navigator.catalogue.models import _normalise_phone

Records = Iterable[tuple[str, dict | None]]

OUTSIDE_PROJECTS = "outside our projects"
OUTSIDE_DEPARTEMENTS = "outside the départements asked"
REPEATED = "same id twice (the newer kept)"


@dataclass
class ImportResult:
    services: Report = field(default_factory=Report)
    structures: Report = field(default_factory=Report)
    notes: list[str] = field(default_factory=list)  # kept records with a value dropped (a phone that is not one)
    rows: list[dict] = field(default_factory=list)
    path: Path | None = None

    def summary(self) -> str:
        """One line: read, kept, skipped by reason, duplicates merged."""
        s = self.services
        reasons = ", ".join(f"{reason} {n}" for reason, n in sorted(s.skipped.items(), key=lambda kv: (-kv[1], kv[0])))
        skipped = sum(s.skipped.values())
        return (
            f"services: read {s.read}, kept {s.kept}, skipped {skipped}{' (' + reasons + ')' if reasons else ''}, "
            f"duplicates merged {s.skipped.get(REPEATED, 0)} — structures: read {self.structures.read}, kept {self.structures.kept}, "
            f"skipped {sum(self.structures.skipped.values())}"
        )

    def counts(self) -> dict:
        def one(r: Report) -> dict:
            return {"read": r.read, "kept": r.kept, "skipped": dict(r.skipped)}

        return {"services": one(self.services), "structures": one(self.structures)}


def _phone(value: str | None, where: str, record_id: str, notes: list[str]) -> str | None:
    if not value:
        return None
    try:
        return _normalise_phone(value)
    except ValueError as error:
        notes.append(f"{where} [{record_id}]: telephone: {error}; left out")
        return None


def _keep_newer(found: dict, key: str, item, day, report: Report) -> None:
    """Keep `item` under `key`, or, when that id was seen already, the newer of the two (counted as merged)."""
    if key in found:
        report.skip(REPEATED)
        if day <= found[key][0]:
            return
    else:
        report.kept += 1
    found[key] = (day, item)


def _valid(model, records: Records, report: Report):
    """(where, validated record) for each record the v1 `model` accepts; the others counted and reported."""
    for where, record in records:
        report.read += 1
        item, problems = validate(model, where, record)
        if item is None:
            report.skip(reason_of(problems), problems)
        else:
            yield where, item


def read_structures(records: Records, report: Report) -> dict[str, Structure]:
    found: dict[str, tuple] = {}
    for _where, structure in _valid(Structure, records, report):
        _keep_newer(found, structure.id, structure, structure.date_maj, report)
    return {key: structure for key, (_, structure) in found.items()}


def _fill(service_value, structure_value, name: str, filled: list[str]):
    if service_value:
        return service_value
    if structure_value:
        filled.append(name)
        return structure_value
    return None


def _joined(*parts: str | None) -> str | None:
    texts = [p.strip() for p in parts if p and p.strip()]
    return "\n".join(texts) or None


def service_row(s: Service, structure: Structure | None, m: Mapping, where: str, notes: list[str]) -> dict:
    """One snapshot row: the service mapped to our codes, its structure's contacts filling what it lacks."""
    st = structure
    filled: list[str] = []
    zone = split_zone(s.zone_eligibilite or [])
    stated = bool(s.zone_eligibilite)
    if not stated:
        # No zone stated: the département where the service is (or its structure), never the whole country.
        commune = s.code_insee or (st.code_insee if st else None)
        departement = departement_of_commune(commune) if commune else None
        zone = {"france": departement is None, "departements": [departement] if departement else [], "epcis": [], "communes": []}
    access = m.apply("modes_mobilisation", s.modes_mobilisation) + m.apply("mobilisable_par", s.mobilisable_par)
    phone = _phone(s.telephone, where, s.id, notes)
    address = _joined(s.adresse, s.complement_adresse)
    st_address = _joined(st.adresse, st.complement_adresse) if st else None
    row = {
        "id": s.id,
        "source": s.source,
        "structure_id": s.structure_id,
        "structure_name": st.nom if st else None,
        "siret": st.siret if st else None,
        "name": s.nom,
        "description": s.description,
        "lien_source": str(s.lien_source) if s.lien_source else (str(st.lien_source) if st and st.lien_source else None),
        "date_maj": s.date_maj,
        "kind": s.type.value if s.type else None,
        "thematiques": sorted(t.value for t in s.thematiques or ()),
        "projects": m.apply("thematiques", s.thematiques),
        "statuses_aimed": m.apply("publics", s.publics),
        "cost": m.one("frais", s.frais),
        "cost_details": s.frais_precisions,
        "to_confirm": _joined(s.publics_precisions, s.conditions_acces),
        "how": s.mobilisation_precisions,
        "access_modes": list(dict.fromkeys(access)),
        "delivery": m.apply("modes_accueil", s.modes_accueil) or ["on_site"],
        "zone_france": zone["france"],
        "zone_departements": zone["departements"],
        "zone_epcis": zone["epcis"],
        "zone_communes": zone["communes"],
        "zone_stated": stated,
        "commune": s.commune or (st.commune if st and not address else None),
        "code_postal": s.code_postal or (st.code_postal if st and not address else None),
        "code_insee": s.code_insee or (st.code_insee if st and not address else None),
        "address": _fill(address, st_address, "address", filled),
        "latitude": s.latitude if s.latitude is not None else (st.latitude if st and not address else None),
        "longitude": s.longitude if s.longitude is not None else (st.longitude if st and not address else None),
        "phone": _fill(phone, _phone(st.telephone, where, st.id, notes) if st else None, "phone", filled),
        "email": _fill(s.courriel, st.courriel if st else None, "email", filled),
        "website": str(st.site_web) if st and st.site_web else None,
        "form_url": str(s.lien_mobilisation) if s.lien_mobilisation else None,
        "opening_hours": _fill(s.horaires_accueil, st.horaires_accueil if st else None, "opening_hours", filled),
        "from_structure": filled + (["website"] if st and st.site_web else []),
    }
    return row


def read_services(
    records: Records, structures: dict[str, Structure], result: ImportResult, departements: frozenset[str], m: Mapping
) -> None:
    report = result.services
    found: dict[str, tuple] = {}
    for where, service in _valid(Service, records, report):
        row = service_row(service, structures.get(service.structure_id), m, where, result.notes)
        if not row["projects"]:
            report.skip(OUTSIDE_PROJECTS)
        elif departements and not zone_touches(row, departements):
            report.skip(OUTSIDE_DEPARTEMENTS)
        else:
            _keep_newer(found, service.id, row, service.date_maj, report)
    result.rows = [row for _, row in found.values()]


def run_import(
    services: Records,
    structures: Records,
    source: str,
    departements: Iterable[str] = (),
    directory: Path | None = None,
    write: bool = True,
) -> ImportResult:
    """Read structures then services, write the snapshot (unless `write` is false), and say what happened.

    Nothing is written when reading fails part-way: the exception propagates and the previous snapshot stays."""
    result = ImportResult()
    m = mapping()
    by_id = read_structures(structures, result.structures)
    read_services(services, by_id, result, frozenset(departements), m)
    if write:
        info = SnapshotInfo(source=source, imported_at=datetime.now(UTC).isoformat(timespec="seconds"), counts=result.counts())
        result.path = write_snapshot(result.rows, info, directory, write_prepared)
    return result
