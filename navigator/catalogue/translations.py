"""Programme texts in other languages: the `catalogue` gettext domain, outside the programme files.

A programme file holds the French text and the facts. Each language's translations are in
`translations/<lang>/LC_MESSAGES/catalogue.po`, msgid = the exact French text, msgstr = the translation, so Babel's
own commands extract, update and compile them (`bash scripts/translations.sh`). When a French text changes,
`pybabel update` keeps the old translation as *fuzzy* (to review): visitors then see the French with the
"in French" marker until someone reviews it.

A translation is a machine draft unless its entry carries the translator comment `# reviewed-by: <staff label>`.
Drafts are shown to visitors (they are the best we have) but never presented as reviewed.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from babel.messages.pofile import read_po

from navigator.i18n import TRANSLATIONS_DIR

DOMAIN = "catalogue"

#: The programme fields that are texts for people, by their path in a programme file.
TEXT_FIELDS = (
    ("name",),
    ("summary",),
    ("description",),
    ("audience", "to_confirm"),
    ("access", "how"),
    ("access", "dates"),
    ("cost_details",),
    ("duration",),
    ("contacts", "opening_text"),
    ("contacts", "how_to_reach"),
    ("status", "note"),
    ("status", "period"),
)

#: Limits a translation must keep, per field (a longer summary would break the card's one line).
ONE_LINE = {("summary",): 160}

REVIEWED_BY = re.compile(r"^\s*reviewed-by:\s*(\S+)")
SURROGATE = re.compile("[\ud800-\udfff]")  # half of a broken character (one regex pass, not a loop over letters)


@dataclass(frozen=True)
class Entry:
    """One translation of one French text, as its catalogue.po holds it."""

    text: str
    fuzzy: bool
    reviewed_by: str | None

    @property
    def is_draft(self) -> bool:
        return self.reviewed_by is None


def translations_dir_for(catalogue: Path) -> Path:
    """A catalogue folder's translations are in the `translations/` folder beside it (catalogue/ → translations/)."""
    return Path(catalogue).resolve().parent / "translations"


def po_path(lang: str, directory: Path = TRANSLATIONS_DIR) -> Path:
    return directory / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def languages(directory: Path = TRANSLATIONS_DIR) -> tuple[str, ...]:
    """Every language that has a catalogue.po, in code order."""
    return tuple(sorted(p.parent.parent.name for p in directory.glob(f"*/LC_MESSAGES/{DOMAIN}.po")))


def placeholders(text: str) -> set[str]:
    """The `{name}` placeholders of a text (contact facts such as {phone}); a text that cannot be parsed has a broken one."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return {"<broken>"}


def problem_with(french: str, translation: str, field: tuple[str, ...] = ()) -> str | None:
    """Why a translation cannot be shown in place of its French text, or None when it can."""
    if not translation.strip():
        return "empty"
    if placeholders(translation) != placeholders(french):
        return f"placeholders {sorted(placeholders(translation))} instead of {sorted(placeholders(french))}"
    limit = ONE_LINE.get(field)
    if limit and (len(translation) > limit or "\n" in translation):
        return f"longer than one line of {limit} characters"
    if SURROGATE.search(translation):
        return "holds a broken character"
    return None


@lru_cache(maxsize=64)
def _read(path: Path, modified: int) -> dict[str, Entry]:
    with path.open("rb") as f:
        catalog = read_po(f)
    entries = {}
    for message in catalog:
        if not message.id or not isinstance(message.id, str):
            continue
        reviewer = next((m.group(1) for c in message.user_comments if (m := REVIEWED_BY.match(c))), None)
        entries[message.id] = Entry(message.string if isinstance(message.string, str) else "", message.fuzzy, reviewer)
    return entries


def entries(lang: str, directory: Path = TRANSLATIONS_DIR) -> dict[str, Entry]:
    """Every entry of one language's catalogue.po by French text; read once per file version and shared."""
    path = po_path(lang, directory)
    try:
        return _read(path, path.stat().st_mtime_ns)
    except FileNotFoundError:
        return {}


def translation(french: str, lang: str, field: tuple[str, ...] = (), directory: Path = TRANSLATIONS_DIR) -> str | None:
    """The text to show in `lang`, or None (then the French is shown, marked): missing, fuzzy and broken entries give None."""
    entry = entries(lang, directory).get(french)
    if entry is None or entry.fuzzy or problem_with(french, entry.text, field):
        return None
    return entry.text


def _get(data: dict, field: tuple[str, ...]):
    node = data
    for key in field:
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    return node


def inline_translations(data: dict) -> list[tuple[str, str]]:
    """(field, language) pairs a programme file still writes beside the French — they belong in catalogue.po."""
    found = []
    for field in TEXT_FIELDS:
        text = _get(data, field)
        if isinstance(text, dict):
            found += [(".".join(field), lang) for lang in text if lang != "fr"]
    return found


def with_translations(data: dict, langs: tuple[str, ...] | None = None, directory: Path = TRANSLATIONS_DIR) -> dict:
    """The parsed programme file with every usable translation added beside each French text (a new dict)."""
    langs = languages(directory) if langs is None else langs
    tables = {lang: entries(lang, directory) for lang in langs if lang != "fr"}  # each language's table looked up once
    merged = dict(data)
    for field in TEXT_FIELDS:
        text = _get(data, field)
        if not isinstance(text, dict) or not isinstance(text.get("fr"), str):
            continue
        french = text["fr"].strip()
        found = {
            lang: entry.text
            for lang, table in tables.items()
            if (entry := table.get(french)) is not None and not entry.fuzzy and problem_with(french, entry.text, field) is None
        }
        if not found:
            continue
        node = merged
        for key in field[:-1]:
            node[key] = dict(node[key])
            node = node[key]
        node[field[-1]] = {**text, **found}
    return merged


def french_texts(source: str) -> list[tuple[int, str, str]]:
    """(line, field, French text) of every text of one programme file, from its YAML source."""
    root = yaml.compose(source, Loader=yaml.SafeLoader)
    if not isinstance(root, yaml.MappingNode):
        return []
    found = []
    for field in TEXT_FIELDS:
        node = root
        for key in (*field, "fr"):
            node = next((v for k, v in getattr(node, "value", []) if isinstance(k, yaml.ScalarNode) and k.value == key), None)
            if node is None or not isinstance(node, (yaml.MappingNode, yaml.ScalarNode)):
                break
        if isinstance(node, yaml.ScalarNode) and node.value.strip():
            found.append((node.start_mark.line + 1, ".".join(field), node.value.strip()))
    return found


def extract(fileobj, keywords, comment_tags, options):
    """Babel extractor for programme files (see babel-catalogue.cfg): each French text is a msgid."""
    source = fileobj.read().decode(options.get("encoding", "utf-8"))
    name = Path(getattr(fileobj, "name", "programme.yaml")).stem
    for line, field, text in french_texts(source):
        yield line, None, text, [f"{name}: {field}"]


def review_status(french: str, lang: str, directory: Path = TRANSLATIONS_DIR) -> str:
    """'reviewed', 'draft' (a machine draft shown to visitors), 'fuzzy' (its French changed: French shown), 'broken' or 'missing'."""
    entry = entries(lang, directory).get(french)
    if entry is None or not entry.text:
        return "missing"
    if entry.fuzzy:
        return "fuzzy"
    if problem_with(french, entry.text):
        return "broken"
    return "draft" if entry.is_draft else "reviewed"
