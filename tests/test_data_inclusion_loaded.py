"""The one loading path (`navigator.loaded.load`) the app and the command line share: the curated catalogue with the
national directory's snapshot, searched (descriptions included) and matched together."""

import json
from pathlib import Path

import pytest

from navigator.catalogue.data_inclusion.importer import run_import
from navigator.catalogue.data_inclusion.records import read_records
from navigator.catalogue.loading import CATALOGUE_DIR
from navigator.loaded import load
from navigator.person.places import commune_names, departements_of_region, epci_of_commune
from tests.test_cli import run

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "data_inclusion"
PARIS_JOB_SEEKER = json.dumps({"projects": ["find_job"], "statuses": ["job_seeker"], "postal_code": "75011"})


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("data")
    run_import(read_records(FIXTURES / "services.json"), read_records(FIXTURES / "structures.json"), "fixtures", directory=folder)
    return folder


def test_the_command_line_matches_the_directory_as_the_app_ranks_it(data_dir):
    routes = json.loads(run("match", "--json", "--data-dir", str(data_dir), stdin=PARIS_JOB_SEEKER).stdout)["routes"]
    ids = [r["id"] for r in routes]
    assert ids.index("dora--emploi-paris-11") < ids.index("dora--atelier-cv-grand-paris")  # commune before EPCI
    assert "carif-oref--formation-vienne" not in ids  # in the Vienne, not Paris
    paris = next(r for r in routes if r["id"] == "dora--emploi-paris-11")
    assert paris["contacts"]["phone"] == "+33199001123" and paris["source"]["title"] == "DORA"


def test_without_a_snapshot_the_command_line_matches_the_curated_catalogue_alone(tmp_path):
    routes = json.loads(run("match", "--json", "--data-dir", str(tmp_path), stdin=PARIS_JOB_SEEKER).stdout)["routes"]
    assert routes and not any(r["id"].startswith("dora--") for r in routes)


def test_routes_per_project_are_capped_as_in_the_app(data_dir):
    one = json.loads(run("match", "--json", "--per-project", "1", "--data-dir", str(data_dir), stdin=PARIS_JOB_SEEKER).stdout)
    assert len(one["routes"]) == 1
    assert run("match", "--per-project", "0", "--data-dir", str(data_dir), stdin=PARIS_JOB_SEEKER).returncode == 2


def test_the_command_line_searches_imported_services_too(data_dir):
    hits = json.loads(run("search", "atelier cv", "--json", "--data-dir", str(data_dir)).stdout)["hits"]
    assert "dora--atelier-cv-grand-paris" in [h["id"] for h in hits]
    readable = run("search", "atelier cv", "--data-dir", str(data_dir)).stdout
    assert "Atelier CV et lettre de motivation (dora--atelier-cv-grand-paris)" in readable


def test_a_word_only_in_a_description_finds_the_service(data_dir):
    """'restauration' is in the second sentence of one service's description, nowhere in its name or summary."""
    loaded = load(CATALOGUE_DIR, data_dir)
    (hit,) = [h for h in loaded.search_all("restauration", limit=20) if h.id.startswith("mission-locale--")]
    assert hit.id == "mission-locale--francais-idf" and hit.matched == ("description",)
    first_sentence = loaded.directory_search.search("exilees", limit=20)
    assert [h.matched for h in first_sentence if h.id == hit.id] == [("summary",)]


def test_curated_and_imported_hits_share_one_order(data_dir):
    loaded = load(CATALOGUE_DIR, data_dir)
    hits = loaded.search_all("cours de francais poitiers", limit=10)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert any(h.id.startswith("dora--") for h in hits) and any(not h.id.startswith(("dora--", "mission-locale--")) for h in hits)


def test_the_geography_tables_the_directory_reads():
    assert commune_names()["86194"] == "Poitiers" and epci_of_commune()["86194"] == "200069854"
    assert departements_of_region()["75"][:3] == ("16", "17", "19")  # Nouvelle-Aquitaine, in code order


def test_the_search_indexes_wait_for_the_background_warm_up(data_dir):
    """The first visitor's answer needs matching only: both search indexes are built by the app's warm-up."""
    from navigator.ui.resources import warm_up

    loaded = load(CATALOGUE_DIR, data_dir)
    assert "search" not in loaded.__dict__ and "_index" not in loaded.directory_search.__dict__
    warm_up(loaded, after_seconds=0).join()
    assert "search" in loaded.__dict__ and "_index" in loaded.directory_search.__dict__
