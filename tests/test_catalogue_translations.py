"""The `catalogue` gettext domain: programme texts translated outside the programme files (issue #15).

Like messages.po: the .pot is current, every .po reads and compiles, no shown entry breaks a placeholder. Unlike
messages.po, a fuzzy or missing entry is allowed — it is a text to review — and the visitor then sees the French
with the "in French" marker.
"""

import io
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
import yaml
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from navigator.catalogue import translations
from navigator.catalogue.loading import CATALOGUE_DIR, _TextDatesLoader, load_catalogue
from navigator.catalogue.translations import (
    entries,
    inline_translations,
    languages,
    po_path,
    problem_with,
    review_status,
)
from navigator.i18n import TRANSLATIONS_DIR
from navigator.presentation.cards import card_html

ROOT = Path(__file__).resolve().parent.parent
LANGS = languages()
TODAY = date(2026, 11, 23)


def read(path: Path):
    with path.open("rb") as f:
        return read_po(f)


def test_the_catalogue_pot_is_current():
    extracted = {
        message
        for _file, _line, message, _comments, _context in extract_from_dir(
            str(ROOT), method_map=[("catalogue/*.yaml", "navigator.catalogue.translations:extract")]
        )
    }
    pot = {m.id for m in read(TRANSLATIONS_DIR / "catalogue.pot") if m.id}
    assert extracted == pot, "run bash scripts/translations.sh"


def test_the_languages_of_the_old_inline_translations_all_have_a_catalogue_po():
    assert {"en", "ar", "fa", "ps", "uk", "ru", "es", "ti", "tr"} <= set(LANGS)


@pytest.mark.parametrize("lang", LANGS)
def test_every_catalogue_po_reads_and_compiles(lang):
    catalog = read(po_path(lang))
    assert not catalog.fuzzy, "a fuzzy header stops pybabel compile"
    write_mo(io.BytesIO(), catalog)
    assert [(m.id, errors) for m in catalog if m.id and (errors := list(catalog.check()))] == []


@pytest.mark.parametrize("lang", LANGS)
def test_no_shown_translation_breaks_a_placeholder_or_a_summary_line(lang, catalogue):
    summaries = {p.summary["fr"] for p in catalogue}
    broken = {
        french: problem
        for french, entry in entries(lang).items()
        if not entry.fuzzy and entry.text and (problem := problem_with(french, entry.text, ("summary",) if french in summaries else ()))
    }
    assert broken == {}


def test_no_programme_file_holds_a_translation_beside_its_french():
    for path in sorted(CATALOGUE_DIR.glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_TextDatesLoader)  # noqa: S506 (a safe loader)
        assert inline_translations(data) == [], path.name


def test_a_file_with_a_translation_inline_is_refused_with_the_place_it_belongs(tmp_path):
    folder = tmp_path / "catalogue"
    folder.mkdir()
    source = (CATALOGUE_DIR / "adie.yaml").read_text(encoding="utf-8")
    (folder / "adie.yaml").write_text(source.replace("name:\n", "name:\n  en: Adie inline\n", 1), encoding="utf-8")
    with pytest.raises(Exception) as raised:
        load_catalogue(folder)
    assert "name.en: translations live in translations/en/LC_MESSAGES/catalogue.po" in str(raised.value)


# --- what a visitor sees, on a small catalogue with its own translations ----------------------------------------


def po_entry(french: str, text: str, *, fuzzy: bool = False, reviewer: str | None = None) -> str:
    comment = f"# reviewed-by: {reviewer}\n" if reviewer else ""
    flag = "#, fuzzy\n" if fuzzy else ""
    quote = lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'  # noqa: E731
    return f"{comment}{flag}msgid {quote(french)}\nmsgstr {quote(text)}\n\n"


@pytest.fixture
def small(tmp_path):
    """One programme (ADIE's file) and an English catalogue.po written by the test: good, fuzzy, broken, too long."""
    folder = tmp_path / "catalogue"
    folder.mkdir()
    shutil.copy(CATALOGUE_DIR / "adie.yaml", folder / "adie.yaml")
    data = yaml.load((folder / "adie.yaml").read_text(encoding="utf-8"), Loader=_TextDatesLoader)  # noqa: S506
    french = {key: data[key]["fr"].strip() for key in ("name", "summary", "description")}
    french["how"] = data["access"]["how"]["fr"].strip()
    po = po_path("en", tmp_path / "translations")
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n"Language: en\\n"\n\n'
        + po_entry(french["name"], "Adie – microloans (reviewed)", reviewer="accueil-poitiers")
        + po_entry(french["summary"], "An old summary kept to review", fuzzy=True)
        + po_entry(french["description"], "Call us on {phone}")  # the French has no {phone}: broken
        + po_entry(french["how"], "Present your project on {website}; it also names your nearest office."),
        encoding="utf-8",
    )
    return folder, french


