"""Interface languages: one gettext translator per language, chosen per session (never installed globally)."""

from __future__ import annotations

import gettext
import io
import re
import unicodedata
from collections.abc import Sequence
from datetime import date
from functools import cache
from pathlib import Path

from babel import Locale, negotiate_locale
from babel.dates import format_date, match_skeleton
from babel.lists import format_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "translations"
DOMAIN = "messages"
DEFAULT = "fr"
#: The language message ids are written in (English, as gettext expects); every other language has a .po.
SOURCE = "en"

#: Every interface language, in the order offered: French first, then by how many visitors read them; then the
#: languages added for issue #18. Direction, plural rules and dates come from Babel's locale data for each code.
REGISTERED = ("fr", "en", "ar", "fa", "ps", "uk", "ru", "es", "ti", "tr", "bn", "ka", "ur", "so", "sq", "ht", "ku", "pt", "ro")


def _has_catalogue(lang: str, directory: Path = TRANSLATIONS_DIR) -> bool:
    return lang == SOURCE or (directory / lang / "LC_MESSAGES" / f"{DOMAIN}.po").is_file()


#: The languages offered: the registered ones whose messages.po exists (a language is offered once translated).
LANGUAGES = tuple(lang for lang in REGISTERED if _has_catalogue(lang))

#: Babel's locale for a language's dates, numbers, lists and plural rules, where it is not the code itself: Dari is
#: written as in Afghanistan (months جنوری, فبروری…), not as in Iran (ژانویه, فوریه…).
BABEL_LOCALES = {"fa": "fa_AF"}

#: Names Babel does not give the way visitors write them.
NAMES = {"fa": "فارسی · دری", "ku": "Kurdî (Kurmancî)", "ht": "Kreyòl ayisyen"}


def babel_locale(lang: str) -> str:
    """The Babel locale to format dates, numbers and lists in for an interface language."""
    return BABEL_LOCALES.get(lang, lang)


def N_(message: str) -> str:
    """Mark a string for extraction; it is translated where it is displayed."""
    return message


