"""Every script shows: the fonts the app serves cover every pictogram and every Arabic-script and Ethiopic letter it prints."""

import unicodedata
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po
from fontTools.ttLib import TTFont

from navigator.presentation.labels import LABELS

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "static" / "fonts"


def cmap(name: str) -> set[int]:
    return set(TTFont(FONTS / name).getBestCmap())


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


def letters(lang: str) -> set[str]:
    with (ROOT / "translations" / lang / "LC_MESSAGES" / "messages.po").open("rb") as f:
        text = "".join("".join(m.string) if isinstance(m.string, tuple) else m.string for m in read_po(f) if m.id)
    for path in (ROOT / "catalogue").glob("*.yaml"):
        text += "".join(texts_in(yaml.safe_load(path.read_text(encoding="utf-8")), lang))
    return {c for c in text if unicodedata.category(c)[0] in "LM" and ord(c) > 0x58F}


def test_every_pictogram_is_in_the_served_emoji_font():
    covered = cmap("NotoColorEmoji-navigator.woff2")
    used = {ord(c) for _, pictogram in LABELS.values() for c in pictogram if c not in "\ufe0f\u200d"}
    assert used - covered == set(), "run scripts/build_emoji_font.py"


def test_every_tigrinya_letter_has_a_glyph():
    assert {ord(c) for c in letters("ti")} - cmap("NotoSansEthiopic-wght.woff2") == set()


@pytest.mark.parametrize("lang", ["ar", "fa", "ps"])
def test_every_arabic_script_letter_has_a_glyph(lang):
    assert {ord(c) for c in letters(lang)} - cmap("NotoSansArabic-400.woff2") == set()
