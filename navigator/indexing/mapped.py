"""Arrays written once into one Arrow IPC file and memory-mapped read-only by every process that reads them.

What each app process would otherwise compute at start from the national directory's snapshot (bit masks, zone
numbers, the search index) is computed once, when the snapshot is imported, and written beside it. A process then
maps the file: every array is a numpy view on the file's pages (no copy, no decoding), so starting is mostly
mapping, and N processes on one machine share one copy of those pages through the page cache.

The file is one record batch of one row: each array is one `large_list` cell, so arrays of any length sit in one
file, each in its own aligned buffer. Numbers are read back with `np.frombuffer` on the mapped buffer (pyarrow's own
`to_numpy` would import pandas: `numpy_tools.numpy_of`). Texts stay Arrow string arrays (`strings`); sorted keys
are fixed-width bytes (`SortedKeys`), searched with `np.searchsorted`; `Groups` holds key → positions.

Written under a unique temporary name beside the final one, flushed, then renamed over it (`replace_atomically`): a
rename is atomic, so a reader sees the old file or the new one, never half of one.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Hashable, Iterable, Mapping
from pathlib import Path

import numpy as np
import pyarrow as pa

from navigator.indexing.numpy_tools import numpy_of

#: Where the arrays' numpy types are recorded in the file's metadata.
DTYPES_KEY = b"navigator.dtypes"
#: The writer's own metadata (what the arrays were built from), JSON.
METADATA_KEY = b"navigator.metadata"
#: Separates the parts of a tuple key in `Groups` ("commune" + "75111").
KEY_PARTS = "\x1f"


def replace_atomically(final: Path, write: Callable[[str], None], temporary: Path | None = None) -> Path:
    """Write `final` through `write(path)` under a temporary name in the same folder, flush it, then rename it over
    `final`. On any failure the temporary file is removed and `final` is left as it was."""
    final.parent.mkdir(parents=True, exist_ok=True)
    if temporary is None:
        handle, name = tempfile.mkstemp(dir=final.parent, prefix=final.name + ".", suffix=".partial")
        os.close(handle)
        temporary = Path(name)
        temporary.chmod(0o644)  # readable by the app's processes, as a file `open` makes (mkstemp gives 0600)
    try:
        write(str(temporary))
        with open(temporary, "rb") as written:
            os.fsync(written.fileno())
        os.replace(temporary, final)
    finally:
        temporary.unlink(missing_ok=True)
    return final


def _cell(values) -> pa.LargeListArray:
    return pa.LargeListArray.from_arrays(np.array([0, len(values)], dtype=np.int64), values)


def write_arrays(path: Path, arrays: Mapping[str, np.ndarray | pa.Array], metadata: Mapping[str, object]) -> Path:
    """Write numpy arrays (1-D: numbers, booleans or fixed-width bytes) and Arrow string arrays into one file,
    atomically; `metadata` (JSON) says what they were built from."""
    names, cells, dtypes = [], [], {}
    for name, values in arrays.items():
        if isinstance(values, np.ndarray):
            dtypes[name] = values.dtype.str
            storage = values.view(np.uint8) if values.dtype.kind in "bS" else values
            cells.append(_cell(pa.array(np.ascontiguousarray(storage))))
        else:
            cells.append(_cell(values))
        names.append(name)
    meta = {DTYPES_KEY: json.dumps(dtypes).encode(), METADATA_KEY: json.dumps(metadata, sort_keys=True).encode()}
    batch = pa.RecordBatch.from_arrays(cells, names=names).replace_schema_metadata(meta)

    def write(target: str) -> None:
        with pa.OSFile(target, "wb") as sink, pa.ipc.new_file(sink, batch.schema) as writer:
            writer.write_batch(batch)

    return replace_atomically(path, write)


def read_metadata(path: Path) -> dict:
    """The metadata `write_arrays` recorded, read without mapping the arrays."""
    with pa.memory_map(str(path), "r") as source:
        meta = pa.ipc.open_file(source).schema.metadata or {}
    return json.loads(meta.get(METADATA_KEY, b"{}"))


class MappedArrays:
    """The arrays of one file, memory-mapped: `arrays[name]` is a read-only numpy view, `strings(name)` an Arrow
    string array; both read the file's pages in place."""

    def __init__(self, path: Path):
        self.path = path
        batch = pa.ipc.open_file(pa.memory_map(str(path), "r")).get_batch(0)
        meta = batch.schema.metadata or {}
        self.metadata = json.loads(meta.get(METADATA_KEY, b"{}"))
        self._dtypes = json.loads(meta.get(DTYPES_KEY, b"{}"))
        self._values = {name: batch.column(i).values for i, name in enumerate(batch.schema.names)}
        self._numpy: dict[str, np.ndarray] = {}

    def __contains__(self, name: str) -> bool:
        return name in self._values

    def __getitem__(self, name: str) -> np.ndarray:
        found = self._numpy.get(name)
        if found is None:
            found = self._numpy[name] = _view(self._values[name], np.dtype(self._dtypes[name]))
        return found

    def strings(self, name: str) -> pa.Array:
        return self._values[name]


