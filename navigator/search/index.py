"""Fuzzy search over the whole catalogue, in every language it carries.

The index maps each folded word to the programmes (and fields) holding it.
A query is cut into units — synonym phrases, town names and plain words —
each unit is matched exactly, by prefix ("prepa comp") or fuzzily (typos),
and a programme's score is the mean of its best match per unit, weighted by
the field that matched. Scores are numpy arrays, so a query stays fast at
100,000 programmes.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import yaml

from navigator.catalogue.models import Programme
from navigator.indexing.gc_pause import collector_paused
from navigator.indexing.programme_table import Shapes, shapes_for
from navigator.person.places import communes_like, communes_named
from navigator.search.word_index import build_postings
from navigator.text import MAX_QUERY_CHARS, CloseWords, fold

#: How much a match in each field counts.
FIELD_WEIGHTS = {
    "name": 1.0,
    "keywords": 0.9,
    "organisation": 0.85,
    "synonym": 0.85,
    "place": 0.85,
    "summary": 0.65,
    "description": 0.45,
}
MAX_UNITS = 12
MIN_SCORE = 0.34
ENDED_PENALTY = 0.5
STOPWORDS = frozenset(
    "a au aux avec ce de des du en et for from i in is je la le les ma me mes mon my of on ou pour sur the to un une veux want".split()
)
SYNONYMS_FILE = Path(__file__).resolve().parent.parent / "data" / "synonyms.yaml"


@dataclass(frozen=True)
class Hit:
    """One programme found: its score in 0–1 and the fields that matched (for highlighting)."""

    id: str
    name: str
    score: float
    matched: tuple[str, ...]
    ended: bool

    def as_json(self) -> dict:
        return {"id": self.id, "name": self.name, "score": round(self.score, 3), "matched": list(self.matched), "ended": self.ended}


@dataclass(frozen=True)
class Synonym:
    phrase: str  # folded
    projects: tuple[str, ...]
    statuses: tuple[str, ...]
    terms: tuple[str, ...]


@cache
def load_synonyms(path: Path = SYNONYMS_FILE) -> tuple[Synonym, ...]:
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    found = []
    for entry in entries:
        for phrase in entry["phrases"]:
            folded = fold(str(phrase))
            if folded:
                found.append(
                    Synonym(
                        folded,
                        tuple(entry.get("projects", ())),
                        tuple(entry.get("statuses", ())),
                        tuple(fold(str(t)) for t in entry.get("terms", ())),
                    )
                )
    # Longest phrases first, so "cours de francais" wins over "francais".
    return tuple(sorted(found, key=lambda s: -len(s.phrase.split())))


#: The texts indexed in each field, in every language the catalogue carries.
FIELD_TEXTS = {
    "name": lambda p: p.name.values(),
    "keywords": lambda p: (" ".join(p.keywords),),
    "organisation": lambda p: (p.organisation,),
    "place": lambda p: (p.zone.name, p.place or ""),
    "summary": lambda p: p.summary.values(),
    "description": lambda p: (p.description.get("fr", ""), p.description.get("en", "")),
}


class SearchIndex:
    """Built once per catalogue (the word postings by `build_postings`); `search` is then cheap.

    Pass the `Shapes` the candidate index is built with to read the catalogue once for both."""

    def __init__(self, programmes: list[Programme] | tuple[Programme, ...], shapes: Shapes | None = None):
        self.programmes = ps = tuple(programmes)
        self.size = len(ps)
        shapes = shapes_for(ps, shapes)
        with collector_paused():
            self.ended = shapes.ended
            self.by_project, self.by_status, self.zones = shapes.by_project, shapes.by_status, shapes.by_zone_code
            self.postings = build_postings(ps, FIELD_TEXTS, STOPWORDS)
        self._learn_vocabulary()

    def _learn_vocabulary(self) -> None:
        self.vocabulary = sorted(self.postings)
        #: Words worth matching fuzzily: not numbers.
        self.fuzzy_vocabulary = CloseWords([w for w in self.vocabulary if len(w) >= 3 and not w.isdigit()])

    # -- matching one unit -------------------------------------------------------------
    def _word_matches(self, word: str) -> list[tuple[str, float]]:
        """Vocabulary words matching `word`: exact 1.0, prefix 0.9, fuzzy up to 0.9."""
        found: dict[str, float] = {}
        if word in self.postings:
            found[word] = 1.0
        if len(word) >= 3:
            start = bisect.bisect_left(self.vocabulary, word)
            for candidate in self.vocabulary[start : start + 50]:
                if not candidate.startswith(word):
                    break
                found.setdefault(candidate, 0.9)
        if len(word) >= 4:
            cutoff = 80 if len(word) >= 6 else 84
            for candidate, score in self.fuzzy_vocabulary.extract(word, score_cutoff=cutoff, limit=8):
                found[candidate] = max(found.get(candidate, 0), 0.9 * score / 100)
        return list(found.items())

    def _score_word(self, word: str, scores: np.ndarray, fields: dict[str, list[np.ndarray]]) -> None:
        for candidate, quality in self._word_matches(word):
            for field, docs in self.postings.of(candidate):
                _raise(scores, docs, quality * FIELD_WEIGHTS[field])
                fields.setdefault(field, []).append(docs)

    def _score_phrase(self, phrase: str, scores: np.ndarray, fields: dict[str, list[np.ndarray]]) -> None:
        """Every word of a phrase must match the same programme (its score: the weakest word's)."""
        words = [w for w in phrase.split() if w not in STOPWORDS and len(w) > 1]
        if not words:
            return
        weakest = None
        found: dict[str, list[np.ndarray]] = {}
        for word in words:
            word_scores = np.zeros(self.size, dtype=np.float32)
            self._score_word(word, word_scores, found)
            weakest = word_scores if weakest is None else np.minimum(weakest, word_scores)
        np.maximum(scores, weakest, out=scores)
        for field, arrays in found.items():
            kept = [docs[weakest[docs] > 0] for docs in arrays]
            fields.setdefault(field, []).extend(d for d in kept if len(d))

    def _score_synonym(self, synonym: Synonym, scores: np.ndarray, fields: dict[str, list[np.ndarray]]) -> None:
        weight = FIELD_WEIGHTS["synonym"]
        for project in synonym.projects:
            if project in self.by_project:
                _raise(scores, self.by_project[project], weight)
                fields.setdefault("synonym", []).append(self.by_project[project])
        for status in synonym.statuses:
            if status in self.by_status:
                _raise(scores, self.by_status[status], weight)
                fields.setdefault("synonym", []).append(self.by_status[status])
        for term in synonym.terms:
            self._score_word(term, scores, fields)

    def _score_town(self, communes, scores: np.ndarray, fields: dict[str, list[np.ndarray]]) -> None:
        for c in communes:
            for key in (("commune", c.code), ("epci", c.epci), ("departement", c.departement), ("region", c.region)):
                docs = self.zones.get(key)
                if docs is not None:
                    weight = FIELD_WEIGHTS["place"] * (1.0 if key[0] in ("commune", "epci") else 0.9 if key[0] == "departement" else 0.75)
                    _raise(scores, docs, weight)
                    fields.setdefault("place", []).append(docs)

    # -- the query ---------------------------------------------------------------------
    def _units(self, query: str) -> list[tuple[str, object]]:
        words = [w for w in fold(query[:MAX_QUERY_CHARS]).split() if w]
        units: list[tuple[str, object]] = []
        i = 0
        synonyms = {s.phrase: s for s in load_synonyms()}
        while i < len(words) and len(units) < MAX_UNITS:
            for size in (5, 4, 3, 2, 1):
                phrase = " ".join(words[i : i + size])
                if size > len(words) - i:
                    continue
                if phrase in synonyms:
                    units.append(("synonym", synonyms[phrase]))
                    break
                if (size > 1 or len(phrase) >= 4) and (communes := communes_named(phrase)):
                    units.append(("town", (phrase, communes)))
                    break
            else:
                size = 1
                if len(words[i]) > 1 and words[i] not in STOPWORDS:
                    units.append(("word", words[i]))
            i += size
        return units

    def search(self, query: str, lang: str = "fr", limit: int = 10) -> list[Hit]:
        """Best programmes for `query`, best first; nothing for an empty or nonsense query."""
        if not isinstance(query, str) or not self.size:
            return []
        limit = max(1, min(int(limit), 100))
        units = self._units(query)
        if not units:
            return []
        total = np.zeros(self.size, dtype=np.float32)
        spread = np.zeros(self.size, dtype=np.float32)
        matched_fields: list[dict[str, np.ndarray]] = []  # per unit: field → which programmes it matched there
        for kind, value in units:
            scores = np.zeros(self.size, dtype=np.float32)
            fields: dict[str, list[np.ndarray]] = {}
            if kind == "synonym":
                self._score_synonym(value, scores, fields)
                self._score_phrase(value.phrase, scores, fields)
            elif kind == "town":
                phrase, communes = value
                self._score_town(communes, scores, fields)
                self._score_phrase(phrase, scores, fields)
            else:
                self._score_word(value, scores, fields)
                if not fields and len(value) >= 4:
                    communes = communes_like(value)
                    if communes:
                        self._score_town(communes, scores, fields)
            total += scores
            in_fields = {}
            for field, arrays in fields.items():
                in_fields[field] = in_field = np.zeros(self.size, dtype=bool)
                for docs in arrays:
                    in_field[docs] = True
                spread += in_field
            matched_fields.append(in_fields)
        total /= len(units)
        # Ties broken by how many fields matched: a word in the name, keywords and summary beats one in a single field.
        total += np.minimum(spread, 6) * 0.01 * (total > 0)
        total[self.ended] *= ENDED_PENALTY
        threshold = np.where(self.ended, MIN_SCORE * ENDED_PENALTY, MIN_SCORE)
        candidates = np.flatnonzero(total >= threshold)
        if not len(candidates):
            return []
        # Active programmes first, then by score: the best `limit` found without sorting them all.
        rank = total[candidates] - self.ended[candidates] * 2.0
        if len(candidates) > limit * 4:
            keep = np.argpartition(-rank, limit * 4)[: limit * 4]
            candidates, rank = candidates[keep], rank[keep]
        order = sorted(zip(candidates.tolist(), rank.tolist(), strict=True), key=lambda dr: (-dr[1], self.programmes[dr[0]].id))
        order = [d for d, _ in order[:limit]]
        hits = []
        for doc in order:
            p = self.programmes[doc]
            fields = tuple(dict.fromkeys(f for unit in matched_fields for f, in_field in unit.items() if in_field[doc]))
            hits.append(Hit(p.id, p.name.get(lang) or p.name["fr"], float(total[doc]), fields, p.is_ended))
        return hits


def _raise(scores: np.ndarray, docs: np.ndarray, value: float) -> None:
    scores[docs] = np.maximum(scores[docs], value)
