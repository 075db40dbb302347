"""The profile contract: every field optional; bad input is a clear error naming the field."""

import pytest

from navigator.person.profile import Profile, ProfileError, profile_from_json

EXAMPLE = """{"age": 28, "statuses": ["refugee", "job_seeker"], "french_level": "none",
 "languages": ["fa"], "mobility": "public_transport", "driving_licence": false,
 "projects": ["learn_french", "find_job"], "postal_code": "86000", "qpv": null}"""


def test_the_documented_example_parses():
    person = profile_from_json(EXAMPLE)
    assert person.age == 28 and person.place.departements == {"86"}


def test_an_empty_profile_is_valid():
    assert profile_from_json("{}") == Profile()


@pytest.mark.parametrize(
    ("text", "field", "words"),
    [
        ('{"age": "28"}', "age", "integer"),  # a string is not an age
        ('{"age": -3}', "age", "greater than"),
        ('{"age": 1000}', "age", "less than"),
        ('{"age": true}', "age", "integer"),
        ('{"statuses": ["pirate"]}', "statuses.0", "job_seeker"),  # lists the allowed values
        ('{"projects": "find_job"}', "projects", "list"),
        ('{"french_level": "perfect"}', "french_level", "fluent"),
        ('{"mobility": "horse"}', "mobility", "car"),
        ('{"postal_code": "1234"}', "postal_code", "5 digits"),
        ('{"postal_code": "99999"}', "postal_code", "not a known"),
        ('{"qpv": "yes"}', "qpv", "bool"),
        ('{"colour": "blue"}', "colour", "unknown field"),
        ('{"languages": ["français"]}', "languages.0", "pattern"),
        ("[1, 2]", "", "JSON object"),
        ("{not json", "", "not valid JSON"),
        ("", "", "not valid JSON"),
    ],
)
def test_bad_input_names_the_field_and_what_is_allowed(text, field, words):
    with pytest.raises(ProfileError) as caught:
        profile_from_json(text)
    assert any(f == field and words.lower() in m.lower() for f, m in caught.value.problems), caught.value.problems


def test_repeated_codes_are_kept_once():
    assert profile_from_json('{"projects": ["find_job", "find_job"]}').projects == ["find_job"]
