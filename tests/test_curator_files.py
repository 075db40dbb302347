"""Curator-proof programme files (issue #15): values typed plainly load as meant, a wrong one names file, line, field
and what is expected, the JSON Schema is current and referenced, one file can be checked alone, re-check periods."""

from datetime import date

import pytest
import yaml
from factories import make_programme, programme_file

from navigator.catalogue.freshness import is_stale, recheck_due
from navigator.catalogue.loading import CATALOGUE_DIR, read_programme
from navigator.catalogue.schema import SCHEMA_FILE, SCHEMA_LINE, schema_text
from navigator.cli import main


def write(tmp_path, text: str, name: str = "test-programme.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def plain(**overrides) -> str:
    return yaml.safe_dump(programme_file(**overrides), allow_unicode=True, sort_keys=False)


@pytest.mark.parametrize(
    ("typed", "field", "meant"),
    [
        pytest.param("  phone: 0547414100", ("contacts", "phone"), "+33547414100", id="a phone with its leading 0, unquoted"),
        pytest.param("  phone: 3949", ("contacts", "phone"), "3949", id="a national short number, unquoted"),
        pytest.param("  departements: [01, 2A]", ("zone", "departements"), ["01", "2A"], id="département codes keep their 0"),
        pytest.param("  epcis: [200069854]", ("zone", "epcis"), ["200069854"], id="an EPCI code, unquoted"),
    ],
)
def test_plain_values_load_as_the_curator_meant(tmp_path, typed, field, meant):
    text = plain(zone={"name": "Quelque part", "communes": ["86194"]})
    section = field[0] + ":\n"
    text = text.replace(section, section + typed + "\n", 1)
    if field == ("zone", "departements") or field == ("zone", "epcis"):
        text = text.replace("  communes:\n  - '86194'\n", "")
    programme, problems = read_programme(write(tmp_path, text))
    assert problems == []
    value = programme
    for part in field:
        value = getattr(value, part)
    assert value == meant


def test_yes_and_no_are_booleans_only_where_the_model_wants_one(tmp_path):
    text = plain(audience={"qpv_only": "yes"}, keywords=["no", "yes"])
    text = text.replace("qpv_only: 'yes'", "qpv_only: yes").replace("- 'no'", "- no").replace("- 'yes'", "- yes")
    programme, problems = read_programme(write(tmp_path, text))
    assert problems == []
    assert programme.audience.qpv_only is True
    assert programme.keywords == ["no", "yes"]


def test_a_wrong_value_names_the_file_its_line_the_field_and_what_is_expected(tmp_path):
    text = plain()
    lines = text.split("\n")
    line = next(i for i, s in enumerate(lines) if s.startswith("last_checked:")) + 1
    lines[line - 1] = "last_checked: 2026-13-01"
    _, problems = read_programme(write(tmp_path, "\n".join(lines)))
    (problem,) = problems
    assert (problem.file, problem.line, problem.field) == ("test-programme.yaml", line, "last_checked")
    assert str(problem).startswith(f"test-programme.yaml:{line}: last_checked: ")
    assert "date" in problem.message and "month" in problem.message


def test_a_wrong_value_inside_a_section_points_at_its_own_line(tmp_path):
    text = plain(contacts={"how_to_reach": {"fr": "Demandez à l'accueil."}, "email": "pas-un-courriel"})
    lines = text.split("\n")
    line = next(i for i, s in enumerate(lines) if "pas-un-courriel" in s) + 1
    _, problems = read_programme(write(tmp_path, text))
    assert [(p.field, p.line) for p in problems] == [("contacts.email", line)]


def test_the_published_schema_is_generated_from_the_models_and_current():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), "run: python -m navigator schema --write"


def test_every_programme_file_references_the_schema():
    assert [p.name for p in sorted(CATALOGUE_DIR.glob("*.yaml")) if not p.read_text(encoding="utf-8").startswith(SCHEMA_LINE)] == []


def test_validate_checks_the_files_it_is_given(tmp_path, capsys):
    good = write(tmp_path, plain(), "test-programme.yaml")
    bad = write(tmp_path, plain(id="other").replace("kind: accompagnement", "kind: cours-du-soir"), "other.yaml")
    assert main(["validate", str(good), str(bad)]) == 1
    out = capsys.readouterr().out
    assert f"{good}: ok" in out
    assert f"{tmp_path}/other.yaml:" in out and "kind: 'cours-du-soir' is not allowed" in out


@pytest.mark.parametrize(
    ("months", "today", "stale"),
    [
        pytest.param(12, date(2027, 1, 15), False, id="12 months: due on the same day a year later"),
        pytest.param(12, date(2027, 1, 16), True, id="12 months: past it the next day"),
        pytest.param(6, date(2026, 7, 16), True, id="6 months: past it half a year later"),
        pytest.param(6, date(2026, 7, 15), False, id="6 months: due that day"),
    ],
)
def test_each_programme_sets_how_often_it_is_re_checked(months, today, stale):
    programme = make_programme(last_checked="2026-01-15", recheck_months=months)
    assert is_stale(programme, today) is stale


def test_the_re_check_period_defaults_to_twelve_months_and_keeps_month_ends():
    assert make_programme().recheck_months == 12
    assert recheck_due(make_programme(last_checked="2025-08-31", recheck_months=6)) == date(2026, 2, 28)
