"""The desk reads French: statistics categories by name, search hits with what the desk needs, warnings in words."""

from datetime import date

import pytest
from factories import TODAY, make_programme

from navigator.presentation.staff_labels import category_fr, day_fr, hit_line, warning_lines


@pytest.mark.parametrize(
    ("metric", "code", "shown"),
    [
        ("project", "learn_french", "Apprendre le français"),
        ("language", "uk", "ukrainien"),
        ("age_band", "18-25", "18–25 ans"),
        ("unmet_departement", "86", "86 Vienne"),
    ],
)
def test_statistics_categories_are_named_in_french(metric, code, shown):
    assert shown.casefold() in category_fr(metric, code).casefold()


def test_a_status_is_named_not_coded():
    assert category_fr("status", "job_seeker") != "job_seeker"


def test_a_hit_says_name_territory_status_last_check_and_contact():
    p = make_programme(name={"fr": "Mon programme"}, zone={"name": "Vienne", "departements": ["86"]}, contacts={"phone": "05 49 41 00 00"})
    line = hit_line(p, TODAY)
    assert "Mon programme" in line and "Vienne" in line and "actif" in line and "15 janvier 2026" in line and "05 49 41 00 00" in line
    assert "test-programme" not in line  # no internal id


def test_warnings_are_in_french():
    old = make_programme(last_checked="2019-03-01")
    (line,) = warning_lines([old], TODAY)
    assert "pas vérifié depuis le 1 mars 2019" in line and "last_checked" not in line
    assert day_fr(date(2026, 12, 1)) == "1 décembre 2026"
