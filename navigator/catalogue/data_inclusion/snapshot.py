"""The snapshot the app reads: one Arrow IPC file of imported services, swapped in only when complete.

Why an uncompressed Arrow IPC file (Parquet's in-memory twin) rather than Parquet or SQLite: the app maps it into
memory (`pyarrow.memory_map`) and reads its columns without decoding them, so starting is fast and several app
processes on one machine share the same pages through the operating system's page cache. Parquet would be smaller
on disk but each process would decompress its own copy; SQLite would need a row-by-row read at every start.

It is written under a temporary name in the same folder, flushed to disk, then renamed over the old one: a rename
is atomic, so an interrupted or failed import leaves the previous snapshot in place, and a process that has the old
file mapped keeps reading it until it reloads. Before the rename, what every process would build from it is built
once and written beside it (`prepared`, `data-inclusion.index-<token>.arrow`), and the snapshot records that file's
name (`INDEX_KEY`); the previous snapshot's prepared file is removed once the new snapshot is in place.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pyarrow as pa

from navigator.indexing.mapped import replace_atomically

DATA_DIR_VARIABLE = "NAVIGATOR_DATA_DIR"
DEFAULT_DATA_DIR = Path(__file__).resolve().parents[3] / "var"
SNAPSHOT_NAME = "data-inclusion.arrow"
PARTIAL_SUFFIX = ".partial"
METADATA_KEY = b"navigator.snapshot"
INDEX_KEY = b"navigator.index"  # the prepared file written with it: {"file": name, "snapshot": token}
INDEX_PREFIX = "data-inclusion.index-"

_text, _texts = pa.string(), pa.list_(pa.string())
#: One row per imported service; the structure's contacts already fill the service's gaps (`from_structure` says which).
SCHEMA = pa.schema(
    [
        ("id", _text),
        ("source", _text),
        ("structure_id", _text),
        ("structure_name", _text),
        ("siret", _text),
        ("name", _text),
        ("description", _text),
        ("lien_source", _text),
        ("date_maj", pa.date32()),
        ("kind", _text),
        ("thematiques", _texts),
        ("projects", _texts),
        ("statuses_aimed", _texts),
        ("cost", _text),
        ("cost_details", _text),
        ("to_confirm", _text),
        ("how", _text),
        ("access_modes", _texts),
        ("delivery", _texts),
        ("zone_france", pa.bool_()),
        ("zone_departements", _texts),
        ("zone_epcis", _texts),
        ("zone_communes", _texts),
        ("zone_stated", pa.bool_()),
        ("commune", _text),
        ("code_postal", _text),
        ("code_insee", _text),
        ("address", _text),
        ("latitude", pa.float64()),
        ("longitude", pa.float64()),
        ("phone", _text),
        ("email", _text),
        ("website", _text),
        ("form_url", _text),
        ("opening_hours", _text),
        ("from_structure", _texts),
    ]
)


@dataclass(frozen=True)
class SnapshotInfo:
    """What the snapshot records of itself."""

    source: str  # the files or the API URL it was read from
    imported_at: str  # ISO date and time, UTC
    counts: dict  # read, kept, skipped by reason, per kind of record

    @property
    def imported_on(self) -> str:
        return self.imported_at[:10]


def data_dir() -> Path:
    return Path(os.environ.get(DATA_DIR_VARIABLE) or DEFAULT_DATA_DIR)


def snapshot_path(directory: Path | None = None) -> Path:
    return (directory or data_dir()) / SNAPSHOT_NAME


def index_name(token: str) -> str:
    return f"{INDEX_PREFIX}{token}.arrow"


def index_record(table: pa.Table) -> tuple[str, str]:
    """The name of the prepared file that goes with this snapshot, and the token both carry. A snapshot written
    before prepared files existed gets a token from what it records of itself (the same in every process)."""
    meta = table.schema.metadata or {}
    raw = meta.get(INDEX_KEY)
    if raw:
        record = json.loads(raw)
        return record["file"], record["snapshot"]
    token = hashlib.blake2b(meta.get(METADATA_KEY, b"") + str(table.num_rows).encode(), digest_size=8).hexdigest()
    return index_name(token), token


#: Writes the prepared file of a snapshot: (the snapshot as it will be read, the file's path, the snapshot's token).
Prepare = Callable[[pa.Table, Path, str], object]


def write_snapshot(rows: list[dict], info: SnapshotInfo, directory: Path | None = None, prepare: Prepare | None = None) -> Path:
    """Write the rows beside the current snapshot, and its prepared file (`prepare`), then swap them in. Returns the
    snapshot's path."""
    final = snapshot_path(directory)
    token = uuid.uuid4().hex[:16]
    prepared = final.with_name(index_name(token))
    meta = {
        METADATA_KEY: json.dumps(info.__dict__, ensure_ascii=False).encode("utf-8"),
        INDEX_KEY: json.dumps({"file": prepared.name, "snapshot": token}).encode("utf-8"),
    }
    table = pa.Table.from_pylist(rows, schema=SCHEMA.with_metadata(meta))

    def write(target: str) -> None:
        with pa.OSFile(target, "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
            writer.write_table(table, max_chunksize=65_536)
        if prepare is not None:  # from the file as every process will map it
            prepare(pa.ipc.open_file(pa.memory_map(target, "r")).read_all(), prepared, token)

    try:
        replace_atomically(final, write, temporary=final.with_name(final.name + PARTIAL_SUFFIX))
    except BaseException:
        prepared.unlink(missing_ok=True)
        raise
    for old in final.parent.glob(index_name("*")):
        if old != prepared:
            old.unlink(missing_ok=True)
    return final


def read_snapshot(directory: Path | None = None) -> tuple[pa.Table, SnapshotInfo] | None:
    """The current snapshot, memory-mapped, and what it records; None when there is none."""
    path = snapshot_path(directory)
    if not path.is_file():
        return None
    table = pa.ipc.open_file(pa.memory_map(str(path), "r")).read_all()
    raw = (table.schema.metadata or {}).get(METADATA_KEY)
    info = SnapshotInfo(**json.loads(raw)) if raw else SnapshotInfo(str(path), datetime.fromtimestamp(path.stat().st_mtime).isoformat(), {})
    return table, info
