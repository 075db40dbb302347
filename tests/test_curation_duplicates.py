"""Imported duplicates to confirm on the curation desk (issue #15): a national directory service merged into a curated
programme by a rule (same name and commune, same SIRET) is listed for staff, who confirm it (the service's id goes
into the file's `data_inclusion_ids`) or reject it (`data_inclusion_distinct`: never merged again) — written through
the same round-trip edit and change log as every desk edit. Tested on a snapshot of the fixtures."""

import json
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from navigator.catalogue.curation import apply, decide_duplicate, duplicates_to_confirm
from navigator.catalogue.data_inclusion.importer import run_import
from navigator.catalogue.data_inclusion.national import load_national
from navigator.catalogue.data_inclusion.records import read_records
from navigator.catalogue.loading import CATALOGUE_DIR, load_catalogue
from navigator.i18n import TRANSLATIONS_DIR
from navigator.ui import resources, staff_access
from navigator.ui.staff_access import AttemptLimiter

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "data_inclusion"
KEY = "k3y-of-the-curators"
SERVICE = "dora--infolang-poitiers"  # the fixtures' DORA copy of the Infolang desk: same name, same commune


@pytest.fixture
def folders(tmp_path, monkeypatch):
    """A copy of the shipped catalogue (its change log beside it) and a snapshot of the fixtures."""
    catalogue = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE_DIR, catalogue)
    (catalogue / "changes.jsonl").unlink(missing_ok=True)
    (tmp_path / "translations").symlink_to(TRANSLATIONS_DIR)
    data = tmp_path / "data"
    run_import(read_records(FIXTURES / "services.json"), read_records(FIXTURES / "structures.json"), "fixtures", directory=data)
    monkeypatch.delenv("NAVIGATOR_CURATION_LOG", raising=False)
    monkeypatch.setenv("NAVIGATOR_DATA_DIR", str(data))
    return catalogue, data


def _pending(catalogue: Path, data: Path):
    return duplicates_to_confirm(load_national(load_catalogue(catalogue), data).merges)


def test_a_service_merged_by_name_and_commune_is_to_confirm(folders):
    (m,) = _pending(*folders)
    assert (m.programme_id, m.service_id, m.why) == ("infolang-poitiers", SERVICE, "same name and commune")
    assert m.service_name and m.service_source  # staff see what the service is, not only its id


def test_confirming_names_the_service_in_the_file_and_it_stays_merged(folders):
    catalogue, data = folders
    (m,) = _pending(catalogue, data)
    entry = apply(decide_duplicate(catalogue, m, same=True), "accueil-poitiers", "doublon confirmé")
    assert entry["changes"] == [{"field": "data_inclusion_ids", "from": None, "to": [SERVICE]}]
    text = (catalogue / "infolang-poitiers.yaml").read_text(encoding="utf-8")
    assert f"data_inclusion_ids:\n  - {SERVICE}\n" in text and text.startswith("# yaml-language-server")  # comments kept
    national = load_national(load_catalogue(catalogue), data)
    assert [(m.service_id, m.why) for m in national.merges] == [(SERVICE, "named in the curated file")]
    assert duplicates_to_confirm(national.merges) == []
    (logged,) = [json.loads(line) for line in (catalogue / "changes.jsonl").read_text(encoding="utf-8").splitlines()]
    assert logged["programme"] == "infolang-poitiers" and logged["staff"] == "accueil-poitiers"


def test_rejecting_keeps_them_apart_for_good(folders):
    catalogue, data = folders
    (m,) = _pending(catalogue, data)
    apply(decide_duplicate(catalogue, m, same=False), "accueil-poitiers")
    assert load_catalogue(catalogue).get("infolang-poitiers").data_inclusion_distinct == [SERVICE]
    national = load_national(load_catalogue(catalogue), data)
    assert national.merges == ()  # no longer merged, nor proposed again
    assert national.directory.get(SERVICE) is not None  # the service is a route of its own
    assert national.catalogue.get("infolang-poitiers").contacts.phone is None  # no contact filled from it


def test_deciding_twice_adds_the_id_once(folders):
    catalogue, data = folders
    (m,) = _pending(catalogue, data)
    apply(decide_duplicate(catalogue, m, same=True), "accueil-poitiers")
    assert not decide_duplicate(catalogue, m, same=True).changes


