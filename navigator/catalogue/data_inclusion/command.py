"""`python -m navigator import data-inclusion …`: the arguments and what the command prints.

python -m navigator import data-inclusion services.json structures.json [--departement 86 …]
python -m navigator import data-inclusion --api https://api.data.inclusion.gouv.fr/api/v1
python -m navigator import data-inclusion --prepare-only     # the snapshot's prepared file written again (after an upgrade)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from navigator.catalogue.data_inclusion.api import TOKEN_VARIABLE, ApiError, Client
from navigator.catalogue.data_inclusion.importer import run_import
from navigator.catalogue.data_inclusion.prepared import prepare_again
from navigator.catalogue.data_inclusion.records import FormatError, read_records
from navigator.catalogue.data_inclusion.snapshot import DATA_DIR_VARIABLE, read_snapshot, snapshot_path
from navigator.catalogue.data_inclusion.zones import DEPARTEMENT

#: Problems printed one by one; past this, only their number.
SHOWN_PROBLEMS = 50


def _departement(value: str) -> str:
    code = value.strip().upper()
    if not DEPARTEMENT.fullmatch(code):
        raise argparse.ArgumentTypeError(f"{value!r} is not a département code (86, 2A, 974)")
    return code


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("what", choices=["data-inclusion"], help="what to import")
    parser.add_argument("services", nargs="?", type=Path, help="services file: .json, .ndjson, .csv or .parquet, gzipped or not")
    parser.add_argument("structures", nargs="?", type=Path, help="structures file, same formats")
    parser.add_argument("--api", metavar="URL", help=f"read the API at URL instead of files (token from {TOKEN_VARIABLE})")
    parser.add_argument(
        "--departement",
        action="append",
        type=_departement,
        default=[],
        help="keep only services serving this département (repeatable); national ones are kept",
    )
    parser.add_argument("--data-dir", type=Path, help=f"where the snapshot is written (default: ${DATA_DIR_VARIABLE} or var/)")
    parser.add_argument("--dry-run", action="store_true", help="read and report, write nothing")
    parser.add_argument(
        "--prepare-only",
        action="store_true",
        help="read nothing: write again the prepared file of the snapshot in the data folder (after an upgrade)",
    )
    parser.add_argument("--verbose", action="store_true", help=f"list every problem (default: the first {SHOWN_PROBLEMS})")


def prepare_only(data_directory: Path | None) -> int:
    """The snapshot's prepared file written again, for every app process to map (after an upgrade of the code)."""
    snapshot = read_snapshot(data_directory)
    if snapshot is None:
        print(f"error: no snapshot in {snapshot_path(data_directory).parent}: import one first", file=sys.stderr)
        return 2
    print(f"prepared: {prepare_again(snapshot[0], data_directory)}")
    return 0


def run(args: argparse.Namespace) -> int:
    if args.prepare_only:
        if args.api or args.services or args.structures:
            print("error: --prepare-only reads no file: give it alone (with --data-dir)", file=sys.stderr)
            return 2
        return prepare_only(args.data_dir)
    if args.api:
        if args.services or args.structures:
            print("error: give either the two files or --api URL, not both", file=sys.stderr)
            return 2
        try:
            client = Client(args.api)
        except ApiError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        services, structures, source = client.records("services"), client.records("structures"), args.api
    else:
        if not (args.services and args.structures):
            print("error: give the services file and the structures file, or --api URL", file=sys.stderr)
            return 2
        for path in (args.services, args.structures):
            if not path.is_file():
                print(f"error: {path}: no such file", file=sys.stderr)
                return 2
        services, structures = read_records(args.services), read_records(args.structures)
        source = f"{args.services.name} + {args.structures.name}"
    try:
        # Structures first: a service's gaps are filled from its structure.
        result = run_import(services, structures, source, args.departement, args.data_dir, write=not args.dry_run)
    except (ApiError, FormatError) as error:
        print(f"error: {error}\nNothing was written; the previous snapshot is kept.", file=sys.stderr)
        return 1
    problems = result.structures.problems + result.services.problems
    for problem in problems if args.verbose else problems[:SHOWN_PROBLEMS]:
        print(f"  skipped: {problem}", file=sys.stderr)
    if len(problems) > SHOWN_PROBLEMS and not args.verbose:
        print(f"  … and {len(problems) - SHOWN_PROBLEMS} more (--verbose lists them all)", file=sys.stderr)
    for note in result.notes if args.verbose else result.notes[:SHOWN_PROBLEMS]:
        print(f"  note: {note}", file=sys.stderr)
    print(result.summary())
    print(f"snapshot: {result.path}" if result.path else "dry run: nothing written")
    return 0
