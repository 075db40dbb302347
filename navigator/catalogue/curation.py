"""The curation desk's work, without Streamlit: what needs attention, an edit checked by the models, shown as a diff,
written back keeping the file's comments and order, and logged.

An edit goes through three steps: `propose` builds the new file text with a round-trip YAML library (ruamel.yaml),
checks it with the same reader and models as the app, and gives the diff; `apply` writes it only if it is still valid
and the file has not changed meanwhile, then appends one line to the change log. A bad edit never reaches the file.
The log says when, which staff label, which programme and what changed — never anything about visitors.
"""

from __future__ import annotations

import difflib
import io
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from navigator.catalogue.freshness import concerns, describe
from navigator.catalogue.loading import Catalogue, Problem, read_programme
from navigator.catalogue.models import Programme
from navigator.catalogue.translations import TEXT_FIELDS, languages, review_status, translations_dir_for

if TYPE_CHECKING:
    from ruamel.yaml import YAML

#: The fields the desk edits, as dotted paths in a programme file.
EDITABLE = (
    "contacts.phone",
    "contacts.email",
    "contacts.website",
    "contacts.address",
    "contacts.opening_hours",
    "status.state",
    "status.ends_on",
    "last_checked",
    "data_inclusion_ids",  # a likely duplicate confirmed: this national directory service is the programme
    "data_inclusion_distinct",  # a likely duplicate rejected: another service, never merged
)
#: A desk label such as `accueil-poitiers` (never a person's name).
STAFF_LABEL = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
LOG_NAME = "changes.jsonl"


def change_log(catalogue_dir: Path) -> Path:
    """The change log lives beside the programme files it describes (NAVIGATOR_CURATION_LOG to put it elsewhere)."""
    return Path(os.environ.get("NAVIGATOR_CURATION_LOG") or Path(catalogue_dir) / LOG_NAME)


# --- what needs attention --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Attention:
    programme: str
    reason: str


def needing_attention(catalogue: Catalogue, today: date) -> list[Attention]:
    """Programmes past their re-check date or never recorded as checked, experiments past their end, statuses to
    confirm — in the words of `freshness.describe`; ended ones left out."""
    return [Attention(p.id, describe(p, c)) for p in catalogue for c in concerns(p, today)]


def duplicates_to_confirm(merges) -> list:
    """The imported services merged into a curated programme by a rule (same name and commune, same SIRET) rather than
    named in its file: staff confirm each (same service) or reject it (another service)."""
    return [m for m in merges if not m.confirmed]


def decide_duplicate(catalogue_dir: Path, merge, same: bool) -> Proposal:
    """The programme file with the service added to `data_inclusion_ids` (same service) or to
    `data_inclusion_distinct` (another one, never merged again), checked as any edit; `apply` writes and logs it."""
    path = Path(catalogue_dir) / f"{merge.programme_id}.yaml"
    field_name = "data_inclusion_ids" if same else "data_inclusion_distinct"
    current = _current(_yaml().load(path.read_text(encoding="utf-8")), field_name) or []
    listed = [str(item) for item in current]
    return propose(path, {field_name: listed if merge.service_id in listed else [*listed, merge.service_id]})


def translations_to_review(catalogue: Catalogue) -> dict[str, dict[str, int]]:
    """Per language: how many French texts have a reviewed translation, a machine draft, a fuzzy (French changed),
    broken or missing one. Only `# reviewed-by:` entries count as reviewed."""
    directory = translations_dir_for(catalogue.directory)
    texts = {_french(p, f) for p in catalogue for f in TEXT_FIELDS} - {None}
    counts = {}
    for lang in languages(directory):
        tally = dict.fromkeys(("reviewed", "draft", "fuzzy", "broken", "missing"), 0)
        for text in texts:
            tally[review_status(text, lang, directory)] += 1
        counts[lang] = tally
    return counts


def _french(programme, path: tuple[str, ...]) -> str | None:
    node = programme
    for part in path:
        node = getattr(node, part, None)
    return node.get("fr") if isinstance(node, dict) else None


# --- an edit -----------------------------------------------------------------------------------------------------


def _yaml() -> YAML:
    from ruamel.yaml import YAML  # noqa: PLC0415 (the curation desk's only: not loaded at every app start)

    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 4096  # never re-wrap a curator's lines
    y.indent(mapping=2, sequence=4, offset=2)
    return y


