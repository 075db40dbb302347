"""The one unanswered question that would narrow a person's routes most: worked out from the routes, never fixed."""

from datetime import date
from functools import reduce
from operator import and_
from pathlib import Path

import numpy as np
import pytest
import yaml
from factories import make_programme

from navigator.eligibility import CandidateIndex, match, match_offered, offered
from navigator.eligibility.narrowing import Offered, narrowing_question, offered_routes, trial_answers
from navigator.eligibility.ranking import rank_routes
from navigator.person.profile import Profile, parse_profile

TODAY = date(2026, 11, 23)
VIENNE = {"name": "Vienne", "departements": ["86"]}
GIRONDE = {"name": "Gironde", "departements": ["33"]}


def _ask(programmes, person=None):
    person = person or Profile(projects=["find_job"])
    index = CandidateIndex(programmes)
    offered = [m.programme for m in match_offered(person, index, TODAY)]
    return narrowing_question(person, offered, offered_routes(index, None, TODAY))


def _programmes(*overrides):
    return [make_programme(id=f"p{i}", name={"fr": f"Programme {i}"}, **o) for i, o in enumerate(overrides)]


def test_the_age_when_most_routes_have_age_bounds():
    youth = {"audience": {"age_min": 16, "age_max": 25}}
    found = _ask(_programmes(youth, youth, youth, youth, {"zone": VIENNE}, {}))
    assert (found.question, found.separated) == ("age", 4)


def test_the_place_when_most_routes_are_local():
    found = _ask(_programmes({"zone": VIENNE}, {"zone": VIENNE}, {"zone": GIRONDE}, {"audience": {"age_min": 50}}))
    assert (found.question, found.separated) == ("postal_code", 3)


def test_the_situation_when_most_routes_require_one():
    refugees = {"audience": {"statuses_required": ["refugee"]}}
    found = _ask(_programmes(refugees, refugees, {"audience": {"statuses_required": ["rsa"]}}, {"zone": VIENNE}))
    assert (found.question, found.separated) == ("statuses", 3)


def test_nothing_is_asked_when_no_answer_would_change_the_routes():
    assert _ask(_programmes({}, {}, {})) is None


def test_nothing_is_asked_when_everything_was_answered():
    person = Profile(
        projects=["find_job"],
        age=30,
        statuses=["job_seeker"],
        french_level="fluent",
        mobility="car",
        driving_licence=True,
        postal_code="86000",
        qpv=False,
    )
    assert trial_answers(person, []) == {}
    assert _ask(_programmes({"zone": VIENNE}, {"audience": {"age_min": 16, "age_max": 25}}), person) is None


def test_ages_are_tried_at_and_around_the_programmes_bounds():
    (ages,) = [a for q, a in trial_answers(Profile(), _programmes({"audience": {"age_min": 16, "age_max": 25}})).items() if q == "age"]
    assert [a["age"] for a in ages] == [13, 16, 19, 22, 25, 28]


def test_a_person_who_skipped_everything_is_asked_what_they_want_to_do(catalogue):
    found = _ask(catalogue.programmes, Profile())
    assert found.question == "projects"
    assert found.separated == len(match_offered(Profile(), CandidateIndex(catalogue.programmes), TODAY))


@pytest.mark.parametrize(
    "person",
    [Profile(projects=["find_job"]), Profile(projects=["training", "apprenticeship"]), Profile(postal_code="86000")],
    ids=["job", "training", "poitiers"],
)
def test_the_question_asked_separates_at_least_as_many_routes_as_any_other(catalogue, person):
    index = CandidateIndex(catalogue.programmes)
    offered = [m.programme for m in match_offered(person, index, TODAY)]
    routes_of = offered_routes(index, None, TODAY)
    found = narrowing_question(person, offered, routes_of)
    assert found is not None
    now = routes_of(person)
    for question, answers in trial_answers(person, offered).items():
        kept = [now & routes_of(Profile.model_validate(person.model_dump() | a)) for a in answers]
        assert len(now) - len(reduce(and_, kept)) <= found.separated, question


def test_many_routes_are_crowded_a_few_are_not(catalogue):
    index = CandidateIndex(catalogue.programmes)
    everything = rank_routes(Profile(), match_offered(Profile(), index, TODAY), None, TODAY)
    assert everything.crowded
    few = Profile(projects=["create_business"], postal_code="86000")  # four routes
    assert not rank_routes(few, match_offered(few, index, TODAY), None, TODAY).crowded


