"""Anonymous statistics: counters per day and category, never a person.

What is stored is a table of (day, metric, category, count). No session id, no
IP, no user agent, no time finer than the day, and no combination of answers
— except unmet needs by département and project, which the desks asked for.
Free-text searches are stored folded and shown only once seen 3 times.

Configuration (environment):
- NAVIGATOR_STATS=off turns counting off;
- NAVIGATOR_DATABASE_URL selects a database (SQLAlchemy URL, e.g. postgresql://…);
  by default a SQLite file at NAVIGATOR_STATS_FILE (default var/navigator-stats.sqlite3), created on first use.

Writes never break the person's flow: a failure is logged for staff and ignored.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from datetime import date
from enum import StrEnum
from pathlib import Path

from sqlalchemy import Column, Date, Integer, MetaData, String, Table, create_engine, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from navigator.person.profile import Profile
from navigator.text import fold

log = logging.getLogger("navigator.stats")

#: Free-text searches are shown only once seen this many times over the period.
MIN_SHOWN = 3
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


def enabled() -> bool:
    return os.environ.get("NAVIGATOR_STATS", "on").strip().lower() not in {"off", "0", "false", "no"}


def database_url() -> str:
    url = os.environ.get("NAVIGATOR_DATABASE_URL")
    if url:
        return url
    path = Path(os.environ.get("NAVIGATOR_STATS_FILE") or DEFAULT_FILE)
    return f"sqlite:///{path}"


class Stats:
    """Counters in a database; every method swallows database errors (and logs them for staff)."""

    def __init__(self, url: str | None = None):
        self.url = url or database_url()
        self._engine: Engine | None = None

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            if self.url.startswith("sqlite:///"):
                Path(self.url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
            self._engine = create_engine(self.url, future=True, pool_pre_ping=True)
            metadata.create_all(self._engine)
        return self._engine

    def add(self, day: date, items: Iterable[tuple[Metric, str]]) -> bool:
        """Increment each (metric, category) for the day. False (and a log line) if the database failed."""
        items = [(Metric(m).value, str(c)[:120]) for m, c in items]
        if not items:
            return True
        try:
            with self.engine.begin() as connection:
                for metric, category in items:
                    key = {"day": day, "metric": metric, "category": category}
                    updated = connection.execute(
                        counts.update()
                        .where(counts.c.day == day, counts.c.metric == metric, counts.c.category == category)
                        .values(count=counts.c.count + 1)
                    )
                    if updated.rowcount == 0:
                        connection.execute(counts.insert().values(**key, count=1))
            return True
        except (SQLAlchemyError, OSError) as error:
            log.warning("statistics not recorded: %s", type(error).__name__)
            return False

    def _sums(self, column, start: date, end: date, metric: Metric) -> list[tuple]:
        """(value of `column`, total) for one metric over [start, end]; [] if the database failed."""
        try:
            with self.engine.connect() as connection:
                return connection.execute(
                    select(column, func.sum(counts.c.count))
                    .where(counts.c.metric == Metric(metric).value, counts.c.day >= start, counts.c.day <= end)
                    .group_by(column)
                    .order_by(column)
                ).all()
        except (SQLAlchemyError, OSError) as error:
            log.warning("statistics not readable: %s", type(error).__name__)
            return []

    def totals(self, start: date, end: date, metric: Metric) -> dict[str, int]:
        """Counts per category over [start, end]; free-text categories seen fewer than 3 times are hidden."""
        found = {category: int(total) for category, total in self._sums(counts.c.category, start, end, metric)}
        if metric in (Metric.SEARCH_TEXT, Metric.SEARCH_TEXT_NO_RESULT):
            found = {c: n for c, n in found.items() if n >= MIN_SHOWN}
        return dict(sorted(found.items(), key=lambda item: (-item[1], item[0])))

    def per_day(self, start: date, end: date, metric: Metric) -> dict[date, int]:
        """Counts per day over [start, end]."""
        return {day: int(total) for day, total in self._sums(counts.c.day, start, end, metric)}

    def rows(self, start: date, end: date) -> list[dict]:
        """Every counter of the period, for a CSV export (free-text searches below 3 hidden)."""
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
