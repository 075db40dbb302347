"""Build static/fonts/NotoSansSC-navigator.woff2: Noto Sans SC cut down to the Chinese characters the app shows.

    npm pack @fontsource/noto-sans-sc@5.3.0 && tar xzf fontsource-noto-sans-sc-5.3.0.tgz
    python scripts/build_han_font.py package/files/noto-sans-sc-chinese-simplified-400-normal.woff2

The app writes Chinese only in the spoken-language list ("中文"); a kiosk without a CJK font would draw boxes, and the
whole font is several megabytes, so the app serves these few glyphs. Run it again when Chinese text is added.
Licence: SIL Open Font Licence (static/fonts/OFL.txt). Needs fonttools and brotli.
"""

import sys

from build_emoji_font import ROOT, cut

sys.path.insert(0, str(ROOT))

from navigator.i18n import REGISTERED, native_name  # noqa: E402
from navigator.person.answers import SPOKEN_LANGUAGES  # noqa: E402

OUT = ROOT / "static" / "fonts" / "NotoSansSC-navigator.woff2"


def is_han(c: str) -> bool:
    return 0x2E80 <= ord(c) <= 0x9FFF or 0xF900 <= ord(c) <= 0xFAFF or 0x20000 <= ord(c) <= 0x3FFFF


def used_han() -> set[int]:
    names = "".join(native_name(code) for code in set(REGISTERED) | set(SPOKEN_LANGUAGES))
    return {ord(c) for c in names if is_han(c)}


if __name__ == "__main__":
    cut(sys.argv[1], used_han(), OUT)
