"""The take-away: the shared link's query, its QR code, and the printable sheet."""

from __future__ import annotations

from datetime import date
from urllib.parse import quote, urlencode

from navigator.catalogue.models import Programme
from navigator.eligibility.matching import lifecycle_warnings
from navigator.eligibility.reasons import ReasonCode
from navigator.i18n import direction, translator
from navigator.presentation.cards import checked_sentence, contact_lines, ltr, safe, text_for, text_in
from navigator.presentation.labels import describe_reason, format_day
from navigator.presentation.qr import qr_data_uri
from navigator.presentation.route_codes import route_code, route_codes
from navigator.presentation.sheet_fonts import sheet_font_css

__all__ = ["qr_data_uri", "route_code", "route_codes", "route_ids", "share_query", "sheet_html"]


#: Routes a shared link holds at most: with short codes its QR code stays small enough to scan from a phone screen or
#: a print (version 8 or less at 'm' correction); the printed sheet holds every chosen route.
SHARED_MAX = 10


def share_query(ids: list[str], lang: str, limit: int = SHARED_MAX) -> str:
    """The query string of a shared link: the first `limit` routes' short codes and the language, never the person's
    answers (the sheet's download link holds up to SHEET_MAX)."""
    return urlencode({"lang": lang, "routes": ",".join(route_code(i) for i in ids[:limit])}, quote_via=quote, safe=",")


#: Routes a downloaded sheet holds at most (a results screen shows a handful per project; "Show more" adds more).
SHEET_MAX = 60
#: The path the sheet is downloaded from (navigator/ui/sheet_download.py answers it).
SHEET_PATH = "/sheet"


def route_ids(param: str, limit: int) -> list[str]:
    """The route codes or ids a link names (its `routes` parameter), at most `limit`, each once, in order; whatever a
    tampered link holds is cut to size here, before anything is looked up."""
    return list(dict.fromkeys(i.strip() for i in param[:2000].split(",") if i.strip()))[:limit]


def sheet_card(p: Programme, lang: str, today: date) -> str:
    """One route on the printed sheet, compact: its name in bold, what it is, how to get in, who to contact, and how
    fresh the information is (the screen's card also explains why it fits and the jargon)."""
    _ = translator(lang).gettext
    parts = [f'<div class="nav-card" dir="{direction(lang)}" lang="{lang}" data-programme="{safe(p.id)}">']
    # The organisation (French, left to right) on its own line, as on the screen's card: on one line with a
    # right-to-left name it split around the name, its first words at the far end of the line (Urdu, Arabic…).
    parts.append(f'<p class="nav-card-title">{text_in(p.name, lang)}</p><p class="nav-org">{ltr(p.organisation)}</p>')
    parts.append(f"<p>{text_in(p.summary, lang)}</p>")
    if p.is_ended:
        parts.append('<p class="nav-warning">⛔ ' + safe(_("This programme has ended.")) + "</p>")
    warnings = [w for w in lifecycle_warnings(p, today) if w.code is not ReasonCode.PROGRAMME_ENDED]
    parts.extend(
        f'<p class="nav-warning">⚠️ {text_for(describe_reason(w, lang), lang)}</p>'
        for w in warnings
        if w.code is not ReasonCode.INFORMATION_UNDATED
    )
    parts.append(f"<p><b>{safe(_('How to get in'))}:</b> {text_in(p.access.how, lang)}</p>")
    parts.append('<ul class="nav-contacts">' + "".join(f"<li>{line}</li>" for line in contact_lines(p, lang)) + "</ul>")
    # How fresh, at the foot as the screen's card has it: the day it was checked, or (a short line, not a warning
    # block: five routes must fit on two pages in every script) that the day is unknown.
    undated = [text_for(describe_reason(w, lang), lang) for w in warnings if w.code is ReasonCode.INFORMATION_UNDATED]
    if footer := checked_sentence(p, lang) or "".join(undated):
        parts.append(f'<p class="nav-source">{footer}</p>')
    parts.append("</div>")
    return "".join(parts)


def _link_block(link: str, lang: str) -> str:
    alt = translator(lang).gettext("QR code: scan it with your phone to open these results")
    return (
        f'<p class="nav-link"><img alt="{safe(alt)}" src="{qr_data_uri(link)}" width="150" height="150">'
        f'<bdi dir="ltr">{safe(link)}</bdi></p>'
    )


def sheet_html(
    programmes: list[Programme],
    lang: str,
    today: date,
    title: str,
    link: str | None = None,
    font_css: str | None = None,
    extra_css: str = "",
) -> str:
    """A self-contained printable page: each route in the person's language with the French beside it; with a
    shared `link`, its QR code and address at the top, to reopen the routes on a phone. `font_css` replaces the
    embedded browser fonts (the PDF has its own, `sheet_pdf`), `extra_css` comes last."""
    _ = translator(lang).gettext
    rows = []
    for p in programmes:
        own = sheet_card(p, lang, today)
        if lang == "fr":
            rows.append(f'<section class="row single">{own}</section>')
        else:
            rows.append(
                f'<section class="row"><div class="col">{own}</div><div class="col" lang="fr">{sheet_card(p, "fr", today)}</div></section>'
            )
    printed = _("Printed on {day}.").format(day=format_day(today, lang))
    return f"""<!doctype html>
<html lang="{lang}" dir="{direction(lang)}"><head><meta charset="utf-8"><title>{safe(title)}</title>
<style>
{sheet_font_css(lang) if font_css is None else font_css}
@page{{size:A4;margin:12mm}}
body{{margin:0;color:#10203a;font-size:10pt;line-height:1.35}}
h1{{font-size:15pt;margin:0 0 .2rem 0}} p{{margin:.12rem 0}}
.row{{display:flex;gap:1rem;border-bottom:1px solid #99a;padding:.45rem 0;break-inside:avoid;page-break-inside:avoid}}
.col{{flex:1;min-width:0}} .col[lang="fr"]{{color:#333}}
.nav-card-title{{font-weight:700;font-size:11pt}} .nav-org{{color:#33465f;font-size:.85em;line-height:1.2}}
.nav-warning{{color:#8a4b00}} .nav-infr{{color:#555;font-size:.85em}} .nav-source{{color:#555;font-size:.85em}}
.nav-contacts{{margin:.1rem 0;padding:0;list-style:none}} .nav-contacts li{{margin:0}}
a{{color:#0b4f96}} bdi{{unicode-bidi:isolate}}
.nav-link{{display:flex;align-items:center;gap:1rem;word-break:break-all;font-size:.85em}}
@media print{{a{{text-decoration:none}}}}
{extra_css}
</style></head><body>
<h1>{safe(title)}</h1><p>{safe(printed)}</p>
{_link_block(link, lang) if link else ""}
{"".join(rows)}
</body></html>"""
