"""numpy helpers shared by the indexes and matching: numbering keys, grouping positions, laying runs end to end, and
moving arrays between numpy and Arrow without importing pandas."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable

import numpy as np
import pyarrow as pa


def codes_of(keys: Iterable[Hashable]) -> tuple[np.ndarray, list]:
    """Each key's number (equal keys, equal numbers, in order of first appearance), and the distinct keys."""
    ids: dict = {}
    codes = np.array([ids.setdefault(k, len(ids)) for k in keys], dtype=np.int64)
    return codes, list(ids)


def positions_by(codes: np.ndarray, count: int) -> list[np.ndarray]:
    """For each number 0 … count-1, the positions holding it, in order."""
    if not count:
        return []
    order = np.argsort(codes, kind="stable")
    return np.split(order, np.cumsum(np.bincount(codes, minlength=count))[:-1])


def index_by(keys_of_group: Iterable[Iterable[Hashable]], groups: list[np.ndarray]) -> dict:
    """key → sorted positions of every group holding that key (groups are disjoint)."""
    found: dict = defaultdict(list)
    for keys, positions in zip(keys_of_group, groups, strict=True):
        for key in dict.fromkeys(keys):
            found[key].append(positions)
    return {key: np.sort(np.concatenate(arrays)) for key, arrays in found.items()}


def expand(starts: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Runs [start, start + length) laid end to end: for each element, its run's number and its own index."""
    owner = np.repeat(np.arange(len(lengths)), lengths)
    offsets = np.arange(len(owner)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    return owner, starts[owner] + offsets


def sorted_unique(values: np.ndarray) -> np.ndarray:
    """`np.unique` by one sort (numpy's own goes through a hash table, several times slower here)."""
    values = np.sort(values)
    return values[np.concatenate(([True], values[1:] != values[:-1]))] if len(values) else values


def first_of_each(values: np.ndarray) -> tuple[list[int], np.ndarray]:
    """For an integer array: the position of each distinct value's first occurrence, and each element's group."""
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    starts = np.empty(len(values), dtype=bool)
    starts[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=starts[1:])
    group = np.empty(len(values), dtype=np.int64)
    group[order] = np.cumsum(starts) - 1
    return order[starts].tolist(), group


# Between numpy and Arrow without pyarrow's own converters (`pa.array`, `to_numpy`), which import pandas on first
# use: 0.2 s and some 30 MB per app process that would never use pandas otherwise.


def arrow_of(values: np.ndarray) -> pa.Array:
    """A 1-D numpy array of numbers as an Arrow array on the same memory."""
    values = np.ascontiguousarray(values)
    return pa.Array.from_buffers(pa.from_numpy_dtype(values.dtype), len(values), [None, pa.py_buffer(values)])


def arrow_texts(texts: list[str]) -> pa.Array:
    """Python strings as an Arrow large_string array."""
    encoded = [text.encode("utf-8") for text in texts]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum(np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded)), out=offsets[1:])
    return pa.Array.from_buffers(pa.large_string(), len(encoded), [None, pa.py_buffer(offsets), pa.py_buffer(b"".join(encoded))])


_NUMPY_TYPES = {
    pa.int8(): np.int8,
    pa.int16(): np.int16,
    pa.int32(): np.int32,
    pa.int64(): np.int64,
    pa.uint8(): np.uint8,
    pa.uint16(): np.uint16,
    pa.uint32(): np.uint32,
    pa.uint64(): np.uint64,
    pa.float32(): np.float32,
    pa.float64(): np.float64,
}


def numpy_of(values: pa.Array) -> np.ndarray:
    """An Arrow array of numbers without nulls as a numpy view on its memory (read-only when the memory is)."""
    if values.null_count:
        raise ValueError("an array with nulls has no numpy view")
    dtype = np.dtype(_NUMPY_TYPES[values.type])
    if not len(values):
        return np.empty(0, dtype=dtype)
    return np.frombuffer(values.buffers()[1], dtype=dtype, count=len(values), offset=values.offset * dtype.itemsize)
