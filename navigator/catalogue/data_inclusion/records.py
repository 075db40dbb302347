"""Reading data·inclusion's published files: a JSON array, newline-delimited JSON, CSV or Parquet, gzipped or not.

Each reader yields `(where, record)`: where the record was read ("services.json, record 12"; "page 3, record 7"),
for the report, and the record as a dict of the file's own fields. A line or row that is not a record at all is
yielded as `(where, None)` so the import counts it as broken instead of stopping.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq

Record = dict | None

#: Fields that hold lists in the v1 models (CSV cells hold them as JSON, a {a,b} array, or comma-separated).
LIST_FIELDS = frozenset("thematiques publics modes_accueil zone_eligibilite modes_mobilisation mobilisable_par reseaux_porteurs".split())
GZIP_MAGIC = b"\x1f\x8b"


class FormatError(ValueError):
    """A file the import cannot read at all (unknown format, not JSON)."""


def _open_bytes(path: Path) -> io.BufferedIOBase:
    raw = path.open("rb")
    if raw.peek(2)[:2] == GZIP_MAGIC:
        return gzip.open(raw)  # type: ignore[return-value]
    return raw


def format_of(path: Path) -> str:
    """json, ndjson, csv or parquet, from the name (a trailing .gz is looked through)."""
    suffixes = [s.lower() for s in path.suffixes if s.lower() != ".gz"]
    suffix = suffixes[-1] if suffixes else ""
    formats = {".json": "json", ".ndjson": "ndjson", ".jsonl": "ndjson", ".csv": "csv", ".parquet": "parquet"}
    if suffix not in formats:
        raise FormatError(
            f"{path.name}: unknown format {suffix or '(no extension)'}; expected .json, .ndjson, .jsonl, .csv or .parquet (gzipped or not)"
        )
    return formats[suffix]


def read_records(path: Path | str) -> Iterator[tuple[str, Record]]:
    """Every record of one file, in file order."""
    path = Path(path)
    kind = format_of(path)
    if kind == "parquet":
        yield from _parquet(path)
        return
    with _open_bytes(path) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8-sig")
        if kind == "csv":
            yield from _csv(path.name, text)
            return
        first = text.read(1)
        while first and first.isspace():
            first = text.read(1)
        rest = first + text.read() if first == "[" else None
        if rest is not None:
            yield from _json_array(path.name, rest)
        else:
            yield from _ndjson(path.name, first, text)


def _json_array(name: str, text: str) -> Iterator[tuple[str, Record]]:
    try:
        records = json.loads(text)
    except json.JSONDecodeError as error:
        raise FormatError(f"{name}: not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}") from None
    for i, record in enumerate(records, 1):
        yield f"{name}, record {i}", record if isinstance(record, dict) else None


def _ndjson(name: str, first: str, text: io.TextIOBase) -> Iterator[tuple[str, Record]]:
    lines = text if not first else _prepend(first, text)
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            record = None
        yield f"{name}, line {number}", record if isinstance(record, dict) else None


def _prepend(first: str, text: io.TextIOBase) -> Iterator[str]:
    head = first + text.readline()
    yield head
    yield from text


def csv_cell(field: str, value: str):
    """A CSV cell as the models expect it: empty → absent, list fields → lists."""
    value = value.strip()
    if value == "":
        return None
    if field not in LIST_FIELDS:
        return value
    if value.startswith("["):
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            return value
    if value.startswith("{") and value.endswith("}"):
        value = value[1:-1]
    return [part.strip().strip('"') for part in value.split(",") if part.strip()]


def _csv(name: str, text: io.TextIOBase) -> Iterator[tuple[str, Record]]:
    for number, row in enumerate(csv.DictReader(text), 2):
        record = {field: csv_cell(field, value) for field, value in row.items() if field and isinstance(value, str)}
        yield f"{name}, line {number}", {k: v for k, v in record.items() if v is not None}


def _parquet(path: Path) -> Iterator[tuple[str, Record]]:
    number = 0
    with _open_bytes(path) as raw:
        source = raw if isinstance(raw, io.BufferedReader) else io.BytesIO(raw.read())  # a gzipped Parquet file: unzipped in memory
        batches = list(pq.ParquetFile(source).iter_batches(batch_size=10_000))
    for batch in batches:
        for record in batch.to_pylist():
            number += 1
            yield f"{path.name}, row {number}", {k: v for k, v in record.items() if v is not None}
