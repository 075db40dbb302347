"""Text helpers shared by search and places: one normalisation for everything typed."""

import bisect
import math
import re
import unicodedata

from rapidfuzz import fuzz, process

#: Longest text we look at; longer input is cut, never an error.
MAX_QUERY_CHARS = 200


def _folding_table() -> dict[int, str | None]:
    """One pass over a text: accented letters to base letters, combining marks (accents, Arabic harakat)
    removed, everything that is not a letter or a digit turned into a space."""
    table: dict[int, str | None] = {}
    for code in range(0x3000):
        char = chr(code)
        if unicodedata.combining(char):
            table[code] = None
            continue
        if not char.isalnum():
            table[code] = " "
            continue
        decomposed = unicodedata.normalize("NFKD", char)
        stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
        if not stripped.isalnum():
            stripped = "".join(c if c.isalnum() else " " for c in stripped)
        if stripped != char:
            table[code] = stripped
    table.update({ord("œ"): "oe", ord("æ"): "ae"})
    return table


_TABLE = _folding_table()


def fold(text: str) -> str:
    """Lower case, no accents, punctuation as spaces: 'Créer ma boîte !' → 'creer ma boite'."""
    return " ".join(text[: MAX_QUERY_CHARS * 4].casefold().translate(_TABLE).split())


_APART = "\ue000"  # a private-use character: folding keeps it as it is


def fold_each(texts: list[str]) -> list[str]:
    """`fold` for many texts at once (one translate pass: much faster for many short words).
    The results keep their spaces as they are: split them."""
    joined = _APART.join(texts)
    if joined.count(_APART) != len(texts) - 1:
        return [fold(t) for t in texts]
    return joined.casefold().translate(_TABLE).split(_APART) if texts else []


_SOUNDS = [
    (re.compile(r"eaux?|aux?"), "o"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"qu|ck|c(?=[aou])|c$"), "k"),
    (re.compile(r"c(?=[eiy])|z"), "s"),
    (re.compile(r"gu(?=[ei])"), "g"),
    (re.compile(r"y"), "i"),
    (re.compile(r"h"), ""),
    (re.compile(r"(?<=\w)[stdxe]+$"), ""),
    (re.compile(r"(\w)\1+"), r"\1"),
]


def sounds_like(text: str) -> str:
    """A rough French phonetic key, word by word: 'Bordeaux' and 'bordo' → 'bordo'; 'Poitiers' → 'poitier'."""
    words = []
    for word in fold(text).split():
        for pattern, replacement in _SOUNDS:
            word = pattern.sub(replacement, word)
        words.append(word)
    return " ".join(words)


class CloseWords:
    """Fuzzy look-up of a word among many (`fuzz.ratio`, as rapidfuzz scores it), looking only at the words whose
    length can reach the cutoff: the ratio of two words is at most 2·min(a, b) / (a + b), so a 6-letter word needs
    4 to 9 letters for 80. Gives exactly what `process.extract(word, words, scorer=fuzz.ratio, ...)` gives, in less
    time (ties keep the order the words were given in)."""

    def __init__(self, words: list[str]):
        order = sorted(range(len(words)), key=lambda i: len(words[i]))  # stable: the given order within a length
        self._words = [words[i] for i in order]
        self._rank = order  # where each word was in the given list
        self._lengths = [len(words[i]) for i in order]

    def __len__(self) -> int:
        return len(self._words)

    def extract(self, word: str, score_cutoff: float, limit: int | None = None) -> list[tuple[str, float]]:
        """(word, score) of the best `limit` words scoring at least `score_cutoff` (0–100), best first."""
        if not word or score_cutoff <= 0:
            raise ValueError("a word and a positive cutoff are needed to narrow by length")
        n, c = len(word), score_cutoff
        start = bisect.bisect_left(self._lengths, math.ceil(n * c / (200 - c) - 1e-9))
        end = bisect.bisect_right(self._lengths, math.floor(n * (200 - c) / c + 1e-9))
        found = process.extract(word, self._words[start:end], scorer=fuzz.ratio, score_cutoff=c, limit=None)
        found.sort(key=lambda hit: (-hit[1], self._rank[start + hit[2]]))
        return [(text, score) for text, score, _ in found[:limit]]
