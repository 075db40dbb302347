"""Statistics on a bad day, and statistics that cannot single anyone out: a database that accepts and never answers,
a locked SQLite file, a database down at start-up, a full queue; free text below the threshold never stored, small
counts never shown or exported."""

from __future__ import annotations

import socket
import sqlite3
import threading
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from navigator.statistics.store import MIN_COUNT, Metric, Stats, counts, search_items
from navigator.statistics.writer import StatsWriter

DAY = date(2026, 11, 23)  # a Monday
APP = str(Path(__file__).resolve().parent.parent / "navigator_app.py")


def comes_back(function, *args, seconds: float = 30):
    """Run `function` in a thread; fail (instead of hanging) if it does not come back."""
    result: dict = {}
    thread = threading.Thread(target=lambda: result.setdefault("value", function(*args)), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"{getattr(function, '__name__', function)} is still waiting for the database"
    return result.get("value")


@pytest.fixture
def black_hole():
    """A 'database' on loopback that accepts connections and never says a word."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(50)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"postgresql+psycopg://user:pw@127.0.0.1:{server.getsockname()[1]}/stats"
    stop.set()
    thread.join(2)
    for connection in held:
        connection.close()
    server.close()


def wait_for(condition, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def stored(stats: Stats) -> list:
    """Every row of the database, whatever its count."""
    with stats.engine.connect() as connection:
        return connection.execute(select(counts)).all()


def test_a_database_that_never_answers_holds_no_visitor(black_hole, caplog):
    writer = StatsWriter(Stats(black_hole, timeout_seconds=1))
    assert comes_back(writer.submit, DAY, [(Metric.FLOW_COMPLETED, "all")], seconds=5) is True
    assert wait_for(lambda: "statistics not recorded" in caplog.text), "the failure is logged once the connection times out"
    assert wait_for(lambda: writer.dropped == 1)


def test_staff_reads_of_a_database_that_never_answers_time_out_then_answer_at_once(black_hole):
    stats = Stats(black_hole, timeout_seconds=2)
    assert comes_back(stats.totals, DAY, DAY, Metric.FLOW_COMPLETED) == {}
    assert not stats.reachable
    assert comes_back(stats.totals, DAY, DAY, Metric.LANGUAGE, seconds=1) == {}  # left alone: no second wait (it would take 2 s)


def test_the_results_page_does_not_wait_for_a_database_that_never_answers(black_hole, monkeypatch):
    from navigator.ui import resources

    monkeypatch.setenv("NAVIGATOR_DATABASE_URL", black_hole)
    monkeypatch.setenv("NAVIGATOR_STATS", "on")
    monkeypatch.setattr(resources, "_stats", [])
    at = AppTest.from_file(APP, default_timeout=20)  # a visitor held by the database fails here
    at.query_params["lang"] = "en"
    at.query_params["routes"] = "adie"
    at.run()
    assert not at.exception
    at.session_state["step"] = 7
    at.run()
    assert not at.exception


def test_a_locked_sqlite_file_drops_the_counts_and_logs(tmp_path, caplog):
    path = tmp_path / "stats.sqlite3"
    stats = Stats(f"sqlite:///{path}", retry_seconds=0, timeout_seconds=0.2)
    assert stats.add(DAY, [(Metric.FLOW_COMPLETED, "all")])
    locker = sqlite3.connect(path)
    locker.execute("BEGIN EXCLUSIVE")
    writer = StatsWriter(stats)
    try:
        assert comes_back(writer.submit, DAY, [(Metric.FLOW_COMPLETED, "all")], seconds=5) is True
        assert writer.flush()
        assert writer.dropped == 1 and "statistics not recorded: OperationalError" in caplog.text
    finally:
        locker.rollback()
        locker.close()
    writer.submit(DAY, [(Metric.FLOW_COMPLETED, "all")])
    assert writer.flush()
    assert stats.totals(DAY, DAY, Metric.FLOW_COMPLETED, minimum=1) == {"all": 2}


def test_a_database_down_at_start_up_is_used_once_it_answers(tmp_path):
    blocker = tmp_path / "var"
    blocker.write_text("a file where the folder should be")
    now = [0.0]
    stats = Stats(f"sqlite:///{blocker / 'stats.sqlite3'}", retry_seconds=30, clock=lambda: now[0])
    assert stats.add(DAY, [(Metric.FLOW_COMPLETED, "all")]) is False
    blocker.unlink()
    blocker.mkdir()
    assert stats.add(DAY, [(Metric.FLOW_COMPLETED, "all")]) is False, "left alone for the retry period"
    now[0] += 31
    assert stats.add(DAY, [(Metric.FLOW_COMPLETED, "all")]) is True  # the tables are created now
    assert stats.totals(DAY, DAY, Metric.FLOW_COMPLETED, minimum=1) == {"all": 1}


def test_a_full_queue_drops_and_logs_instead_of_waiting(tmp_path, caplog):
    gate = threading.Event()

    class Stuck(Stats):
        def add_counts(self, day, amounts):
            gate.wait(30)
            return True

    writer = StatsWriter(Stuck(f"sqlite:///{tmp_path / 's.sqlite3'}"), max_queued=3)
    results = [comes_back(writer.submit, DAY, [(Metric.SEARCH, "all")], seconds=5) for _ in range(10)]
    gate.set()
    assert results.count(False) >= 6 and writer.dropped >= 6
    assert "statistics dropped" in caplog.text


def test_a_free_text_is_not_stored_before_it_was_seen_5_times_in_a_week(tmp_path):
    stats = Stats(f"sqlite:///{tmp_path / 's.sqlite3'}")
    writer = StatsWriter(stats)
    for n in range(1, MIN_COUNT):
        writer.submit(DAY + timedelta(days=n % 5), search_items("Jean Dupont 12 rue des Lilas", hits=0))
    writer.submit(DAY + timedelta(days=7), search_items("jean dupont 12 rue des lilas", hits=0))  # the next week
    assert writer.flush()
    assert not [row for row in stored(stats) if "dupont" in row.category]
    writer.submit(DAY + timedelta(days=6), search_items("jean dupont 12 rue des lilas", hits=0))  # 5th that week
    writer.submit(DAY + timedelta(days=6), search_items("jean dupont 12 rue des lilas", hits=0))
    assert writer.flush()
    texts = {row.category: row.count for row in stored(stats) if row.metric == Metric.SEARCH_TEXT_NO_RESULT}
    assert texts == {"jean dupont 12 rue des lilas": 6}


def test_one_flow_on_a_quiet_week_is_not_shown_nor_exported(tmp_path):
    stats = Stats(f"sqlite:///{tmp_path / 's.sqlite3'}")
    one_person = [(Metric.FLOW_COMPLETED, "all"), (Metric.LANGUAGE, "ti"), (Metric.AGE_BAND, "16-17"), (Metric.DEPARTEMENT, "23")]
    stats.add(DAY, one_person)
    for _ in range(MIN_COUNT):
        stats.add(DAY, [(Metric.FLOW_COMPLETED, "all"), (Metric.LANGUAGE, "fr")])
    assert stats.totals(DAY, DAY, Metric.LANGUAGE) == {"fr": MIN_COUNT}
    exported = {(row["metric"], row["category"]) for row in stats.rows(DAY, DAY)}
    assert exported == {("flow_completed", "all"), ("language", "fr")}
    assert stats.totals(DAY, DAY, Metric.DEPARTEMENT) == {} and stats.totals(DAY, DAY, Metric.AGE_BAND) == {}


def test_small_weeks_are_reported_by_month_and_small_months_not_at_all(tmp_path):
    stats = Stats(f"sqlite:///{tmp_path / 's.sqlite3'}")
    for week, n in [(DAY, 3), (DAY - timedelta(days=7), 3), (DAY - timedelta(days=35), 2)]:
        for _ in range(n):
            stats.add(week, [(Metric.FLOW_COMPLETED, "all")])
    period, shown = stats.over_time(DAY - timedelta(days=40), DAY, Metric.FLOW_COMPLETED)
    assert period == "month" and shown == {date(2026, 11, 1): 6}  # October's 2 are left out
    for _ in range(3):
        stats.add(DAY, [(Metric.FLOW_COMPLETED, "all")])
        stats.add(DAY - timedelta(days=7), [(Metric.FLOW_COMPLETED, "all")])
    assert stats.over_time(DAY - timedelta(days=7), DAY, Metric.FLOW_COMPLETED) == ("week", {DAY - timedelta(days=7): 6, DAY: 6})
