"""Load and validate the catalogue: every problem at once, each naming file and field.

The files are written by people, and a file can be wrong in every way a file can: so only regular files inside the
catalogue folder are read (no link leading out of it, no pipe, device or folder named x.yaml), each at most
MAX_FILE_BYTES, and a YAML document is measured before any object is built from it (nodes, aliases, and the size
it would have once its aliases are followed: a few lines of aliases can stand for billions of values). Every
reading error becomes a reported problem; problems quote a file's text only as a short excerpt.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml
from pydantic import ValidationError

from navigator.catalogue.models import Programme
from navigator.catalogue.prose import fill_contacts
from navigator.catalogue.translations import inline_translations, translations_dir_for, with_translations

#: The catalogue shipped with the app.
CATALOGUE_DIR = Path(__file__).resolve().parents[2] / "catalogue"
#: The largest programme file read (the largest real one is about 30 KB).
MAX_FILE_BYTES = 512 * 1024
#: YAML nodes in one file, as written and once its aliases are followed (real files: under 300).
MAX_YAML_NODES = 20_000
#: YAML aliases (*name) in one file (real files use none).
MAX_YAML_ALIASES = 100
#: Problems listed per file; the rest are counted.
MAX_PROBLEMS_PER_FILE = 20
#: Characters of a file's own text quoted in a problem.
EXCERPT_LENGTH = 40
SUFFIXES = (".yaml", ".yml")


# libyaml's parser when PyYAML has it (ten times faster; it refuses nesting deeper than 1,000 levels itself).
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _TextDatesLoader(_SafeLoader):
    """Plain values load as the text the curator typed; the models turn them into numbers, dates, booleans and codes.

    So `phone: 0547414100` stays a phone number (YAML 1.1 would read an octal integer, YAML 1.2 drop the leading 0),
    `departements: [01]` keeps its 0, `last_checked: 2019-05-23` is judged by the date's own rule, and `yes`/`no`
    are booleans only where the model wants one. Only an empty value (or `null`, `~`) means "not given".
    """


_TextDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag == "tag:yaml.org,2002:null"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _Unreadable(Exception):
    """A file that is not read; the message says why."""


def _expanded_size(node, sizes: dict[int, int], open_nodes: set[int]) -> int:
    """How many nodes the document has once every alias is followed; raises _Unreadable past the caps or on a cycle.

    A node met a second time is an alias (*name): the composed document shares it, so composing never expands it.
    """
    key = id(node)
    if key in sizes:
        sizes[ALIASES] = sizes.get(ALIASES, 0) + 1
        if sizes[ALIASES] > MAX_YAML_ALIASES:
            raise _Unreadable(f"more than {MAX_YAML_ALIASES} aliases (*name): write the values out")
        return sizes[key]
    if key in open_nodes:
        raise _Unreadable("an alias refers to the value that holds it (a loop): write the values out")
    open_nodes.add(key)
    if isinstance(node, yaml.SequenceNode):
        children = node.value
    elif isinstance(node, yaml.MappingNode):
        children = [part for pair in node.value for part in pair]
    else:
        children = []
    total = 1
    for child in children:
        total += _expanded_size(child, sizes, open_nodes)
        if total > MAX_YAML_NODES:
            followed = " once its aliases (*name) are followed: write the values out" if sizes.get(ALIASES) else ""
            raise _Unreadable(f"more than {MAX_YAML_NODES} values{followed or ': too large for one programme'}")
    open_nodes.discard(key)
    sizes[key] = total
    return total


ALIASES = -1  # the key under which _expanded_size counts aliases (no node has id -1)


def parse_yaml(text: str):
    """Parse one YAML document within the caps; raises _Unreadable or yaml.YAMLError."""
    loader = _TextDatesLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _expanded_size(node, {}, set())
        return loader.construct_document(node)
    except RecursionError:
        raise _Unreadable("values nested too deeply") from None
    except yaml.YAMLError as error:
        if "nesting depth" in str(getattr(error, "problem", "")):  # libyaml's own limit
            raise _Unreadable("values nested too deeply") from None
        raise
    finally:
        loader.dispose()


def _read_bytes(path: Path, root: Path) -> bytes:
    """The bytes of a regular file inside `root` (resolved), at most MAX_FILE_BYTES; raises _Unreadable otherwise."""
    try:
        info = os.lstat(path)
        target = path
        if stat.S_ISLNK(info.st_mode):
            try:
                target = path.resolve(strict=True)
            except (OSError, RuntimeError):
                raise _Unreadable("a link to a file that does not exist: not read") from None
            if not target.is_relative_to(root):
                raise _Unreadable("a link to a file outside the catalogue folder: not read")
            info = os.stat(target, follow_symlinks=False)
        if not stat.S_ISREG(info.st_mode):
            raise _Unreadable("not a regular file (a folder, pipe, device or link): not read")
        fd = os.open(target, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(fd, "rb") as file:
            opened = os.fstat(file.fileno())
            if not stat.S_ISREG(opened.st_mode):
                raise _Unreadable("not a regular file (a folder, pipe, device or link): not read")
            data = file.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise _Unreadable(f"cannot be read ({error.strerror or type(error).__name__})") from None
    if len(data) > MAX_FILE_BYTES:
        raise _Unreadable(f"larger than {MAX_FILE_BYTES // 1024} KB: not read (a programme file is a few KB)")
    return data


def excerpt(value: object) -> str:
    """A short, one-line quote of a file's own text for a problem message."""
    text = " ".join((value if isinstance(value, str) else repr(value)).split())
    return text if len(text) <= EXCERPT_LENGTH else text[: EXCERPT_LENGTH - 1] + "…"


