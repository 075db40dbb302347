"""The take-away sheet as a PDF: the printable sheet's own HTML laid out by WeasyPrint (HTML and CSS to PDF, text
shaped by Pango and HarfBuzz: Arabic joined and right to left, Ethiopic, Bengali…), with the fonts of every script it
draws embedded (`sheet_fonts.PDF_FACES`). A phone keeps it as one file; a kiosk never gets it (`navigator/ui`).

WeasyPrint needs Debian's Pango (`libpango-1.0-0`, `libpangoft2-1.0-0`, installed by test.sh and run.sh when
missing): without it `pdf_problem()` says why and the app offers printing and the link only.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import date
from functools import cache

from navigator.catalogue.models import Programme
from navigator.presentation.sheet import sheet_html
from navigator.presentation.sheet_fonts import pdf_font_css

#: Tighter than the HTML sheet (a browser's print adds its own margins and scaling): A4, 10 mm margins, 9 pt text,
#: a smaller QR code beside the link, so that five routes with their French take two pages at most.
PDF_CSS = """
@page{size:A4;margin:10mm}
body{font-size:9pt;line-height:1.28}
h1{font-size:13pt}
.row{padding:.3rem 0;gap:.8rem}
.nav-card-title{font-size:10pt}
.nav-link{display:block;overflow:hidden}
.nav-link img{float:left;width:90px;height:90px;margin-right:.8rem}
[dir=rtl] .nav-link img{float:right;margin-right:0;margin-left:.8rem}
"""
#: PDFs kept per process, by selection (programme objects, language, day, title, link): nothing about the person.
CACHED = 32

_cache: OrderedDict[tuple, tuple[tuple[Programme, ...], bytes]] = OrderedDict()
_lock = threading.Lock()


@cache
def pdf_problem() -> str | None:
    """Why no PDF can be made on this machine (WeasyPrint or Pango missing), or None."""
    try:
        import weasyprint  # noqa: F401  (loads Pango through its C bindings)
    except (ImportError, OSError) as error:
        return f"WeasyPrint cannot start: {error}"
    return None


def _render(programmes: list[Programme], lang: str, today: date, title: str, link: str | None) -> bytes:
    import weasyprint

    html = sheet_html(programmes, lang, today, title, link, font_css=pdf_font_css(lang), extra_css=PDF_CSS)
    return weasyprint.HTML(string=html).write_pdf(pdf_variant=None, uncompressed_pdf=False)


def sheet_pdf(programmes: list[Programme], lang: str, today: date, title: str, link: str | None = None) -> bytes:
    """The sheet of `programmes` in `lang` (with the French beside it) as PDF bytes; the last few are cached per
    process, as a selection is often downloaded twice."""
    chosen = tuple(programmes)
    key = (tuple(map(id, chosen)), lang, today, title, link)
    with _lock:
        found = _cache.get(key)
        if found is not None and all(a is b for a, b in zip(found[0], chosen, strict=True)):
            _cache.move_to_end(key)
            return found[1]
    pdf = _render(list(chosen), lang, today, title, link)
    with _lock:
        _cache[key] = (chosen, pdf)  # holding the programmes keeps their ids from being reused while cached
        while len(_cache) > CACHED:
            _cache.popitem(last=False)
    return pdf
