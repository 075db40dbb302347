"""The take-away: the shared link's query, its QR code, and the printable sheet."""

from __future__ import annotations

from datetime import date
from urllib.parse import quote, urlencode

from navigator.catalogue.models import Programme
from navigator.i18n import direction, translator
from navigator.presentation.cards import card_html, safe
from navigator.presentation.labels import format_day
from navigator.presentation.qr import qr_data_uri
from navigator.presentation.sheet_fonts import sheet_font_css

__all__ = ["qr_data_uri", "share_query", "sheet_html"]


def share_query(ids: list[str], lang: str) -> str:
    """The query string of a shared link: route ids and the language, never the person's answers."""
    return urlencode({"lang": lang, "routes": ",".join(ids)}, quote_via=quote, safe=",")


def sheet_html(programmes: list[Programme], lang: str, today: date, title: str) -> str:
    """A self-contained printable page: each route in the person's language with the French beside it."""
    _ = translator(lang).gettext
    rows = []
    for p in programmes:
        own = card_html(p, lang, today)
        if lang == "fr":
            rows.append(f'<section class="row single">{own}</section>')
        else:
            rows.append(
                f'<section class="row"><div class="col">{own}</div><div class="col" lang="fr">{card_html(p, "fr", today)}</div></section>'
            )
    printed = _("Printed on {day}.").format(day=format_day(today, lang))
    return f"""<!doctype html>
<html lang="{lang}" dir="{direction(lang)}"><head><meta charset="utf-8"><title>{safe(title)}</title>
<style>
{sheet_font_css(lang)}
body{{margin:1.5rem;color:#10203a}}
.row{{display:flex;gap:1.5rem;border-bottom:2px solid #ccd;padding:1rem 0;page-break-inside:avoid}}
.col{{flex:1}} .nav-card h3{{margin:.2rem 0}} .nav-warning{{color:#8a4b00}} .nav-infr{{color:#555;font-size:.85em}}
a{{color:#0b4f96}} bdi{{unicode-bidi:isolate}}
@media print{{a{{text-decoration:none}}}}
</style></head><body>
<h1>{safe(title)}</h1><p>{safe(printed)}</p>
{"".join(rows)}
</body></html>"""
