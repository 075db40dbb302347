"""How fresh each programme's information is: the staleness and announced-end rules, and the warnings for curators."""

from __future__ import annotations

from datetime import date, timedelta

from navigator.catalogue.loading import Catalogue, Problem
from navigator.catalogue.models import Programme
from navigator.vocabulary import Lifecycle

#: An entry not confirmed for longer than this is shown with "call before you go".
STALE_AFTER = timedelta(days=365)


def is_stale(programme: Programme, today: date) -> bool:
    """Not confirmed for over a year."""
    return today - programme.last_checked > STALE_AFTER


def is_past_announced_end(programme: Programme, today: date) -> bool:
    """An experiment past its stated end date, with no word of its end."""
    status = programme.status
    return status.state is Lifecycle.EXPERIMENTAL and status.ends_on is not None and status.ends_on < today


def warnings(catalogue: Catalogue, today: date) -> list[Problem]:
    """Things a curator should look at; they do not block loading."""
    found: list[Problem] = []
    for p in catalogue:
        name = f"{p.id}.yaml"
        if p.is_ended:
            continue
        if is_past_announced_end(p, today):
            found.append(Problem(name, "status.ends_on", f"experiment due to end on {p.status.ends_on}: confirm it still runs"))
        if is_stale(p, today):
            found.append(Problem(name, "last_checked", f"not checked since {p.last_checked}: call them to confirm"))
        if "en" not in p.summary or "en" not in p.name:
            found.append(Problem(name, "summary", "no English text"))
    return found
