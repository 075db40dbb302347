"""Each eligibility criterion on its own, and how outcomes make a verdict."""

from datetime import date

import pytest
from factories import make_programme

from navigator.eligibility.criteria import age, french, projects, qpv, residence, statuses, to_confirm
from navigator.eligibility.matching import judge, lifecycle_warnings
from navigator.person.profile import Profile
from navigator.vocabulary import Outcome, Verdict

TODAY = date(2026, 11, 23)
YOUTH = make_programme(audience={"age_min": 16, "age_max": 25})


@pytest.mark.parametrize(
    ("person_age", "outcome"),
    [
        (None, Outcome.UNKNOWN),  # not answered is never 'not eligible'
        (13, Outcome.NOT_MET),  # three years too young
        (14, Outcome.NEAR),  # two years too young: near miss
        (15, Outcome.NEAR),
        (16, Outcome.MET),  # lower bound included
        (25, Outcome.MET),  # upper bound included
        (26, Outcome.NEAR),
        (27, Outcome.NEAR),
        (28, Outcome.NOT_MET),
        (70, Outcome.NOT_MET),
    ],
)
def test_age_bounds(person_age, outcome):
    assert age(YOUTH, Profile(age=person_age)).outcome is outcome


def test_no_age_bound_means_no_age_criterion():
    assert age(make_programme(), Profile(age=70)) is None


JOB_SEEKERS = make_programme(audience={"statuses_required": ["job_seeker"]})
REFUGEES = make_programme(audience={"statuses_required": ["refugee"]})


@pytest.mark.parametrize(
    ("programme", "person_statuses", "outcome"),
    [
        (JOB_SEEKERS, [], Outcome.UNKNOWN),
        (JOB_SEEKERS, ["job_seeker"], Outcome.MET),
        (JOB_SEEKERS, ["employee"], Outcome.NEAR),  # can register with France Travail
        (JOB_SEEKERS, ["retired"], Outcome.NOT_MET),
        (REFUGEES, ["refugee", "job_seeker"], Outcome.MET),
        (REFUGEES, ["student"], Outcome.NOT_MET),  # not a status one can simply take
    ],
)
def test_required_statuses(programme, person_statuses, outcome):
    assert statuses(programme, Profile(statuses=person_statuses)).outcome is outcome


def test_the_near_miss_on_status_says_what_would_unlock_it():
    reason = statuses(JOB_SEEKERS, Profile(statuses=["employee"]))
    assert reason.unlock == "unlock_register_job_seeker"


FRENCH_NEEDED = make_programme(audience={"french_level_min": "intermediate", "languages": ["fr", "ar"]})


@pytest.mark.parametrize(
    ("level", "spoken", "outcome"),
    [
        (None, [], Outcome.UNKNOWN),
        ("none", [], Outcome.NOT_MET),
        ("beginner", [], Outcome.NEAR),  # one level below: a French course first
        ("intermediate", [], Outcome.MET),
        ("fluent", [], Outcome.MET),
        ("none", ["ar"], Outcome.MET),  # delivered in a language the person speaks
    ],
)
def test_french_level(level, spoken, outcome):
    assert french(FRENCH_NEEDED, Profile(french_level=level, languages=spoken)).outcome is outcome


QPV_ONLY = make_programme(audience={"qpv_only": True})


@pytest.mark.parametrize(("answer", "outcome"), [(None, Outcome.UNKNOWN), (True, Outcome.MET), (False, Outcome.NOT_MET)])
def test_priority_neighbourhoods_only(answer, outcome):
    assert qpv(QPV_ONLY, Profile(qpv=answer)).outcome is outcome


LIBOURNAIS = make_programme(zone={"name": "Libournais", "epcis": ["200070092", "200035533"]})
VIENNE = make_programme(zone={"name": "Vienne", "departements": ["86"]})


@pytest.mark.parametrize(
    ("programme", "postal_code", "outcome"),
    [
        (LIBOURNAIS, None, Outcome.UNKNOWN),
        (LIBOURNAIS, "33500", Outcome.MET),  # Libourne and its neighbours, all inside
        (LIBOURNAIS, "33000", Outcome.NEAR),  # Bordeaux: same département, outside the zone
        (LIBOURNAIS, "86000", Outcome.NOT_MET),  # Poitiers: far away
        (VIENNE, "86000", Outcome.MET),
        (VIENNE, "79000", Outcome.NOT_MET),  # Niort: another département, possibly far: not "almost"
        (VIENNE, "75011", Outcome.NOT_MET),
        (make_programme(), "97139", Outcome.MET),  # national programmes reach overseas too
        (make_programme(), "20000", Outcome.MET),  # and Corsica
    ],
)
def test_residence(programme, postal_code, outcome):
    assert residence(programme, Profile(postal_code=postal_code)).outcome is outcome


@pytest.mark.parametrize(
    ("mobility", "outcome"),
    [
        (None, Outcome.NEAR),
        ("car", Outcome.NEAR),
        ("public_transport", Outcome.NEAR),
        ("walk", Outcome.NOT_MET),
        ("bike_scooter", Outcome.NOT_MET),
    ],
)
def test_almost_only_when_the_person_can_get_there(mobility, outcome):
    """Bordeaux is outside the Libournais: close enough by car or train, not on foot or by bike."""
    assert residence(LIBOURNAIS, Profile(postal_code="33000", mobility=mobility)).outcome is outcome


