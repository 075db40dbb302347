"""The one unanswered question that would narrow a person's routes most.

A person who skipped questions may get many routes. For each question they left unanswered, every plausible answer is
tried (each project, each situation, ages at the programmes' bounds, a place inside each local zone and abroad…) and
the routes each would still offer are counted. The question whose answers would separate the most routes — take off the
list under at least one answer — is the one to ask; ties go to the one that leaves fewer routes on average, then to the
flow's order. Nothing is asked when no answer would change the list.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import reduce
from operator import and_

import numpy as np

from navigator.catalogue.data_inclusion.directory import PROJECT_BIT, Directory
from navigator.catalogue.models import Programme
from navigator.eligibility.candidates import CandidateIndex
from navigator.eligibility.criteria import CRITERIA, ON_FOOT
from navigator.eligibility.matching import OFFERED, lifecycle_warnings, match_offered, verdict_of
from navigator.eligibility.reasons import Reason
from navigator.person.places import a_postal_code_in
from navigator.person.profile import Profile
from navigator.vocabulary import FrenchLevel, Mobility, Project, Status

#: Years either side of an age bound tried as answers (a near miss lies within AGE_TOLERANCE of a bound).
AGE_STEPS = (-3, 0, 3)


@dataclass(frozen=True)
class Offered:
    """The routes a profile is offered: curated ids, and the directory's rows as a mask over all its rows."""

    ids: frozenset[str]
    rows: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))

    def __and__(self, other: Offered) -> Offered:
        return Offered(self.ids & other.ids, self.rows & other.rows)

    def __len__(self) -> int:
        return len(self.ids) + int(np.count_nonzero(self.rows))


@dataclass(frozen=True)
class Narrowing:
    """The question to ask (a Profile field, as `answers.QUESTIONS` names it) and what answering it would do."""

    question: str
    separated: int  # routes offered now that at least one answer would take off the list
    left_on_average: float  # routes left, on average over the answers tried


def _ages(programmes: Iterable[Programme]) -> list[int]:
    ages = set()
    for p in programmes:
        for bound in (p.audience.age_min, p.audience.age_max):
            if bound is not None:
                ages |= {min(120, max(0, bound + step)) for step in AGE_STEPS}
    return sorted(ages)


def _places(programmes: Iterable[Programme]) -> list[dict]:
    codes = []
    for p in programmes:
        z = p.zone
        if not z.france:
            code = a_postal_code_in(z.regions, z.departements, z.epcis, z.communes, z.postal_codes)
            if code:
                codes.append(code)
    return [{"postal_code": code} for code in dict.fromkeys(codes)] + [{"abroad": True}]


def trial_answers(person: Profile, programmes: Collection[Programme]) -> dict[str, list[dict]]:
    """For each question the person left unanswered, the answers to try (as Profile updates)."""
    trials: dict[str, list[dict]] = {}
    if not person.projects:
        trials["projects"] = [{"projects": [p]} for p in Project]
    if person.age is None:
        trials["age"] = [{"age": a} for a in _ages(programmes)]
    if not person.statuses:
        trials["statuses"] = [{"statuses": [s]} for s in Status]
    if person.french_level is None:
        trials["french_level"] = [{"french_level": f} for f in FrenchLevel]
    if person.mobility is None:
        trials["mobility"] = [{"mobility": m} for m in Mobility]
    if person.driving_licence is None:
        trials["driving_licence"] = [{"driving_licence": True}, {"driving_licence": False}]
    if person.place is None and not person.abroad:
        trials["postal_code"] = _places(programmes)
    if person.qpv is None and not person.abroad:
        trials["qpv"] = [{"qpv": True}, {"qpv": False}]
    return {question: answers for question, answers in trials.items() if len(answers) > 1}


def _with(person: Profile, update: dict) -> Profile:
    """The person with one question answered. The answers tried are already of the field's type (`trial_answers`), so
    only a place is validated again (it is located, and abroad excludes a postal code); the rest is copied."""
    if "postal_code" in update or "abroad" in update:
        return Profile.model_validate(person.model_dump() | update)
    return person.model_copy(update=update)


def narrowing_question(person: Profile, programmes: Collection[Programme], routes_of: Callable[..., Offered]) -> Narrowing | None:
    """The unanswered question whose answers would separate the most of the person's routes, or None.

    `programmes`: the curated programmes offered now (their bounds and zones give the ages and places to try);
    `routes_of(profile, within=None)`: the routes a profile is offered (curated and imported, as the results page counts
    them), and with `within` only those among these (`within & routes_of(profile)`, judging no other programme)."""
    now = routes_of(person)
    best: Narrowing | None = None
    for question, answers in trial_answers(person, programmes).items():
        kept = [routes_of(_with(person, answer), now) for answer in answers]
        separated = len(now) - len(reduce(and_, kept))
        found = Narrowing(question, separated, sum(map(len, kept)) / len(kept))
        if separated and (best is None or (separated, -found.left_on_average) > (best.separated, -best.left_on_average)):
            best = found
    return best


