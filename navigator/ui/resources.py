"""What the whole server process shares: the catalogue with its indexes, and the statistics writer. Nothing personal.

Not kept in `st.cache_resource`: Streamlit's `clear_cache` message, which any websocket client may send, empties
those caches for every session. The catalogue here is replaced only when its files or the snapshot change (looked at
in the background) or on the staff reload (behind the staff key).
"""

from __future__ import annotations

import gc
import logging
import os
import threading
import time
from datetime import date
from pathlib import Path

from navigator.catalogue.data_inclusion.national import SnapshotUnreadable
from navigator.catalogue.loading import CATALOGUE_DIR, CatalogueError
from navigator.loaded import Loaded, bump_generation, load, sources_signature
from navigator.person.places import commune_positions, communes_like, find_towns
from navigator.presentation.sheet_pdf import pdf_problem
from navigator.statistics.store import Stats
from navigator.statistics.store import enabled as stats_enabled
from navigator.statistics.writer import StatsWriter

log = logging.getLogger(__name__)

#: Seconds after start before what the first answers do not need is built in the background.
WARM_UP_AFTER = 5.0
#: How often, in seconds, a server process looks whether the catalogue or the snapshot changed (`watch`).
REFRESH_VARIABLE = "NAVIGATOR_REFRESH_SECONDS"
DEFAULT_REFRESH_SECONDS = 10.0


def catalogue_directory() -> Path:
    return Path(os.environ.get("NAVIGATOR_CATALOGUE") or CATALOGUE_DIR)


def build(directory: Path, refuse_unreadable: bool = False) -> Loaded:
    """The catalogue and the snapshot as `navigator.loaded.load` reads them, made ready for a long-lived server
    process; raises CatalogueError with every problem if the files are broken (SnapshotUnreadable: `load`)."""
    loaded = load(directory, refuse_unreadable=refuse_unreadable)
    freeze_long_lived()
    warm_up(loaded)
    return loaded


def warm(loaded: Loaded) -> None:
    """Build what the first answers do not need: the search indexes (the catalogue's and the directory's) and the
    town-name tables (typed towns, search); then move them out of the collector's reach too."""
    loaded.search.search("warm up")  # the index, the synonyms and the town names a query looks up
    if loaded.directory_search is not None:
        loaded.directory_search.search("warm up")
    find_towns("warm up")  # the places tables (functools caches, process-wide), loaded once
    communes_like("warm up")  # and those of towns written with a typo
    freeze_long_lived()


def warm_up(loaded: Loaded, after_seconds: float = WARM_UP_AFTER) -> threading.Timer:
    """A little after start, in the background, `warm` the catalogue."""
    timer = threading.Timer(after_seconds, warm, args=(loaded,))
    timer.name, timer.daemon = "warm-up", True
    timer.start()
    return timer


#: Python's collector's thresholds once the long-lived objects are frozen: the youngest generation is collected
#: every 10,000 allocations (Python's default is 700) and the oldest, which holds every session's state, ten times
#: less often than it would be. A tap allocates tens of thousands of objects that reference counting frees anyway;
#: at 50 sessions the default thresholds walked all their state every few taps (see README, "Load": 10,000 cost
#: about 4 % less CPU per tap than 700 in a burst and 12 % less at people's pace, and 50,000 more than 10,000).
GC_THRESHOLDS = (10_000, 20, 100)


def freeze_long_lived() -> None:
    """Streamlit runs a full garbage collection after every script run unless told not to (it is, in
    .streamlit/config.toml). The process's long-lived objects (imported libraries, the catalogue, indexes and places:
    hundreds of thousands of objects) would make each collection cost tens of milliseconds; moving them out of the
    collector's reach keeps reruns cheap, and the collector runs less often (GC_THRESHOLDS)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


def refresh_seconds() -> float:
    """How often a server process looks whether the catalogue's files or the snapshot changed (0: never)."""
    try:
        return max(0.0, float(os.environ.get(REFRESH_VARIABLE) or DEFAULT_REFRESH_SECONDS))
    except ValueError:
        return DEFAULT_REFRESH_SECONDS


