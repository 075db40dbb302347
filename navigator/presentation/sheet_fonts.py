"""Fonts inside the printable sheet: a bare kiosk or phone has no font for Arabic, Ethiopic, Bengali, Georgian or the
pictograms, and the sheet is printed from a frame of its own (or opened as a downloaded file), where the app's theme
fonts do not reach. So the sheet carries, as data URIs, the regular face of the fonts its language needs and the
pictogram font, read from the files and the `[[theme.fontFaces]]` the app declares (`.streamlit/config.toml`).
"""

from __future__ import annotations

import base64
import tomllib
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / ".streamlit" / "config.toml"

#: The families a language's own letters are drawn with, first choice first (Urdu reads Nastaliq, Arabic, Dari and
#: Pashto Naskh). Languages in Latin or Cyrillic script need none: every machine has a font for them.
SCRIPT_FAMILIES = {
    "ar": ("Noto Sans Arabic",),
    "fa": ("Noto Sans Arabic",),
    "ps": ("Noto Sans Arabic",),
    "ur": ("Noto Nastaliq Urdu", "Noto Sans Arabic"),
    "ti": ("Noto Sans Ethiopic",),
    "bn": ("Noto Sans Bengali",),
    "ka": ("Noto Sans Georgian",),
}
PICTOGRAMS = "Noto Color Emoji Navigator"
#: Latin-script fonts a machine may have (the French column and names need nothing embedded).
LATIN = "'Noto Sans', 'Source Sans'"


@cache
def _regular_faces() -> dict[str, Path]:
    """Each declared family's regular (or variable) face, as a file under static/."""
    faces = {}
    for face in tomllib.loads(CONFIG.read_text(encoding="utf-8"))["theme"]["fontFaces"]:
        weight = str(face.get("weight", 400))
        if weight == "400" or " " in weight:  # "100 900": a variable font holds the regular weight
            faces.setdefault(face["family"], ROOT / face["url"].removeprefix("app/"))
    return faces


def families(lang: str) -> tuple[str, ...]:
    """The embedded families of a sheet in `lang`: its script's, then the pictograms."""
    return (*SCRIPT_FAMILIES.get(lang, ()), PICTOGRAMS)


@cache
def font_faces_css(lang: str) -> str:
    """`@font-face` rules with the fonts themselves inside, for a sheet in `lang` (its French column needs none)."""
    rules = []
    for family in families(lang):
        data = base64.b64encode(_regular_faces()[family].read_bytes()).decode("ascii")
        rules.append(f"@font-face{{font-family:'{family}';src:url(data:font/woff2;base64,{data}) format('woff2')}}")
    return "".join(rules)


def font_stack(lang: str) -> str:
    """The sheet's font-family list: its script's families first where it has some, Latin, then the pictograms."""
    script = "".join(f"'{family}', " for family in SCRIPT_FAMILIES.get(lang, ()))
    return f"{script}{LATIN}, '{PICTOGRAMS}', sans-serif"


def sheet_font_css(lang: str) -> str:
    """The sheet's font CSS: the embedded faces, the font list, and Nastaliq's taller lines for Urdu."""
    taller = "body{line-height:2.1} [lang=fr]{line-height:1.5}" if lang == "ur" else ""
    return f"{font_faces_css(lang)}body{{font-family:{font_stack(lang)}}}{taller}"
