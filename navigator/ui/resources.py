"""What the whole server process shares: the catalogue with its indexes, and the statistics writer. Nothing personal.

Not kept in `st.cache_resource`: Streamlit's `clear_cache` message, which any websocket client may send, empties
those caches for every session. The holder here is replaced only by the staff reload (behind the staff key).
"""

from __future__ import annotations

import gc
import os
import threading
import time
from datetime import date
from pathlib import Path

from navigator.catalogue.loading import CATALOGUE_DIR, CatalogueError, catalogue_signature
from navigator.loaded import Loaded, load
from navigator.person.places import commune_positions, communes_like, find_towns
from navigator.presentation.sheet_pdf import pdf_problem
from navigator.statistics.store import Stats
from navigator.statistics.store import enabled as stats_enabled
from navigator.statistics.writer import StatsWriter

#: Seconds after start before what the first answers do not need is built in the background.
WARM_UP_AFTER = 5.0


def catalogue_directory() -> Path:
    return Path(os.environ.get("NAVIGATOR_CATALOGUE") or CATALOGUE_DIR)


def build(directory: Path) -> Loaded:
    """The catalogue and the snapshot as `navigator.loaded.load` reads them, made ready for a long-lived server
    process; raises CatalogueError with every problem if the files are broken."""
    loaded = load(directory)
    freeze_long_lived()
    warm_up(loaded)
    return loaded


def warm_up(loaded: Loaded, after_seconds: float = WARM_UP_AFTER) -> threading.Timer:
    """A little after start, in the background, build what the first answers do not need: the search indexes (the
    catalogue's and the directory's) and the town-name tables (typed towns, search); then move them out of the
    collector's reach too."""

    def build_now() -> None:
        loaded.search.search("warm up")  # the index, the synonyms and the town names a query looks up
        if loaded.directory_search is not None:
            loaded.directory_search.search("warm up")
        find_towns("warm up")  # the places tables (functools caches, process-wide), loaded once
        communes_like("warm up")  # and those of towns written with a typo
        freeze_long_lived()

    timer = threading.Timer(after_seconds, build_now)
    timer.name, timer.daemon = "warm-up", True
    timer.start()
    return timer


def freeze_long_lived() -> None:
    """Streamlit runs a full garbage collection after every script run. The process's long-lived objects
    (imported libraries, the catalogue, indexes and places: hundreds of thousands of objects) would make
    each one cost tens of milliseconds; moving them out of the collector's reach keeps reruns cheap."""
    gc.collect()
    gc.freeze()


class CatalogueHolder:
    """The catalogue in use, and the problems of the last reading if it failed.

    - Read on first use; a good catalogue then stays until the staff reload (`reload`).
    - A failed reading is remembered: it is not read again on every rerun, only once the files have changed
      (their names, sizes and times are looked at, at most every `recheck_seconds`) or on the staff reload.
    - While the files are broken, the last good catalogue keeps serving.
    """

    def __init__(self, directory=catalogue_directory, builder=build, recheck_seconds: float = 5.0, clock=time.monotonic):
        self._directory, self._build, self._recheck, self._clock = directory, builder, recheck_seconds, clock
        self._lock = threading.Lock()
        self._good: Loaded | None = None
        self._error: CatalogueError | None = None
        self._read = False
        self._signature: object = None
        self._checked_at = 0.0
        self.readings = 0  # how many times the files were parsed (for tests and the load test)

    def get(self) -> tuple[Loaded | None, CatalogueError | None]:
        """(catalogue to serve or None, problems of the last reading or None)."""
        if self._read and self._error is None:
            return self._good, None
        with self._lock:
            if not self._read:
                self._load()
            elif self._clock() - self._checked_at >= self._recheck:
                self._checked_at = self._clock()
                if catalogue_signature(self._directory()) != self._signature:
                    self._load()
            return self._good, self._error

    def reload(self) -> None:
        """Staff: read the files again now (the last good catalogue stays in use if they are broken)."""
        with self._lock:
            self._load()

    def _load(self) -> None:
        directory = self._directory()
        self._signature = catalogue_signature(directory)
        self.readings += 1
        try:
            loaded = self._build(directory)
        except CatalogueError as error:
            self._error = error
        else:
            self._good, self._error = loaded, None
        self._read = True
        self._checked_at = self._clock()


#: The one holder of this server process.
CATALOGUE = CatalogueHolder()


def preload() -> threading.Thread:
    """Start reading the catalogue (and the national directory's snapshot, the commune positions, WeasyPrint) now, in the
    background, while the server itself starts: the first visitor then waits less, or not at all. Their session waits
    for the same reading."""

    def read() -> None:
        CATALOGUE.get()
        commune_positions()  # the first ranking's table of where communes are
        pdf_problem()  # WeasyPrint, loaded for the first results page off a kiosk (0.3 s)

    thread = threading.Thread(target=read, name="catalogue-preload", daemon=True)
    thread.start()
    return thread


def get_catalogue() -> tuple[Loaded | None, CatalogueError | None]:
    """The catalogue, or the last good one when the files have become broken (with the error for staff).

    The public never sees a traceback: a broken catalogue with no good one before gives (None, error).
    """
    return CATALOGUE.get()


def reload_catalogue() -> None:
    """Staff: read the files again (the last good catalogue stays in use if they are broken)."""
    CATALOGUE.reload()


_stats: list[StatsWriter] = []
_stats_lock = threading.Lock()


def stats_writer() -> StatsWriter:
    """The counters' background writer and its database, one per process (they hold no personal data)."""
    with _stats_lock:
        if not _stats:
            _stats.append(StatsWriter(Stats()))
        return _stats[0]


def stats_store() -> Stats:
    """The counters' database, for the staff dashboard's reads."""
    return stats_writer().store


def count(items) -> None:
    """Add anonymous counters for today, if statistics are on: queued for the background writer, never waited for."""
    if stats_enabled():
        stats_writer().submit(date.today(), items)