class CatalogueHolder:
    """The catalogue in use, and the problems of the last reading if it failed.

    - Read on first use. A visitor's rerun (`get`) then only reads an attribute: no file is looked at.
    - In the background (`watch`, a server process's thread), the files' signature (`sources_signature`: the
      programme files, the snapshot's identity, the staff reload's generation file) is looked at every few seconds
      (`refresh`); when it changed, everything is read again aside, warmed up, then swapped in with one assignment:
      a visitor mid-flow keeps the catalogue their rerun started with, the next rerun gets the new one.
    - A failed reading is remembered: while the files are broken the last good catalogue keeps serving, and they
      are read again only once they change. A snapshot that cannot be read never replaces a good one: it is refused
      (`refused`, a log line), until the file changes again.
    - Without the background thread (AppTest, `streamlit run navigator_app.py`), a failed reading is looked at
      again from `get`, at most every `recheck_seconds`, and the staff reload reads at once (`reload`).
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
        self.loaded_at: float | None = None  # when the catalogue in use was read (time.time())
        self.refused: str | None = None  # why the last new snapshot was refused, while the previous one serves

    def get(self) -> tuple[Loaded | None, CatalogueError | None]:
        """(catalogue to serve or None, problems of the last reading or None)."""
        if self._read and self._error is None:
            return self._good, None
        with self._lock:
            if not self._read:
                self._load(self._signature_now())
            elif self._clock() - self._checked_at >= self._recheck:
                self._checked_at = self._clock()
                if (signature := self._signature_now()) != self._signature:
                    self._load(signature)
            return self._good, self._error

    def refresh(self) -> bool:
        """Read everything again if the files' signature changed since the last reading; True if it did. Called in
        the background (`watch`); before the first reading it does nothing (that reading is `get`'s)."""
        if not self._read:
            return False
        with self._lock:
            signature = self._signature_now()
            if signature == self._signature:
                return False
            self._load(signature, warm_first=True)
            return True

    def reload(self) -> None:
        """Staff: read the files again now (the last good catalogue stays in use if they are broken)."""
        with self._lock:
            self._load(self._signature_now(), warm_first=True)

    def _signature_now(self) -> tuple:
        return sources_signature(self._directory())

    def _load(self, signature: object, warm_first: bool = False) -> None:
        directory = self._directory()
        self._signature = signature
        self.readings += 1
        serving = self._good
        try:
            loaded = self._build(directory, refuse_unreadable=serving is not None and serving.directory is not None)
            if warm_first:  # what the first visitors after the swap would otherwise build
                warm(loaded)
        except SnapshotUnreadable as problem:
            self.refused = str(problem)
            log.error("new national directory snapshot refused: %s; this process keeps serving %s", problem, serving_line(serving))
        except CatalogueError as error:
            self._error = error
            log.error("the catalogue cannot be read (%d problems); %s", len(error.problems), serving_line(serving))
        else:
            self._good, self._error, self.refused, self.loaded_at = loaded, None, None, time.time()
            if serving is not None:
                log.info("catalogue read again: %s", serving_line(loaded))
        self._read = True
        self._checked_at = self._clock()


def serving_line(loaded: Loaded | None) -> str:
    """For the log: what a process serves, in a few words."""
    if loaded is None:
        return "nothing yet (visitors see a waiting message)"
    curated = f"{len(loaded.catalogue)} curated programmes"
    if loaded.directory is None:
        return f"{curated} and no directory snapshot"
    info = loaded.directory.info
    return f"{curated} and the directory snapshot imported {info.imported_at} from {info.source}"


#: The one holder of this server process.
CATALOGUE = CatalogueHolder()


def watch(every: float | None = None) -> threading.Thread | None:
    """Start the background thread that keeps this process's catalogue and snapshot up to date (`refresh` every
    `every` seconds, NAVIGATOR_REFRESH_SECONDS by default); None when that is 0."""
    every = refresh_seconds() if every is None else every
    if every <= 0:
        return None

    def run() -> None:
        while True:
            time.sleep(every)
            try:
                CATALOGUE.refresh()
            except Exception:  # never let the thread die: the catalogue in use keeps serving
                log.exception("looking for a new catalogue or snapshot failed; the one in use keeps serving")

    thread = threading.Thread(target=run, name="catalogue-refresh", daemon=True)
    thread.start()
    return thread


def preload() -> threading.Thread:
    """Start reading the catalogue (and the national directory's snapshot, the commune positions, WeasyPrint) now, in the
    background, while the server itself starts: the first visitor then waits less, or not at all. Their session waits
    for the same reading. Then keep them up to date (`watch`)."""

    def read() -> None:
        CATALOGUE.get()
        commune_positions()  # the first ranking's table of where communes are
        pdf_problem()  # WeasyPrint, loaded for the first results page off a kiosk (0.3 s)
        watch()

    thread = threading.Thread(target=read, name="catalogue-preload", daemon=True)
    thread.start()
    return thread


def get_catalogue() -> tuple[Loaded | None, CatalogueError | None]:
    """The catalogue, or the last good one when the files have become broken (with the error for staff).

    The public never sees a traceback: a broken catalogue with no good one before gives (None, error).
    """
    return CATALOGUE.get()


def serving_state() -> tuple[float | None, str | None]:
    """For the staff desk: when this process read the catalogue in use (time.time()), and why the last new snapshot
    was refused (None when it was not)."""
    return CATALOGUE.loaded_at, CATALOGUE.refused


def reload_catalogue() -> None:
    """Staff: read the files again in this process now, and in every other process of the app within
    NAVIGATOR_REFRESH_SECONDS (the generation file they look at is replaced; where the data folder cannot be written,
    they still see changed files by themselves). The last good catalogue stays in use if the files are broken."""
    try:
        bump_generation()
    except OSError as error:
        log.warning("the other app processes are not told to reload (%s); they see changed files by themselves", error)
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
