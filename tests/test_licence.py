"""The licence answer counts: a vehicle rental needs a driving licence; without one, a driving school is the route."""

import pytest
from factories import TODAY, make_programme, shipped_catalogue

from navigator.eligibility import CandidateIndex, match_offered
from navigator.eligibility.criteria import licence
from navigator.eligibility.matching import judge
from navigator.indexing.programme_table import Shapes
from navigator.person.profile import Profile
from navigator.vocabulary import Outcome, Verdict

RENTAL = make_programme(audience={"driving_licence_needed": True}, projects=["mobility"])


@pytest.mark.parametrize(("has_licence", "outcome"), [(True, Outcome.MET), (False, Outcome.NOT_MET), (None, Outcome.UNKNOWN)])
def test_a_rental_needs_a_licence(has_licence, outcome):
    assert licence(RENTAL, Profile(driving_licence=has_licence)).outcome is outcome


def test_a_programme_without_the_condition_does_not_ask():
    assert licence(make_programme(), Profile(driving_licence=False)) is None


def test_without_a_licence_a_rental_is_no_route():
    assert judge(RENTAL, Profile(projects=["mobility"], driving_licence=False), TODAY).verdict is Verdict.INELIGIBLE


def test_in_libourne_without_a_licence_the_driving_school_and_not_the_car_rental():
    programmes = shipped_catalogue().programmes
    index = CandidateIndex(programmes, Shapes(programmes))
    without = {
        m.programme.id for m in match_offered(Profile(projects=["mobility"], postal_code="33500", driving_licence=False), index, TODAY)
    }
    assert "apreva-location-voitures" not in without
    assert "auto-ecole-solidaire-d-place" in without
    with_licence = {
        m.programme.id for m in match_offered(Profile(projects=["mobility"], postal_code="33500", driving_licence=True), index, TODAY)
    }
    assert "apreva-location-voitures" in with_licence
