"""Build static/fonts/NotoColorEmoji-navigator.woff2: Noto Color Emoji cut down to the pictograms the app uses.

    npm pack @fontsource/noto-color-emoji@5.3.2 && tar xzf fontsource-noto-color-emoji-5.3.2.tgz
    python scripts/build_emoji_font.py package/files/noto-color-emoji-emoji-400-normal.woff2

A kiosk without an emoji font shows empty boxes instead of pictograms; the app serves this small font itself.
Run it again after adding a pictogram. Licence: SIL Open Font Licence (static/fonts/OFL.txt). Needs fonttools and brotli.
"""

import sys
from pathlib import Path

from fontTools import subset

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "static" / "fonts" / "NotoColorEmoji-navigator.woff2"


def used_pictograms() -> set[int]:
    text = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "navigator").rglob("*.py"))
    ranges = [(0x1F000, 0x1FAFF), (0x2190, 0x21FF), (0x2300, 0x23FF), (0x2600, 0x27BF), (0x2B00, 0x2BFF)]
    found = {ord(c) for c in text if any(low <= ord(c) <= high for low, high in ranges)}
    return found | {0xFE0F, 0x200D, 0x2139, 0x20E3}


def cut(source: str, unicodes: set[int], out: Path) -> None:
    """Write `source` cut down to `unicodes` as a woff2 file at `out` (every layout feature kept)."""
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    font = subset.load_font(source, options)
    if "SVG " in font:
        del font["SVG "]  # COLR/CPAL colour glyphs are kept; every current browser draws them
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(unicodes))
    subsetter.subset(font)
    subset.save_font(font, str(out), options)
    print(f"{out.relative_to(ROOT)}: {out.stat().st_size // 1024} KB, {len(unicodes)} code points")


def main(source: str) -> None:
    cut(source, used_pictograms(), OUT)


if __name__ == "__main__":
    main(sys.argv[1])
