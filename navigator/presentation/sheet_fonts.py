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
    taller = "body{line-height:1.95} [lang=fr]{line-height:1.35}" if lang == "ur" else ""
    return f"{font_faces_css(lang)}body{{font-family:{font_stack(lang)}}}{taller}"


#: The faces the PDF sheet embeds, as (family, weight, file under static/fonts). WeasyPrint draws no COLR colour
#: glyph, reads one file per face, and maps a glyph shared by several letters to the first one it drew (its issue
#: #2841), so the PDF has faces of its own where the app's would not do: merged Noto Sans for Latin and Cyrillic,
#: Vazirmatn for Arabic, Dari and Pashto (whole-letter glyphs: the text layer reads true), monochrome Noto Emoji
#: (`scripts/build_pdf_fonts.py`); Ethiopic, Bengali, Georgian and Urdu use the app's own files.
PDF_FACES = (
    ("Noto Sans PDF", 400, "NotoSans-pdf-400.woff2"),
    ("Noto Sans PDF", 700, "NotoSans-pdf-700.woff2"),
    ("Vazirmatn PDF", 400, "Vazirmatn-pdf-400.woff2"),
    ("Vazirmatn PDF", 700, "Vazirmatn-pdf-700.woff2"),
    ("Noto Nastaliq Urdu", 400, "NotoNastaliqUrdu-400.woff2"),
    ("Noto Nastaliq Urdu", 700, "NotoNastaliqUrdu-700.woff2"),
    ("Noto Sans Ethiopic", 400, "NotoSansEthiopic-wght.woff2"),  # variable: WeasyPrint takes no weight range
    ("Noto Sans Bengali", 400, "NotoSansBengali-400.woff2"),
    ("Noto Sans Bengali", 700, "NotoSansBengali-700.woff2"),
    ("Noto Sans Georgian", 400, "NotoSansGeorgian-400.woff2"),
    ("Noto Sans Georgian", 700, "NotoSansGeorgian-700.woff2"),
    ("Noto Emoji PDF", 400, "NotoEmoji-pdf-400.woff2"),
)
PDF_LATIN = "Noto Sans PDF"
PDF_PICTOGRAMS = "Noto Emoji PDF"
#: A language's own families in the PDF, first choice first (Urdu keeps Nastaliq, as on its screens).
PDF_SCRIPT_FAMILIES = {
    "ar": ("Vazirmatn PDF",),
    "fa": ("Vazirmatn PDF",),
    "ps": ("Vazirmatn PDF",),
    "ur": ("Noto Nastaliq Urdu", "Vazirmatn PDF"),
    "ti": ("Noto Sans Ethiopic",),
    "bn": ("Noto Sans Bengali",),
    "ka": ("Noto Sans Georgian",),
}


def pdf_families(lang: str) -> tuple[str, ...]:
    """The families a PDF sheet in `lang` is drawn with: its script's, Latin (names, contacts, the French column),
    then the pictograms."""
    return (*PDF_SCRIPT_FAMILIES.get(lang, ()), PDF_LATIN, PDF_PICTOGRAMS)


def pdf_font_files(lang: str) -> list[Path]:
    wanted = set(pdf_families(lang))
    return [ROOT / "static" / "fonts" / file for family, _weight, file in PDF_FACES if family in wanted]


@cache
def pdf_font_css(lang: str) -> str:
    """The PDF sheet's font CSS: its faces read from their files (WeasyPrint embeds the glyphs it draws) and the
    font list; Nastaliq's taller lines for Urdu."""
    wanted = set(pdf_families(lang))
    rules = [
        f"@font-face{{font-family:'{family}';font-weight:{weight};src:url('{(ROOT / 'static' / 'fonts' / file).as_uri()}')}}"
        for family, weight, file in PDF_FACES
        if family in wanted
    ]
    stack = ", ".join(f"'{family}'" for family in pdf_families(lang))
    taller = "body{line-height:1.9} [lang=fr]{line-height:1.35}" if lang == "ur" else ""
    return "".join(rules) + f"body{{font-family:{stack}}}{taller}"
