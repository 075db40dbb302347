"""One-time migration (issue #15): the translations written inline in catalogue/*.yaml move to the `catalogue`
gettext domain, translations/<lang>/LC_MESSAGES/catalogue.po (msgid = the French text), and each programme file
keeps only its French — its comments, order and layout untouched (lines are removed, nothing is re-dumped).

Today's translations are machine drafts: none gets a `# reviewed-by:` comment. A translation whose French text
changed since BASE while the translation itself did not (the audit of issue #15 corrected French texts only) is
written fuzzy, with the old French as its previous msgid: staff see it to review, visitors see the French until then.
An entry a catalogue.po already holds (another translator's) is kept as it is.

    python scripts/migrate_catalogue_translations.py [BASE]      # BASE: a git revision, default ac1956f
    bash scripts/translations.sh                                  # then: extract the .pot, update and compile
    python scripts/migrate_catalogue_translations.py --catalogue tests/fixtures/malicious_catalogue   # a test catalogue
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from navigator.catalogue.loading import CATALOGUE_DIR, _TextDatesLoader  # noqa: E402
from navigator.catalogue.translations import TEXT_FIELDS, po_path, translations_dir_for  # noqa: E402


def _load(source: str) -> dict:
    return yaml.load(source, Loader=_TextDatesLoader) or {}  # noqa: S506 (a safe loader)


def _at(data: dict, field: tuple[str, ...]):
    for key in field:
        data = data.get(key) if isinstance(data, dict) else None
    return data if isinstance(data, dict) else None


def base_version(path: Path, base: str) -> dict:
    where = path.resolve().relative_to(ROOT).as_posix()
    shown = subprocess.run(["git", "show", f"{base}:{where}"], cwd=ROOT, capture_output=True, text=True)
    return _load(shown.stdout) if shown.returncode == 0 else {}


def strip_inline(source: str) -> str:
    """The file without the non-French lines of its texts (and their continuation lines)."""
    lines, kept, stack, skip_deeper = source.split("\n"), [], [], None
    for line in lines:
        indent = len(line) - len(line.lstrip(" "))
        if skip_deeper is not None:
            if not line.strip() or indent > skip_deeper:
                continue
            skip_deeper = None
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and ":" in stripped and not stripped.startswith("- "):
            key = stripped.split(":", 1)[0]
            while stack and stack[-1][0] >= indent:
                stack.pop()
            path = tuple(k for _, k in stack)
            if path in TEXT_FIELDS and key != "fr" and len(key) <= 3:
                skip_deeper = indent
                continue
            stack.append((indent, key))
        kept.append(line)
    return "\n".join(kept)


def migrate(base: str, catalogue: Path = CATALOGUE_DIR) -> dict[str, int]:
    translations = translations_dir_for(catalogue)
    catalogs: dict[str, Catalog] = {}
    written: dict[str, int] = {}
    for path in sorted(catalogue.glob("*.yaml")):
        data, old = _load(path.read_text(encoding="utf-8")), base_version(path, base)
        for field in TEXT_FIELDS:
            text, before = _at(data, field), _at(old, field) or {}
            if not text or "fr" not in text:
                continue
            french = str(text["fr"]).strip()
            for lang, translated in text.items():
                if lang == "fr":
                    continue
                catalog = catalogs.setdefault(lang, _open(lang, translations))
                if french in catalog and catalog[french].string:
                    continue  # already translated there (another translator, or the same French text in another file)
                translated = str(translated).strip()
                old_french = str(before.get("fr", "")).strip()
                stale = bool(old_french) and old_french != french and str(before.get(lang, "")).strip() == translated
                catalog.add(
                    french,
                    translated,
                    auto_comments=[f"{data.get('id', path.stem)}: {'.'.join(field)}"],
                    flags=("fuzzy",) if stale else (),
                    previous_id=old_french if stale else (),
                )
                written[lang] = written.get(lang, 0) + 1
        path.write_text(strip_inline(path.read_text(encoding="utf-8")), encoding="utf-8")
    for lang, catalog in catalogs.items():
        target = po_path(lang, translations)
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as f:
            write_po(f, catalog, sort_output=True, width=120, include_previous=True)
    return written


def _open(lang: str, translations: Path) -> Catalog:
    target = po_path(lang, translations)
    if target.exists():
        with target.open("rb") as f:
            return read_po(f, locale=lang, domain="catalogue")
    return Catalog(
        locale=lang, domain="catalogue", project="navigator", version="0.1", msgid_bugs_address="curators@navigator.invalid", fuzzy=False
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", nargs="?", default="ac1956f", help="git revision before the French-only fixes")
    parser.add_argument("--catalogue", type=Path, default=CATALOGUE_DIR, help="the programme folder (default catalogue/)")
    args = parser.parse_args()
    folder = args.catalogue.resolve()
    for lang, count in sorted(migrate(args.base, folder).items()):
        print(f"{lang}: {count} translations moved to {po_path(lang, translations_dir_for(folder)).relative_to(ROOT)}")