def ensure_compiled(directory: Path = TRANSLATIONS_DIR) -> list[Path]:
    """Compile every messages.po whose .mo is missing or older, with Babel's own writer."""
    written = []
    for po_path in sorted(directory.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as f:
            catalog = read_po(f, locale=po_path.parent.parent.name)
        with mo_path.open("wb") as f:
            write_mo(f, catalog)
        written.append(mo_path)
    return written


@cache
def translator(lang: str) -> gettext.NullTranslations:
    """The translator for `lang`; English (the message ids) gets the identity, unknown codes French."""
    if lang == SOURCE:
        return gettext.NullTranslations()
    if lang not in LANGUAGES:
        lang = DEFAULT
    try:
        ensure_compiled()
    except OSError:  # a read-only install: compile this language in memory instead
        po_path = TRANSLATIONS_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        with po_path.open("rb") as f:
            catalog = read_po(f, locale=lang)
        buffer = io.BytesIO()
        write_mo(buffer, catalog)
        buffer.seek(0)
        return gettext.GNUTranslations(buffer)
    return gettext.translation(DOMAIN, localedir=TRANSLATIONS_DIR, languages=[lang], fallback=True)


def clean_language(value: object) -> str:
    """A supported language code from any input (a URL parameter…), else French."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, str) and value[:8].strip().lower() in LANGUAGES:
        return value.strip().lower()
    return DEFAULT


def negotiate(accept_language: str | None) -> str:
    """The best interface language for a browser's Accept-Language header (or navigator.language)."""
    if not accept_language or not isinstance(accept_language, str):
        return DEFAULT
    preferred = []
    for part in accept_language[:500].split(","):
        tag = part.split(";")[0].strip().replace("-", "_")
        if tag:
            preferred.append(tag)
    found = negotiate_locale(preferred, list(LANGUAGES), sep="_")
    if found is None:  # "ar_MA" against "ar": try the bare language
        found = negotiate_locale([p.split("_")[0] for p in preferred], list(LANGUAGES), sep="_")
    return found or DEFAULT


@cache
def native_name(lang: str) -> str:
    """The language's name in its own script, as a label: 'العربية', 'ትግርኛ', 'Español', 'ქართული'…

    Babel writes most names in lower case (as inside a sentence); a label starts with a capital, except in Georgian,
    whose capitals (Mtavruli) are only for all-capital titles: 'Ქართული' would read wrong.
    """
    if lang in NAMES:
        return NAMES[lang]
    name = Locale.parse(lang).display_name
    if name[:1] and unicodedata.name(name[0], "").startswith("GEORGIAN"):
        return name
    return name[:1].upper() + name[1:]


@cache
def direction(lang: str) -> str:
    """'rtl' or 'ltr', from Babel's locale data."""
    return Locale.parse(lang).text_direction


#: Babel's CLDR data for Haitian Creole holds little more than the language's name: no month or weekday names (a date
#: comes out as "2026 M12 1", Tuesday as "Tue") and no list pattern (no word for "and"). For `ht`, dates follow the
#: French order that Haitian texts use ("madi 1 desanm 2026") with the Creole names, and lists end with "ak" ("and").
HAITIAN_CREOLE_MONTHS = ("janvye", "fevriye", "mas", "avril", "me", "jen", "jiyè", "out", "septanm", "oktòb", "novanm", "desanm")
HAITIAN_CREOLE_WEEKDAYS = ("lendi", "madi", "mèkredi", "jedi", "vandredi", "samdi", "dimanch")  # Monday first, as date.weekday()


def haitian_creole_date(day: date) -> str:
    """'1 desanm 2026': day, Creole month name, year."""
    return f"{day.day} {HAITIAN_CREOLE_MONTHS[day.month - 1]} {day.year}"


def haitian_creole_weekday(day: date) -> str:
    """'madi' for a Tuesday."""
    return HAITIAN_CREOLE_WEEKDAYS[day.weekday()]


def haitian_creole_list(items: Sequence[str]) -> str:
    """'a, b ak c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " ak " + items[-1]


def long_date(day: date, lang: str) -> str:
    """A date written out in `lang` ('1 décembre 2026', '1 dhjetor 2026'), by Babel where CLDR has the language's months."""
    return haitian_creole_date(day) if lang == "ht" else format_date(day, format="long", locale=babel_locale(lang))


def weekday(day: date, lang: str) -> str:
    """The day of the week in `lang` ('mardi', 'madi'), by Babel where CLDR has the language's weekday names."""
    return haitian_creole_weekday(day) if lang == "ht" else format_date(day, format="EEEE", locale=babel_locale(lang))


@cache
def _weekday_and_date_pattern(locale: str) -> str:
    """CLDR's pattern for a day and month with its weekday ("E, d 'de' MMMM" in Portuguese, "MMMM d, E" in Tigrinya),
    the weekday written in full (CLDR's skeletons give it short; a visitor reads "terça-feira", not "ter.")."""
    skeletons = Locale.parse(locale).datetime_skeletons
    return re.sub(r"E+|c+", "EEEE", skeletons[match_skeleton("MMMMEd", skeletons)].pattern)


def weekday_and_date(day: date, lang: str) -> str:
    """'mardi 1 décembre', 'terça-feira, 1 de dezembro', 'madi 1 desanm': a day further than a week away, without the
    year, in the order and with the words of each language's CLDR pattern."""
    if lang == "ht":
        return f"{haitian_creole_weekday(day)} {day.day} {HAITIAN_CREOLE_MONTHS[day.month - 1]}"
    return format_date(day, format=_weekday_and_date_pattern(babel_locale(lang)), locale=babel_locale(lang))


def word_list(items: Sequence[str], lang: str) -> str:
    """Items joined as a sentence does in `lang` ('a, b et c'), by Babel where CLDR has the language's list pattern."""
    items = list(items)
    if not items:
        return ""
    return haitian_creole_list(items) if lang == "ht" else format_list(items, style="standard", locale=babel_locale(lang))