class _Noting:
    """A profile that notes which of its answers a criterion reads (`place` is the postal code's)."""

    __slots__ = ("_person", "read")

    def __init__(self, person: Profile):
        self._person, self.read = person, set()

    def __getattr__(self, name: str):
        self.read.add(_ANSWER_OF.get(name, _ANY))
        return getattr(self._person, name)


_ANY = "*"  # read something other than an answer: any change may change the reason
#: The answer each thing a criterion may read of a profile comes from.
_ANSWER_OF = {name: name for name in Profile.model_fields} | {"place": "postal_code"}


def _judged(programme: Programme, person: Profile) -> tuple[list[tuple[Reason | None, set[str]]], set[str]]:
    """Each criterion's reason for the programme with the answers it read, and all the answers read."""
    found = []
    for criterion in CRITERIA:
        noting = _Noting(person)
        found.append((criterion(programme, noting), noting.read))
    return found, set().union(*(read for _reason, read in found))


def offered_routes(
    index: CandidateIndex, directory: Directory | None, today: date, matched: tuple[Profile, list] | None = None
) -> Callable[..., Offered]:
    """`routes_of` for `narrowing_question`: curated ids and imported rows a profile is offered, as rank_routes counts.
    `matched`: a person and what `match_offered` gave them (the results' own matches), not matched again.

    The directory's verdicts read only the place and whether the person is on foot; its projects only filter rows. So
    its rows are judged once per place (any project) and each project's are picked from them by their bits. An answer
    tried can only keep or take off a route offered now, so with `within` (the routes offered now) only those
    programmes are judged (10 of the 23 candidates for a job seeker in Poitiers), and nothing is ranked. When `within`
    is what `routes_of(person)` gave, each of those programmes' criteria is judged again only if it read an answer in
    which the profile tried differs from that person's: a criterion is a plain function of the programme and of the
    answers it reads, so the others give the same reasons (an answer tried differs in one question)."""
    judged: dict[tuple, np.ndarray] = {}
    position = {p.id: at for at, p in enumerate(index.programmes)}
    warnings: dict[int, list[Reason]] = {}
    base: list = [None, None, {}]  # the last person judged in full, what they are offered, their reasons by programme

    def directory_rows(person: Profile) -> np.ndarray:
        key = (person.postal_code, person.abroad, person.mobility in ON_FOOT)
        if key not in judged:
            judged[key] = mask = np.zeros(len(directory), dtype=bool)
            mask[directory.judge(person.model_copy(update={"projects": []}), today).positions] = True
        if not person.projects:
            return judged[key]
        bits = sum(PROJECT_BIT[p.value] for p in person.projects)
        if (key, bits) not in judged:  # the same for every answer tried but a place, a way of getting around or a project
            judged[key, bits] = judged[key] & ((directory.project_bits & bits) != 0)
        return judged[key, bits]

    def is_offered(at: int, person: Profile, changed: set[str] | None) -> bool:
        """Whether the programme at `at` is offered to `person`, who differs from the base person in `changed` (None:
        judged afresh)."""
        p = index.programmes[at]
        if changed is not None:
            reasons_of = base[2]
            if at not in reasons_of:
                reasons_of[at] = _judged(p, base[0])
            judged_then, read_then = reasons_of[at]
            if not read_then & changed:
                return True  # judged as for the base person, to whom it is offered
            reasons = [
                criterion(p, person) if read & changed else reason for criterion, (reason, read) in zip(CRITERIA, judged_then, strict=True)
            ]
        else:
            reasons = [criterion(p, person) for criterion in CRITERIA]
        if at not in warnings:
            warnings[at] = lifecycle_warnings(p, today)
        return verdict_of([r for r in reasons if r is not None], warnings[at]) in OFFERED

    def routes_of(person: Profile, within: Offered | None = None) -> Offered:
        if within is None:
            known = matched is not None and person == matched[0]
            ids = frozenset(m.programme.id for m in (matched[1] if known else match_offered(person, index, today)))
        else:
            was = base[0] if within is base[1] else None
            changed = None if was is None else {a for a in Profile.model_fields if getattr(person, a) != getattr(was, a)} | {_ANY}
            ids = frozenset(i for i in within.ids if is_offered(position[i], person, changed))
        offered = Offered(ids, directory_rows(person)) if directory is not None and len(directory) else Offered(ids)
        if within is None:
            base[:] = [person, offered, {}]
        return offered if within is None else within & offered

    return routes_of
