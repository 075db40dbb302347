"""Load and validate the catalogue: every problem at once, each naming file and field."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml
from pydantic import ValidationError

from navigator.catalogue.models import Programme

#: The catalogue shipped with the app.
CATALOGUE_DIR = Path(__file__).resolve().parents[2] / "catalogue"


class _TextDatesLoader(yaml.SafeLoader):
    """YAML without implicit dates: pydantic parses them, so a bad date names its field."""


_TextDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one file. `field` is a dotted path, or '' for the whole file."""

    file: str
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}: {self.field}" if self.field else self.file
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
    return ".".join(str(part) for part in location)


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
        return f"{error['input']!r} is not allowed: {message}"
    return message


def read_programme(path: Path) -> tuple[Programme | None, list[Problem]]:
    """Parse and validate one file."""
    name = path.name
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_TextDatesLoader)  # noqa: S506 (a safe loader)
    except UnicodeDecodeError:
        return None, [Problem(name, "", "not UTF-8 text; save the file as UTF-8")]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        return None, [Problem(name, "", f"not valid YAML{where}: {getattr(error, 'problem', error)}")]
    if not isinstance(data, dict):
        return None, [Problem(name, "", "expected a mapping of fields (id: …, name: …), found something else")]
    if broken := list(_broken_texts(data)):
        return None, [
            Problem(
                name, _field_path(where), "holds a broken character (a \\u escape such as \\ud800 that stands for no letter): remove it"
            )
            for where in broken
        ]
    try:
        programme = Programme.model_validate(data)
    except ValidationError as error:
        return None, [Problem(name, _field_path(e["loc"]), _describe(e)) for e in error.errors()]
    if programme.id != path.stem:
        return programme, [Problem(name, "id", f"id {programme.id!r} must match the file name ({path.stem!r})")]
    return programme, []


def load_catalogue(directory: Path | str = CATALOGUE_DIR) -> Catalogue:
    """Every `*.yaml` under `directory`; raises CatalogueError listing all problems."""
    directory = Path(directory)
    if not directory.is_dir():
        raise CatalogueError([Problem(str(directory), "", "catalogue folder not found")])
    problems: list[Problem] = []
    programmes: list[Programme] = []
    seen: dict[str, str] = {}
    paths = sorted(directory.glob("*.yaml")) + sorted(directory.glob("*.yml"))
    if not paths:
        problems.append(Problem(str(directory), "", "no programme files (*.yaml) in this folder"))
    for path in paths:
        programme, file_problems = read_programme(path)
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
