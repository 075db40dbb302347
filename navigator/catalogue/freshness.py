"""How fresh each programme's information is: the staleness and announced-end rules, and the warnings for curators."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from enum import StrEnum

from navigator.catalogue.loading import SUFFIXES, Catalogue, Problem, parse_yaml
from navigator.catalogue.models import Programme
from navigator.catalogue.prose import ContactInProse, contacts_in_prose, domain_of, phone_digits
from navigator.i18n import long_date
from navigator.vocabulary import Lifecycle

#: An entry not confirmed for longer than this is shown with "call before you go".
STALE_AFTER = timedelta(days=365)


def recheck_due(programme: Programme) -> date | None:
    """The day the programme's facts are due for a re-check: `recheck_months` (12 by default) after `last_checked`;
    None when no check is recorded (the entry is due now)."""
    checked = programme.last_checked
    if checked is None:
        return None
    month = checked.month - 1 + programme.recheck_months
    year, month = checked.year + month // 12, month % 12 + 1
    return date(year, month, min(checked.day, calendar.monthrange(year, month)[1]))


def is_stale(programme: Programme, today: date) -> bool:
    """Past its re-check date (`recheck_months` after it was last confirmed; a year unless the file says otherwise),
    or never recorded as checked."""
    due = recheck_due(programme)
    return due is None or today > due


def is_past_announced_end(programme: Programme, today: date) -> bool:
    """An experiment past its stated end date, with no word of its end."""
    status = programme.status
    return status.state is Lifecycle.EXPERIMENTAL and status.ends_on is not None and status.ends_on < today


class Concern(StrEnum):
    """Why a programme that still runs should be re-checked with its provider."""

    PAST_ANNOUNCED_END = "past_announced_end"  # an experiment past its stated end date
    STATUS_TO_CHECK = "status_to_check"  # announced but not shown open, or not confirmed since its sources
    NOT_CHECKED = "not_checked"  # not confirmed for too long
    CHECK_DATE_UNKNOWN = "check_date_unknown"  # no check recorded: `last_checked` left out


def concerns(programme: Programme, today: date) -> list[Concern]:
    """What a curator (and the card) should say about how fresh this programme's information is; none if it ended."""
    if programme.is_ended:
        return []
    found = []
    if is_past_announced_end(programme, today):
        found.append(Concern.PAST_ANNOUNCED_END)
    if programme.status.state in (Lifecycle.ANNOUNCED, Lifecycle.UNCONFIRMED):
        found.append(Concern.STATUS_TO_CHECK)
    if programme.last_checked is None:
        found.append(Concern.CHECK_DATE_UNKNOWN)
    elif is_stale(programme, today):
        found.append(Concern.NOT_CHECKED)
    return found


# --- what curators read: the one wording of every warning, in French (the desks and the command line use it) ---

#: A programme's state, as curators say it.
STATE_WORDS = {
    Lifecycle.ACTIVE: "actif",
    Lifecycle.EXPERIMENTAL: "expérimentation",
    Lifecycle.RECURRING: "récurrent",
    Lifecycle.PLANNED: "prévu",
    Lifecycle.ANNOUNCED: "annoncé",
    Lifecycle.UNCONFIRMED: "à confirmer",
    Lifecycle.ENDED: "terminé",
}


def day_fr(day: date) -> str:
    """'23 novembre 2026'."""
    return long_date(day, "fr")


def describe(programme: Programme, concern: Concern) -> str:
    """The concern in words for curators, in French: what is wrong and what to do."""
    if concern is Concern.PAST_ANNOUNCED_END:
        return f"expérimentation censée finir le {day_fr(programme.status.ends_on)} : vérifier qu'elle continue"
    if concern is Concern.STATUS_TO_CHECK:
        state = STATE_WORDS.get(programme.status.state, programme.status.state.value)
        return f"statut « {state} » : confirmer qu'il fonctionne, puis le passer à « actif » (ou « terminé »)"
    if concern is Concern.CHECK_DATE_UNKNOWN:
        return "date de dernière vérification inconnue : appeler pour confirmer, puis noter la date"
    return (
        f"pas vérifié depuis le {day_fr(programme.last_checked)} (à revérifier depuis le {day_fr(recheck_due(programme))})"
        " : appeler pour confirmer"
    )


