"""The curation desk page in AppTest: behind the staff key, it lists what needs attention, previews an edit as a diff,
refuses a bad one, writes a good one, reloads the catalogue and logs the change."""

import json
import shutil

import pytest
from app_helpers import curation_script
from streamlit.testing.v1 import AppTest

from navigator.catalogue.loading import CATALOGUE_DIR
from navigator.i18n import TRANSLATIONS_DIR
from navigator.ui import resources


@pytest.fixture
def desk(tmp_path, monkeypatch, staff_key):
    """The desk on a copy of the shipped catalogue (its own holder, change log beside the copy)."""
    folder = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE_DIR, folder)
    (folder / "changes.jsonl").unlink(missing_ok=True)
    (tmp_path / "translations").symlink_to(TRANSLATIONS_DIR)  # a catalogue's translations are beside it
    monkeypatch.delenv("NAVIGATOR_CURATION_LOG", raising=False)
    monkeypatch.setattr(resources, "CATALOGUE", resources.CatalogueHolder(directory=lambda: folder))
    at = AppTest.from_function(curation_script, default_timeout=90)
    at.query_params["key"] = staff_key
    return at.run(), folder


def texts(at) -> str:
    shown = [str(m.value) for m in at.markdown] + [str(c.value) for c in at.code] + [str(e.value) for e in at.error]
    return "\n".join(shown + [e.proto.body for e in at.get("html")])


def test_without_the_key_the_desk_shows_nothing(tmp_path, monkeypatch):
    monkeypatch.delenv("NAVIGATOR_STAFF_KEY", raising=False)
    at = AppTest.from_function(curation_script, default_timeout=60).run()
    assert not at.exception
    assert len(at.dataframe) == 0 and not [s for s in at.selectbox if s.key == "curation_programme"]


def test_the_desk_lists_what_needs_attention_and_translations_to_review(desk):
    at, _ = desk
    assert not at.exception
    attention = at.dataframe[0].value
    assert "infolang-poitiers" in set(attention["programme"])
    languages = at.dataframe[1].value
    assert {"en", "uk"} <= set(languages["langue"])
    assert set(languages["relues"]) == {0}


def test_an_edit_is_previewed_written_reloaded_and_logged(desk):
    at, folder = desk
    at.selectbox(key="curation_programme").select("infolang-poitiers").run()
    at.text_input(key="curation_staff").input("accueil-poitiers")
    at.checkbox(key="curation_checked").check()
    at.text_input(key="curation_phone").input("05 47 41 41 00")
    at.button(key="FormSubmitter:curation_form-Prévisualiser").click().run()
    assert not at.exception
    diff = at.code[0].value
    assert "+  phone: 05 47 41 41 00" in diff
    assert "phone" not in (folder / "infolang-poitiers.yaml").read_text(encoding="utf-8"), "a preview writes nothing"
    at.button(key="curation_save").click().run()
    assert not at.exception
    assert "  phone: 05 47 41 41 00" in (folder / "infolang-poitiers.yaml").read_text(encoding="utf-8")
    assert any("Enregistré dans infolang-poitiers.yaml" in s.value for s in at.success)
    (entry,) = [json.loads(line) for line in (folder / "changes.jsonl").read_text(encoding="utf-8").splitlines()]
    assert entry["staff"] == "accueil-poitiers" and entry["programme"] == "infolang-poitiers"
    assert {c["field"] for c in entry["changes"]} == {"contacts.phone", "last_checked"}
    loaded, _ = resources.get_catalogue()
    assert loaded.catalogue.get("infolang-poitiers").contacts.phone == "+33547414100", "reloaded"
    history = at.dataframe[-1].value
    assert list(history["programme"]) == ["infolang-poitiers"]


def test_a_bad_edit_is_shown_and_never_written(desk):
    at, folder = desk
    before = (folder / "france-travail.yaml").read_text(encoding="utf-8")
    at.selectbox(key="curation_programme").select("france-travail").run()
    at.text_input(key="curation_staff").input("accueil-poitiers")
    at.text_input(key="curation_phone").input("01 02")
    at.button(key="FormSubmitter:curation_form-Prévisualiser").click().run()
    assert not at.exception
    assert "n'est pas valide" in texts(at)
    assert "contacts.phone" in texts(at)
    assert not [m for m in at.markdown if "contacts.phone" in str(m.value)], "problems are shown as text, not Markdown"
    assert not [b for b in at.button if b.key == "curation_save"]
    assert (folder / "france-travail.yaml").read_text(encoding="utf-8") == before
    assert not (folder / "changes.jsonl").exists()
