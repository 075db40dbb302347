"""Command line: `python -m navigator {validate,stale,match,search,place}`.

Bad input exits with status 2 and a message naming what is wrong; nothing prints a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from datetime import date
from pathlib import Path

from navigator.catalogue.data_inclusion import command as data_inclusion_command
from navigator.catalogue.data_inclusion.snapshot import DATA_DIR_VARIABLE
from navigator.catalogue.freshness import concerns, describe, warnings
from navigator.catalogue.loading import CATALOGUE_DIR, CatalogueError, load_catalogue, read_programme
from navigator.catalogue.schema import SCHEMA_FILE, schema_text
from navigator.eligibility import match, offered
from navigator.eligibility.matching import OFFERED
from navigator.eligibility.ranking import SHOWN_PER_PROJECT, rank_routes
from navigator.i18n import LANGUAGES, translator
from navigator.loaded import Loaded, load
from navigator.person.places import PlaceError, find_towns, locate, position_of
from navigator.person.profile import MAX_PROFILE_CHARS, ProfileError, profile_from_json
from navigator.presentation.labels import describe_reason, label

EXIT_BAD_INPUT = 2


def _today(value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise SystemExit(_fail(f"--today: {value!r} is not a date (YYYY-MM-DD)")) from None


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def _load(directory: Path):
    try:
        return load_catalogue(directory)
    except CatalogueError as error:
        _problems(directory, error)


def _problems(directory: Path, error: CatalogueError):
    print(f"The catalogue in {directory} has {len(error.problems)} problem(s):", file=sys.stderr)
    for problem in error.problems:
        print(f"  {problem}", file=sys.stderr)
    raise SystemExit(1) from None


def _load_all(args) -> Loaded:
    """The catalogue and the national directory's snapshot when there is one, read as the app reads them."""
    try:
        return load(args.directory, args.data_dir)
    except CatalogueError as error:
        _problems(args.directory, error)


def _validate_files(paths: list[Path]) -> int:
    """Each file on its own: 'ok', or every problem with its line, field and what is expected."""
    failed = 0
    for path in paths:
        _programme, problems = read_programme(path, path.resolve().parent)
        if problems:
            failed += 1
            for problem in problems:
                print(path.parent / str(problem) if str(path.parent) != "." else problem)
        else:
            print(f"{path}: ok")
    return 1 if failed else 0


def cmd_validate(args) -> int:
    files = [p for p in args.paths if not p.is_dir()]
    if files:
        return _validate_files(files)
    catalogue = _load(args.paths[0] if args.paths else CATALOGUE_DIR)
    today = _today(args.today)
    by_status = Counter(p.status.state.value for p in catalogue)
    by_kind = Counter(p.kind.value for p in catalogue)
    by_zone = Counter("national" if p.zone.france else "regional" if p.zone.regions else "local" for p in catalogue)
    fmt = lambda c: ", ".join(f"{k} {v}" for k, v in sorted(c.items()))  # noqa: E731
    print(f"{len(catalogue)} programmes valid — status: {fmt(by_status)} — kind: {fmt(by_kind)} — territory: {fmt(by_zone)}")
    notes = warnings(catalogue, today)
    if notes and args.verbose:
        for note in notes:
            print(f"  warning: {note}")
    elif notes:
        print(f"{len(notes)} warning(s); see them with --verbose or `python -m navigator stale`")
    return 1 if (args.strict and notes) else 0


def cmd_schema(args) -> int:
    if args.write:
        SCHEMA_FILE.write_text(schema_text(), encoding="utf-8")
        print(f"wrote {SCHEMA_FILE}")
    else:
        sys.stdout.write(schema_text())
    return 0


def cmd_stale(args) -> int:
    catalogue = _load(args.directory)
    today = _today(args.today)
    rows = [(p.id, describe(p, concern)) for p in catalogue for concern in concerns(p, today)]
    for programme_id, why in rows:
        print(f"{programme_id}: {why}")
    print(f"{len({r[0] for r in rows})} of {len(catalogue)} programmes to re-check")
    return 0