@dataclass
class Proposal:
    """A checked edit: the new text, its diff and problems (none: it may be written)."""

    path: Path
    before: str
    after: str
    changes: list[dict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def diff(self) -> str:
        lines = difflib.unified_diff(
            self.before.splitlines(keepends=True), self.after.splitlines(keepends=True), self.path.name, self.path.name + " (modifié)"
        )
        return "".join(lines)

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.changes)


def _current(data, dotted: str):
    node = data
    for part in dotted.split("."):
        if not hasattr(node, "get"):
            return None
        node = node.get(part)
    return node


def _plain(value):
    if isinstance(value, list | tuple):
        return [str(item) for item in value] or None
    return value.isoformat() if isinstance(value, date) else (None if value in (None, "") else str(value))


def _field_position(data, name: str) -> int:
    """Where a new top-level field goes: before the first field the models list after it (so `last_checked` lands
    after `source`, as in every other file, rather than at the end)."""
    order = list(Programme.model_fields)
    later = set(order[order.index(name) + 1 :]) if name in order else set()
    return next((i for i, key in enumerate(data) if key in later), len(data))


def propose(path: Path, edits: dict[str, object]) -> Proposal:
    """The file with `edits` (dotted field → new value; None or '' removes the field), checked by the models."""
    path = Path(path)
    before = path.read_text(encoding="utf-8")
    y = _yaml()
    data = y.load(before)
    changes = []
    for dotted, value in edits.items():
        if dotted not in EDITABLE:
            raise ValueError(f"{dotted} is not edited on the desk")
        old = _current(data, dotted)
        if _plain(old) == _plain(value):
            continue
        *parents, last = dotted.split(".")
        node = data
        for part in parents:
            if node.get(part) is None:
                node[part] = {}
            node = node[part]
        if value in (None, ""):
            node.pop(last, None)
        elif last in node or parents:
            node[last] = value
        else:
            node.insert(_field_position(node, last), last, value)
        changes.append({"field": dotted, "from": _plain(old), "to": _plain(value)})
    out = io.StringIO()
    y.dump(data, out)
    proposal = Proposal(path, before, out.getvalue(), changes)
    proposal.problems = check_text(path.name, proposal.after)
    return proposal


def check_text(name: str, text: str) -> list[Problem]:
    """Problems of a programme file's text, judged by the app's own reader and models."""
    with tempfile.TemporaryDirectory() as folder:
        candidate = Path(folder) / name
        candidate.write_text(text, encoding="utf-8")
        _programme, problems = read_programme(candidate, Path(folder))
    return problems


class EditRefused(Exception):
    """The edit was not written; the message says why."""


def apply(proposal: Proposal, staff: str, note: str = "", now: datetime | None = None) -> dict:
    """Write a valid proposal (atomically) and append its line to the change log; returns the log entry."""
    if not STAFF_LABEL.fullmatch(staff or "") or len(staff) > 40:
        raise EditRefused("label de l'équipe attendu, en minuscules avec des tirets (ex. accueil-poitiers), pas un nom")
    if proposal.problems or not proposal.changes:
        raise EditRefused("rien de valide à enregistrer")
    if proposal.path.read_text(encoding="utf-8") != proposal.before:
        raise EditRefused("le fichier a changé depuis l'aperçu : recommencez")
    if problems := check_text(proposal.path.name, proposal.after):
        raise EditRefused("; ".join(map(str, problems)))
    temporary = proposal.path.with_name(f".{proposal.path.name}.tmp")
    temporary.write_text(proposal.after, encoding="utf-8")
    os.replace(temporary, proposal.path)
    entry = {
        "when": (now or datetime.now(UTC)).isoformat(timespec="seconds"),
        "staff": staff,
        "programme": proposal.path.stem,
        "changes": proposal.changes,
    }
    if note.strip():
        entry["note"] = note.strip()[:500]
    log = change_log(proposal.path.parent)
    with log.open("a", encoding="utf-8") as f:
        f.write(json.dumps(entry, ensure_ascii=False) + "\n")
    return entry


def recent_changes(catalogue_dir: Path, limit: int = 20) -> list[dict]:
    log = change_log(catalogue_dir)
    if not log.exists():
        return []
    lines = log.read_text(encoding="utf-8").splitlines()[-limit:]
    return [json.loads(line) for line in reversed(lines) if line.strip()]
