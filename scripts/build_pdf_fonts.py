"""Build the fonts the PDF sheet embeds (static/fonts/*-pdf-*.woff2), from fontsource packages on npm:

    npm pack @fontsource/noto-sans@5.3.0 @fontsource/vazirmatn@5.3.0 @fontsource/noto-emoji@5.3.2
    for f in fontsource-*.tgz; do mkdir -p "${f%.tgz}" && tar xzf "$f" -C "${f%.tgz}"; done
    python scripts/build_pdf_fonts.py fontsource-noto-sans-5.3.0 fontsource-vazirmatn-5.3.0 fontsource-noto-emoji-5.3.2

Why not the app's own faces: WeasyPrint draws COLR colour glyphs as nothing (so pictograms come from the monochrome
Noto Emoji), reads one file per face (so Noto Sans's Latin, Latin Extended and Cyrillic subsets are merged into one),
and maps a glyph shared by several letters to the first letter it drew (WeasyPrint issue #2841: Noto Sans Arabic
draws dotted letters as a shared skeleton plus dots, so the PDF's text layer — copy, search, screen readers — read
other words), so Arabic, Dari and Pashto are drawn in Vazirmatn, whose letters are whole glyphs.
Licence: SIL Open Font Licence 1.1 (static/fonts/OFL.txt, static/fonts/OFL-Vazirmatn.txt). Needs fonttools and brotli.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from fontTools import subset
from fontTools.merge import Merger
from fontTools.ttLib import TTFont

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_emoji_font import used_pictograms  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "static" / "fonts"
LATIN_SUBSETS = ("latin", "latin-ext", "cyrillic")


def merged_latin(package: Path, weight: int) -> None:
    """Noto Sans's Latin, Latin Extended and Cyrillic subsets of one weight as one woff2 file."""
    with tempfile.TemporaryDirectory() as tmp:
        parts = []
        for name in LATIN_SUBSETS:
            font = TTFont(package / "package" / "files" / f"noto-sans-{name}-{weight}-normal.woff2")
            font.flavor = None
            parts.append(str(Path(tmp) / f"{name}.ttf"))
            font.save(parts[-1])
        merged = Merger().merge(parts)
    merged.flavor = "woff2"
    out = FONTS / f"NotoSans-pdf-{weight}.woff2"
    merged.save(str(out))
    print(f"{out.relative_to(ROOT)}: {out.stat().st_size // 1024} KB")


def arabic(package: Path, weight: int) -> None:
    out = FONTS / f"Vazirmatn-pdf-{weight}.woff2"
    shutil.copyfile(package / "package" / "files" / f"vazirmatn-arabic-{weight}-normal.woff2", out)
    print(f"{out.relative_to(ROOT)}: {out.stat().st_size // 1024} KB")


def pictograms(package: Path) -> None:
    """Noto Emoji (monochrome) cut to the app's pictograms: fontsource splits it over many files, so each file that
    holds some of them is cut, and the cuts merged."""
    wanted = used_pictograms()
    options = subset.Options()
    options.layout_features = ["*"]
    with tempfile.TemporaryDirectory() as tmp:
        parts = []
        for path in sorted((package / "package" / "files").glob("noto-emoji-*-400-normal.woff2")):
            font = subset.load_font(str(path), options)
            held = wanted & set(font.getBestCmap())
            if not held - {0xFE0F, 0x200D, 0x20E3}:
                continue
            subsetter = subset.Subsetter(options)
            subsetter.populate(unicodes=sorted(held))
            subsetter.subset(font)
            font.flavor = None
            parts.append(str(Path(tmp) / f"{path.stem}.ttf"))
            font.save(parts[-1])
        merged = Merger().merge(parts) if len(parts) > 1 else TTFont(parts[0])
        missing = {c for c in wanted - set(merged.getBestCmap()) if c not in (0xFE0F, 0x200D, 0x20E3)}
    merged.flavor = "woff2"
    out = FONTS / "NotoEmoji-pdf-400.woff2"
    merged.save(str(out))
    print(f"{out.relative_to(ROOT)}: {out.stat().st_size // 1024} KB; not in Noto Emoji: {sorted(hex(c) for c in missing)}")


def main(noto_sans: str, vazirmatn: str, noto_emoji: str) -> None:
    for weight in (400, 700):
        merged_latin(Path(noto_sans), weight)
        arabic(Path(vazirmatn), weight)
    pictograms(Path(noto_emoji))
    shutil.copyfile(Path(vazirmatn) / "package" / "LICENSE", FONTS / "OFL-Vazirmatn.txt")


if __name__ == "__main__":
    main(*sys.argv[1:4])