def catalogue_files(directory: Path) -> list[Path]:
    """The programme files of a folder, in order (*.yaml, then *.yml); raises OSError if the folder cannot be listed."""
    with os.scandir(directory) as entries:
        names = [entry.name for entry in entries]
    return [directory / name for suffix in SUFFIXES for name in sorted(names) if name.endswith(suffix)]


def catalogue_signature(directory: Path) -> object:
    """What changes when a programme file is added, removed, replaced or edited (names, kinds, sizes, times)."""
    try:
        files = catalogue_files(Path(directory))
        return (str(directory), tuple((f.name, *_stamp(f)) for f in files))
    except OSError as error:
        return (str(directory), type(error).__name__)


def _stamp(path: Path) -> tuple:
    try:
        info = os.lstat(path)
        return (info.st_mode, info.st_size, info.st_mtime_ns, info.st_ino)
    except OSError as error:
        return (type(error).__name__,)


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one file. `field` is a dotted path, or '' for the whole file."""

    file: str
    field: str
    message: str
    line: int | None = None  # where in the file, when known

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        where = f"{where}: {self.field}" if self.field else where
        return f"{where}: {self.message}"


class CatalogueError(Exception):
    """The catalogue has errors; `problems` lists every one."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the catalogue:\n" + "\n".join(map(str, problems)))


@dataclass(frozen=True)
class Catalogue:
    """The validated programmes, by id, in file order."""

    programmes: tuple[Programme, ...]
    directory: Path

    def __len__(self) -> int:
        return len(self.programmes)

    def __iter__(self):
        return iter(self.programmes)

    def get(self, programme_id: str) -> Programme | None:
        return self._by_id.get(programme_id)

    @cached_property
    def _by_id(self) -> dict[str, Programme]:
        return {p.id: p for p in self.programmes}


def _field_path(location: tuple) -> str:
    return (
        ".".join(
            part if isinstance(part, str) and part.isidentifier() and len(part) <= EXCERPT_LENGTH else excerpt(str(part))
            for part in location
        )
        if location
        else ""
    )


