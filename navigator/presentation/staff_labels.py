"""What the staff desk reads, in French: a search hit as a line (name, territory, status, last checked, main contact),
curator warnings in words, and the statistics' categories by name instead of code."""

from __future__ import annotations

from datetime import date

from babel import Locale

from navigator.catalogue.freshness import STATE_WORDS, concerns, day_fr, programme_warnings
from navigator.catalogue.models import Programme
from navigator.i18n import native_name
from navigator.person.places import departement_names
from navigator.presentation.cards import display_phone, ltr, safe
from navigator.presentation.labels import label
from navigator.vocabulary import FrenchLevel, Project, Status

#: The fields a curator edits, by their name on a form (not the YAML key).
FIELDS = {
    "status.ends_on": "date de fin annoncée",
    "status.state": "statut",
    "last_checked": "date de dernière vérification",
    "summary": "résumé",
}
#: Why an imported service was merged into a curated programme, as the desk says it.
MERGE_REASONS = {
    "named in the curated file": "nommé dans la fiche du catalogue",
    "same name and commune": "même nom et même commune",
    "same SIRET": "même SIRET",
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


def state_fr(p: Programme) -> str:
    return STATE_WORDS.get(p.status.state, p.status.state.value)


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


def checked_fr(p: Programme) -> str:
    """'vérifié le 23 novembre 2026', or that no check is recorded."""
    return f"vérifié le {day_fr(p.last_checked)}" if p.last_checked else "date de vérification inconnue"


def hit_line(p: Programme, today: date) -> str:
    """One search hit for the desk, as safe HTML."""
    old = " ⚠️" if concerns(p, today) else ""
    return f"<b>{safe(p.name['fr'])}</b> — {safe(p.zone.name)} — {safe(state_fr(p))} — {safe(checked_fr(p))}{old} — {main_contact(p)}"


def warning_lines(programmes, today: date) -> list[str]:
    """What to re-check, one line per programme and warning (the wording of `freshness`), as safe HTML."""
    return [
        f"<b>{safe(p.name['fr'])}</b> — {safe(FIELDS.get(field, field))} : {safe(text)}"
        for p in programmes
        for field, text in programme_warnings(p, today)
    ]


def merge_line(m) -> str:
    """An imported service merged into a curated programme, for the desk, as safe HTML."""
    service = (
        f"{safe(m.service_name)} ({safe(m.service_source)}, <code>{safe(m.service_id)}</code>)"
        if m.service_name
        else f"<code>{safe(m.service_id)}</code>"
    )
    return f"<code>{safe(m.programme_id)}</code> ← {service} — {safe(MERGE_REASONS.get(m.why, m.why))}"


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