def cmd_match(args) -> int:
    if args.profile == "-":
        text = sys.stdin.read(MAX_PROFILE_CHARS + 1)  # never more than a profile can be
    else:
        with Path(args.profile).open(encoding="utf-8") as file:
            text = file.read(MAX_PROFILE_CHARS + 1)
    try:
        person = profile_from_json(text)
    except ProfileError as error:
        for field, message in error.problems:
            print(f"error: {field + ': ' if field else ''}{message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    loaded = _load_all(args)
    today = _today(args.today)
    matches = match(person, loaded.catalogue, today)
    shown = offered(matches)
    if loaded.directory is not None:  # the app's order, curated and imported together, a handful per project
        routes = rank_routes(person, shown, loaded.directory, today, shown_per_project=args.per_project)
        shown = [m for group in routes.projects for m in group.shown]
        shown = list({m.programme.id: m for m in shown}.values())
    if args.all:
        shown += [m for m in matches if m.verdict not in OFFERED]
    if args.json:
        json.dump({"routes": [m.as_json() for m in shown]}, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    _ = translator(args.lang).gettext
    if not shown:
        print(_("No programme fits these answers."))
    for m in shown:
        p = m.programme
        print(f"[{label(m.verdict, args.lang)}] {p.name.get(args.lang) or p.name['fr']} — {p.organisation} ({p.id})")
        for reason in (*m.reasons, *m.warnings):
            print(f"    - {describe_reason(reason, args.lang, p.zone.name)}")
    return 0


def cmd_search(args) -> int:
    hits = _load_all(args).search_all(args.query, lang=args.lang, limit=args.limit)
    if args.json:
        json.dump({"hits": [h.as_json() for h in hits]}, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    if not hits:
        _ = translator(args.lang).gettext
        print(_("No programme found for these words."))
    for h in hits:
        print(f"{h.score:.2f}  {h.name} ({h.id}){'  [ended]' if h.ended else ''}  — matched: {', '.join(h.matched)}")
    return 0


def cmd_place(args) -> int:
    try:
        place = locate(args.query)
        print(place.label + f" — département {', '.join(sorted(place.departements))}, région {', '.join(sorted(place.regions))}")
        position = position_of(place)
        if position:
            print(f"position {position.latitude:.4f}, {position.longitude:.4f} (from: {position.precision.value})")
        else:
            print("no position known: services are ranked by level only")
        return 0
    except PlaceError as error:
        if error.code == "postal_code_format":
            towns = find_towns(args.query)
            for town in towns:
                print(town.label)
            if towns:
                return 0
        return _fail(str(error))


def cmd_export(args) -> int:
    from navigator.catalogue.export import export, exported

    catalogue = _load(args.directory)
    json.dump(export(catalogue), sys.stdout, ensure_ascii=False, indent=2)
    print()
    undated = [p.id for p in catalogue if not p.is_ended and not exported(p)]
    if undated:
        print(f"left out (date of last check unknown; data·inclusion requires date_maj): {', '.join(undated)}", file=sys.stderr)
    return 0


def _import(args) -> int:
    return data_inclusion_command.run(args)


def _hits(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if not 1 <= number <= 100:
        raise argparse.ArgumentTypeError("give a number from 1 to 100")
    return number


def _data_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir", type=Path, help=f"where the national directory's snapshot is read (default: ${DATA_DIR_VARIABLE} or var/)"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="navigator", description="Find the programmes a person can use, and check the catalogue.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, help_text: str, func, directory=True):
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(func=func)
        if directory:
            p.add_argument(
                "--catalogue", dest="directory", type=Path, default=CATALOGUE_DIR, help="catalogue folder (default: the shipped one)"
            )
        return p

    p = add("validate", "Validate the catalogue (or the files given); print a summary, or every problem.", cmd_validate, directory=False)
    p.add_argument("paths", nargs="*", type=Path, metavar="FILE", help="programme files to check one by one, or a catalogue folder")
    p.add_argument("--verbose", action="store_true", help="list the warnings (old or unconfirmed entries)")
    p.add_argument("--strict", action="store_true", help="fail on warnings too")
    s = add("schema", "Print the programme files' JSON Schema (generated from the models).", cmd_schema, directory=False)
    s.add_argument("--write", action="store_true", help="write it to catalogue/programme.schema.json")
    p.add_argument("--today", help="date to judge staleness against (YYYY-MM-DD)")

    p = add("stale", "List entries not checked for over 12 months, and experiments past their end date.", cmd_stale)
    p.add_argument("--today", help="date to judge against (YYYY-MM-DD)")

    p = add("match", "Match a profile (JSON on stdin or a file) against the catalogue and the national directory.", cmd_match)
    p.add_argument("profile", nargs="?", default="-", help="profile JSON file, or - for stdin (default)")
    p.add_argument("--json", action="store_true", help='print JSON: {"routes": [...]}')
    p.add_argument("--all", action="store_true", help="include ineligible programmes with their reasons")
    p.add_argument(
        "--per-project",
        type=_hits,
        default=SHOWN_PER_PROJECT,
        help=f"with a national directory snapshot: routes per project, 1 to 100, as the app ranks them (default {SHOWN_PER_PROJECT})",
    )
    _data_dir(p)
    p.add_argument("--lang", default="fr", choices=sorted(LANGUAGES), help="language of the readable listing")
    p.add_argument("--today", help="date to match on (YYYY-MM-DD); default today")

    p = add("search", "Search the catalogue and the national directory from a few words.", cmd_search)
    p.add_argument("query", help="words to look for")
    p.add_argument("--json", action="store_true", help='print JSON: {"hits": [...]}')
    p.add_argument("--lang", default="fr", choices=sorted(LANGUAGES), help="language of the names shown")
    p.add_argument("--limit", type=_hits, default=10, help="how many hits, 1 to 100 (default 10)")
    _data_dir(p)

    add("export", "Print the catalogue as data·inclusion services (JSON), validated by its schema.", cmd_export)

    p = add("import", "Import the national directory (data·inclusion) into the snapshot the app reads.", _import, directory=False)
    data_inclusion_command.add_arguments(p)

    p = add("place", "Look up a postal code, or find a town by name.", cmd_place, directory=False)
    p.add_argument("query", help="postal code (86000) or town name (Poitiers)")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:
        # The reader went away (`… | head`): nothing more to say. Point stdout at nothing so Python's exit flush is quiet.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (OSError, UnicodeDecodeError) as error:
        return _fail(str(error))
    except KeyboardInterrupt:
        return 130