def _broken_texts(value, where: tuple = ()):
    """Where the parsed file holds a string no page or index can encode (a lone surrogate, as YAML's "\\ud800" gives)."""
    if isinstance(value, str):
        if not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                yield where
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _broken_texts(item, (*where, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _broken_texts(item, (*where, i))


def _describe(error: dict) -> str:
    message = error["msg"].removeprefix("Value error, ")
    if error["type"] == "extra_forbidden":
        return "unknown field (check its spelling; see catalogue/README.md for the fields)"
    if error["type"] == "missing":
        return "required field is missing"
    if "input" in error and error["type"] in {"enum", "literal_error"}:
        return f"{excerpt(repr(error['input']))} is not allowed: {message}"
    return message if len(message) <= 300 else message[:299] + "…"


def _yaml_tree(text: str) -> yaml.Node | None:
    """The file's YAML nodes (with their lines), composed once for all its problems."""
    try:
        return yaml.compose(text, Loader=_TextDatesLoader)
    except yaml.YAMLError:
        return None


def _line_of(tree: yaml.Node | None, location: tuple) -> int | None:
    """The line (1-based) of the value at a pydantic error location, or of the nearest mapping that holds it."""
    node = tree
    line = node.start_mark.line + 1 if node is not None else None
    for part in location:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if getattr(k, "value", None) == str(part)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            node = None
        if node is None:
            break
        line = node.start_mark.line + 1
    return line


def read_programme(path: Path, root: Path | None = None) -> tuple[Programme | None, list[Problem]]:
    """Parse and validate one file (read only if it is a regular file inside `root`, by default its own folder), with
    the translations of its texts from the translations/ folder beside its own."""
    name = excerpt(path.name)
    try:
        text = _read_bytes(path, (root or path.parent).resolve()).decode("utf-8")
        data = parse_yaml(text)
    except _Unreadable as error:
        return None, [Problem(name, "", str(error))]
    except UnicodeDecodeError:
        return None, [Problem(name, "", "not UTF-8 text; save the file as UTF-8")]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        return None, [Problem(name, "", f"not valid YAML{where}: {excerpt(str(getattr(error, 'problem', None) or error))}")]
    if not isinstance(data, dict):
        return None, [Problem(name, "", "expected a mapping of fields (id: …, name: …), found something else")]
    if broken := list(_broken_texts(data)):
        return None, [
            Problem(
                name, _field_path(where), "holds a broken character (a \\u escape such as \\ud800 that stands for no letter): remove it"
            )
            for where in broken
        ]
    if inline := inline_translations(data):
        return None, [
            Problem(name, f"{field}.{lang}", f"translations live in translations/{lang}/LC_MESSAGES/catalogue.po: keep only 'fr' here")
            for field, lang in inline
        ]
    french, missing = fill_contacts(data)
    if missing:
        return None, [
            Problem(name, field, f"{{{contact}}} is used but contacts.{contact} is not given: add it, or write the text without it")
            for field, contact in missing
        ]
    try:
        programme = Programme.model_validate(fill_contacts(with_translations(data, directory=translations_dir_for(path.parent)))[0])
    except ValidationError:
        programme = None  # a translation the model refuses: the French alone is judged (the .po checks report it)
    if programme is None:
        try:
            programme = Programme.model_validate(french)
        except ValidationError as error:
            errors, tree = error.errors(), _yaml_tree(text)
            found = [Problem(name, _field_path(e["loc"]), _describe(e), _line_of(tree, e["loc"])) for e in errors[:MAX_PROBLEMS_PER_FILE]]
            if len(errors) > MAX_PROBLEMS_PER_FILE:
                more = len(errors) - MAX_PROBLEMS_PER_FILE
                found.append(Problem(name, "", f"and {more} more problem(s) in this file"))
            return None, found
    if programme.id != path.stem:
        return programme, [Problem(name, "id", f"id {excerpt(repr(programme.id))} must match the file name ({excerpt(repr(path.stem))})")]
    return programme, []


def load_catalogue(directory: Path | str = CATALOGUE_DIR) -> Catalogue:
    """Every `*.yaml` under `directory`; raises CatalogueError listing all problems."""
    directory = Path(directory)
    if not directory.is_dir():
        raise CatalogueError([Problem(str(directory), "", "catalogue folder not found")])
    problems: list[Problem] = []
    programmes: list[Programme] = []
    seen: dict[str, str] = {}
    try:
        paths = catalogue_files(directory)
    except OSError as error:
        raise CatalogueError(
            [Problem(str(directory), "", f"catalogue folder cannot be read ({error.strerror or type(error).__name__})")]
        ) from None
    if not paths:
        problems.append(Problem(str(directory), "", "no programme files (*.yaml) in this folder"))
    root = directory.resolve()
    for path in paths:
        programme, file_problems = read_programme(path, root)
        problems.extend(file_problems)
        if programme is None:
            continue
        if programme.id in seen:
            problems.append(Problem(path.name, "id", f"duplicate id {programme.id!r}, also used by {seen[programme.id]}"))
            continue
        seen[programme.id] = path.name
        programmes.append(programme)
    if problems:
        raise CatalogueError(problems)
    return Catalogue(tuple(programmes), directory)
