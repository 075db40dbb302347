"""Match a person against the catalogue: a verdict per programme, reasons, and an order."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

import numpy as np

from navigator.catalogue.freshness import Concern, concerns
from navigator.catalogue.models import Programme
from navigator.eligibility.candidates import CandidateIndex
from navigator.eligibility.criteria import CRITERIA, residence
from navigator.eligibility.reasons import Criterion, Reason, ReasonCode
from navigator.indexing.numpy_tools import first_of_each
from navigator.person.profile import Profile
from navigator.vocabulary import Delivery, Lifecycle, Mobility, Outcome, Verdict

#: Verdicts shown to a person, best first.
OFFERED = (Verdict.ELIGIBLE, Verdict.CHECK, Verdict.NEAR_MISS)


class Match(NamedTuple):
    """One programme's verdict for one person (a named tuple: tens of thousands are built per second)."""

    programme: Programme
    verdict: Verdict
    reasons: tuple[Reason, ...]
    warnings: tuple[Reason, ...]  # about the information itself: old, experiment past its end, ended

    @property
    def unlock(self) -> Reason | None:
        """For a near miss: the one criterion that fails narrowly, with what would unlock it."""
        return next((r for r in self.reasons if r.outcome is Outcome.NEAR), None)

    @property
    def doubtful(self) -> bool:
        """Its information may be out of date (not checked for long, or an experiment past its end): it is not
        pre-chosen for the sheet and comes after fresher routes of the same fit. An unknown check date is not
        evidence of age: the card says to call before going (a route to check), but it is not put behind."""
        return any(w.code in (ReasonCode.INFORMATION_OLD, ReasonCode.EXPERIMENT_PAST_END) for w in self.warnings)

    def as_json(self) -> dict:
        p = self.programme
        return {
            "id": p.id,
            "name": p.name.get("fr"),
            "organisation": p.organisation,
            "zone": p.zone.name,
            "verdict": self.verdict.value,
            "reasons": [r.as_json() for r in self.reasons],
            "warnings": [w.as_json() for w in self.warnings],
            "contacts": p.contacts.model_dump(mode="json", exclude_none=True, warnings=False),  # imported URLs are plain text
            "last_checked": p.last_checked.isoformat() if p.last_checked else None,
            "source": p.source.model_dump(mode="json", exclude_none=True, warnings=False),
        }


def lifecycle_warnings(programme: Programme, today: date) -> list[Reason]:
    """What is wrong or uncertain about whether the programme runs today."""
    status = programme.status
    found = []
    if status.state is Lifecycle.ENDED or (status.ends_on and status.ends_on < today and status.state is not Lifecycle.EXPERIMENTAL):
        found.append(
            Reason(
                Criterion.LIFECYCLE,
                Outcome.NOT_MET,
                ReasonCode.PROGRAMME_ENDED,
                {"ends_on": status.ends_on.isoformat() if status.ends_on else None},
            )
        )
    elif status.started_on and status.started_on > today:
        found.append(
            Reason(Criterion.LIFECYCLE, Outcome.NOT_MET, ReasonCode.PROGRAMME_NOT_STARTED, {"starts_on": status.started_on.isoformat()})
        )
    elif status.state is Lifecycle.PLANNED:
        found.append(Reason(Criterion.LIFECYCLE, Outcome.NOT_MET, ReasonCode.PROGRAMME_NOT_STARTED, {"starts_on": None}))
    else:
        for concern in concerns(programme, today):
            if concern is Concern.PAST_ANNOUNCED_END:
                found.append(
                    Reason(Criterion.LIFECYCLE, Outcome.UNKNOWN, ReasonCode.EXPERIMENT_PAST_END, {"ends_on": status.ends_on.isoformat()})
                )
            elif concern is Concern.STATUS_TO_CHECK:
                found.append(Reason(Criterion.LIFECYCLE, Outcome.UNKNOWN, ReasonCode.STATUS_TO_CHECK, {"note": status.note}))
            elif concern is Concern.CHECK_DATE_UNKNOWN:
                found.append(Reason(Criterion.LIFECYCLE, Outcome.UNKNOWN, ReasonCode.INFORMATION_UNDATED, {}))
            else:
                found.append(
                    Reason(
                        Criterion.LIFECYCLE,
                        Outcome.UNKNOWN,
                        ReasonCode.INFORMATION_OLD,
                        {"last_checked": programme.last_checked.isoformat()},
                    )
                )
        if status.state is Lifecycle.RECURRING and status.period:
            found.append(Reason(Criterion.LIFECYCLE, Outcome.MET, ReasonCode.RECURRING_PERIOD, {"period": status.period}))
    return found


def verdict_of(reasons: list[Reason], warnings: list[Reason]) -> Verdict:
    """Eligible when every known criterion is met; check when something is unknown or old;
    near miss when exactly one criterion fails narrowly; ineligible otherwise."""
    if any(w.outcome is Outcome.NOT_MET for w in warnings):
        return Verdict.INELIGIBLE
    outcomes = [r.outcome for r in reasons]
    if Outcome.NOT_MET in outcomes or outcomes.count(Outcome.NEAR) > 1:
        return Verdict.INELIGIBLE
    if Outcome.NEAR in outcomes:
        return Verdict.NEAR_MISS
    if Outcome.UNKNOWN in outcomes or any(w.outcome is Outcome.UNKNOWN for w in warnings):
        return Verdict.CHECK
    return Verdict.ELIGIBLE


def judge(programme: Programme, person: Profile, today: date) -> Match:
    """Apply every criterion to one programme."""
    reasons = [r for criterion in CRITERIA if (r := criterion(programme, person)) is not None]
    warnings = lifecycle_warnings(programme, today)
    return Match(programme, verdict_of(reasons, warnings), tuple(reasons), tuple(warnings))


