"""Every language complete: no missing string, no fuzzy entry, no broken placeholder; vocabularies all labelled."""

import re
from functools import cache
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from navigator.eligibility.reasons import ReasonCode, Unlock
from navigator.i18n import LANGUAGES, REGISTERED, SOURCE, TRANSLATIONS_DIR, clean_language, direction, native_name, negotiate, translator
from navigator.presentation.labels import LABELS, REASONS
from navigator.vocabulary import AccessMode, Delivery, FrenchLevel, Lifecycle, Mobility, Prescriber, Project, Status, Verdict

ROOT = Path(__file__).resolve().parent.parent
TRANSLATED = [lang for lang in LANGUAGES if lang != SOURCE]
PLACEHOLDER = re.compile(r"\{\w*\}")


@cache  # read-only here: each file read once per run
def catalog(lang: str):
    with (TRANSLATIONS_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as f:
        return read_po(f, locale=lang)


def forms(message) -> list[str]:
    """A message's translations: one string, or every plural form."""
    return list(message.string) if isinstance(message.string, tuple | list) else [message.string]


def source_placeholders(message) -> list[str]:
    ids = message.id if isinstance(message.id, tuple | list) else (message.id,)
    return sorted(set(PLACEHOLDER.findall(" ".join(ids))))


def extracted_ids() -> set[str]:
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT),
        method_map=[("navigator/**.py", "python"), ("navigator_app.py", "python")],
        keywords={"_": None, "N_": None, "gettext": None, "ngettext": (1, 2)},
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


def test_eighteen_interface_languages_or_more_right_to_left_included():
    assert len(LANGUAGES) >= 18
    assert LANGUAGES == REGISTERED, "every registered language has its messages.po"
    assert {"ar", "fa", "ps", "ur"} <= {lang for lang in LANGUAGES if direction(lang) == "rtl"}


def test_the_pot_file_is_current():
    with (TRANSLATIONS_DIR / "messages.pot").open("rb") as f:
        pot = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id}
    assert extracted_ids() == pot, "run scripts/translations.sh"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_string_is_translated(lang):
    missing = [m.id for m in catalog(lang) if m.id and not all(forms(m))]
    assert missing == []


@pytest.mark.parametrize("lang", TRANSLATED)
def test_no_fuzzy_entry(lang):
    assert [m.id for m in catalog(lang) if m.id and m.fuzzy] == []


@pytest.mark.parametrize("lang", TRANSLATED)
def test_placeholders_survive_translation(lang):
    broken = [m.id for m in catalog(lang) if m.id and any(sorted(set(PLACEHOLDER.findall(f))) != source_placeholders(m) for f in forms(m))]
    assert broken == []


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_po_file_covers_the_pot(lang):
    with (TRANSLATIONS_DIR / "messages.pot").open("rb") as f:
        pot = {m.id for m in read_po(f) if m.id}
    assert pot <= {m.id for m in catalog(lang) if m.id}


@pytest.mark.parametrize("vocabulary", [Project, Status, FrenchLevel, Mobility, Delivery, AccessMode, Prescriber, Lifecycle, Verdict])
def test_every_vocabulary_code_has_a_label_and_a_pictogram(vocabulary):
    for member in vocabulary:
        text, pictogram = LABELS[member]
        assert text and pictogram


@pytest.mark.parametrize("codes", [ReasonCode, Unlock], ids=lambda e: e.__name__)
def test_every_reason_and_unlock_code_has_a_text(codes):
    assert {str(code) for code in codes} <= set(REASONS), {str(c) for c in codes} - set(REASONS)


def test_every_text_of_a_reason_belongs_to_a_code():
    assert set(REASONS) == {str(c) for c in ReasonCode} | {str(c) for c in Unlock}


@pytest.mark.parametrize("lang", TRANSLATED)
def test_a_translated_label_differs_from_the_english(lang):
    assert translator(lang).gettext("Start over") != "Start over"


@pytest.mark.parametrize(
    ("header", "lang"),
    [
        ("ar-MA,ar;q=0.9,en;q=0.5", "ar"),
        ("uk-UA", "uk"),
        ("fa-IR,fa", "fa"),
        ("de-DE,de", "fr"),  # not offered: French
        ("", "fr"),
        (None, "fr"),
        ("en-GB,en;q=0.8", "en"),
    ],
)
def test_the_browser_language_preselects(header, lang):
    assert negotiate(header) == lang


@pytest.mark.parametrize(
    ("value", "lang"), [("ar", "ar"), ("AR", "ar"), ("xx", "fr"), ("<script>", "fr"), (["ps", "en"], "ps"), ([], "fr"), (None, "fr")]
)
def test_a_language_from_the_url_is_cleaned(value, lang):
    assert clean_language(value) == lang


def test_language_names_are_in_their_own_script():
    assert native_name("ar") == "العربية" and native_name("ti") == "ትግርኛ" and native_name("uk") == "Українська"


def test_a_read_only_install_still_translates(monkeypatch):
    import navigator.i18n as i18n

    def refuse(*_args, **_kwargs):
        raise PermissionError("read-only file system")

    monkeypatch.setattr(i18n, "ensure_compiled", refuse)
    i18n.translator.cache_clear()
    try:
        assert i18n.translator("uk").gettext("Start over") != "Start over"
    finally:
        i18n.translator.cache_clear()


def test_the_readme_lists_every_language_with_its_status():
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("\n## Languages\n")[1].split("\n## ")[0]
    rows = {line.split("|")[1].strip(" `"): line for line in section.splitlines() if line.startswith("| `")}
    assert set(LANGUAGES) <= set(rows)
    assert all("draft" in rows[lang] or "source" in rows[lang] or "reviewed" in rows[lang] for lang in LANGUAGES)
