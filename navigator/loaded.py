"""The curated catalogue, the national directory's snapshot (when one was imported) and their indexes, read the
one way the app and the command line both use (`load`). Nothing personal in here.

What the process does around it (freezing long-lived objects, building the directory's search index in the
background, reading everything again when the files change) is the app's: `navigator.ui.resources`. What it looks
at to know whether anything changed, without reading it, is here: `sources_signature`.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from navigator.catalogue.data_inclusion.directory import Directory
from navigator.catalogue.data_inclusion.directory_search import DirectorySearch
from navigator.catalogue.data_inclusion.merge import Merge
from navigator.catalogue.data_inclusion.national import load_national
from navigator.catalogue.data_inclusion.snapshot import data_dir, snapshot_path
from navigator.catalogue.loading import Catalogue, catalogue_signature, load_catalogue
from navigator.catalogue.translations import languages, po_path, translations_dir_for
from navigator.eligibility import CandidateIndex
from navigator.indexing.programme_table import Shapes
from navigator.presentation.route_codes import route_codes
from navigator.search.index import Hit, SearchIndex


@dataclass(frozen=True)
class Loaded:
    """The catalogue and its indexes, shared by every session (nothing personal in here). What matching needs is
    built at once; the search indexes on first use (the app builds them in the background after start)."""

    catalogue: Catalogue
    candidates: CandidateIndex
    directory: Directory | None = None  # the national directory's snapshot, when one was imported
    merges: tuple[Merge, ...] = ()  # imported services merged into curated programmes
    directory_search: DirectorySearch | None = None  # its index built on first use
    shapes: Shapes | None = None  # each programme's shape, read once for the candidate index and the search index

    @cached_property
    def search(self) -> SearchIndex:
        """The curated catalogue's search index (the staff desk's), built on first use."""
        return SearchIndex(self.catalogue.programmes, self.shapes)

    def route(self, route_id: str):
        """A curated programme or an imported service, by id; None when neither knows it."""
        found = self.catalogue.get(route_id)
        if found is None and self.directory is not None:
            found = self.directory.get(route_id)
        return found

    @cached_property
    def _curated_codes(self) -> dict[str, str]:
        return route_codes(p.id for p in self.catalogue)

    def shared_route(self, code: str):
        """A route a shared link names: by its short code (`route_code`; an imported service's before a curated
        programme's, were two codes the same), else by its id; None when none is known."""
        found = self.directory.by_route_code(code) if self.directory is not None else None
        return found if found is not None else self.route(self._curated_codes.get(code, code))

    def search_all(self, query: str, lang: str = "fr", limit: int = 10) -> list[Hit]:
        """Curated programmes and imported services for `query` together, best first (curated first at equal score)."""
        hits = self.search.search(query, lang=lang, limit=limit)
        if self.directory_search is not None:
            hits += self.directory_search.search(query, limit=limit)
        return sorted(hits, key=lambda h: -h.score)[:limit]


def load(directory: Path, data_directory: Path | None = None, refuse_unreadable: bool = False) -> Loaded:
    """Read, validate and index the catalogue, and the snapshot beside it when there is one; raises CatalogueError
    with every problem if the catalogue's files are broken. A snapshot that cannot be read is only left aside, or,
    with `refuse_unreadable` (a process that serves a good one), raises SnapshotUnreadable."""
    catalogue = load_catalogue(directory)
    national = load_national(catalogue, data_directory, refuse_unreadable)  # None without a snapshot: the curated catalogue alone
    if national is not None:
        catalogue = national.catalogue
    shapes = Shapes(catalogue.programmes)
    return Loaded(
        catalogue,
        CandidateIndex(catalogue.programmes, shapes),
        national.directory if national else None,
        national.merges if national else (),
        DirectorySearch(national.directory) if national else None,
        shapes,
    )


#: In the data folder: replaced by the staff desk's reload, so that every process of the app reads everything again
#: (`sources_signature` changes), even when no file it reads has changed in a way its signature would show.
GENERATION_NAME = "catalogue.generation"


def sources_signature(directory: Path, data_directory: Path | None = None) -> tuple:
    """What changes when what `load` reads changes, without reading it: the programme files' names, sizes, times and
    inodes, their translations' (each language's catalogue.po), the snapshot's identity (an import renames a new file
    over it: a new inode) and the generation file's. About a hundred `stat` calls, well under a millisecond: for a
    background check every few seconds, never for a visitor's rerun."""
    data = data_directory or data_dir()
    translations = translations_dir_for(Path(directory))
    texts = tuple((lang, _identity(po_path(lang, translations))) for lang in languages(translations))
    return (catalogue_signature(directory), texts, _identity(snapshot_path(data)), _identity(data / GENERATION_NAME))


def bump_generation(data_directory: Path | None = None) -> Path:
    """Replace the generation file (written beside, then renamed over): every process sees a new signature. Raises
    OSError where the data folder cannot be written."""
    path = (data_directory or data_dir()) / GENERATION_NAME
    partial = path.with_name(f"{path.name}.{uuid.uuid4().hex[:8]}.partial")
    try:
        partial.write_text(uuid.uuid4().hex + "\n", encoding="ascii")
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return path


def _identity(path: Path) -> tuple | None:
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        return (type(error).__name__,)
    return (info.st_ino, info.st_dev, info.st_size, info.st_mtime_ns)
