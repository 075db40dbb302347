"""The curated catalogue and the national directory's snapshot, loaded together for the app.

Without a snapshot the app runs on the curated catalogue alone, exactly as before. A snapshot that cannot be read
(damaged, or written by another version) is left aside with a message in the log: the curated catalogue still serves.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

import pyarrow as pa

from navigator.catalogue.data_inclusion.directory import Directory, rows_with
from navigator.catalogue.data_inclusion.merge import Merge, find_duplicates, merge
from navigator.catalogue.data_inclusion.prepared import load_prepared
from navigator.catalogue.data_inclusion.snapshot import read_snapshot, snapshot_path
from navigator.catalogue.loading import Catalogue

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class National:
    """The curated catalogue with merged contacts, the directory of the other imported services, and the merges."""

    catalogue: Catalogue
    directory: Directory
    merges: tuple[Merge, ...]


def load_national(catalogue: Catalogue, data_directory: Path | None = None) -> National | None:
    """None when there is no snapshot, or it cannot be read."""
    try:
        snapshot = read_snapshot(data_directory)
        if snapshot is None:
            return None
        table, info = snapshot
        arrays = load_prepared(table, data_directory)
        duplicates = find_duplicates(catalogue.programmes, table, partial(rows_with, arrays))
        directory = Directory(table, info, arrays, excluded=frozenset(table.column("id")[row].as_py() for _, row, _ in duplicates))
    except (OSError, ValueError, KeyError, pa.ArrowException) as error:
        log.warning(
            "national directory left aside: %s cannot be read (%s); the curated catalogue serves alone",
            snapshot_path(data_directory),
            error,
        )
        return None
    merged, merges = {}, []
    for programme, row, why in duplicates:
        result, record = merge(merged.get(programme.id, programme), directory.programme(row), why)
        merged[programme.id] = result
        merges.append(record)
    programmes = tuple(merged.get(p.id, p) for p in catalogue.programmes)
    return National(replace(catalogue, programmes=programmes), directory, tuple(merges))