def test_a_good_entry_is_shown_fuzzy_and_broken_ones_fall_back_to_french_with_the_marker(small):
    folder, french = small
    adie = load_catalogue(folder).get("adie")
    assert adie.name["en"] == "Adie – microloans (reviewed)"
    assert adie.access.how["en"] == "Present your project on https://www.adie.org; it also names your nearest office.", "placeholder filled"
    assert "en" not in adie.summary, "fuzzy: its French changed, to review"
    assert "en" not in adie.description, "broken placeholder"
    card = card_html(adie, "en", TODAY, full=True)
    assert "Adie – microloans (reviewed)" in card
    assert "An old summary" not in card and "{phone}" not in card
    assert f'<span lang="fr" dir="ltr">{french["summary"]}</span> <span class="nav-infr">(in French)</span>' in card.replace("&#x27;", "'")


def test_a_missing_language_is_the_french_with_the_marker(small):
    folder, french = small
    adie = load_catalogue(folder).get("adie")
    assert set(adie.name) == {"fr", "en"}
    assert "(in French)" not in card_html(adie, "fr", TODAY)
    assert '<span class="nav-infr">' in card_html(adie, "uk", TODAY)


def test_review_status_tells_reviewed_drafts_fuzzy_broken_and_missing_apart(small):
    folder, french = small
    where = folder.parent / "translations"
    assert review_status(french["name"], "en", where) == "reviewed"
    assert review_status(french["how"], "en", where) == "draft"
    assert review_status(french["summary"], "en", where) == "fuzzy"
    assert review_status(french["description"], "en", where) == "broken"
    assert review_status(french["name"], "uk", where) == "missing"


def test_a_changed_french_text_keeps_its_translation_as_fuzzy_to_review(small):
    """What scripts/translations.sh runs: pybabel extract, then update with fuzzy matching and --previous."""
    folder, french = small
    source = (folder / "adie.yaml").read_text(encoding="utf-8")
    (folder / "adie.yaml").write_text(source.replace("même quand la banque ne prête pas", "même si la banque ne prête pas"))
    (folder.parent / "babel.cfg").write_text(
        "[extractors]\ncatalogue = navigator.catalogue.translations:extract\n\n[catalogue: catalogue/*.yaml]\n"
    )
    pot = folder.parent / "catalogue.pot"
    run = dict(cwd=folder.parent, check=True, capture_output=True)
    subprocess.run(["pybabel", "extract", "-F", "babel.cfg", "--no-location", "-o", str(pot), "."], **run)
    # the summary's first translation was fuzzy; make it a plain draft first, as if reviewed text had been there
    po = po_path("en", folder.parent / "translations")
    po.write_text(po.read_text(encoding="utf-8").replace("#, fuzzy\nmsgid", "msgid", 1), encoding="utf-8")
    assert review_status(french["summary"], "en", folder.parent / "translations") == "draft"
    subprocess.run(["pybabel", "update", "-i", str(pot), "-d", "translations", "-D", "catalogue", "-l", "en", "--previous"], **run)
    changed = french["summary"].replace("même quand la banque ne prête pas", "même si la banque ne prête pas")
    assert review_status(changed, "en", folder.parent / "translations") == "fuzzy"
    assert "#| msgid" in po.read_text(encoding="utf-8"), "the previous French is kept for the reviewer"
    assert "en" not in load_catalogue(folder).get("adie").summary


def test_translations_are_read_once_per_file_version():
    translations._read.cache_clear()
    for _ in range(3):
        entries("en")
    assert translations._read.cache_info().misses == 1


def test_search_finds_a_programme_by_a_name_from_catalogue_po(index, catalogue):
    hope = catalogue.get("afpa-hope")
    assert hope.name["uk"] != hope.name["fr"]
    top = [hit.id for hit in index.search(hope.name["uk"], lang="uk")[:3]]
    assert "afpa-hope" in top
