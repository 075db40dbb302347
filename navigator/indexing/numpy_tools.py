"""numpy helpers shared by the indexes and matching: numbering keys, grouping positions, laying runs end to end."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable

import numpy as np


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
