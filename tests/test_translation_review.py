"""What the review of the interface translations (issue #18) fixed, kept fixed: plural rules from Babel, ages that
agree with their number, Afghan dates and words for Dari, one register, statuses worded for each use."""

from __future__ import annotations

import gettext
import re
from datetime import date
from functools import cache

import pytest
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

from navigator.eligibility.reasons import Reason
from navigator.i18n import LANGUAGES, SOURCE, TRANSLATIONS_DIR, babel_locale, translator, weekday_and_date
from navigator.presentation.labels import AUDIENCES, LABELS, REASONS, ages, describe_reason, format_day, years_old
from navigator.vocabulary import Outcome, Status

TRANSLATED = [lang for lang in LANGUAGES if lang != SOURCE]
AGES = (1, 2, 5, 21, 31)


@cache  # read-only here: each file read once per run
def catalog(lang: str, domain: str = "messages"):
    with (TRANSLATIONS_DIR / lang / "LC_MESSAGES" / f"{domain}.po").open("rb") as f:
        return read_po(f, locale=lang)


def texts(lang: str, domain: str = "messages") -> list[str]:
    found = []
    for m in catalog(lang, domain):
        if m.id:
            found += list(m.string) if isinstance(m.string, tuple) else [m.string]
    return found


def plural_index(lang: str):
    """Which msgstr[i] Babel's (CLDR's) rule picks for a number."""
    return gettext.c2py(get_plural(babel_locale(lang)).plural_expr)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_plural_forms_are_babels(lang):
    assert catalog(lang).plural_forms == get_plural(babel_locale(lang)).plural_forms  # read from the file's header
    for m in catalog(lang):
        if isinstance(m.id, tuple):
            assert len(m.string) == get_plural(babel_locale(lang)).num_plurals and all(m.string), m.id


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("n", AGES)
def test_an_age_agrees_with_its_number(lang, n):
    """The form gettext picks for n is the one CLDR's rule names, and the sentence says the age once."""
    if lang != SOURCE:
        entries = {m.id[0]: m.string for m in catalog(lang) if isinstance(m.id, tuple)}
        form = plural_index(lang)(n)
        assert years_old(n, lang) == entries["{n} year old"][form].format(n=n)
        assert ages(16, n, lang) == entries["ages {low} to {high}"][form].format(low=16, high=n)
        assert ages(n, None, lang) == entries["age {low} and over"][form].format(low=n)
    phrase = years_old(n, lang)
    sentence = describe_reason(Reason("age", Outcome.NOT_MET, "age_too_old", {"age_min": None, "age_max": 0, "age": n}), lang)
    assert sentence.count(phrase) == 1 and "{" not in sentence
    unit = phrase.replace(str(n), "").strip()
    assert not unit or f"{phrase} {unit}" not in sentence  # "Vous avez 21 ans", not "Vous avez 21 ans ans"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ru", ["1 год", "2 года", "5 лет", "21 год", "31 год"]),
        ("uk", ["1 рік", "2 роки", "5 років", "21 рік", "31 рік"]),
    ],
)
def test_russian_and_ukrainian_ages_ending_in_one(lang, expected):
    assert [years_old(n, lang) for n in AGES] == expected
    assert ages(21, None, lang) == {"ru": "от 21 года", "uk": "від 21 року"}[lang]
    assert ages(18, 25, lang) == {"ru": "от 18 до 25 лет", "uk": "від 18 до 25 років"}[lang]


def test_dari_dates_use_afghan_month_names():
    assert babel_locale("fa") == "fa_AF"
    assert "جنوری" in format_day("2026-01-15", "fa") and "ژانویه" not in format_day("2026-01-15", "fa")
    assert "جنوری" in weekday_and_date(date(2026, 1, 6), "fa")  # an opening day further than a week away


@pytest.mark.parametrize("iranian", ["دانشجو", "شهرداری", "دوچرخه", "اتوبوس", "بازنشسته", "گواهینامه", "رایگان", "دوربین", "تلفن", "قطار"])
def test_dari_uses_the_words_of_afghan_readers(iranian):
    """In the interface and in the programmes' texts (the catalogue domain)."""
    assert [t for t in texts("fa") + texts("fa", "catalogue") if iranian in t] == []


@pytest.mark.parametrize(
    ("lang", "familiar"),
    [
        ("fa", r"(?<!\S)(کن|بگذر)(?!\S)"),  # پیدا کن, بگذر: the polite forms are کنید, بگذرید
        ("ps", r"(?<!\S)شه(?!\S)"),  # تېر شه: the polite form is تېر شئ
        ("ti", r"(?<!\S)(ርከብ|ሕለፍ|ጀምር|ርአ|ሕተም|ኣውርድ|ቀይር|ወስኽ|ቀጽል)(?!\S)"),  # the polite forms end in ‑ኡ
    ],
)
def test_buttons_speak_as_politely_as_the_texts(lang, familiar):
    assert [t for t in texts(lang) if re.search(familiar, t)] == []


@pytest.mark.parametrize(("lang", "soon"), [("ar", "قريب"), ("tr", "yakın")])
def test_a_near_miss_on_the_area_cannot_read_as_soon(lang, soon):
    nearby = translator(lang).gettext(REASONS["residence_nearby"])
    assert nearby != REASONS["residence_nearby"] and soon not in nearby


def test_statuses_have_a_button_form_and_an_audience_form():
    assert set(AUDIENCES) == set(Status)
    assert not [text for text in AUDIENCES.values() if text.startswith(("I ", "I'"))]


@pytest.mark.parametrize("lang", TRANSLATED)
def test_statuses_in_a_sentence_use_the_audience_form(lang):
    _ = translator(lang).gettext
    for status in Status:
        audience = _(AUDIENCES[status])
        assert audience != AUDIENCES[status] and audience != _(LABELS[status][0])
    sentence = describe_reason(Reason("statuses", Outcome.NOT_MET, "statuses_not_met", {"statuses": ["rsa"]}), lang)
    assert _(AUDIENCES[Status.RSA]) in sentence and _(LABELS[Status.RSA][0]) not in sentence


def test_every_babel_format_call_goes_through_babel_locale():
    """Dates, times, numbers and lists in Dari come out Afghan only if no call formats with the bare code."""
    import ast
    from pathlib import Path

    bare = []
    for path in (Path(__file__).resolve().parent.parent / "navigator").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")).startswith("format_"):
                for kw in node.keywords:
                    if kw.arg == "locale" and not (isinstance(kw.value, ast.Call) and getattr(kw.value.func, "id", "") == "babel_locale"):
                        bare.append(f"{path.name}:{node.lineno}")
    assert bare == []


def test_somali_says_scan_the_code_with_the_same_words_on_every_screen():
    """The QR code's label, the share screen and the no-printer hint all say "ku iskaan garee" (scan) and "koodka"
    (the code); "sawir" would read "draw" or "photograph"."""
    scanning = {m.id: m.string for m in catalog("so") if isinstance(m.id, str) and "scan" in m.id.lower()}
    assert len(scanning) >= 3, scanning
    assert [s for s in scanning.values() if "iskaan garee" not in s or "sawir" in s or "koodh" in s] == []
