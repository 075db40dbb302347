"""Opening hours in OpenStreetMap syntax ("Mo-Fr 09:00-12:30,14:00-17:30; PH off"), read by `opening-hours-py`.

`week_of` gives the seven days from today with their opening slots, whether it is open now, and when that changes;
an expression the parser does not understand gives None, and the card shows it as written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from opening_hours import OpeningHours

#: Opening hours are French local time.
PARIS = ZoneInfo("Europe/Paris")
#: An expression this long is not opening hours; it is not parsed.
MAX_EXPRESSION = 500


@dataclass(frozen=True)
class Week:
    """The next seven days' opening slots, from `now`'s day, and the state at `now`."""

    days: tuple[tuple[date, tuple[tuple[time, time], ...]], ...]
    open_now: bool
    next_change: datetime | None  # when it next opens (closed now) or closes (open now); None: never, or not this fortnight


@lru_cache(maxsize=4096)
def _parsed(expression: str) -> OpeningHours | None:
    if not expression or len(expression) > MAX_EXPRESSION:
        return None
    try:
        return OpeningHours(expression, country="FR")
    except Exception:  # noqa: BLE001 (the parser raises SyntaxError subclasses and others; any of them means "not parsed")
        return None


def now_in_france() -> datetime:
    return datetime.now(PARIS).replace(tzinfo=None)


def week_of(expression: str | None, now: datetime) -> Week | None:
    """`now` is naive French local time."""
    hours = _parsed((expression or "").strip())
    if hours is None:
        return None
    start = datetime.combine(now.date(), time())
    days: dict[date, list[tuple[time, time]]] = {start.date() + timedelta(days=i): [] for i in range(7)}
    try:
        for begin, end, state, _comment in hours.intervals(start, start + timedelta(days=7)):
            if str(state).rsplit(".", 1)[-1].upper() != "OPEN":
                continue
            cursor = begin
            while cursor < end:  # a slot past midnight counts on each day it touches
                day_end = datetime.combine(cursor.date() + timedelta(days=1), time())
                stop = min(end, day_end)
                if cursor.date() in days:
                    days[cursor.date()].append((cursor.time(), time(23, 59) if stop == day_end else stop.time()))
                cursor = stop
        open_now = bool(hours.is_open(now))
        change = hours.next_change(now)
    except Exception:  # noqa: BLE001 (an expression that parses but cannot be evaluated is shown as written)
        return None
    if change is not None and change - now > timedelta(days=14):
        change = None
    return Week(tuple((day, tuple(slots)) for day, slots in days.items()), open_now, change)
