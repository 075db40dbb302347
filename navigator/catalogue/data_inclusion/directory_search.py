"""Search over the imported services, with the same scoring as the curated catalogue's (`SearchIndex`).

The index is built from the snapshot's columns, field by field (name, structure, place and zone, summary, and the
rest of the description), without one object per service; a hit's name is read from the snapshot when it is shown.
A description's first sentence is its summary and counts as such; what follows counts as the description (a lower
weight, as for curated programmes).
It is built once, when the snapshot is imported, into the prepared file every process maps (`prepared`); a process
only wraps those arrays, on first use or in the background after start (`navigator.ui.resources.warm_up`).
"""

from __future__ import annotations

import ctypes
import threading
from functools import cached_property

import numpy as np
import pyarrow as pa

from navigator.catalogue.data_inclusion.directory import PROJECT_BIT, STATUS_BIT, Directory, _summary, source_name
from navigator.catalogue.data_inclusion.zone_table import ZoneTable
from navigator.indexing.gc_pause import collector_paused
from navigator.indexing.mapped import Groups, groups_arrays
from navigator.indexing.numpy_tools import index_by, positions_by
from navigator.search.index import STOPWORDS, Hit, SearchIndex
from navigator.search.word_index import MappedPostings, build_postings, postings_arrays
from navigator.text import CloseWords
from navigator.vocabulary import Project, Status


class _HitRow:
    """What a hit reads of a service: its id and name."""

    __slots__ = ("id", "name")
    is_ended = False

    def __init__(self, service_id: str, name: str):
        self.id, self.name = service_id, {"fr": name}


class _Rows:
    """The services as `SearchIndex.search` reads them, one built per hit."""

    def __init__(self, directory: Directory):
        self.directory = directory

    def __len__(self) -> int:
        return len(self.directory)

    def __getitem__(self, row: int) -> _HitRow:
        d = self.directory
        return _HitRow(d.ids[row], d.table.column("name")[row].as_py())


def search_arrays(table: pa.Table, zones: ZoneTable, project_bits: np.ndarray, status_bits: np.ndarray) -> dict:
    """The directory's search index as arrays, built from the snapshot's columns field by field (once, at import:
    `prepared`): the word postings, the words worth matching fuzzily, and the services by project, situation and
    zone code."""
    size = table.num_rows
    with collector_paused():
        by_project = {p.value: np.flatnonzero(project_bits & PROJECT_BIT[p.value]) for p in Project}
        by_status = {s.value: np.flatnonzero(status_bits & STATUS_BIT[s.value]) for s in Status}
        kinds = ("departement", "epci", "commune")
        keys = ([(kind, code) for kind, codes in zip(kinds, key[1:], strict=True) for code in codes] for key in zones.keys)
        by_zone = index_by(keys, positions_by(zones.zone_array, zones.size))
        names = table.column("name").to_pylist()
        organisations = [
            o or source_name(s) for o, s in zip(table.column("structure_name").to_pylist(), table.column("source").to_pylist(), strict=True)
        ]
        places = table.column("commune").to_pylist()
        zone_names = [zones.zone(z).name for z in range(zones.size)]
        zone_of = zones.zone_array.tolist()
        descriptions = table.column("description").to_pylist()
        summaries = [_summary(text) for text in descriptions]
        field_texts = {
            "name": lambda i: (names[i],),
            "organisation": lambda i: (organisations[i],),
            "place": lambda i: (zone_names[zone_of[i]], places[i] or ""),
            "summary": lambda i: (summaries[i],),
            "description": lambda i: (_rest(descriptions[i], summaries[i]),),
        }
        postings = build_postings(range(size), field_texts, STOPWORDS)
        fuzzy = [w for w in sorted(postings.words) if len(w) >= 3 and not w.isdigit()]  # as SearchIndex learns them
        return {
            **{f"search.{name}": values for name, values in postings_arrays(postings, size).items()},
            "search.fields": pa.array(list(postings.fields), pa.string()),
            "search.fuzzy": pa.array(fuzzy, pa.string()),
            **groups_arrays("search.by_project", by_project),
            **groups_arrays("search.by_status", by_status),
            **groups_arrays("search.zones", by_zone),
        }


class _Prefixed:
    """The arrays under one prefix, by their short names."""

    def __init__(self, arrays, prefix: str):
        self._arrays, self._prefix = arrays, prefix

    def __getitem__(self, name: str):
        return self._arrays[self._prefix + name]


class DirectoryIndex(SearchIndex):
    """`SearchIndex` over the directory: the same search, over the arrays `search_arrays` prepared (memory-mapped)."""

    def __init__(self, directory: Directory):  # noqa: D107 (SearchIndex's own build reads Programme objects)
        arrays = directory.arrays
        self.programmes, self.size = _Rows(directory), len(directory)
        self.ended = np.zeros(self.size, dtype=bool)
        self.by_project = Groups(arrays, "search.by_project")
        self.by_status = Groups(arrays, "search.by_status")
        self.zones = Groups(arrays, "search.zones")
        self.postings = MappedPostings(_Prefixed(arrays, "search."), arrays.strings("search.fields").to_pylist())
        self.vocabulary = self.postings.words  # sorted, as `SearchIndex` keeps it
        #: Words worth matching fuzzily: not numbers.
        self.fuzzy_vocabulary = CloseWords(arrays.strings("search.fuzzy").to_pylist())


def _rest(description: str, summary: str) -> str:
    """What a description says beyond its summary (its first sentence, indexed on its own): '' when nothing."""
    text = " ".join(description.split())
    return text[len(summary) :] if text.startswith(summary) else text


def _give_back_freed_memory() -> None:
    """Building leaves hundreds of megabytes of freed temporaries in the C heap; hand them back to the system (glibc)."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


class DirectorySearch:
    """The imported services' search index, built once (thread-safe), and the search itself."""

    def __init__(self, directory: Directory):
        self.directory = directory
        self._lock = threading.Lock()

    @property
    def index(self) -> DirectoryIndex:
        with self._lock:
            return self._index

    @cached_property
    def _index(self) -> DirectoryIndex:
        index = DirectoryIndex(self.directory)
        _give_back_freed_memory()
        return index

    def search(self, query: str, limit: int = 15, source: str | None = None) -> list[Hit]:
        """Best imported services for `query`; `source` keeps one data·inclusion source (dora, france-travail…)."""
        hits = self.index.search(query, lang="fr", limit=100 if source else limit)
        if source:
            sources = self.directory.table.column("source")
            hits = [h for h in hits if sources[self.directory.row_of[h.id]].as_py() == source][:limit]
        return hits
