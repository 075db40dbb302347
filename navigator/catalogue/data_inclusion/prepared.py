"""What every app process would build from the snapshot, built once at import and memory-mapped by each process.

Matching, ranking and search read arrays made from the snapshot's columns: each row's projects, situations and
delivery as bit masks, its zone's number and level, its name's rank, its position for the ranking (its commune's when
it has no coordinates), the distinct zones with their inverted indexes,
the rows of each id, commune and SIRET, and the directory's search index (word postings, the words matched fuzzily).
Built by each process, they cost seconds of CPU at start and a few hundred megabytes each (with the heap their
building leaves). The import builds them once (`write_prepared`) into `data-inclusion.index-<token>.arrow` beside the
snapshot, with the same write-beside-then-rename, before the snapshot itself is swapped in; the snapshot records
which file and which build (`snapshot.INDEX_KEY`). Each process maps that file read-only (`load_prepared`): starting
is mostly mapping, and N processes share its pages through the page cache.

The file is versioned by a fingerprint of what its arrays are computed from besides the snapshot: the code that
computes them and the geography tables it reads. A missing, unreadable or stale file (an older snapshot, or code or
geography changed since the import) is built again and written beside the snapshot, once, under a lock, for every
process; where the folder cannot be written (a read-only deployment) each process builds its own copy in memory
and the log says how to write it for all (import again). Never a crash: at worst the directory is left aside, as
for a snapshot that cannot be read.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import threading
from functools import cache
from pathlib import Path

import pyarrow as pa

from navigator import text, vocabulary
from navigator.catalogue.data_inclusion import directory as directory_module
from navigator.catalogue.data_inclusion import directory_search, zone_table, zones
from navigator.catalogue.data_inclusion.directory import row_arrays
from navigator.catalogue.data_inclusion.directory_search import search_arrays
from navigator.catalogue.data_inclusion.snapshot import index_record, snapshot_path
from navigator.catalogue.data_inclusion.zone_table import ZoneTable, zone_arrays
from navigator.indexing import mapped, numpy_tools
from navigator.indexing.mapped import InMemoryArrays, MappedArrays, read_metadata, write_arrays
from navigator.person import places
from navigator.presentation import route_codes
from navigator.search import index as search_index
from navigator.search import word_index

log = logging.getLogger(__name__)

#: The code whose output the prepared arrays are, and the data it reads: any change makes a prepared file stale.
_SOURCES = (
    __file__,
    directory_module.__file__,
    directory_search.__file__,
    zone_table.__file__,
    zones.__file__,
    mapped.__file__,
    numpy_tools.__file__,
    word_index.__file__,
    search_index.__file__,
    text.__file__,
    vocabulary.__file__,
    places.__file__,
    route_codes.__file__,
)


@cache
def fingerprint() -> str:
    """What the arrays are computed from besides the snapshot: this code and the geography tables it reads."""
    digest = hashlib.blake2b(digest_size=12)
    for path in (*_SOURCES, *sorted(places.DATA.glob("*.csv"))):
        digest.update(Path(path).read_bytes())
    digest.update(pa.__version__.encode())
    return digest.hexdigest()


def build_rows_and_zones(table: pa.Table) -> dict:
    """What matching reads (the rows' arrays, the zone table)."""
    zone_part = zone_arrays(table)
    return zone_part | row_arrays(table, zone_part["zones.rows"], zone_part["zones.level"])


def build_search(table: pa.Table, built: dict) -> dict:
    """The directory's search index, from the rows' and zones' arrays."""
    arrays = InMemoryArrays(built)
    return search_arrays(table, ZoneTable.read(arrays), arrays["rows.project_bits"], arrays["rows.status_bits"])


def build_all(table: pa.Table) -> dict:
    """Every prepared array (what the import writes)."""
    built = build_rows_and_zones(table)
    return built | build_search(table, built)


class BuiltArrays:
    """The prepared arrays computed in this process (the file could not be written): what matching reads now, the
    search index on first use (in the background after start, as before the file existed)."""

    def __init__(self, table: pa.Table):
        self._table = table
        self._arrays = build_rows_and_zones(table)
        self._search_built = False
        self._lock = threading.Lock()
        self.metadata = {"fingerprint": fingerprint(), "rows": table.num_rows}

    def _complete(self, name: str) -> None:
        if name.startswith("search.") and not self._search_built:
            with self._lock:
                if not self._search_built:
                    self._arrays |= build_search(self._table, self._arrays)
                    self._search_built = True

    def __contains__(self, name: str) -> bool:
        self._complete(name)
        return name in self._arrays

    def __getitem__(self, name: str):
        self._complete(name)
        return self._arrays[name]

    def strings(self, name: str):
        return self[name]


def write_prepared(table: pa.Table, path: Path, token: str) -> Path:
    """Build every array for this snapshot (`token`) and write them to `path`, atomically."""
    return write_arrays(path, build_all(table), {"fingerprint": fingerprint(), "rows": table.num_rows, "snapshot": token})


def _problem(path: Path, table: pa.Table, token: str) -> str | None:
    """Why the prepared file cannot serve this snapshot, or None when it can."""
    if not path.is_file():
        return "missing"
    try:
        meta = read_metadata(path)
    except (OSError, pa.ArrowException, ValueError) as error:
        return f"unreadable ({error})"
    if meta.get("snapshot") != token or meta.get("rows") != table.num_rows:
        return "made for another snapshot"
    if meta.get("fingerprint") != fingerprint():
        return "made by another version of the code or of the geography"
    return None


def _path(table: pa.Table, data_directory: Path | None) -> tuple[Path, str]:
    name, token = index_record(table)
    return snapshot_path(data_directory).with_name(name), token


def prepare_again(table: pa.Table, data_directory: Path | None = None) -> Path:
    """Write the prepared file of the snapshot in `data_directory` unless a good one is there (one process at a time:
    the others wait, then find it written). Returns its path."""
    path, token = _path(table, data_directory)
    with open(snapshot_path(data_directory), "rb") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        problem = _problem(path, table, token)
        if problem is not None:
            log.warning("national directory: the prepared file %s is %s; building it again (a few seconds)", path, problem)
            write_prepared(table, path, token)
    return path


def load_prepared(table: pa.Table, data_directory: Path | None = None):
    """The prepared arrays of the snapshot in `data_directory`, memory-mapped; built again (and written for every
    process) when missing or stale; built in memory when they cannot be written."""
    path, token = _path(table, data_directory)
    if _problem(path, table, token) is None:
        return MappedArrays(path)
    try:
        return MappedArrays(prepare_again(table, data_directory))
    except OSError as error:
        log.warning(
            "national directory: %s cannot be written (%s): this process builds its own copy in memory; "
            "write it for every process with python -m navigator import data-inclusion --prepare-only",
            path,
            error,
        )
        return BuiltArrays(table)
