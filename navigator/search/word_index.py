"""The search index's core: for each folded word, the programmes holding it, field by field.

Built in numpy passes rather than text by text, so 100,000 programmes index
in under two seconds (see the benchmark in the README):

1. per field, each distinct text gets a number (texts repeat: organisations,
   keywords, the same summary in many services);
2. all distinct texts are cut into tokens and the tokens numbered, by Arrow;
   each distinct token is folded once (`fold_each`, the same folding as a
   query's) into word ids;
3. (text, word) pairs become (word, programme) pairs: texts held by few
   programmes all at once, in one sort; texts shared by many word by word, as
   there are few of them (texts held by the very same programmes, like a
   summary and its translations, count as one).

Each field keeps its programmes in one array, word after word (no Python
object per word), so the index stays small.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from itertools import chain

import numpy as np
import pyarrow.compute as pc

from navigator.indexing.mapped import SortedKeys, sorted_keys_array
from navigator.indexing.numpy_tools import arrow_texts, expand, numpy_of, sorted_unique
from navigator.text import fold_each

#: A text held by at most this many programmes is expanded in the single numpy pass.
SHARED_ABOVE = 16
#: A word found in more shared texts than this gets one merged array (else one array per text, merged by the query).
MERGE_ABOVE = 8
#: Programmes read this many at a time: the temporary lists of one chunk reuse the memory of the last.
CHUNK = 8192


@dataclass(frozen=True)
class FieldPostings:
    """One field's postings: for each word id, its programmes' positions, in at most two sorted arrays."""

    docs: np.ndarray  # int32: word 0's programmes, then word 1's, … (from texts few programmes hold)
    starts: np.ndarray  # word id → where its programmes start in `docs` (the next id's start is its end)
    shared: dict[int, tuple[np.ndarray, ...]]  # word id → programmes holding it through texts many programmes share

    def of(self, word_id: int) -> list[np.ndarray]:
        found = [self.docs[self.starts[word_id] : self.starts[word_id + 1]], *self.shared.get(word_id, ())]
        return [docs for docs in found if len(docs)]


class Postings:
    """Which programmes hold each folded word, in which fields."""

    def __init__(self, words: dict[str, int], fields: dict[str, FieldPostings]):
        self.words = words
        self.fields = fields

    def __contains__(self, word: str) -> bool:
        return word in self.words

    def __len__(self) -> int:
        return len(self.words)

    def __iter__(self):
        return iter(self.words)

    def of(self, word: str) -> list[tuple[str, np.ndarray]]:
        """(field, sorted positions) for every field holding `word`; a field may come twice, the arrays may overlap."""
        word_id = self.words.get(word)
        if word_id is None:
            return []
        return [(field, docs) for field, postings in self.fields.items() for docs in postings.of(word_id)]


class WordFolder:
    """Cuts texts into folded word ids; each distinct token is folded once.

    Splitting and numbering the tokens is done by Arrow (Streamlit's own
    dependency) in C++; folding stays `fold_each`, the query's own folding, so
    both sides always agree. (Arrow may split on a few whitespace characters
    Python does not, or the reverse: either way they are not letters, and
    folding turns them into spaces.)
    """

    def __init__(self, stopwords: frozenset[str]):
        self.stopwords = stopwords
        self.words: dict[str, int] = {}
        # Token id → its words, as offsets into one flat list.
        self._tokens: dict[str, int] = {}
        self._token_words: list[int] = []
        self._token_start: list[int] = []
        self._token_count: list[int] = []

    def _learn(self, tokens: list[str]) -> None:
        for token, folded in zip(tokens, fold_each(tokens), strict=True):
            ids = [self.words.setdefault(w, len(self.words)) for w in folded.split() if len(w) > 1 and w not in self.stopwords]
            self._tokens[token] = len(self._token_start)
            self._token_start.append(len(self._token_words))
            self._token_count.append(len(ids))
            self._token_words.extend(ids)

    def pairs(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Distinct (text position, word id) pairs, sorted by text."""
        tokens = pc.utf8_split_whitespace(arrow_texts(texts))
        text_of_token = numpy_of(pc.list_parent_indices(tokens))
        encoded = pc.list_flatten(tokens).dictionary_encode()
        distinct = encoded.dictionary.to_pylist()
        self._learn([t for t in distinct if t not in self._tokens])
        known = np.fromiter(map(self._tokens.__getitem__, distinct), dtype=np.int64, count=len(distinct))
        codes = known[numpy_of(encoded.indices)]
        owner, at = expand(np.array(self._token_start, dtype=np.int64)[codes], np.array(self._token_count, dtype=np.int64)[codes])
        words = np.array(self._token_words, dtype=np.int64)[at]
        width = max(len(self.words), 1)
        keys = sorted_unique(text_of_token[owner] * width + words)
        return keys // width, keys % width


