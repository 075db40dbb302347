"""Catalogue models: what a curator may write, and what is refused with a message naming the field."""

import pytest
from factories import make_programme, programme_data
from pydantic import ValidationError

from navigator.catalogue.models import Programme


def failing_fields(**overrides) -> set[str]:
    with pytest.raises(ValidationError) as caught:
        Programme.model_validate(programme_data(**overrides))
    return {".".join(str(p) for p in e["loc"]) for e in caught.value.errors()}


def test_the_factory_makes_a_valid_programme():
    assert make_programme().id == "test-programme"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        pytest.param({"id": "Bad Id"}, "id", id="an id with spaces and capitals is refused"),
        pytest.param({"name": {"en": "No French"}}, "name", id="a name without French is refused"),
        pytest.param({"name": {"fr": "Nom", "xx": "?"}}, "name", id="an unknown language code is refused"),
        pytest.param({"summary": {"fr": "x" * 161}}, "summary", id="a summary of 161 characters is refused"),
        pytest.param({"kind": "cours"}, "kind", id="a kind outside data·inclusion's types is refused"),
        pytest.param({"publics": ["martiens"]}, "publics.0", id="a public outside data·inclusion's list is refused"),
        pytest.param({"projects": ["fly"]}, "projects.0", id="an unknown project code is refused"),
        pytest.param({"audience": {"age_min": 26, "age_max": 16}}, "audience", id="age bounds in the wrong order are refused"),
        pytest.param({"audience": {"age_min": -1}}, "audience.age_min", id="a negative age is refused"),
        pytest.param({"zone": {"name": "Nulle part"}}, "zone", id="a zone that names no place is refused"),
        pytest.param({"zone": {"name": "X", "departements": ["999"]}}, "zone.departements.0", id="a malformed département code is refused"),
        pytest.param({"access": {"modes": ["referral"], "how": {"fr": "x"}}}, "access", id="a referral without prescriber is refused"),
        pytest.param({"contacts": {"phone": "12"}}, "contacts.phone", id="a phone number that is not one is refused"),
        pytest.param({"contacts": {"email": "not-an-email"}}, "contacts.email", id="a malformed email is refused"),
        pytest.param({"contacts": {"website": "not a url"}}, "contacts.website", id="a malformed website is refused"),
        pytest.param({"contacts": {"how_to_reach": None}}, "contacts", id="a programme nobody can reach is refused"),
        pytest.param({"status": {"state": "ended"}}, "status", id="an ended programme must say when or how we know"),
        pytest.param({"status": {"state": "recurring"}}, "status", id="a recurring event must give its usual period"),
        pytest.param({"source": {"title": "Sans fichier"}}, "source", id="a source must be a seed file or an official url"),
        pytest.param({"source": {"file": "article.txt", "title": "x"}}, "source.file", id="a source file must be a seed file name"),
        pytest.param({"last_checked": "2999-01-01"}, "last_checked", id="a check date in the future is refused"),
        pytest.param({"colour": "blue"}, "colour", id="an unknown field is refused"),
    ],
)
def test_invalid_entries_name_the_failing_field(overrides, field):
    assert field in failing_fields(**overrides)


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("05 49 41 00 00", "+33549410000"),  # spaces
        ("05.49.41.00.00", "+33549410000"),  # dots
        ("+33 5 49 41 00 00", "+33549410000"),  # already international
        ("3949", "3949"),  # a national short number stays as it is
    ],
)
def test_french_phone_numbers_are_stored_in_e164(written, stored):
    assert make_programme(contacts={"phone": written}).contacts.phone == stored


@pytest.mark.parametrize(("length", "valid"), [(160, True), (161, False)])
def test_summary_length_boundary(length, valid):
    data = programme_data(summary={"fr": "x" * length})
    if valid:
        Programme.model_validate(data)
    else:
        with pytest.raises(ValidationError):
            Programme.model_validate(data)
