"""Bad input anywhere: the domain raises only its own clear errors, and search never stalls."""

import json

from factories import TODAY
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from navigator.eligibility import CandidateIndex, match, match_offered, offered
from navigator.i18n import LANGUAGES, clean_language, negotiate
from navigator.person.answers import SPOKEN_LANGUAGES
from navigator.person.places import PlaceError, find_towns, locate
from navigator.person.profile import ProfileError, parse_profile, profile_from_json
from navigator.vocabulary import FrenchLevel, Mobility, Project, Status

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(10**12), max_value=10**12) | st.floats(allow_nan=False) | st.text(max_size=50),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=10,
)
FIELDS = ["age", "statuses", "french_level", "languages", "mobility", "driving_licence", "projects", "postal_code", "qpv", "abroad"]
profiles = st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=12), json_values, max_size=9)
#: Postal codes that exist (mainland, Corsica, overseas), and one that does not.
POSTAL_CODES = ["86000", "75011", "33500", "87000", "47000", "64000", "79000", "20000", "97400", "97300", "13001", "99999"]
real_profiles = st.fixed_dictionaries(
    {},
    optional={
        "age": st.integers(min_value=0, max_value=120),
        "statuses": st.lists(st.sampled_from([s.value for s in Status]), max_size=3, unique=True),
        "french_level": st.sampled_from([f.value for f in FrenchLevel]),
        "languages": st.lists(st.sampled_from(list(SPOKEN_LANGUAGES)), max_size=3, unique=True),
        "mobility": st.sampled_from([m.value for m in Mobility]),
        "driving_licence": st.booleans(),
        "projects": st.lists(st.sampled_from([p.value for p in Project]), max_size=3, unique=True),
        "postal_code": st.sampled_from(POSTAL_CODES[:-1]),
        "qpv": st.booleans(),
        "abroad": st.booleans(),
    },
).map(lambda d: {k: v for k, v in d.items() if k != "postal_code"} if d.get("abroad") else d)  # abroad: no postal code
texts = st.text(max_size=300) | st.sampled_from(["🙂" * 500, "ا" * 10000, "x" * 10000, "\u202e86000", "\x00", " ", "création d'entreprise"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles)
def test_any_json_object_is_a_profile_or_a_clear_error(data):
    try:
        parse_profile(data)
    except ProfileError as error:
        assert error.problems and all(isinstance(m, str) and m for _, m in error.problems)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_text_is_a_profile_or_a_clear_error(text):
    try:
        profile_from_json(text)
    except ProfileError:
        pass


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(profiles)
def test_matching_any_valid_profile_never_raises(catalogue, data):
    try:
        person = parse_profile(data)
    except ProfileError:
        return
    results = match(person, catalogue, TODAY)
    assert len(results) == len(catalogue)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(texts)
def test_search_takes_any_text(index, query):
    hits = index.search(query)
    assert len(hits) <= 10
    json.dumps([h.as_json() for h in hits])


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=100))
def test_postal_codes_and_towns_take_any_text(text):
    try:
        locate(text)
    except PlaceError:
        pass
    find_towns(text)


@settings(max_examples=200, deadline=None)
@given(json_values)
def test_language_choices_take_anything(value):
    assert clean_language(value) in LANGUAGES
    negotiate(value if isinstance(value, str) else None)


def _offered_both_ways(person, catalogue):
    full = [(m.programme.id, m.verdict, m.reasons, m.warnings) for m in offered(match(person, catalogue, TODAY))]
    fast = [(m.programme.id, m.verdict, m.reasons, m.warnings) for m in match_offered(person, _candidates(catalogue), TODAY)]
    return full, fast


_index_cache: dict = {}


def _candidates(catalogue):
    if id(catalogue) not in _index_cache:
        _index_cache[id(catalogue)] = CandidateIndex(catalogue.programmes)
    return _index_cache[id(catalogue)]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(real_profiles)
def test_the_fast_path_offers_exactly_what_full_matching_offers(catalogue, data):
    """Profiles drawn from the real vocabularies and real postal codes: every one parses."""
    full, fast = _offered_both_ways(parse_profile(data), catalogue)
    assert fast == full


def test_the_fast_path_agrees_on_every_persona(catalogue):
    from test_personas import CASES

    for case in CASES:
        full, fast = _offered_both_ways(parse_profile(case["profile"]), catalogue)
        assert fast == full, case["name"]
        assert full, f"{case['name']}: no route at all — the comparison would prove nothing"
