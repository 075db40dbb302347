"""What the staff desk reads, in French: a search hit as a line (name, territory, status, last checked, main contact),
curator warnings in words, and the statistics' categories by name instead of code."""

from __future__ import annotations

from datetime import date

from babel import Locale
from babel.dates import format_date

from navigator.catalogue.freshness import CONCERN_FIELD, Concern, concerns
from navigator.catalogue.models import Programme
from navigator.i18n import babel_locale, native_name
from navigator.person.places import departement_names
from navigator.presentation.cards import display_phone, ltr, safe
from navigator.presentation.labels import label
from navigator.vocabulary import FrenchLevel, Lifecycle, Project, Status

#: A programme's state, as the desk says it.
STATES = {
    Lifecycle.ACTIVE: "actif",
    Lifecycle.EXPERIMENTAL: "expérimentation",
    Lifecycle.RECURRING: "récurrent",
    Lifecycle.PLANNED: "prévu",
    Lifecycle.ANNOUNCED: "annoncé",
    Lifecycle.UNCONFIRMED: "à confirmer",
    Lifecycle.ENDED: "terminé",
}
#: The fields a curator edits, by their name on a form (not the YAML key).
FIELDS = {
    "status.ends_on": "date de fin annoncée",
    "status.state": "statut",
    "last_checked": "date de dernière vérification",
    "summary": "résumé",
}
#: Age bands of the statistics.
AGE_BANDS = {
    "unknown": "âge non dit",
    "<16": "moins de 16 ans",
    "16-17": "16–17 ans",
    "18-25": "18–25 ans",
    "26-44": "26–44 ans",
    "45+": "45 ans et plus",
}


def day_fr(day: date) -> str:
    """'23 novembre 2026'."""
    return format_date(day, format="long", locale=babel_locale("fr"))


def state_fr(p: Programme) -> str:
    return STATES.get(p.status.state, p.status.state.value)


def main_contact(p: Programme) -> str:
    """The first way to reach them: phone, email, website, address — as safe HTML, left to right."""
    c = p.contacts
    for shown in (c.phone and "📞 " + ltr(display_phone(c.phone)), c.email and "✉️ " + ltr(c.email)):
        if shown:
            return shown
    if c.website:
        return "🌐 " + ltr(str(c.website))
    if c.address:
        return "📍 " + ltr(c.address)
    return "contact : voir la fiche"


def hit_line(p: Programme, today: date) -> str:
    """One search hit for the desk, as safe HTML."""
    old = " ⚠️" if concerns(p, today) else ""
    return (
        f"<b>{safe(p.name['fr'])}</b> — {safe(p.zone.name)} — {safe(state_fr(p))}"
        f" — vérifié le {safe(day_fr(p.last_checked))}{old} — {main_contact(p)}"
    )


def concern_fr(p: Programme, concern: Concern) -> str:
    """A curator warning in French."""
    if concern is Concern.PAST_ANNOUNCED_END:
        return f"expérimentation censée finir le {day_fr(p.status.ends_on)} : vérifier qu'elle continue"
    if concern is Concern.STATUS_TO_CHECK:
        return f"statut « {state_fr(p)} » : confirmer qu'il fonctionne, puis le passer à « actif » (ou « terminé »)"
    return f"pas vérifié depuis le {day_fr(p.last_checked)} : appeler pour confirmer"


def warning_lines(programmes, today: date) -> list[str]:
    """What to re-check, one line per programme and concern, as safe HTML."""
    lines = []
    for p in programmes:
        for c in concerns(p, today):
            lines.append(f"<b>{safe(p.name['fr'])}</b> — {safe(FIELDS.get(CONCERN_FIELD[c], CONCERN_FIELD[c]))} : {safe(concern_fr(p, c))}")
        if not p.is_ended and ("en" not in p.summary or "en" not in p.name):
            lines.append(f"<b>{safe(p.name['fr'])}</b> — {safe(FIELDS['summary'])} : pas de texte en anglais")
    return lines


def category_fr(metric: str, code: str) -> str:
    """A statistics category by its French name: a project, a situation, a language, a French level, an age band."""
    for vocabulary in (Project, Status, FrenchLevel):
        try:
            return label(vocabulary(code), "fr")
        except ValueError:
            continue
    if metric == "age_band":
        return AGE_BANDS.get(code, code)
    if metric == "language":
        return Locale("fr").languages.get(code) or native_name(code)
    if "departement" in metric:
        name = departement_names().get(code)
        return f"{code} {name}" if name else code
    return code