_DELIVERY_RANK_ON_FOOT = {Delivery.COMES_TO_YOU: 0, Delivery.REMOTE: 1, Delivery.ON_SITE: 2, Delivery.ITINERANT: 3}
#: From outside France, what can be done by phone or online comes first.
_DELIVERY_RANK_ABROAD = {Delivery.REMOTE: 0, Delivery.COMES_TO_YOU: 1, Delivery.ON_SITE: 1, Delivery.ITINERANT: 1}


def delivery_ranks(person: Profile) -> dict[Delivery, int] | None:
    """How each way of delivering ranks for this person (lower first), or None when it does not matter: from abroad,
    remote first; without a car, what comes to them first."""
    if person.abroad:
        return _DELIVERY_RANK_ABROAD
    if person.mobility in (Mobility.WALK, Mobility.PUBLIC_TRANSPORT, Mobility.BIKE_SCOOTER):
        return _DELIVERY_RANK_ON_FOOT
    return None


class Rank(NamedTuple):
    """Why one route comes before another, most important first; lower is better in every part."""

    verdict: int  # eligible, then to check, then near miss
    project: int  # the person's first-named project first
    locality: int  # local, départemental, régional, national
    situation: int  # aimed at the person's situation, open to all, aimed at others
    reach: int  # without a car: comes to you, remote, on site, itinerant; from abroad: remote first


def _order(m: Match, person: Profile) -> tuple:
    return (*rank(m.programme, m.verdict, person), m.programme.name["fr"].casefold())


def rank(p: Programme, verdict: Verdict, person: Profile) -> Rank:
    wanted = [i for i, project in enumerate(person.projects) if project in p.projects]
    zone = p.zone
    locality = 0 if (zone.epcis or zone.communes or zone.postal_codes) else 1 if zone.departements else 2 if zone.regions else 3
    aimed = set(p.audience.statuses_aimed) | set(p.audience.statuses_required)
    fits_situation = 0 if aimed & set(person.statuses) else 1 if not aimed else 2
    ranks = delivery_ranks(person)
    reach = min(ranks[d] for d in p.delivery) if ranks else 0
    return Rank(
        verdict=OFFERED.index(verdict) if verdict in OFFERED else len(OFFERED),
        project=min(wanted) if wanted else len(person.projects),
        locality=locality,
        situation=fits_situation,
        reach=reach,
    )


def match(person: Profile, catalogue, today: date) -> list[Match]:
    """Every programme's verdict for this person, best first (ineligible ones last)."""
    matches = [judge(p, person, today) for p in catalogue]
    return sorted(matches, key=lambda m: _order(m, person))


def offered(matches: list[Match]) -> list[Match]:
    """The routes to show: eligible, to check, or nearly — never an ended programme."""
    return [m for m in matches if m.verdict in OFFERED]


def match_offered(person: Profile, index: CandidateIndex, today: date, among: np.ndarray | None = None) -> list[Match]:
    """The same routes, in the same order, as `offered(match(...))` — judging only the programmes that can
    be offered, each distinct audience and zone once, and ordering them with numpy.

    `among`: a mask over the index's programmes outside which nothing is judged or offered, for a caller that needs
    only some programmes' verdicts (the gentle question tries answers on the routes offered now)."""
    pos = index.positions(person)
    if among is not None:
        pos = pos[among[pos]]
    if not len(pos):
        return []
    a, z, shape = index.audience_array[pos], index.zone_array[pos], index.shape_array[pos]
    programme_at = index.programmes
    split = CRITERIA.index(residence)
    by_audience: dict[int, tuple] = {}
    warned = index.warnings_on.get(today)
    if warned is None:
        index.warnings_on = {today: (warned := {})}
    for k in first_of_each(a)[0]:
        at = int(pos[k])
        p = programme_at[at]
        before = tuple(r for c in CRITERIA[:split] if (r := c(p, person)) is not None)
        after = tuple(r for c in CRITERIA[split + 1 :] if (r := c(p, person)) is not None)
        if at not in warned:
            warned[at] = tuple(lifecycle_warnings(p, today))
        by_audience[int(a[k])] = (before, after, warned[at])
    by_zone = {int(z[k]): residence(programme_at[pos[k]], person) for k in first_of_each(z)[0]}
    # One verdict, one set of reasons and one order key per distinct (audience, zone, delivery and aimed situations).
    _, n_zones, n_shapes = index.counts
    firsts, group = first_of_each((a * n_zones + z) * n_shapes + shape)
    ranks = np.full((len(firsts), len(Rank._fields)), -1, dtype=np.int64)
    verdicts: dict[tuple, Verdict] = {}
    judged: list[tuple | None] = []
    for j, k in enumerate(firsts):
        audience, home = by_audience[int(a[k])], by_zone[int(z[k])]
        key = (int(a[k]), home.outcome)
        if key not in verdicts:
            verdicts[key] = verdict_of([*audience[0], home, *audience[1]], list(audience[2]))
        verdict = verdicts[key]
        if verdict in OFFERED:
            judged.append((verdict, (*audience[0], home, *audience[1]), audience[2]))
            ranks[j] = rank(programme_at[pos[k]], verdict, person)
        else:
            judged.append(None)
    rank_of = ranks[group]
    kept = np.flatnonzero(rank_of[:, 0] >= 0)
    # np.lexsort sorts by its last key first: the verdict, then each later part of the rank, then the name.
    order = kept[np.lexsort((index.name_rank[pos[kept]], *rank_of[kept].T[::-1]))]
    positions, groups = pos[order].tolist(), group[order].tolist()
    return [Match(programme_at[i], *judged[g]) for i, g in zip(positions, groups, strict=True)]
