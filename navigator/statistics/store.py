"""Anonymous statistics: counters per week and category, never a person.

What is stored is a table of (week, metric, category, count): the `day` column holds the Monday of the ISO week, so a
quiet day's single flow is not a day of its own. No session id, no IP, no user agent, no time finer than the week,
and no combination of answers — except unmet needs by département and project, which the desks asked for.
Free-text searches are not stored at all until seen MIN_COUNT times in a week (`statistics/writer.py` counts them in
memory until then). Every report hides categories counted fewer than MIN_COUNT times over the period.

Configuration (environment):
- NAVIGATOR_STATS=off turns counting off;
- NAVIGATOR_DATABASE_URL selects a database (SQLAlchemy URL, e.g. postgresql://…);
  by default a SQLite file at NAVIGATOR_STATS_FILE (default var/navigator-stats.sqlite3), created on first use.

The database is never on a visitor's path (the app writes through `StatsWriter`'s background queue), and every call
here is short: connecting, waiting for a lock and each statement time out after a few seconds; after a failure the
database is left alone for RETRY_SECONDS (calls answer at once, writes are dropped and logged), then tried again,
tables included — a database down at start-up is used as soon as it answers.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from enum import StrEnum
from pathlib import Path

from sqlalchemy import Column, Date, Integer, MetaData, String, Table, create_engine, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from navigator.person.profile import Profile
from navigator.text import fold

log = logging.getLogger("navigator.stats")

#: The smallest count shown or exported for any category, and the number of times a free text must be seen in a
#: week before it is stored at all.
MIN_COUNT = 5
#: Seconds to wait for a connection, a lock or a statement.
TIMEOUT_SECONDS = 3
#: After a failure, seconds during which the database is not asked again.
RETRY_SECONDS = 30
DEFAULT_FILE = Path(__file__).resolve().parents[2] / "var" / "navigator-stats.sqlite3"


class Metric(StrEnum):
    FLOW_COMPLETED = "flow_completed"
    PROJECT = "project"
    STATUS = "status"
    LANGUAGE = "language"
    AGE_BAND = "age_band"
    DEPARTEMENT = "departement"
    FRENCH_LEVEL = "french_level"
    ROUTE_SHOWN = "route_shown"
    ROUTE_OPENED = "route_opened"
    ROUTE_SHARED = "route_shared"
    ROUTE_PRINTED = "route_printed"
    SEARCH = "search"
    SEARCH_NO_RESULT = "search_no_result"
    SEARCH_TEXT = "search_text"
    SEARCH_TEXT_NO_RESULT = "search_text_no_result"
    UNMET_DEPARTEMENT = "unmet_departement"
    UNMET_PROJECT = "unmet_project"
    UNMET_DEPARTEMENT_PROJECT = "unmet_departement_project"


metadata = MetaData()
counts = Table(
    "daily_counts",
    metadata,
    Column("day", Date, primary_key=True),
    Column("metric", String(40), primary_key=True),
    Column("category", String(120), primary_key=True),
    Column("count", Integer, nullable=False, default=0),
)


def age_band(age: int | None) -> str:
    if age is None:
        return "unknown"
    if age < 16:
        return "<16"
    if age < 18:
        return "16-17"
    if age <= 25:
        return "18-25"
    if age <= 44:
        return "26-44"
    return "45+"


def week_of(day: date) -> date:
    """The Monday of the ISO week holding `day`: what is stored instead of the day."""
    return day - timedelta(days=day.weekday())


def month_of(day: date) -> date:
    return day.replace(day=1)


FREE_TEXT = frozenset({Metric.SEARCH_TEXT, Metric.SEARCH_TEXT_NO_RESULT})


def enabled() -> bool:
    return os.environ.get("NAVIGATOR_STATS", "on").strip().lower() not in {"off", "0", "false", "no"}


def database_url() -> str:
    url = os.environ.get("NAVIGATOR_DATABASE_URL")
    if url:
        return url
    path = Path(os.environ.get("NAVIGATOR_STATS_FILE") or DEFAULT_FILE)
    return f"sqlite:///{path}"


def _timeouts(url: str, seconds: float) -> dict:
    """Connection arguments that bound every wait, for the databases we support."""
    if url.startswith("sqlite"):
        return {"timeout": seconds}  # waiting for another writer's lock
    if url.startswith("postgresql"):
        ms = round(seconds * 1000)
        return {"connect_timeout": max(1, round(seconds)), "options": f"-c statement_timeout={ms} -c lock_timeout={ms}"}
    return {}


class Stats:
    """Counters in a database. No method raises for a database problem: writes say False, reads give nothing, and
    the problem is logged for staff (its kind only)."""

    def __init__(
        self, url: str | None = None, retry_seconds: float = RETRY_SECONDS, clock=time.monotonic, timeout_seconds: float = TIMEOUT_SECONDS
    ):
        self.url = url or database_url()
        self.retry_seconds, self.clock, self.timeout_seconds = retry_seconds, clock, timeout_seconds
        self._engine: Engine | None = None
        self._tables_ready = False
        self._down_until = 0.0
        self._lock = threading.Lock()

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            if self.url.startswith("sqlite:///"):
                Path(self.url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
            self._engine = create_engine(
                self.url,
                future=True,
                pool_pre_ping=True,
                pool_timeout=self.timeout_seconds,
                connect_args=_timeouts(self.url, self.timeout_seconds),
            )
        if not self._tables_ready:  # tried again after every failure, until the database answers
            metadata.create_all(self._engine)
            self._tables_ready = True
        return self._engine

    @property
    def reachable(self) -> bool:
        """False while the database is left alone after a failure."""
        return self.clock() >= self._down_until

    def _failed(self, what: str, error: Exception) -> None:
        self._down_until = self.clock() + self.retry_seconds
        log.warning("statistics not %s: %s (the database is left alone for %d s)", what, type(error).__name__, self.retry_seconds)

    def add(self, day: date, items: Iterable[tuple[Metric, str]]) -> bool:
        """Increment each (metric, category) by one for the day's week. False (and a log line) if not written."""
        return self.add_counts(day, Counter((Metric(m), str(c)) for m, c in items))

    def add_counts(self, day: date, amounts: Mapping[tuple[Metric, str], int]) -> bool:
        """Add each amount to its (metric, category) for the day's week. False (and a log line) if not written."""
        rows = Counter()
        for (metric, category), amount in amounts.items():
            rows[(Metric(metric).value, str(category)[:120])] += int(amount)
        if not rows:
            return True
        if not self.reachable:
            return False
        week = week_of(day)
        try:
            with self._lock, self.engine.begin() as connection:
                for (metric, category), amount in sorted(rows.items()):
                    updated = connection.execute(
                        counts.update()
                        .where(counts.c.day == week, counts.c.metric == metric, counts.c.category == category)
                        .values(count=counts.c.count + amount)
                    )
                    if updated.rowcount == 0:
                        connection.execute(counts.insert().values(day=week, metric=metric, category=category, count=amount))
            return True
        except (SQLAlchemyError, OSError) as error:
            self._failed("recorded", error)
            return False

    def _sums(self, column, start: date, end: date, metric: Metric) -> list[tuple]:
        """(value of `column`, total) for one metric over the weeks overlapping [start, end]; [] if not readable."""
        if not self.reachable:
            return []
        try:
            with self.engine.connect() as connection:
                return connection.execute(
                    select(column, func.sum(counts.c.count))
                    .where(counts.c.metric == Metric(metric).value, counts.c.day >= week_of(start), counts.c.day <= week_of(end))
                    .group_by(column)
                    .order_by(column)
                ).all()
        except (SQLAlchemyError, OSError) as error:
            self._failed("readable", error)
            return []

    def totals(self, start: date, end: date, metric: Metric, minimum: int = MIN_COUNT) -> dict[str, int]:
        """Counts per category over the weeks of [start, end], largest first; categories counted fewer than
        `minimum` times are left out (pass 1 for the raw counts, never for what staff see or export)."""
        found = {category: int(total) for category, total in self._sums(counts.c.category, start, end, metric)}
        found = {c: n for c, n in found.items() if n >= minimum}
        return dict(sorted(found.items(), key=lambda item: (-item[1], item[0])))

    def per_week(self, start: date, end: date, metric: Metric) -> dict[date, int]:
        """Raw counts per week (its Monday) over [start, end]."""
        return {week: int(total) for week, total in self._sums(counts.c.day, start, end, metric)}

    def over_time(self, start: date, end: date, metric: Metric) -> tuple[str, dict[date, int]]:
        """("week" or "month", counts per period) for a chart: by week when every week has at least MIN_COUNT,
        else by month; periods still below MIN_COUNT are left out."""
        weeks = self.per_week(start, end, metric)
        if weeks and min(weeks.values()) >= MIN_COUNT:
            return "week", weeks
        months: Counter = Counter()
        for week, n in weeks.items():
            months[month_of(week)] += n
        return "month", {month: n for month, n in sorted(months.items()) if n >= MIN_COUNT}

    def rows(self, start: date, end: date) -> list[dict]:
        """Every counter of the period for a CSV export, each category counted at least MIN_COUNT times."""
        out = []
        for metric in Metric:
            for category, total in self.totals(start, end, metric).items():
                out.append({"metric": metric.value, "category": category, "count": total})
        return out