# --- on the desk, in AppTest -------------------------------------------------------------------------------------


def _curation_script():
    from navigator.ui import curation

    curation.page()


@pytest.fixture
def desk(folders, monkeypatch):
    catalogue, _data = folders
    monkeypatch.setenv("NAVIGATOR_STAFF_KEY", KEY)
    monkeypatch.setattr(staff_access, "LIMITER", AttemptLimiter())
    monkeypatch.setattr(resources, "CATALOGUE", resources.CatalogueHolder(directory=lambda: catalogue))
    at = AppTest.from_function(_curation_script, default_timeout=90)
    at.query_params["key"] = KEY
    return at.run(), catalogue


def _seen(at) -> str:
    return "\n".join([str(m.value) for m in at.markdown] + [e.proto.body for e in at.get("html")] + [str(s.value) for s in at.success])


def test_the_desk_lists_the_likely_duplicate_with_what_it_is_and_why(desk):
    at, _ = desk
    assert not at.exception
    page = _seen(at)
    assert "Doublons importés à confirmer" in page
    assert "infolang-poitiers" in page and SERVICE in page and "même nom et même commune" in page
    assert at.button(key="curation_dup_same_0").label == "✅ Même service"


def test_staff_confirm_on_the_desk_the_file_is_written_logged_and_the_list_empties(desk):
    at, catalogue = desk
    at.text_input(key="curation_dup_staff").input("accueil-poitiers")
    at = at.button(key="curation_dup_same_0").click().run()
    assert not at.exception
    assert f"{SERVICE} : même service, enregistré dans infolang-poitiers.yaml" in _seen(at)
    assert "Aucun doublon à confirmer." in _seen(at)
    assert f"  - {SERVICE}" in (catalogue / "infolang-poitiers.yaml").read_text(encoding="utf-8")
    (logged,) = [json.loads(line) for line in (catalogue / "changes.jsonl").read_text(encoding="utf-8").splitlines()]
    assert logged["changes"][0]["field"] == "data_inclusion_ids" and logged.get("note") == "doublon confirmé"


def test_without_a_staff_label_nothing_is_written(desk):
    at, catalogue = desk
    before = (catalogue / "infolang-poitiers.yaml").read_text(encoding="utf-8")
    at = at.button(key="curation_dup_other_0").click().run()
    assert not at.exception
    assert any("Non enregistré" in e.value and "label" in e.value for e in at.error)
    assert (catalogue / "infolang-poitiers.yaml").read_text(encoding="utf-8") == before
    assert not (catalogue / "changes.jsonl").exists()


def test_without_a_snapshot_the_desk_says_there_is_nothing_to_confirm(tmp_path, monkeypatch):
    monkeypatch.setenv("NAVIGATOR_DATA_DIR", str(tmp_path / "no-snapshot"))
    monkeypatch.setenv("NAVIGATOR_STAFF_KEY", KEY)
    monkeypatch.setattr(staff_access, "LIMITER", AttemptLimiter())
    monkeypatch.setattr(resources, "CATALOGUE", resources.CatalogueHolder(directory=lambda: CATALOGUE_DIR))
    at = AppTest.from_function(_curation_script, default_timeout=90)
    at.query_params["key"] = KEY
    at = at.run()
    assert not at.exception and "Aucun annuaire national importé : rien à confirmer." in _seen(at)


def test_the_edit_form_shows_the_file_not_the_contacts_merged_in_from_the_directory(desk):
    at, catalogue = desk
    loaded, _ = resources.get_catalogue()
    assert loaded.catalogue.get("infolang-poitiers").contacts.phone == "+33536490021", "the directory fills the phone"
    at = at.selectbox(key="curation_programme").select("infolang-poitiers").run()
    assert at.text_input(key="curation_phone").value == ""
    assert at.text_input(key="curation_hours").value == ""
    at.text_input(key="curation_staff").input("accueil-poitiers")
    at.checkbox(key="curation_checked").check()
    at = at.button(key="FormSubmitter:curation_form-Prévisualiser").click().run()
    assert not at.exception
    diff = at.code[0].value
    assert "last_checked" in diff
    assert "phone" not in diff and "opening_hours" not in diff, "saving would copy the directory's contacts into the file"