#: Based in the Libournais, with no residence condition stated (a partner of the mobility platform).
BASED_IN_LIBOURNAIS = make_programme(zone={"name": "Libournais", "epcis": ["200070092"], "residence_required": False})


@pytest.mark.parametrize(
    ("postal_code", "mobility", "outcome", "code"),
    [
        ("33500", None, Outcome.MET, "residence_based_here"),  # Libourne: in its area (Néac too: no commune to check)
        ("33000", "car", Outcome.UNKNOWN, "residence_not_stated"),  # Bordeaux, within reach: ask them, not "almost"
        (None, None, Outcome.UNKNOWN, "residence_not_stated"),  # place not given
        ("33000", "walk", Outcome.NOT_MET, "residence_based_far"),  # out of reach on foot
        ("86000", "car", Outcome.NOT_MET, "residence_based_far"),  # Poitiers: far away
    ],
)
def test_a_zone_without_a_stated_residence_condition_never_says_you_must_live_there(postal_code, mobility, outcome, code):
    reason = residence(BASED_IN_LIBOURNAIS, Profile(postal_code=postal_code, mobility=mobility))
    assert (reason.outcome, reason.code) == (outcome, code)


def test_a_zone_open_across_france_cannot_drop_a_residence_condition():
    with pytest.raises(ValueError, match="residence_required"):
        make_programme(zone={"name": "France", "france": True, "residence_required": False})


def test_a_postal_code_shared_by_communes_inside_and_outside_depends_on_the_commune():
    # 33500 covers Néac, in the Grand Saint-Émilionnais, and Libourne, in the CA du Libournais.
    only_cali = make_programme(zone={"name": "CALI", "epcis": ["200070092"]})
    assert residence(only_cali, Profile(postal_code="33500")).code == "residence_depends_on_commune"


@pytest.mark.parametrize(
    ("wanted", "outcome"),
    [([], Outcome.UNKNOWN), (["find_job"], Outcome.MET), (["learn_french", "find_job"], Outcome.MET), (["learn_french"], Outcome.NOT_MET)],
)
def test_projects(wanted, outcome):
    assert projects(make_programme(), Profile(projects=wanted)).outcome is outcome


def test_a_condition_to_confirm_is_unknown_not_a_refusal():
    p = make_programme(audience={"to_confirm": {"fr": "Places limitées."}})
    assert to_confirm(p, Profile()).outcome is Outcome.UNKNOWN


@pytest.mark.parametrize(
    ("programme", "person", "verdict"),
    [
        pytest.param(YOUTH, Profile(age=20, projects=["find_job"]), Verdict.ELIGIBLE, id="every criterion met is eligible"),
        pytest.param(YOUTH, Profile(projects=["find_job"]), Verdict.CHECK, id="an unanswered age gives check"),
        pytest.param(YOUTH, Profile(age=27, projects=["find_job"]), Verdict.NEAR_MISS, id="one narrow miss is a near miss"),
        pytest.param(YOUTH, Profile(age=40, projects=["find_job"]), Verdict.INELIGIBLE, id="a clear miss is ineligible"),
        pytest.param(
            make_programme(audience={"age_min": 16, "age_max": 25, "statuses_required": ["job_seeker"]}),
            Profile(age=27, statuses=["employee"], projects=["find_job"]),
            Verdict.INELIGIBLE,
            id="two narrow misses are ineligible",
        ),
        pytest.param(YOUTH, Profile(age=20, projects=["learn_french"]), Verdict.INELIGIBLE, id="serving other needs is not offered"),
    ],
)
def test_verdicts(programme, person, verdict):
    assert judge(programme, person, TODAY).verdict is verdict


def test_an_ended_programme_is_ineligible_whatever_the_person():
    ended = make_programme(status={"state": "ended", "note": {"fr": "Terminé à l'été 2018."}})
    assert judge(ended, Profile(projects=["find_job"]), TODAY).verdict is Verdict.INELIGIBLE


def test_a_programme_not_started_is_not_offered():
    later = make_programme(status={"state": "planned", "started_on": "2027-09-01"})
    assert judge(later, Profile(projects=["find_job"]), TODAY).verdict is Verdict.INELIGIBLE


def test_an_experiment_past_its_end_is_offered_as_check_with_a_warning():
    trial = make_programme(status={"state": "experimental", "ends_on": "2026-06-30"}, last_checked="2026-05-01")
    result = judge(trial, Profile(projects=["find_job"]), TODAY)
    assert result.verdict is Verdict.CHECK
    assert "experiment_past_end" in {w.code for w in result.warnings}


def test_old_information_is_offered_as_check_with_call_before_you_go():
    old = make_programme(last_checked="2019-05-23")
    result = judge(old, Profile(projects=["find_job"]), TODAY)
    assert result.verdict is Verdict.CHECK
    assert "information_old" in {w.code for w in result.warnings}


def test_a_recurring_event_is_offered_with_its_usual_period():
    rally = make_programme(status={"state": "recurring", "period": {"fr": "Chaque année en février."}}, last_checked="2026-02-01")
    result = judge(rally, Profile(projects=["find_job"]), TODAY)
    assert result.verdict is Verdict.ELIGIBLE
    assert [w.code for w in lifecycle_warnings(rally, TODAY)] == ["recurring_period"]