def _view(values: pa.Array, dtype: np.dtype) -> np.ndarray:
    array = numpy_of(values) if len(values) else np.empty(0, dtype=np.uint8 if dtype.kind in "bS" else dtype)
    return array.view(dtype) if array.dtype != dtype else array


class InMemoryArrays:
    """The same reading as `MappedArrays` over arrays just built (when the file cannot be written)."""

    def __init__(self, arrays: Mapping[str, np.ndarray | pa.Array], metadata: Mapping[str, object] | None = None):
        self._arrays, self.metadata = dict(arrays), dict(metadata or {})

    def __contains__(self, name: str) -> bool:
        return name in self._arrays

    def __getitem__(self, name: str) -> np.ndarray:
        return self._arrays[name]

    def strings(self, name: str) -> pa.Array:
        return self._arrays[name]


def _encoded(key: Hashable) -> bytes | None:
    """A key as stored: a text, or a tuple of texts joined by KEY_PARTS (so a 1-tuple reads as its text); None for any
    other key (found nowhere, as in a dict of such keys)."""
    if isinstance(key, tuple) and all(isinstance(part, str) for part in key):
        return KEY_PARTS.join(key).encode("utf-8")
    return key.encode("utf-8") if isinstance(key, str) else None


def sorted_keys_array(keys: Iterable[Hashable]) -> tuple[np.ndarray, np.ndarray]:
    """Keys (texts, or tuples of texts) as sorted fixed-width bytes, and for each its position in the given order."""
    encoded = np.array([_encoded(k) for k in keys], dtype=np.bytes_)
    order = np.argsort(encoded, kind="stable")
    return encoded[order], order.astype(np.int64)


class SortedKeys:
    """Texts sorted as Python sorts them (UTF-8 bytes sort in code point order), found by binary search; reads as
    a sequence of `str` (for `bisect` and slices)."""

    def __init__(self, keys: np.ndarray):
        self.keys = keys

    def __len__(self) -> int:
        return len(self.keys)

    def __getitem__(self, at):
        if isinstance(at, slice):
            return [k.decode("utf-8") for k in self.keys[at].tolist()]
        return self.keys[at].decode("utf-8")

    def __iter__(self):
        return (k.decode("utf-8") for k in self.keys.tolist())

    def find(self, key: Hashable) -> int | None:
        """Where `key` is, or None."""
        wanted = _encoded(key)
        if wanted is None or len(wanted) > self.keys.dtype.itemsize or not len(self.keys):
            return None
        at = int(np.searchsorted(self.keys, wanted))
        return at if at < len(self.keys) and self.keys[at] == wanted else None

    def __contains__(self, key: Hashable) -> bool:
        return self.find(key) is not None


def groups_arrays(prefix: str, groups: Mapping[Hashable, np.ndarray], dtype=np.int64) -> dict[str, np.ndarray]:
    """A dict of key → positions as three arrays under `prefix`: sorted keys, where each key's positions start, and
    every key's positions end to end (each key's kept in its given order)."""
    keys, order = sorted_keys_array(groups)
    values = list(groups.values())
    lengths = np.array([len(values[i]) for i in order.tolist()], dtype=np.int64)
    flat = [np.asarray(values[i], dtype=dtype) for i in order.tolist()]
    return {
        f"{prefix}.keys": keys,
        f"{prefix}.starts": np.concatenate(([0], np.cumsum(lengths))).astype(np.int64),
        f"{prefix}.values": np.concatenate(flat) if flat else np.empty(0, dtype=dtype),
    }


class Groups:
    """key → positions, read from `groups_arrays`' three arrays (mapped or not); reads like the dict it was made of:
    `get`, `[key]`, `in`, `len`, iteration over the keys (as texts; a tuple key's parts joined by `KEY_PARTS`)."""

    def __init__(self, arrays, prefix: str):
        self._keys = SortedKeys(arrays[f"{prefix}.keys"])
        self._starts = arrays[f"{prefix}.starts"]
        self._values = arrays[f"{prefix}.values"]

    def get(self, key: Hashable, default=None):
        at = self._keys.find(key)
        return default if at is None else self._values[self._starts[at] : self._starts[at + 1]]

    def __getitem__(self, key: Hashable) -> np.ndarray:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def __contains__(self, key: Hashable) -> bool:
        return self._keys.find(key) is not None

    def __len__(self) -> int:
        return len(self._keys)

    def __iter__(self):
        return iter(self._keys)