def build_postings(
    programmes: Sequence, field_texts: dict[str, Callable[[object], Collection[str]]], stopwords: frozenset[str]
) -> Postings:
    """Every field's postings for these programmes (`field_texts` gives each programme's texts in a field)."""
    size = len(programmes)
    folder = WordFolder(stopwords)
    built: dict[str, tuple[np.ndarray, np.ndarray, dict[int, tuple[np.ndarray, ...]]]] = {}
    for field, texts_of in field_texts.items():
        text_ids: dict[str, int] = {}
        codes_parts, held_parts = [], []
        for at in range(0, size, CHUNK):
            texts = [texts_of(p) for p in programmes[at : at + CHUNK]]
            held_parts.append(np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)))
            codes_parts.append(np.array([text_ids.setdefault(t, len(text_ids)) for t in chain.from_iterable(texts)], dtype=np.int64))
        if not text_ids:
            continue
        codes = np.concatenate(codes_parts)
        docs = np.repeat(np.arange(size, dtype=np.int32), np.concatenate(held_parts))
        docs_by_text = docs[np.argsort(codes, kind="stable")]
        bounds = np.concatenate(([0], np.cumsum(np.bincount(codes, minlength=len(text_ids)))))
        pair_texts, pair_words = folder.pairs(list(text_ids))
        built[field] = _word_docs(pair_words, pair_texts, docs_by_text, bounds, size)
    word_ids = np.arange(len(folder.words) + 1)
    fields = {field: FieldPostings(docs, np.searchsorted(words, word_ids), shared) for field, (words, docs, shared) in built.items()}
    return Postings(folder.words, fields)


def _word_docs(
    pair_words: np.ndarray, pair_texts: np.ndarray, docs_by_text: np.ndarray, bounds: np.ndarray, size: int
) -> tuple[np.ndarray, np.ndarray, dict[int, tuple[np.ndarray, ...]]]:
    """(word, text) pairs → (word, programme) pairs sorted by word, and the words of shared texts apart."""
    held = (bounds[1:] - bounds[:-1])[pair_texts]
    few = held <= SHARED_ABOVE
    # Texts held by few programmes: every (word, programme) pair at once, made distinct by one sort.
    owner, at = expand(bounds[pair_texts[few]], held[few])
    keys = sorted_unique(pair_words[few][owner] * size + docs_by_text[at])
    words, docs = keys // size, (keys % size).astype(np.int32)
    # Texts shared by many programmes. Texts held by the very same programmes (a summary and its translations)
    # count as one; words found in the same texts share one array.
    programmes_of = lambda text: docs_by_text[bounds[text] : bounds[text + 1]]  # noqa: E731
    same: dict[bytes, int] = {}
    one_of = {text: same.setdefault(programmes_of(text).tobytes(), text) for text in np.unique(pair_texts[~few]).tolist()}
    texts_of_word: dict[int, dict[int, None]] = defaultdict(dict)
    for word, text in zip(pair_words[~few].tolist(), pair_texts[~few].tolist(), strict=True):
        texts_of_word[word][one_of[text]] = None
    unions: dict[tuple[int, ...], tuple[np.ndarray, ...]] = {}
    shared = {}
    for word, texts in texts_of_word.items():
        key = tuple(sorted(texts))
        if key not in unions:
            arrays = tuple(programmes_of(text) for text in key)
            # A word of a few shared texts keeps their programmes as they are (views, no copy); of many, one union.
            unions[key] = arrays if len(arrays) <= MERGE_ABOVE else (sorted_unique(np.concatenate(arrays)),)
        shared[word] = unions[key]
    return words, docs, shared


def postings_arrays(postings: Postings, size: int) -> dict[str, np.ndarray]:
    """The postings as flat arrays for a file (`navigator.indexing.mapped`): the words sorted, and per field, each
    word's programmes end to end (the texts many programmes share merged in: a word's programmes are a set, so the
    scores and the fields a search reads are the same)."""
    words = list(postings.words)  # by word id
    keys, order = sorted_keys_array(words)
    new_id = np.empty(len(words), dtype=np.int64)
    new_id[order] = np.arange(len(words))
    out: dict[str, np.ndarray] = {"words": keys}
    width = max(size, 1)
    for field, fp in postings.fields.items():
        word_of = np.repeat(np.arange(len(words), dtype=np.int64), np.diff(fp.starts)[: len(words)])
        pair_words, pair_docs = [new_id[word_of]], [fp.docs.astype(np.int64)]
        for word, arrays in fp.shared.items():
            for docs in arrays:
                pair_words.append(np.full(len(docs), new_id[word], dtype=np.int64))
                pair_docs.append(docs.astype(np.int64))
        pairs = sorted_unique(np.concatenate(pair_words) * width + np.concatenate(pair_docs))
        out[f"{field}.docs"] = (pairs % width).astype(np.int32)
        out[f"{field}.starts"] = np.searchsorted(pairs // width, np.arange(len(words) + 1)).astype(np.int64)
    return out


class MappedPostings(Postings):
    """`Postings` read from `postings_arrays` (memory-mapped): word ids are positions among the sorted words."""

    def __init__(self, arrays, fields: Sequence[str]):  # noqa: D107
        super().__init__(SortedKeys(arrays["words"]), {field: (arrays[f"{field}.starts"], arrays[f"{field}.docs"]) for field in fields})

    def of(self, word: str) -> list[tuple[str, np.ndarray]]:
        """(field, sorted positions) for every field holding `word`, as `Postings.of` gives them."""
        at = self.words.find(word)
        if at is None:
            return []
        return [(field, docs[starts[at] : starts[at + 1]]) for field, (starts, docs) in self.fields.items() if starts[at + 1] > starts[at]]
