"""Every script shows: the fonts the app serves (and Streamlit's own Source Sans) draw every character of every text
in every language — interface (messages.po), programme texts (catalogue.po and the catalogue files), language names —
and every pictogram."""

import sys
import tomllib
import unicodedata
from functools import cache
from pathlib import Path

import pytest
import streamlit
import yaml
from babel.messages.pofile import read_po
from fontTools.ttLib import TTFont

from navigator.i18n import LANGUAGES, REGISTERED, TRANSLATIONS_DIR, native_name
from navigator.person.answers import SPOKEN_LANGUAGES
from navigator.presentation import sheet_fonts
from navigator.presentation.labels import LABELS

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "static" / "fonts"
THEME = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["theme"]
#: Streamlit serves its own Latin, Cyrillic and Greek font under this family name.
STREAMLIT_FONTS = {"Source Sans": sorted((Path(streamlit.__file__).parent / "static").rglob("SourceSansVF-Upright*.woff2"))}
#: The font a language's own letters must come from, where another served font could also draw them.
SCRIPT_FONT = {"ur": "Noto Nastaliq Urdu", "ar": "Noto Sans Arabic", "fa": "Noto Sans Arabic", "ps": "Noto Sans Arabic"}


@cache
def cmap(path: Path) -> frozenset[int]:
    return frozenset(TTFont(path).getBestCmap())


def faces() -> dict[str, list[Path]]:
    """Each declared family and its files, as the theme serves them (app/static/… is static/…)."""
    found: dict[str, list[Path]] = dict(STREAMLIT_FONTS)
    for face in THEME["fontFaces"]:
        found.setdefault(face["family"], []).append(ROOT / face["url"].removeprefix("app/"))
    return found


def theme_families() -> list[str]:
    return [name.strip().strip("'\"") for name in THEME["font"].split(",")]


@cache
def covered_by(family: str) -> frozenset[int]:
    return frozenset().union(*(cmap(path) for path in faces()[family]))


@cache
def served() -> frozenset[int]:
    """Every code point one of the theme's fonts draws."""
    return frozenset().union(*(covered_by(family) for family in theme_families() if family in faces()))


