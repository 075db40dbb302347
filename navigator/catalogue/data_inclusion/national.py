"""The curated catalogue and the national directory's snapshot, loaded together for the app.

Without a snapshot the app runs on the curated catalogue alone, exactly as before. A snapshot that cannot be read
(damaged, or written by another version) is left aside with a message in the log: the curated catalogue still serves.
A process that already serves a good snapshot asks instead to have it refused (`refuse_unreadable`), and keeps its own.
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


class SnapshotUnreadable(Exception):
    """The snapshot in the data folder cannot be read (raised only when asked: `load_national(refuse_unreadable=True)`)."""


@dataclass(frozen=True)
class National:
    """The curated catalogue with merged contacts, the directory of the other imported services, and the merges."""

    catalogue: Catalogue
    directory: Directory
    merges: tuple[Merge, ...]


def load_national(catalogue: Catalogue, data_directory: Path | None = None, refuse_unreadable: bool = False) -> National | None:
    """None when there is no snapshot, or it cannot be read; with `refuse_unreadable`, one that cannot be read raises
    SnapshotUnreadable (the message says which file and why) instead of being left aside."""
    try:
        snapshot = read_snapshot(data_directory)
        if snapshot is None:
            return None
        table, info = snapshot
        arrays = load_prepared(table, data_directory)
        duplicates = find_duplicates(catalogue.programmes, table, partial(rows_with, arrays))
        directory = Directory(table, info, arrays, excluded=frozenset(table.column("id")[row].as_py() for _, row, _ in duplicates))
    except (OSError, ValueError, KeyError, pa.ArrowException) as error:
        if refuse_unreadable:
            raise SnapshotUnreadable(f"{snapshot_path(data_directory)} cannot be read ({error})") from error
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
