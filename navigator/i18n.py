"""Interface languages: one gettext translator per language, chosen per session (never installed globally)."""

from __future__ import annotations

import gettext
import io
import unicodedata
from functools import cache
from pathlib import Path

from babel import Locale, negotiate_locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "translations"
DOMAIN = "messages"
DEFAULT = "fr"
#: The language message ids are written in (English, as gettext expects); every other language has a .po.
SOURCE = "en"

#: Every interface language, in the order offered: French first, then by how many visitors read them; then the
#: languages added for issue #18. Direction, plural rules and dates come from Babel's locale data for each code.
REGISTERED = ("fr", "en", "ar", "fa", "ps", "uk", "ru", "es", "ti", "tr", "bn", "ka", "ur", "so", "sq", "ht", "ku", "pt")


def _has_catalogue(lang: str, directory: Path = TRANSLATIONS_DIR) -> bool:
    return lang == SOURCE or (directory / lang / "LC_MESSAGES" / f"{DOMAIN}.po").is_file()


#: The languages offered: the registered ones whose messages.po exists (a language is offered once translated).
LANGUAGES = tuple(lang for lang in REGISTERED if _has_catalogue(lang))

#: Names Babel does not give the way visitors write them.
NAMES = {"fa": "فارسی · دری", "ku": "Kurdî (Kurmancî)", "ht": "Kreyòl ayisyen"}


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
