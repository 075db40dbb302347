"""Loading the catalogue: every problem reported at once, naming file and field; the real catalogue is valid."""

from pathlib import Path

import pytest
from factories import TODAY, shipped_catalogue

from navigator.catalogue.freshness import warnings
from navigator.catalogue.loading import CatalogueError, load_catalogue
from navigator.eligibility import match, offered
from navigator.person.profile import Profile
from navigator.vocabulary import Lifecycle

BROKEN = Path(__file__).parent / "fixtures" / "broken_catalogue"


@pytest.fixture(scope="module")
def problems():
    """Every problem found in the broken fixture catalogue."""
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(BROKEN)
    return caught.value.problems


@pytest.mark.parametrize(
    ("file", "field", "words"),
    [
        pytest.param("not-yaml.yaml", "", "not valid YAML", id="a file that is not YAML names its line"),
        pytest.param("a-list.yaml", "", "expected a mapping", id="a file holding a list is refused"),
        pytest.param("wrong-fields.yaml", "kind", "allowed", id="an unknown kind lists the allowed values"),
        pytest.param("wrong-fields.yaml", "contacts.phone", "not a valid phone", id="a short phone is refused"),
        pytest.param("wrong-fields.yaml", "contacts.email", "email", id="a bad email is refused"),
        pytest.param("wrong-fields.yaml", "last_checked", "date", id="an impossible date is refused"),
        pytest.param("wrong-fields.yaml", "colour", "unknown field", id="an unknown field is refused"),
        pytest.param("duplicate-two.yaml", "id", "duplicate id", id="a duplicate id names the other file"),
        pytest.param(
            "lone-surrogate.yaml", "", "invalid Unicode character escape", id="a lone surrogate escape is refused, not a crash later"
        ),
    ],
)
def test_broken_catalogue_reports_each_problem(problems, file, field, words):
    found = [p for p in problems if p.file == file and p.field == field]
    assert found, f"no problem reported for {file} {field}: {problems}"
    assert any(words.lower() in p.message.lower() for p in found), found


def test_every_problem_is_reported_at_once(problems):
    assert len({p.file for p in problems}) >= 4
    assert len(problems) >= 8


def test_the_yaml_error_says_where(problems):
    (problem,) = [p for p in problems if p.file == "not-yaml.yaml"]
    assert "line" in problem.message


def test_the_shipped_catalogue_has_at_least_30_routes(catalogue):
    assert len(catalogue) >= 30


def test_every_entry_names_its_source(catalogue):
    for p in catalogue:
        assert p.source.file or p.source.url, p.id


NATIONAL_ENTRIES_NEVER_CHECKED = {
    "adie",
    "cap-emploi",
    "france-active",
    "france-travail",
    "mission-locale",
    "ofii-contrat-integration-republicaine",
}


def test_an_entry_drawn_from_an_article_is_dated_by_it_and_national_entries_no_check_recorded_are_undated(catalogue):
    """Issue #15: the national entries' 2026-11-23 was recorded by no check; their date is unknown until a curator
    confirms them. Entries built from an article keep the article's date."""
    undated = {p.id for p in catalogue if p.last_checked is None}
    assert undated == NATIONAL_ENTRIES_NEVER_CHECKED
    assert all(p.source.file for p in catalogue if p.last_checked is not None and not p.source.url)


def test_every_seed_file_named_exists():
    seeds = Path(__file__).resolve().parents[2] / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip("shared/seeds is not beside the project")
    for p in shipped_catalogue():
        if p.source.file:
            assert (seeds / p.source.file).is_file(), f"{p.id}: {p.source.file}"


def test_ended_programmes_are_never_offered(catalogue):
    ended = [p for p in catalogue if p.status.state is Lifecycle.ENDED]
    assert ended, "the catalogue should keep at least one ended programme (the CARAP)"
    everyone = Profile(projects=list(set().union(*(p.projects for p in ended))))
    offered_ids = {m.programme.id for m in offered(match(everyone, catalogue, TODAY))}
    assert not offered_ids & {p.id for p in ended}


def test_the_carap_is_marked_ended(catalogue):
    assert catalogue.get("mission-locale-agen-carap").status.state is Lifecycle.ENDED


def test_stale_entries_are_warned_about(catalogue):
    stale = [w for w in warnings(catalogue, TODAY) if w.field == "last_checked"]
    assert stale, "entries from 2019 articles should be flagged as not checked for over a year"
