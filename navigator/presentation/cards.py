"""HTML for programme cards and the take-away sheet: plain Python, every catalogue text escaped.

Catalogue text is text: `safe()` escapes it for HTML, so a description can never add a tag, a script, a style or a
link; the only links are the declared contacts, built here from validated fields. The UI puts this HTML on the page
as HTML (`st.html`), never through Markdown, so an escaped character shows as itself, not as `&#x27;`.
"""

from __future__ import annotations

import html
import re
from datetime import date
from urllib.parse import urlencode

from navigator.catalogue.models import Programme
from navigator.eligibility import Match
from navigator.eligibility.matching import lifecycle_warnings
from navigator.eligibility.reasons import Criterion, ReasonCode
from navigator.i18n import direction, translator
from navigator.presentation import contact_details
from navigator.presentation.contact_details import filled_mark, hours_lines, provenance_line
from navigator.presentation.labels import JARGON, describe_reason, explain, format_day, icon, label, localized
from navigator.presentation.qr import qr_data_uri
from navigator.rerun_cache import by_identity
from navigator.vocabulary import AccessMode, Outcome


def safe(text: object) -> str:
    """Text as HTML: every markup character escaped, line breaks kept. Shown as HTML, it reads exactly as the text."""
    return html.escape(str(text), quote=True).replace("\r", "").replace("\n", "<br>")


def ltr(text: str) -> str:
    """Phone numbers, postal codes, URLs keep their order inside right-to-left text."""
    return f'<bdi dir="ltr">{safe(text)}</bdi>'


_WORD = r"[A-Za-zÀ-ÖØ-öø-ɏ0-9](?:[A-Za-zÀ-ÖØ-öø-ɏ0-9'’./-]*[A-Za-zÀ-ÖØ-öø-ɏ0-9'’])?"
#: What must read left to right inside Arabic, Dari or Pashto text: a web address, an email address, a phone number,
#: a code of letters and digits, or a run of Latin-script words (a French name or title).
_LTR_RUN = re.compile(
    r"(?:https?://|www\.)[^\s<>\"«»]*[^\s<>\"«».,;:!?)]"  # a web address, without the full stop after it
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # an email address
    r"|\+?\d[\d \u00a0.]{6,}\d"  # a phone number
    rf"|{_WORD}(?:[ \u00a0]+{_WORD})*"  # Latin-script words and codes (CAP/BEP, A1.1)
)
#: Plain numbers read well in right-to-left text: only runs holding a Latin letter or a separator become islands.
_NEEDS_ISLAND = re.compile(r"[A-Za-zÀ-ÖØ-öø-ɏ@/]|\d[\d \u00a0.]{6,}\d")


def text_for(text: str, lang: str) -> str:
    """Safe HTML for a text in `lang`. In a right-to-left language each web or email address, phone number, code and
    run of Latin-script words is kept in its own left-to-right island, so an address reads as typed and a French name
    or title, with the quotes and full stop around it, reads in the right order."""
    if direction(lang) != "rtl":
        return safe(text)
    parts, last = [], 0
    for run in _LTR_RUN.finditer(text):
        if not _NEEDS_ISLAND.search(run.group()):
            continue
        parts += [safe(text[last : run.start()]), ltr(run.group())]
        last = run.end()
    return "".join(parts) + safe(text[last:])


def _in_french_marker(lang: str) -> str:
    _ = translator(lang).gettext
    marker = safe(_("in French"))
    return f' <span class="nav-infr">({marker})</span>'


def text_in(value: dict[str, str] | None, lang: str) -> str:
    """A catalogue text in `lang`, or the French with a visible 'in French' marker."""
    text, fell_back = localized(value, lang)
    if not text:
        return ""
    if fell_back:
        return f'<span lang="fr" dir="ltr">{safe(text)}</span>{_in_french_marker(lang)}'
    return f'<span lang="{lang}">{text_for(text, lang)}</span>'


