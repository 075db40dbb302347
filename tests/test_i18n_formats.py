"""Dates, lists and plurals in every interface language, including where Babel's CLDR data has gaps (Haitian Creole)."""

import re
import unicodedata
from datetime import date, timedelta

import pytest
from babel import Locale
from babel.messages.pofile import read_po

from navigator.i18n import (
    LANGUAGES,
    SOURCE,
    TRANSLATIONS_DIR,
    haitian_creole_date,
    long_date,
    translator,
    weekday,
    weekday_and_date,
    word_list,
)
from navigator.presentation.labels import format_day

FOUND = ("We found {n} route for you.", "We found {n} routes for you.")


def letters(text: str) -> str:
    """The letters of a text, with their vowel signs and other marks (Bengali, Tigrinya…)."""
    return "".join(c for c in text if unicodedata.category(c)[0] in "LM")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_date_names_its_month_in_words(lang):
    written = long_date(date(2026, 12, 1), lang)
    assert "2026" in written
    assert not re.search(r"\bM\d\d\b", written), written  # CLDR's placeholder month "M12"
    assert len(letters(written)) >= 3, written  # a month name, not only digits


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_list_of_three_is_joined_with_a_word_for_and(lang):
    joined = word_list(["A", "B", "C"], lang)
    assert joined.startswith("A") and "B" in joined, joined
    assert letters(joined.replace("A", "").replace("B", "").replace("C", "")), joined  # "et", "و", "ak", the suffix ን…


def test_babel_still_has_no_haitian_creole_months_so_the_fallback_is_needed():
    # When Babel's CLDR gains Creole month names, drop haitian_creole_date and use Babel's.
    assert Locale.parse("ht").months["format"]["wide"][12] == "M12"


@pytest.mark.parametrize(
    ("day", "written"),
    [
        pytest.param(date(2026, 1, 5), "5 janvye 2026", id="january"),
        pytest.param(date(2026, 7, 14), "14 jiyè 2026", id="july"),
        pytest.param(date(2026, 12, 1), "1 desanm 2026", id="december"),
    ],
)
def test_haitian_creole_dates_use_creole_month_names(day, written):
    assert haitian_creole_date(day) == written
    assert format_day(day.isoformat(), "ht") == written


@pytest.mark.parametrize(
    ("items", "joined"),
    [(["Lekòl"], "Lekòl"), (["Lekòl", "Travay"], "Lekòl ak Travay"), (["a", "b", "c"], "a, b ak c"), ([], "")],
)
def test_haitian_creole_lists_end_with_ak(items, joined):
    assert word_list(items, "ht") == joined


def test_kurmanji_dates_and_lists_come_from_babel_in_latin_script():
    assert long_date(date(2026, 12, 1), "ku") == "1ê berfanbara 2026an"
    assert word_list(["a", "b", "c"], "ku") == "a, b û c"


@pytest.mark.parametrize(
    ("lang", "n", "expected"),
    [
        ("ro", 1, "Am găsit 1 opțiune pentru dumneavoastră."),
        ("ro", 2, "Am găsit 2 opțiuni pentru dumneavoastră."),
        ("ro", 19, "Am găsit 19 opțiuni pentru dumneavoastră."),
        ("ro", 20, "Am găsit 20 de opțiuni pentru dumneavoastră."),  # Romanian: "de" from 20 on
        ("ro", 101, "Am găsit 101 opțiuni pentru dumneavoastră."),
        ("ro", 120, "Am găsit 120 de opțiuni pentru dumneavoastră."),
        ("pt", 1, "Encontrámos 1 caminho para o seu caso."),
        ("pt", 2, "Encontrámos 2 caminhos para o seu caso."),
        ("sq", 1, "Gjetëm 1 mundësi për ju."),
        ("sq", 5, "Gjetëm 5 mundësi për ju."),
    ],
)
def test_plural_forms_follow_babels_rules(lang, n, expected):
    assert translator(lang).ngettext(*FOUND, n).format(n=n) == expected


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != SOURCE])
def test_every_plural_form_of_a_language_is_chosen_for_some_count(lang):
    """Each translated form of the plural message is shown for some count from 0 to 1,000,000: none is dead."""
    with (TRANSLATIONS_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as f:
        forms = set(read_po(f, locale=lang)[FOUND[0]].string)
    assert forms == {translator(lang).ngettext(*FOUND, n) for n in (*range(200), 1_000_000)}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_weekdays_are_named_in_words(lang):
    names = {weekday(date(2026, 11, 30) + timedelta(days=i), lang) for i in range(7)}
    assert len(names) == 7 and all(len(letters(name)) >= 2 for name in names), names
    assert not any(name in {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"} for name in names) or lang == "en", names
    assert not re.search(r"\bM\d\d\b", weekday_and_date(date(2026, 12, 1), lang))


def test_haitian_creole_weekdays_and_a_later_day():
    assert [weekday(date(2026, 11, 30) + timedelta(days=i), "ht") for i in range(7)] == [
        "lendi",
        "madi",
        "mèkredi",
        "jedi",
        "vandredi",
        "samdi",
        "dimanch",
    ]
    assert weekday_and_date(date(2026, 12, 1), "ht") == "madi 1 desanm"
