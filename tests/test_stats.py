"""Anonymous statistics: counts per week and category after scripted flows; small counts hidden; never in the way."""

import os
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from navigator.eligibility import CandidateIndex, match_offered
from navigator.person.profile import Profile
from navigator.statistics.store import Metric, Stats, age_band, counts, enabled, flow_items, search_items
from navigator.statistics.writer import StatsWriter

DAY = date(2026, 11, 23)


@pytest.fixture
def stats(tmp_path):
    """A fresh SQLite file for each test."""
    return Stats(f"sqlite:///{tmp_path / 'stats.sqlite3'}")


def run_flow(stats, catalogue, person: Profile, lang: str, day: date = DAY) -> list[str]:
    routes = [m.programme.id for m in match_offered(person, CandidateIndex(catalogue.programmes), day)]
    assert stats.add(day, flow_items(person, lang, routes))
    return routes


def test_counts_after_scripted_flows(stats, catalogue):
    run_flow(stats, catalogue, Profile(age=28, statuses=["refugee"], projects=["learn_french"], postal_code="86000"), "fa")
    run_flow(stats, catalogue, Profile(age=17, statuses=["out_of_school"], projects=["apprenticeship"], postal_code="86000"), "fr")
    run_flow(stats, catalogue, Profile(age=30, projects=["mobility"], postal_code="97139"), "ar")  # nothing for this one
    assert stats.totals(DAY, DAY, Metric.FLOW_COMPLETED, minimum=1) == {"all": 3}
    assert stats.totals(DAY, DAY, Metric.LANGUAGE, minimum=1) == {"ar": 1, "fa": 1, "fr": 1}
    assert stats.totals(DAY, DAY, Metric.PROJECT, minimum=1) == {"learn_french": 1, "apprenticeship": 1, "mobility": 1}
    assert stats.totals(DAY, DAY, Metric.AGE_BAND, minimum=1) == {"16-17": 1, "26-44": 2}
    assert stats.totals(DAY, DAY, Metric.DEPARTEMENT, minimum=1) == {"86": 2, "971": 1}
    assert stats.totals(DAY, DAY, Metric.UNMET_DEPARTEMENT, minimum=1) == {"971": 1}
    assert stats.totals(DAY, DAY, Metric.UNMET_DEPARTEMENT_PROJECT, minimum=1) == {"971:mobility": 1}
    assert stats.totals(DAY, DAY, Metric.ROUTE_SHOWN, minimum=1)["infolang-poitiers"] == 1


def test_counts_are_per_week(stats, catalogue):
    person = Profile(projects=["find_job"])
    for day in (DAY, DAY + timedelta(days=1), DAY + timedelta(days=7)):  # a Monday, its Tuesday, the next Monday
        run_flow(stats, catalogue, person, "fr", day)
    assert stats.per_week(DAY, DAY + timedelta(days=7), Metric.FLOW_COMPLETED) == {DAY: 2, DAY + timedelta(days=7): 1}
    assert stats.totals(DAY + timedelta(days=3), DAY + timedelta(days=3), Metric.FLOW_COMPLETED, minimum=1) == {"all": 2}


def test_searches_are_normalised_and_not_stored_before_5(tmp_path):
    stats = Stats(f"sqlite:///{tmp_path / 'stats.sqlite3'}")
    writer = StatsWriter(stats)
    for query in ["Permis  Libourne", "permis libourne!", "PERMIS LIBOURNÉ", "permis, libourne", "Permis Libourne ?"]:
        writer.submit(DAY, search_items(query, hits=0))
    writer.submit(DAY, search_items("une recherche rare", hits=0))
    assert writer.flush()
    assert stats.totals(DAY, DAY, Metric.SEARCH_TEXT_NO_RESULT) == {"permis libourne": 5}
    assert stats.totals(DAY, DAY, Metric.SEARCH_NO_RESULT) == {"all": 6}
    assert "une recherche rare" not in stored_categories(stats)


def stored_categories(stats: Stats) -> set[str]:
    """Every category in the database, whatever its count."""
    with stats.engine.connect() as connection:
        return {row.category for row in connection.execute(select(counts))}


def test_nothing_identifying_is_stored(stats, catalogue):
    run_flow(stats, catalogue, Profile(age=33, statuses=["refugee"], projects=["learn_french"], postal_code="86000", qpv=True), "ps")
    with stats.engine.connect() as connection:
        rows = connection.execute(select(counts)).all()
    assert rows, "the flow was counted"
    metrics = {row.metric for row in rows}
    assert "qpv" not in metrics and "age" not in metrics and "postal_code" not in metrics
    assert "86000" not in {row.category for row in rows} and "33" not in {row.category for row in rows}


@pytest.mark.parametrize(
    ("age", "band"),
    [(None, "unknown"), (15, "<16"), (16, "16-17"), (17, "16-17"), (18, "18-25"), (25, "18-25"), (26, "26-44"), (44, "26-44"), (45, "45+")],
)
def test_age_bands(age, band):
    assert age_band(age) == band


def test_an_unavailable_database_never_breaks_the_flow(tmp_path, caplog):
    blocked = tmp_path / "not-a-dir"
    blocked.write_text("a file where a folder should be")
    broken = Stats(f"sqlite:///{blocked / 'stats.sqlite3'}")
    assert broken.add(DAY, [(Metric.FLOW_COMPLETED, "all")]) is False
    assert broken.totals(DAY, DAY, Metric.FLOW_COMPLETED) == {}
    assert "statistics not recorded" in caplog.text


def test_statistics_can_be_switched_off(monkeypatch):
    monkeypatch.setenv("NAVIGATOR_STATS", "off")
    assert not enabled()
    monkeypatch.setenv("NAVIGATOR_STATS", "on")
    assert enabled()


@pytest.mark.skipif(not os.environ.get("NAVIGATOR_TEST_POSTGRES_URL"), reason="no PostgreSQL server (set NAVIGATOR_TEST_POSTGRES_URL)")
def test_postgresql_counts_like_sqlite(catalogue):
    stats = Stats(os.environ["NAVIGATOR_TEST_POSTGRES_URL"])
    day = date(2001, 1, 1)  # a day no real count uses
    before = stats.totals(day, day, Metric.FLOW_COMPLETED, minimum=1).get("all", 0)
    assert stats.add(day, [(Metric.FLOW_COMPLETED, "all")])
    assert stats.totals(day, day, Metric.FLOW_COMPLETED, minimum=1)["all"] == before + 1
