"""How fresh each programme's information is: the staleness and announced-end rules, and the warnings for curators."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from enum import StrEnum

from navigator.catalogue.loading import SUFFIXES, Catalogue, Problem, parse_yaml
from navigator.catalogue.models import Programme
from navigator.catalogue.prose import contacts_in_prose
from navigator.vocabulary import Lifecycle

#: An entry not confirmed for longer than this is shown with "call before you go".
STALE_AFTER = timedelta(days=365)


def recheck_due(programme: Programme) -> date:
    """The day the programme's facts are due for a re-check: `recheck_months` (12 by default) after `last_checked`."""
    checked = programme.last_checked
    month = checked.month - 1 + programme.recheck_months
    year, month = checked.year + month // 12, month % 12 + 1
    return date(year, month, min(checked.day, calendar.monthrange(year, month)[1]))


def is_stale(programme: Programme, today: date) -> bool:
    """Past its re-check date (`recheck_months` after it was last confirmed; a year unless the file says otherwise)."""
    return today > recheck_due(programme)


def is_past_announced_end(programme: Programme, today: date) -> bool:
    """An experiment past its stated end date, with no word of its end."""
    status = programme.status
    return status.state is Lifecycle.EXPERIMENTAL and status.ends_on is not None and status.ends_on < today


class Concern(StrEnum):
    """Why a programme that still runs should be re-checked with its provider."""

    PAST_ANNOUNCED_END = "past_announced_end"  # an experiment past its stated end date
    STATUS_TO_CHECK = "status_to_check"  # announced but not shown open, or not confirmed since its sources
    NOT_CHECKED = "not_checked"  # not confirmed for too long


def concerns(programme: Programme, today: date) -> list[Concern]:
    """What a curator (and the card) should say about how fresh this programme's information is; none if it ended."""
    if programme.is_ended:
        return []
    found = []
    if is_past_announced_end(programme, today):
        found.append(Concern.PAST_ANNOUNCED_END)
    if programme.status.state in (Lifecycle.ANNOUNCED, Lifecycle.UNCONFIRMED):
        found.append(Concern.STATUS_TO_CHECK)
    if is_stale(programme, today):
        found.append(Concern.NOT_CHECKED)
    return found


def describe(programme: Programme, concern: Concern) -> str:
    """The concern in words for curators (French and English staff tools)."""
    if concern is Concern.PAST_ANNOUNCED_END:
        return f"experiment due to end on {programme.status.ends_on}: confirm it still runs"
    if concern is Concern.STATUS_TO_CHECK:
        return f"status '{programme.status.state.value}': confirm it runs, then set 'active' (or 'ended')"
    return f"not checked since {programme.last_checked}: call them to confirm"


#: The field a curator edits to clear each concern.
CONCERN_FIELD = {Concern.PAST_ANNOUNCED_END: "status.ends_on", Concern.STATUS_TO_CHECK: "status.state", Concern.NOT_CHECKED: "last_checked"}


def warnings(catalogue: Catalogue, today: date) -> list[Problem]:
    """Things a curator should look at; they do not block loading."""
    found: list[Problem] = []
    for p in catalogue:
        name = f"{p.id}.yaml"
        found.extend(Problem(name, CONCERN_FIELD[c], describe(p, c)) for c in concerns(p, today))
        if not p.is_ended and ("en" not in p.summary or "en" not in p.name):
            found.append(Problem(name, "summary", "no English text"))
    found.extend(prose_warnings(catalogue))
    return found


def prose_warnings(catalogue: Catalogue) -> list[Problem]:
    """Phone numbers, emails and web addresses written in a French text instead of a {placeholder} (issue #15)."""
    found = []
    for path in sorted(p for p in catalogue.directory.iterdir() if p.suffix in SUFFIXES):
        try:
            data = parse_yaml(path.read_text(encoding="utf-8"))
        except Exception:  # noqa: BLE001 (the loader reports unreadable files; a warning pass never fails)
            continue
        if isinstance(data, dict):
            found.extend(Problem(path.name, field, message) for field, message in contacts_in_prose(data))
    return found