def texts_in(node, lang: str):
    """Every catalogue text written in `lang`, wherever it stands in a file."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == lang and isinstance(value, str):
                yield value
            else:
                yield from texts_in(value, lang)
    elif isinstance(node, list):
        for item in node:
            yield from texts_in(item, lang)


def po_texts(lang: str, domain: str) -> list[str]:
    path = TRANSLATIONS_DIR / lang / "LC_MESSAGES" / f"{domain}.po"
    if not path.exists():
        return []
    with path.open("rb") as f:
        return [s for m in read_po(f) if m.id for s in (m.string if isinstance(m.string, tuple | list) else [m.string])]


@cache
def text_of(lang: str) -> str:
    """Everything the app can print in `lang`."""
    parts = po_texts(lang, "messages") + po_texts(lang, "catalogue") + [native_name(lang)]
    for entry in catalogue_files():
        parts += texts_in(entry, lang)
    return "".join(parts)


@cache
def catalogue_files() -> tuple:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return tuple(yaml.load(path.read_text(encoding="utf-8"), Loader=loader) for path in sorted((ROOT / "catalogue").glob("*.yaml")))


def drawn(text: str) -> set[str]:
    """The characters that need a glyph: not spaces, controls or joiners (ZWNJ, ZWJ, variation selectors)."""
    return {c for c in text if unicodedata.category(c)[0] not in "ZC" and not 0xFE00 <= ord(c) <= 0xFE0F}


def names(missing: set[str]) -> list[str]:
    return sorted(f"U+{ord(c):04X} {unicodedata.name(c, '?')}" for c in missing)


def test_every_theme_font_is_declared_and_served():
    for family in theme_families():
        if family != "sans-serif":
            assert family in faces(), f"{family} is in theme.font but has no [[theme.fontFaces]]"
    for family, paths in faces().items():
        assert paths and all(path.is_file() for path in paths), family


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_character_of_every_text_has_a_served_glyph(lang):
    text = text_of(lang)
    assert text.strip()
    assert names(drawn(text) - {chr(c) for c in served()}) == []


@pytest.mark.parametrize("lang", sorted(SCRIPT_FONT.keys() & set(LANGUAGES)))
def test_a_language_s_letters_come_from_its_own_typeface(lang):
    """Urdu is drawn in Nastaliq, Arabic, Dari and Pashto in Naskh: every letter of theirs is in that font."""
    assert SCRIPT_FONT[lang] in theme_families()
    letters = {c for c in text_of(lang) if unicodedata.category(c)[0] in "LM" and ord(c) >= 0x600}
    assert letters
    assert names(letters - {chr(c) for c in covered_by(SCRIPT_FONT[lang])}) == []


def test_every_language_name_has_a_served_glyph():
    """The language screen and the spoken-languages question: 中文 and বাংলা are no boxes on a bare kiosk."""
    shown = "".join(native_name(code) for code in set(REGISTERED) | set(SPOKEN_LANGUAGES))
    assert names(drawn(shown) - {chr(c) for c in served()}) == []


def test_georgian_is_named_without_a_capital():
    """Georgian capitals (Mtavruli) are only for all-capital titles: the name is ქართული, never Ქართული."""
    assert native_name("ka") == "ქართული"
    assert not any(unicodedata.name(c).startswith("GEORGIAN MTAVRULI") for c in text_of("ka"))


def test_every_pictogram_is_in_the_served_emoji_font():
    covered = covered_by("Noto Color Emoji Navigator")
    used = {ord(c) for _, pictogram in LABELS.values() for c in pictogram if c not in "\ufe0f\u200d"}
    assert used - covered == set(), "run scripts/build_emoji_font.py"


def test_every_pictogram_written_in_the_code_has_a_served_glyph():
    """Buttons and headings write pictograms straight into their text (➕ on "show more", 📤 Share, ✏️ on the desk):
    each one the code holds is in the served emoji font, or is a plain symbol Source Sans draws (← →)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from build_emoji_font import used_pictograms

    joiners = {0xFE0F, 0x200D, 0x20E3}
    text_symbols = covered_by("Source Sans")
    missing = {c for c in used_pictograms() - joiners if c not in covered_by("Noto Color Emoji Navigator") and c not in text_symbols}
    assert names({chr(c) for c in missing}) == [], "run scripts/build_emoji_font.py"
    assert ord("➕") in used_pictograms()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_printed_sheet_carries_a_font_for_every_letter_of_its_language(lang):
    """The sheet is printed from its own frame or opened as a file, where the theme's fonts do not reach."""
    embedded = frozenset().union(*(covered_by(family) for family in sheet_fonts.families(lang)))
    letters = {c for c in text_of(lang) if unicodedata.category(c)[0] in "LM" and ord(c) > 0x58F}
    assert names(letters - {chr(c) for c in embedded}) == []
    css = sheet_fonts.sheet_font_css(lang)
    assert all(f"font-family:'{family}';src:url(data:font/woff2;base64," in css for family in sheet_fonts.families(lang))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_pdf_sheet_embeds_a_font_for_every_letter_and_pictogram_of_its_language(lang):
    """The PDF is drawn only from the faces it embeds (sheet_fonts.PDF_FACES), whatever fonts the server has."""
    embedded = frozenset().union(*(cmap(path) for path in sheet_fonts.pdf_font_files(lang)))
    letters = {c for c in text_of(lang) + text_of("fr") if unicodedata.category(c)[0] in "LMN"}
    assert names(letters - {chr(c) for c in embedded}) == []
    pictograms = {ord(c) for _, pictogram in LABELS.values() for c in pictogram if c not in "\ufe0f\u200d"}
    assert sorted(hex(c) for c in pictograms - embedded) == []
