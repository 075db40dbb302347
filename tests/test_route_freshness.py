"""Routes worth taking: a route whose information may be out of date comes after fresher ones of the same fit, is
not pre-chosen for the sheet, and says so wherever its card goes (results, shared page, sheet)."""

import pytest
from factories import TODAY, make_programme

from navigator.eligibility.matching import judge
from navigator.eligibility.ranking import rank_routes
from navigator.person.profile import Profile
from navigator.presentation.cards import card_html
from navigator.presentation.sheet import sheet_html
from navigator.vocabulary import Verdict

PERSON = Profile(projects=["find_job"], age=30)
TO_CONFIRM = {"to_confirm": {"fr": "À confirmer avec eux.", "en": "To confirm with them."}}

FRESH = make_programme(id="fresh", audience=TO_CONFIRM)  # checked this year, a condition to confirm: "to check"
OLD = make_programme(id="old", last_checked="2019-03-01")  # seven years without a check: "to check"
PAST_END = make_programme(id="past-end", status={"state": "experimental", "ends_on": "2021-06-30"})


@pytest.mark.parametrize(("programme", "doubtful"), [(FRESH, False), (OLD, True), (PAST_END, True)], ids=["fresh", "old", "past-end"])
def test_a_route_with_old_information_is_doubtful(programme, doubtful):
    assert judge(programme, PERSON, TODAY).doubtful is doubtful


@pytest.mark.parametrize("doubtful", [OLD, PAST_END], ids=["old", "past-end"])
def test_a_doubtful_route_never_comes_before_a_fresher_one_of_the_same_fit(doubtful):
    matches = [judge(doubtful, PERSON, TODAY), judge(FRESH, PERSON, TODAY)]  # the doubtful one first, as found
    assert {m.verdict for m in matches} == {Verdict.CHECK}
    routes = rank_routes(PERSON, matches, None, TODAY)
    assert [m.programme.id for m in routes.projects[0].shown] == ["fresh", doubtful.id]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_warning_stays_on_a_shared_card_and_on_the_sheet(lang):
    from navigator.i18n import translator

    trial = translator(lang).gettext("This trial was due to end on {ends_on}. Call to check it still runs.").split("{")[0]
    old = translator(lang).gettext("Information from {last_checked}. Call before you go.").split("{")[0]
    assert trial in card_html(PAST_END, lang, TODAY)  # a shared page's card: no match, the warning all the same
    assert old in card_html(OLD, lang, TODAY)
    sheet = sheet_html([PAST_END, OLD], lang, TODAY, "My routes")
    assert trial in sheet and old in sheet


def test_an_index_judges_each_day_s_freshness_afresh():
    """match_offered keeps a programme's lifecycle warnings for the day: the next day they are worked out again."""
    from datetime import timedelta

    from navigator.eligibility import CandidateIndex, match_offered

    due = make_programme(id="due", last_checked=TODAY - timedelta(days=365))
    index, person = CandidateIndex([due]), Profile(projects=["find_job"])
    for day in (TODAY - timedelta(days=30), TODAY + timedelta(days=30), TODAY - timedelta(days=30)):
        (fast,) = match_offered(person, index, day)
        assert fast.warnings == judge(due, person, day).warnings
    assert match_offered(person, index, TODAY + timedelta(days=30))[0].doubtful
    assert not match_offered(person, index, TODAY - timedelta(days=30))[0].doubtful