def jargon_notes(p: Programme, lang: str) -> list[str]:
    """Plain explanations of the jargon words a programme's name or summary uses (QPV, RSA, CAE, Scop…)."""
    words = set(re.findall(r"[A-Za-zÀ-ÿ]+", " ".join([p.name["fr"], p.summary["fr"], p.organisation])))
    if p.audience.qpv_only:
        words.add("QPV")
    if AccessMode.REFERRAL in p.access.modes:
        words.add("prescripteur")
    return list(dict.fromkeys(explain(term, lang) for term in JARGON if term in words))


def display_phone(e164: str) -> str:
    if e164.startswith("+33") and len(e164) == 12:
        national = "0" + e164[3:]
        return " ".join(national[i : i + 2] for i in range(0, 10, 2))
    return e164


def _kiosk_qr(url: str) -> str:
    """On a kiosk an address is taken away, not opened: a QR code beside its text (which says the same, so no alt)."""
    return f'<br><img class="nav-qr" alt="" src="{qr_data_uri(url)}" width="132" height="132">'


def contact_lines(p: Programme, lang: str, kiosk: bool = False) -> list[str]:
    """Tappable contacts: tel:, mailto:, the website, a map link for the address.

    On a kiosk nothing opens outside the app: the phone and email are text, the website and the map are their
    address as text with a QR code to scan."""
    _ = translator(lang).gettext
    c = p.contacts
    lines = []
    if c.phone:
        number = ltr(display_phone(c.phone))
        shown = number if kiosk else f'<a href="tel:{safe(c.phone)}">{number}</a>'
        lines.append(f"📞 {shown}{filled_mark(p, 'phone', lang)}")
    if c.email:
        shown = ltr(c.email) if kiosk else f'<a href="mailto:{safe(c.email)}">{ltr(c.email)}</a>'
        lines.append(f"✉️ {shown}{filled_mark(p, 'email', lang)}")
    if c.website:
        url = str(c.website)
        if kiosk:
            lines.append(f"🌐 {ltr(url)}{_kiosk_qr(url)}")
        else:
            lines.append(f'🌐 <a href="{safe(url)}" target="_blank" rel="noopener noreferrer">{ltr(url)}</a>')
    if c.address:
        map_url = "https://www.openstreetmap.org/search?" + urlencode({"query": c.address})
        map_word = safe(_("map"))
        if kiosk:
            lines.append(f"📍 {ltr(c.address)} — {map_word}{filled_mark(p, 'address', lang)}{_kiosk_qr(map_url)}")
        else:
            lines.append(
                f'📍 {ltr(c.address)} — <a href="{safe(map_url)}" target="_blank" rel="noopener noreferrer">{map_word}</a>{filled_mark(p, "address", lang)}'
            )
    elif p.place:  # French words, as the file has them: one left-to-right island, its comma and brackets in place
        lines.append(f'📍 <span lang="fr">{ltr(p.place)}</span>')
    lines.extend(line + filled_mark(p, "opening_hours", lang) for line in hours_lines(c.opening_hours, lang))
    if c.opening_text:
        lines.append(f"🕒 {text_in(c.opening_text, lang)}")
    if c.how_to_reach:
        lines.append(f"➡️ {text_in(c.how_to_reach, lang)}")
    return lines


def checked_sentence(p: Programme, lang: str) -> str:
    """'Information checked on 23 November 2026. ' as safe HTML; nothing when no check is recorded (the card's
    warning says the date is unknown)."""
    if p.last_checked is None:
        return ""
    return safe(translator(lang).gettext("Information checked on {day}.").format(day=format_day(p.last_checked, lang))) + " "


def _reason_item(reason, lang: str, zone: str) -> str:
    mark = {Outcome.MET: "✔️", Outcome.NOT_MET: "✖️", Outcome.NEAR: "🔸", Outcome.UNKNOWN: "❔"}[reason.outcome]
    return f"<li>{mark} {text_for(describe_reason(reason, lang, zone), lang)}</li>"