def flow_items(person: Profile, lang: str, routes: list[str]) -> list[tuple[Metric, str]]:
    """What one completed flow adds: one count per answer category, routes shown, unmet needs."""
    place = person.place
    departement = sorted(place.departements)[0] if place else "unknown"
    items: list[tuple[Metric, str]] = [
        (Metric.FLOW_COMPLETED, "all"),
        (Metric.LANGUAGE, lang),
        (Metric.AGE_BAND, age_band(person.age)),
        (Metric.DEPARTEMENT, departement),
        (Metric.FRENCH_LEVEL, person.french_level.value if person.french_level else "unknown"),
    ]
    items += [(Metric.PROJECT, p.value) for p in person.projects] or [(Metric.PROJECT, "unknown")]
    items += [(Metric.STATUS, s.value) for s in person.statuses] or [(Metric.STATUS, "unknown")]
    items += [(Metric.ROUTE_SHOWN, route) for route in routes]
    if not routes:
        items.append((Metric.UNMET_DEPARTEMENT, departement))
        for project in person.projects or ["unknown"]:
            code = getattr(project, "value", project)
            items += [(Metric.UNMET_PROJECT, code), (Metric.UNMET_DEPARTEMENT_PROJECT, f"{departement}:{code}")]
    return items


def search_items(query: str, hits: int) -> list[tuple[Metric, str]]:
    """A search, normalised (case, accents, punctuation), and whether it found nothing."""
    text = " ".join(fold(query).split()[:8])[:80]
    if not text:
        return []
    items = [(Metric.SEARCH, "all"), (Metric.SEARCH_TEXT, text)]
    if hits == 0:
        items += [(Metric.SEARCH_NO_RESULT, "all"), (Metric.SEARCH_TEXT_NO_RESULT, text)]
    return items