def test_the_directory_s_rows_judged_once_per_place_are_the_rows_judged_for_each_profile(tmp_path, catalogue):
    from pathlib import Path

    from navigator.catalogue.data_inclusion.importer import run_import
    from navigator.catalogue.data_inclusion.national import load_national
    from navigator.catalogue.data_inclusion.records import read_records

    fixtures = Path(__file__).resolve().parent / "fixtures" / "data_inclusion"
    run_import(read_records(fixtures / "services.json"), read_records(fixtures / "structures.json"), "fixtures", directory=tmp_path)
    national = load_national(catalogue, tmp_path)
    index, directory = CandidateIndex(national.catalogue.programmes), national.directory
    routes_of = offered_routes(index, directory, TODAY)
    people = [
        Profile(),
        Profile(projects=["find_job"]),
        Profile(projects=["find_job", "learn_french"], postal_code="75011"),
        Profile(projects=["learn_french"], postal_code="86000", mobility="walk"),
        Profile(postal_code="75011", mobility="walk"),
        Profile(projects=["digital_admin"], abroad=True),
    ]
    for person in people * 2:  # the second time from what was kept
        offered = routes_of(person)
        assert np.flatnonzero(offered.rows).tolist() == sorted(directory.judge(person, TODAY).positions.tolist()), person
        assert offered.ids == {m.programme.id for m in match_offered(person, index, TODAY)}
    _within_is_the_routes_in_common(routes_of, people)
    assert any(routes_of(p).rows.any() for p in people)


def _within_is_the_routes_in_common(routes_of, people):
    """routes_of(b, within=routes_of(a)), which judges only a's routes, is what a and b are both offered."""
    for a in people:
        now = routes_of(a)
        for b in people:
            both = now & routes_of(b)
            kept = routes_of(b, now)
            assert (kept.ids, kept.rows.tolist()) == (both.ids, both.rows.tolist()), (a, b)


def test_answers_are_tried_on_the_routes_offered_now_alone(catalogue):
    index = CandidateIndex(catalogue.programmes)
    people = [
        Profile(),
        Profile(projects=["find_job"], postal_code="86000"),
        Profile(projects=["find_job"], postal_code="86000", age=20, statuses=["refugee"]),
        Profile(projects=["learn_french"], mobility="walk", french_level="none"),
        Profile(projects=["training"], postal_code="33500", driving_licence=False),
        Profile(abroad=True),
    ]
    _within_is_the_routes_in_common(offered_routes(index, None, TODAY), people)


PERSONAS = yaml.safe_load((Path(__file__).parent / "cases" / "personas.yaml").read_text(encoding="utf-8"))
#: Each persona, and the same persona with one question skipped (the gentle question is for those who skip some).
SKIPPABLE = ("projects", "age", "statuses", "french_level", "mobility", "driving_licence", "postal_code", "qpv")
PEOPLE = [pytest.param(dict(case["profile"]), id=case["name"][:60]) for case in PERSONAS] + [
    pytest.param({k: v for k, v in case["profile"].items() if k != skipped}, id=f"{case['name'][:50]} without {skipped}")
    for case in PERSONAS
    for skipped in SKIPPABLE
    if case["profile"].get(skipped) not in (None, [])
]


@pytest.mark.parametrize("answers", PEOPLE)
def test_the_question_offered_is_the_one_a_full_matching_of_every_answer_tried_gives(catalogue, answers):
    """offered_routes shares work between the answers tried (only the criteria that read the question tried are judged
    again) and judges only the routes offered now; a plain matching of the whole catalogue for every answer tried must
    offer the same question, separating as many routes, leaving as many on average."""
    person = parse_profile(answers)
    index = CandidateIndex(catalogue.programmes)
    offered_now = [m.programme for m in match_offered(person, index, TODAY)]

    def matched_in_full(profile, within=None):
        ids = frozenset(m.programme.id for m in offered(match(profile, catalogue.programmes, TODAY)))
        return Offered(ids) if within is None else within & Offered(ids)

    assert narrowing_question(person, offered_now, offered_routes(index, None, TODAY)) == narrowing_question(
        person, offered_now, matched_in_full
    )


def test_the_results_matches_are_not_matched_again(catalogue, monkeypatch):
    """Given the person's matches (the results' own), routes_of does not match that person again, and the question is
    the same; a different person is matched."""
    from navigator.eligibility import narrowing

    person = parse_profile({"projects": ["find_job"], "postal_code": "86000"})
    index = CandidateIndex(catalogue.programmes)
    curated = match_offered(person, index, TODAY)
    expected = narrowing_question(person, [m.programme for m in curated], offered_routes(index, None, TODAY))
    matched_for = []
    real = narrowing.match_offered
    monkeypatch.setattr(narrowing, "match_offered", lambda p, *a, **k: matched_for.append(p) or real(p, *a, **k))
    routes_of = offered_routes(index, None, TODAY, (person, curated))
    assert expected is not None
    assert narrowing_question(person, [m.programme for m in curated], routes_of) == expected
    assert matched_for == []
    other = parse_profile({"projects": ["learn_french"]})
    assert routes_of(other).ids == frozenset(m.programme.id for m in real(other, index, TODAY))
    assert matched_for == [other]
