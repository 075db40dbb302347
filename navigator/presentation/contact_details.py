"""What cards show of the national directory: opening hours as a week, open now or when it opens, and where each
imported fact comes from ("from DORA, updated 12 March 2026"). Plain functions returning escaped HTML, called by
`presentation.cards`; the words are translated, the times and days written by Babel in the visitor's language.
"""

from __future__ import annotations

from datetime import date, datetime

from babel.dates import format_time

from navigator.catalogue.data_inclusion.hours import Week, now_in_france, week_of
from navigator.i18n import N_, babel_locale, direction, translator, weekday, weekday_and_date
from navigator.presentation.labels import format_day

#: The words of the hours lines, marked for translation.
OPEN_UNTIL = N_("Open now, until {time}")
OPEN_NOW = N_("Open now")
OPENS_AT = N_("Closed now, opens {day} at {time}")
CLOSED_NOW = N_("Closed now")
CLOSED_DAY = N_("closed")
FROM_SOURCE_UPDATED = N_("From {source}, updated {day}.")
FILLED_FROM = N_("from {source}, {day}")


def _html():
    from navigator.presentation.cards import ltr, safe, text_in  # cards imports this module: read them at call time

    return ltr, safe, text_in


def _time(value, lang: str) -> str:
    return format_time(value, format="short", locale=babel_locale(lang))


def _slots(slots, lang: str) -> str:
    ltr, _safe, _t = _html()
    return ("، " if direction(lang) == "rtl" else ", ").join(ltr(f"{_time(a, lang)}–{_time(b, lang)}") for a, b in slots)


def state_line(week: Week, now: datetime, lang: str) -> str:
    """'Open now, until 12:30' or 'Closed now, opens Tuesday at 09:00', in `lang`."""
    _ = translator(lang).gettext
    ltr, safe, _t = _html()
    change = week.next_change
    if week.open_now:
        if change is None:
            return "🟢 " + safe(_(OPEN_NOW))
        return "🟢 " + safe(_(OPEN_UNTIL)).format(time=ltr(_time(change, lang)))
    if change is None:
        return "🔴 " + safe(_(CLOSED_NOW))
    day = weekday(change.date(), lang)
    if (change.date() - now.date()).days >= 7:
        day = weekday_and_date(change.date(), lang)
    return "🔴 " + safe(_(OPENS_AT)).format(day=safe(day), time=ltr(_time(change, lang)))


def hours_lines(expression: str | None, lang: str, now: datetime | None = None) -> list[str]:
    """The hours of a card: open now or when it opens, then the next seven days; an expression the parser does not
    read is shown as written (in French, marked)."""
    if not expression:
        return []
    now = now or now_in_france()
    week = week_of(expression, now)
    ltr, safe, text_in = _html()
    if week is None:
        return [f"🕒 {text_in({'fr': expression}, lang)}"]
    _ = translator(lang).gettext
    days = []
    for day, slots in week.days:
        name = safe(weekday(day, lang))
        shown = _slots(slots, lang) if slots else safe(_(CLOSED_DAY))
        today = ' class="nav-today"' if day == now.date() else ""
        days.append(f"<li{today}><b>{name}</b> {shown}</li>")
    return [f'🕒 {state_line(week, now, lang)}<ul class="nav-hours">{"".join(days)}</ul>']


def filled_mark(programme, field: str, lang: str) -> str:
    """After a contact a curated entry took from the directory: ' (from DORA, 4 May 2026)'; '' otherwise."""
    origin = getattr(programme, "contact_origins", {}).get(field)
    if not origin:
        return ""
    _ = translator(lang).gettext
    ltr, safe, _t = _html()
    source, day, _service = origin
    return ' <span class="nav-origin">(' + safe(_(FILLED_FROM)).format(source=ltr(source), day=safe(format_day(day, lang))) + ")</span>"


def provenance_line(programme, lang: str) -> str | None:
    """For an imported service: 'From DORA, updated 12 March 2026.' with the link to its page at the source."""
    if getattr(programme, "origin", None) is None:
        return None
    _ = translator(lang).gettext
    ltr, safe, _t = _html()
    text = safe(_(FROM_SOURCE_UPDATED)).format(source=ltr(programme.source.title), day=safe(format_day(programme.last_checked, lang)))
    url = programme.source.url
    if url:
        text += f' <a href="{safe(str(url))}" target="_blank" rel="noopener noreferrer">{ltr(str(url))}</a>'
    return f'<p class="nav-source">🗓️ {text}</p>'


def today_in_france() -> date:
    return now_in_france().date()
