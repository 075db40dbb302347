"""Importing data·inclusion files: every format, bad records reported and skipped, the snapshot swapped atomically."""

import csv
import gzip
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from navigator.catalogue.data_inclusion import snapshot as snapshot_module
from navigator.catalogue.data_inclusion.importer import run_import
from navigator.catalogue.data_inclusion.records import FormatError, read_records
from navigator.catalogue.data_inclusion.snapshot import read_snapshot, snapshot_path
from navigator.cli import main

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "data_inclusion"
SERVICES, STRUCTURES = FIXTURES / "services.json", FIXTURES / "structures.json"
KEPT = {
    "dora--emploi-paris-11",
    "dora--atelier-cv-grand-paris",
    "france-travail--conseil-paris-11",
    "mission-locale--francais-idf",
    "carif-oref--formation-vienne",
    "1jeune1solution--demarches-en-ligne",
    "1jeune1solution--creer-son-activite",
    "dora--permis-libourne",
    "dora--infolang-poitiers",
    "dora--sans-zone",
    "dora--structure-absente-service",
}


def _import(services=SERVICES, structures=STRUCTURES, **kwargs):
    return run_import(read_records(services), read_records(structures), "fixtures", **kwargs)


@pytest.fixture(scope="module")
def result():
    """The fixtures imported without writing anything."""
    return _import(write=False)


def test_valid_services_are_kept_and_broken_ones_reported_with_where_id_field_and_problem(result):
    assert {row["id"] for row in result.rows} == KEPT
    reported = {(p.where, p.record_id, p.field.split(".")[0]) for p in result.services.problems}
    assert ("services.json, record 11", "dora--code-postal-casse", "code_postal") in reported
    assert ("services.json, record 12", "dora--thematique-inconnue", "thematiques") in reported
    assert ("services.json, record 13", "", "id") in reported
    assert [str(p) for p in result.structures.problems] == [
        "structures.json, record 8 [dora--siret-casse]: siret: String should have at least 14 characters"
    ]


def test_the_summary_says_read_kept_and_skipped_by_reason(result):
    line = result.summary()
    assert line.startswith("services: read 16, kept 11, skipped 5 (")
    for reason in ("invalid code_postal 1", "invalid thematiques 1", "invalid id 1", "outside our projects 1"):
        assert reason in line
    assert "duplicates merged 1" in line
    assert "structures: read 8, kept 7, skipped 1" in line


def test_the_newer_of_two_records_with_one_id_is_kept(result):
    (row,) = [r for r in result.rows if r["id"] == "dora--atelier-cv-grand-paris"]
    assert row["name"] == "Atelier CV et lettre de motivation"


def test_the_service_own_contacts_come_first_and_the_structure_fills_gaps(result):
    rows = {r["id"]: r for r in result.rows}
    own = rows["dora--emploi-paris-11"]
    assert own["phone"] == "+33199001123" and own["email"] == "emploi@paris-emploi.example.org"
    assert "phone" not in own["from_structure"] and own["opening_hours"].startswith("Mo-Fr 09:00-12:30")
    filled = rows["dora--atelier-cv-grand-paris"]
    assert filled["phone"] == "+33199001122" and {"phone", "email", "address"} <= set(filled["from_structure"])
    nothing = rows["dora--permis-libourne"]
    assert (nothing["phone"], nothing["email"], nothing["address"], nothing["website"]) == (None, None, None, None)


@pytest.mark.parametrize(
    ("service", "zone"),
    [
        pytest.param("dora--emploi-paris-11", (False, [], [], ["75056"]), id="commune"),
        pytest.param("dora--atelier-cv-grand-paris", (False, [], ["200054781"], []), id="epci"),
        pytest.param("carif-oref--formation-vienne", (False, ["86"], [], []), id="departement"),
        pytest.param(
            "mission-locale--francais-idf", (False, ["75", "77", "78", "91", "92", "93", "94", "95"], [], []), id="region-as-departements"
        ),
        pytest.param("1jeune1solution--demarches-en-ligne", (True, [], [], []), id="france"),
        pytest.param("1jeune1solution--creer-son-activite", (True, [], [], []), id="country-code-99100"),
        pytest.param("dora--sans-zone", (False, ["75"], [], []), id="no-zone-stated-its-departement"),
    ],
)
def test_every_zone_kind_is_read(result, service, zone):
    (row,) = [r for r in result.rows if r["id"] == service]
    assert (row["zone_france"], row["zone_departements"], row["zone_epcis"], row["zone_communes"]) == zone


def test_codes_are_mapped_by_the_table(result):
    rows = {r["id"]: r for r in result.rows}
    assert rows["dora--emploi-paris-11"]["projects"] == ["find_job"]
    assert rows["dora--emploi-paris-11"]["statuses_aimed"] == ["job_seeker"]
    assert rows["dora--emploi-paris-11"]["access_modes"] == ["walk_in", "appointment", "referral"]
    assert rows["1jeune1solution--demarches-en-ligne"]["delivery"] == ["remote"]
    assert rows["1jeune1solution--creer-son-activite"]["cost"] == "payant"
    assert rows["france-travail--conseil-paris-11"]["to_confirm"] == "Jeunes de 16 à 25 ans.\nÊtre inscrit à France Travail."


