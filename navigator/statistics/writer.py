"""Statistics off the visitor's path: counts are handed to a background thread, which writes them to the database.

- `submit` never waits: it puts the counts on a bounded queue and returns. When the queue is full (the database is
  slow or gone), the counts are dropped and a line is logged (at most one a minute, with how many were dropped).
- Free texts (searches) are counted in memory, per week, and reach the database only once seen MIN_COUNT times
  that week: a text typed by one person is never stored. Counts below the threshold are lost at a restart, and each
  server process counts its own.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections import Counter, OrderedDict
from collections.abc import Iterable
from datetime import date

from navigator.statistics.store import FREE_TEXT, MIN_COUNT, Metric, Stats, week_of

log = logging.getLogger("navigator.stats")

#: Submissions waiting to be written; past this, new ones are dropped.
MAX_QUEUED = 10_000
#: Free texts counted in memory at most (the oldest weeks are forgotten first).
MAX_PENDING_TEXTS = 50_000


class FreeTextGate:
    """Holds free-text counts in memory until a text has been seen MIN_COUNT times in a week."""

    def __init__(self, threshold: int = MIN_COUNT, max_pending: int = MAX_PENDING_TEXTS):
        self.threshold, self.max_pending = threshold, max_pending
        self._pending: OrderedDict[tuple, int] = OrderedDict()
        self._stored: set[tuple] = set()

    def let_through(self, day: date, amounts: Counter) -> Counter:
        """The counts to write now: everything but free texts still below the threshold."""
        out: Counter = Counter()
        week = week_of(day)
        for (metric, category), n in amounts.items():
            if metric not in FREE_TEXT:
                out[(metric, category)] += n
                continue
            key = (week, metric, category)
            if key in self._stored:
                out[(metric, category)] += n
                continue
            seen = self._pending.pop(key, 0) + n
            if seen >= self.threshold:
                self._stored.add(key)
                out[(metric, category)] += seen
            else:
                self._pending[key] = seen
        while len(self._pending) > self.max_pending:
            self._pending.popitem(last=False)
        if len(self._stored) > self.max_pending:
            self._stored = {key for key in self._stored if key[0] >= week}
        return out


class StatsWriter:
    """A background writer for one Stats store (one per server process)."""

    def __init__(self, store: Stats, max_queued: int = MAX_QUEUED):
        self.store = store
        self.gate = FreeTextGate()
        self._queue: queue.Queue = queue.Queue(maxsize=max_queued)
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()
        self.written = 0
        self.dropped = 0
        self._dropped_since_log = 0
        self._logged_at = float("-inf")

    def submit(self, day: date, items: Iterable[tuple[Metric, str]]) -> bool:
        """Queue counts for the background thread; never waits. False if they were dropped (queue full)."""
        amounts = Counter((Metric(m), str(c)) for m, c in items)
        if not amounts:
            return True
        self._start()
        try:
            self._queue.put_nowait((day, amounts))
            return True
        except queue.Full:
            self._drop(sum(amounts.values()), "the queue is full")
            return False

    def flush(self, timeout: float = 30) -> bool:
        """Wait until everything queued so far was handled (written or dropped); for tests and shutdown."""
        deadline = time.monotonic() + timeout
        while self._queue.unfinished_tasks:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.02)
        return True

    def _start(self) -> None:
        if self._thread is None:
            with self._start_lock:
                if self._thread is None:
                    self._thread = threading.Thread(target=self._run, name="navigator-stats-writer", daemon=True)
                    self._thread.start()

    def _run(self) -> None:
        while True:
            day, amounts = self._queue.get()
            try:
                self._write(day, amounts)
            except Exception as error:  # noqa: BLE001 (the writer must outlive any bad batch)
                self._drop(sum(amounts.values()), type(error).__name__)
            finally:
                self._queue.task_done()

    def _write(self, day: date, amounts: Counter) -> None:
        now = self.gate.let_through(day, amounts)
        if not now:
            return
        if self.store.add_counts(day, now):
            self.written += sum(now.values())
        else:
            self._drop(sum(now.values()), "the database did not take them")

    def _drop(self, n: int, why: str) -> None:
        self.dropped += n
        self._dropped_since_log += n
        if time.monotonic() - self._logged_at >= 60:
            log.warning("statistics dropped: %d count(s) since the last report (%s)", self._dropped_since_log, why)
            self._dropped_since_log = 0
            self._logged_at = time.monotonic()
