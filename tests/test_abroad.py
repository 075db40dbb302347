"""Someone living outside France: only routes open across France are offered, those by phone or online first."""

from datetime import date
from pathlib import Path

import pytest
from factories import make_programme

from navigator.catalogue.data_inclusion.importer import run_import
from navigator.catalogue.data_inclusion.national import load_national
from navigator.catalogue.data_inclusion.records import read_records
from navigator.eligibility import CandidateIndex, match, match_offered, offered
from navigator.eligibility.criteria import residence
from navigator.eligibility.matching import rank
from navigator.eligibility.ranking import rank_routes
from navigator.eligibility.reasons import ReasonCode
from navigator.person.answers import profile_from_answers
from navigator.person.profile import Profile, ProfileError, parse_profile
from navigator.vocabulary import Outcome, Verdict

TODAY = date(2026, 12, 1)
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "data_inclusion"
ABROAD = Profile(abroad=True)


@pytest.mark.parametrize(
    ("zone", "outcome", "code"),
    [
        ({"name": "France", "france": True}, Outcome.UNKNOWN, ReasonCode.RESIDENCE_ABROAD),  # to check from abroad
        ({"name": "Vienne", "departements": ["86"]}, Outcome.NOT_MET, ReasonCode.RESIDENCE_NOT_MET),
        ({"name": "Nouvelle-Aquitaine", "regions": ["75"]}, Outcome.NOT_MET, ReasonCode.RESIDENCE_NOT_MET),
        ({"name": "Poitiers", "communes": ["86194"]}, Outcome.NOT_MET, ReasonCode.RESIDENCE_NOT_MET),  # never "almost"
    ],
)
def test_residence_from_abroad(zone, outcome, code):
    reason = residence(make_programme(zone=zone), ABROAD)
    assert (reason.outcome, reason.code) == (outcome, code)


def test_a_local_route_done_by_phone_is_still_for_its_own_area():
    by_phone = make_programme(zone={"name": "Vienne", "departements": ["86"]}, delivery=["remote"])
    assert residence(by_phone, ABROAD).outcome is Outcome.NOT_MET


def test_abroad_and_a_french_postal_code_do_not_go_together():
    with pytest.raises(ProfileError) as error:
        parse_profile({"abroad": True, "postal_code": "86000"})
    assert [field for field, _ in error.value.problems] == ["abroad"]
    assert parse_profile({"abroad": False, "postal_code": "86000"}).place is not None


def test_the_flow_s_answer_makes_an_abroad_profile():
    person, problems = profile_from_answers({"abroad": True, "projects": ["find_job"]})
    assert problems == [] and person.abroad and person.place is None


def test_from_abroad_every_route_offered_is_national_and_to_check(catalogue):
    person = Profile(abroad=True, projects=["find_job", "create_business", "learn_french"])
    routes = offered(match(person, catalogue, TODAY))
    assert routes, "national routes are offered"
    assert all(m.programme.zone.france for m in routes)
    assert {m.verdict for m in routes} == {Verdict.CHECK}
    at_home = offered(match(Profile(projects=person.projects, postal_code="86000"), catalogue, TODAY))
    assert any(not m.programme.zone.france for m in at_home), "the same projects in Poitiers find local routes"


def test_from_abroad_routes_by_phone_or_online_come_first_at_equal_fit(catalogue):
    person = Profile(abroad=True, projects=["find_job"])
    routes = offered(match(person, catalogue, TODAY))
    remote = {m.programme.id for m in routes if "remote" in m.programme.delivery}
    assert remote and len(remote) < len(routes)
    ranks = [rank(m.programme, m.verdict, person) for m in routes]
    for (before, a), (after, b) in zip(zip(ranks, routes, strict=True), zip(ranks[1:], routes[1:], strict=True), strict=False):
        if before[:4] == after[:4]:
            assert not (b.programme.id in remote and a.programme.id not in remote), (a.programme.id, b.programme.id)
    assert (
        rank(catalogue.get("france-travail"), Verdict.CHECK, person).reach
        < rank(catalogue.get("mission-locale"), Verdict.CHECK, person).reach
    )


def test_from_abroad_the_fast_path_offers_what_full_matching_offers(catalogue):
    person = Profile(abroad=True, statuses=["refugee"], projects=["find_job", "training", "mobility"])
    full = [(m.programme.id, m.verdict, m.reasons) for m in offered(match(person, catalogue, TODAY))]
    fast = [(m.programme.id, m.verdict, m.reasons) for m in match_offered(person, CandidateIndex(catalogue.programmes), TODAY)]
    assert fast == full and full


def test_from_abroad_the_national_directory_offers_only_its_national_services(tmp_path, catalogue):
    run_import(read_records(FIXTURES / "services.json"), read_records(FIXTURES / "structures.json"), "fixtures", directory=tmp_path)
    national = load_national(catalogue, tmp_path)
    person = Profile(abroad=True, projects=["digital_admin", "find_job"])
    curated = match_offered(person, CandidateIndex(national.catalogue.programmes), TODAY)
    routes = rank_routes(person, curated, national.directory, TODAY, 50)
    imported = [m for group in routes.projects for m in group.shown if getattr(m.programme, "origin", "") == "data-inclusion"]
    assert [m.programme.id for m in imported] == ["1jeune1solution--demarches-en-ligne"]
    residence_reason = next(r for r in imported[0].reasons if r.criterion == "residence")
    assert residence_reason.code is ReasonCode.RESIDENCE_ABROAD
    in_paris = rank_routes(Profile(projects=person.projects, postal_code="75011"), [], national.directory, TODAY, 50)
    assert len({m.programme.id for g in in_paris.projects for m in g.shown}) > 1