def card_html(p: Programme, lang: str, today: date, m: Match | None = None, full: bool = False, kiosk: bool = False) -> str:
    """One programme as a card, in `lang`. With a Match, says why it fits; `full` adds the description; on a `kiosk`
    no link leads out of the app (see contact_lines).

    Only the reasons and the warnings depend on the match; the rest of the card (name, summary, how to get in,
    contacts, source) depends on the programme, the language and the day only, and is made once per process
    (rerun_cache): every rerun of a results screen shows the same cards again."""
    _ = translator(lang).gettext
    parts = [_card_head(p, lang)]
    if m is not None:
        reasons = [r for r in m.reasons if r.criterion is not Criterion.PROJECTS or r.outcome is not Outcome.MET]
        if reasons:
            parts.append('<p class="nav-h">' + safe(_("Why")) + '</p><ul class="nav-reasons">')
            parts.extend(_reason_item(r, lang, p.zone.name) for r in reasons)
            parts.append("</ul>")
    # How fresh the information is, wherever the card goes (results, shared page, sheet): old, or past its end.
    for w in m.warnings if m is not None else lifecycle_warnings(p, today):
        if w.code is not ReasonCode.PROGRAMME_ENDED:  # said above
            parts.append(f'<p class="nav-warning">⚠️ {text_for(describe_reason(w, lang), lang)}</p>')
    # Opening hours say "open now": a card with hours is made again each minute.
    minute = contact_details.now_in_france().strftime("%Y-%m-%d %H:%M") if p.contacts.opening_hours else None
    parts.append(_card_tail(p, lang, today, full, kiosk, minute))
    return "".join(parts)


@by_identity()
def _card_head(p: Programme, lang: str) -> str:
    """A card's opening: its name, organisation, summary and whether it has ended."""
    _ = translator(lang).gettext
    parts = [f'<div class="nav-card" dir="{direction(lang)}" lang="{lang}" data-programme="{safe(p.id)}">']
    parts.append(f'<p class="nav-card-title" role="heading" aria-level="3">{text_in(p.name, lang)}</p>')
    parts.append(f'<p class="nav-org">{ltr(p.organisation)}</p>')
    parts.append(f'<p class="nav-summary">{text_in(p.summary, lang)}</p>')
    if p.is_ended:
        parts.append('<p class="nav-warning">⛔ ' + safe(_("This programme has ended.")) + "</p>")
    return "".join(parts)


@by_identity()
def _card_tail(p: Programme, lang: str, today: date, full: bool, kiosk: bool, minute: str | None) -> str:
    """A card's rest, after the reasons: description (`full`), notes, how to get in, cost, contacts, source; `today`
    and `minute` (None without opening hours) are keys, for what a day or a minute changes."""
    _ = translator(lang).gettext
    parts = []
    if full:
        parts.append(f'<p class="nav-description">{text_in(p.description, lang)}</p>')
    parts.extend(f'<p class="nav-jargon">💡 {text_for(note, lang)}</p>' for note in jargon_notes(p, lang))
    access = " · ".join(f"{icon(mode)} {safe(label(mode, lang))}" for mode in p.access.modes)
    parts.append('<p class="nav-h">' + safe(_("How to get in")) + f"</p><p>{access}</p><p>{text_in(p.access.how, lang)}</p>")
    if p.access.prescribers:
        who = ", ".join(safe(label(x, lang)) for x in p.access.prescribers)
        parts.append("<p>📝 " + safe(_("Who can send you:")) + f" {who}</p>")
    if p.access.dates:
        parts.append(f"<p>📅 {text_in(p.access.dates, lang)}</p>")
    if p.duration:
        parts.append(f"<p>⏱️ {text_in(p.duration, lang)}</p>")
    cost = _("Free") if p.cost and p.cost.value == "gratuit" else _("Paid") if p.cost else _("Cost: ask them")
    parts.append(f"<p>💶 {safe(cost)}{' — ' + text_in(p.cost_details, lang) if p.cost_details else ''}</p>")
    parts.append('<p class="nav-h">' + safe(_("Contact")) + '</p><ul class="nav-contacts">')
    parts.extend(f"<li>{line}</li>" for line in contact_lines(p, lang, kiosk))
    parts.append("</ul>")
    source_word = safe(_("Source:"))
    parts.append(provenance_line(p, lang) or f'<p class="nav-source">🗓️ {checked_sentence(p, lang)}{source_word} {ltr(p.source.title)}</p>')
    parts.append("</div>")
    return "".join(parts)