#: The field a curator edits to clear each concern.
CONCERN_FIELD = {
    Concern.PAST_ANNOUNCED_END: "status.ends_on",
    Concern.STATUS_TO_CHECK: "status.state",
    Concern.NOT_CHECKED: "last_checked",
    Concern.CHECK_DATE_UNKNOWN: "last_checked",
}
NO_ENGLISH = "pas de texte en anglais"


def programme_warnings(programme: Programme, today: date) -> list[tuple[str, str]]:
    """(field, what to do) for one programme: how fresh it is, and a running programme without English."""
    found = [(CONCERN_FIELD[c], describe(programme, c)) for c in concerns(programme, today)]
    if not programme.is_ended and ("en" not in programme.summary or "en" not in programme.name):
        found.append(("summary", NO_ENGLISH))
    return found


def warnings(catalogue: Catalogue, today: date) -> list[Problem]:
    """Things a curator should look at; they do not block loading."""
    found = [Problem(f"{p.id}.yaml", field, text) for p in catalogue for field, text in programme_warnings(p, today)]
    found.extend(prose_warnings(catalogue))
    return found


#: A contact a text writes out, in the curator's words: the programme's own (use the placeholder) or another's.
CONTACT_WORDS = {"website": "le site web", "email": "le courriel", "phone": "le numéro de téléphone"}


def describe_contact(found: ContactInProse, owners: dict[tuple[str, str], str]) -> str:
    """One contact written in a text, in French; `owners` ((kind, key) → programme id) names whose contact another
    one is, so a curator knows which file to follow when it changes."""
    words = CONTACT_WORDS[found.kind]
    if found.own:
        return f"écrit {words} de la fiche ({found.value}) : écrire {{{found.kind}}} à la place"
    owner = owners.get((found.kind, contact_key(found.kind, found.value)))
    if owner:
        return f"écrit {words} de {owner}.yaml ({found.value}) : le corriger ici aussi s'il change dans {owner}.yaml"
    return f"écrit {words} d'un autre organisme ({found.value}), qu'aucune fiche ne donne : vérifier qu'il est juste"


def contact_key(kind: str, value: str) -> str:
    """What makes two writings of a contact the same: a site's domain, a phone's digits, an email in lower case."""
    return domain_of(value) if kind == "website" else phone_digits(value) if kind == "phone" else value.lower()


def contact_owners(catalogue: Catalogue) -> dict[tuple[str, str], str]:
    """(kind, key) → the programme whose `contacts` give it (the first, in catalogue order)."""
    owners: dict[tuple[str, str], str] = {}
    for p in catalogue:
        for kind in CONTACT_WORDS:
            value = getattr(p.contacts, kind)
            if value:
                owners.setdefault((kind, contact_key(kind, str(value))), p.id)
    return owners


def prose_warnings(catalogue: Catalogue) -> list[Problem]:
    """Phone numbers, emails and web addresses written in a French text instead of a {placeholder} (issue #15), and
    other organisations' contacts, named by the file that holds them when one does."""
    owners = contact_owners(catalogue)
    found = []
    for path in sorted(p for p in catalogue.directory.iterdir() if p.suffix in SUFFIXES):
        try:
            data = parse_yaml(path.read_text(encoding="utf-8"))
        except Exception:  # noqa: BLE001 (the loader reports unreadable files; a warning pass never fails)
            continue
        if isinstance(data, dict):
            own_id = path.stem
            found.extend(
                Problem(path.name, c.field, describe_contact(c, {k: v for k, v in owners.items() if v != own_id}))
                for c in contacts_in_prose(data)
            )
    return found