def test_departement_filter_keeps_services_serving_it_and_national_ones():
    kept = {row["id"] for row in _import(departements=["86"], write=False).rows}
    assert kept == {
        "carif-oref--formation-vienne",
        "dora--infolang-poitiers",
        "dora--structure-absente-service",
        "1jeune1solution--demarches-en-ligne",
        "1jeune1solution--creer-son-activite",
    }


def _write_formats(tmp_path: Path) -> dict[str, Path]:
    records = json.loads(SERVICES.read_text(encoding="utf-8"))
    paths = {}
    ndjson = tmp_path / "services.ndjson"
    ndjson.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    paths["ndjson"] = ndjson
    gz = tmp_path / "services.json.gz"
    gz.write_bytes(gzip.compress(SERVICES.read_bytes()))
    paths["json.gz"] = gz
    fields = sorted({k for r in records for k in r})
    path = tmp_path / "services.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fields)
        writer.writeheader()
        for r in records:
            writer.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v for k, v in r.items()})
    paths["csv"] = path
    path = tmp_path / "services.parquet"
    pq.write_table(pa.Table.from_pylist(records), path)
    paths["parquet"] = path
    return paths


@pytest.mark.parametrize("kind", ["ndjson", "json.gz", "csv", "parquet"])
def test_every_published_format_gives_the_same_services(tmp_path, kind):
    path = _write_formats(tmp_path)[kind]
    assert {row["id"] for row in _import(services=path, write=False).rows} == KEPT


def test_a_broken_ndjson_line_is_counted_not_fatal(tmp_path):
    path = tmp_path / "services.ndjson"
    lines = [json.dumps(r, ensure_ascii=False) for r in json.loads(SERVICES.read_text(encoding="utf-8"))[:2]]
    path.write_text(lines[0] + "\n{not json\n" + lines[1] + "\n", encoding="utf-8")
    result = _import(services=path, write=False)
    assert result.services.kept == 2 and result.services.skipped["not a record"] == 1
    assert str(result.services.problems[0]) == "services.ndjson, line 2: not a record (expected an object of fields)"


def test_an_unknown_format_is_refused_by_name(tmp_path):
    path = tmp_path / "services.xlsx"
    path.write_bytes(b"PK")
    with pytest.raises(FormatError, match="services.xlsx: unknown format .xlsx"):
        list(read_records(path))


def test_the_snapshot_records_source_date_and_counts(tmp_path):
    _import(directory=tmp_path)
    table, info = read_snapshot(tmp_path)
    assert table.num_rows == 11 and set(table.column("id").to_pylist()) == KEPT
    assert info.source == "fixtures" and len(info.imported_on) == 10
    assert info.counts["services"]["kept"] == 11 and info.counts["structures"]["skipped"] == {"invalid siret": 1}


def _files(folder: Path) -> dict[str, bytes]:
    """Every file in the data folder, with its content: the snapshot and its prepared file (`prepared`)."""
    found = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert sorted(found)[0] == "data-inclusion.arrow" and sorted(found)[1].startswith("data-inclusion.index-") and len(found) == 2
    return found


def test_an_interrupted_import_keeps_the_previous_snapshot(tmp_path):
    _import(directory=tmp_path)
    before, files = snapshot_path(tmp_path).read_bytes(), _files(tmp_path)

    def interrupted():
        yield from list(read_records(SERVICES))[:3]
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_import(interrupted(), read_records(STRUCTURES), "interrupted", directory=tmp_path)
    assert snapshot_path(tmp_path).read_bytes() == before
    assert _files(tmp_path) == files


def test_a_write_that_fails_half_way_keeps_the_previous_snapshot_and_leaves_no_partial_file(tmp_path, monkeypatch):
    _import(directory=tmp_path)
    before, files = snapshot_path(tmp_path).read_bytes(), _files(tmp_path)

    def failing_replace(*_):
        raise OSError("disk full")

    monkeypatch.setattr(snapshot_module.os, "replace", failing_replace)
    with pytest.raises(OSError, match="disk full"):
        _import(directory=tmp_path)
    assert snapshot_path(tmp_path).read_bytes() == before
    assert _files(tmp_path) == files


def test_the_command_prints_the_problems_and_the_summary(tmp_path, capsys):
    code = main(["import", "data-inclusion", str(SERVICES), str(STRUCTURES), "--data-dir", str(tmp_path)])
    out, err = capsys.readouterr()
    assert code == 0
    assert "services: read 16, kept 11, skipped 5" in out and f"snapshot: {tmp_path / 'data-inclusion.arrow'}" in out
    assert "skipped: services.json, record 13: id: required field is missing" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        pytest.param(["import", "data-inclusion"], "give the services file and the structures file, or --api URL", id="nothing"),
        pytest.param(["import", "data-inclusion", "missing.json", "missing2.json"], "missing.json: no such file", id="missing-file"),
        pytest.param(["import", "data-inclusion", "--api", "not a url"], "is not an http(s) URL", id="bad-url"),
    ],
)
def test_bad_arguments_exit_2_with_a_message(capsys, argv, message):
    assert main(argv) == 2
    assert message in capsys.readouterr().err
