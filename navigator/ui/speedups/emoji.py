"""Streamlit's search for a leading emoji, made fast without changing what it answers.

Every button and every pill option's text goes through `streamlit.string_util.extract_leading_emoji` on every
rerun: one anchored regular expression alternating over ~3,700 emoji sequences, which Python's `re` tries one by one.
It took 130–230 µs per text (a pill row of nine choices: ~1.5 ms; the language screen's names: ~4 ms) and was about
7 % of the server's CPU under load (scripts/rerun_cost.py --profile). Our labels start with a pictogram, or are
words in a non-Latin script, so neither of Streamlit's shortcuts (an ASCII text) applies.

The expression is `^(e1|e2|…)[_ -]*(.*)`: a match can only start with an alternative whose first character is the
text's first. So the alternatives are grouped by their first character, in their original order, each group in an
expression of its own with the same tail and flags: the same first alternative matches, hence the same answer, and a
text whose first character starts no emoji is answered at once. `install()` puts it in place of Streamlit's (once per
process); tests/test_speedup_emoji.py compares both on every emoji and on the app's labels.
"""

from __future__ import annotations

import re
from functools import cache

from streamlit import emojis, source_util, string_util

_ORIGINAL = string_util.extract_leading_emoji
_TAIL = ")[_ -]*(.*)"


def _alternatives(pattern: str) -> list[str]:
    """The emoji alternatives of Streamlit's expression, as written in it (some are escaped: `\\*️⃣`, `\\#️⃣`)."""
    if not (pattern.startswith("^(") and pattern.endswith(_TAIL)):
        raise ValueError("Streamlit's emoji expression changed shape")
    body = pattern[2 : -len(_TAIL)]
    if "(" in body or ")" in body or "[" in body:
        raise ValueError("Streamlit's emoji expression changed shape")
    return body.split("|")


@cache
def _by_first_character() -> dict[str, re.Pattern]:
    expression = emojis.EMOJI_EXTRACTION_REGEX
    groups: dict[str, list[str]] = {}
    for alternative in _alternatives(expression.pattern):
        first = alternative[1] if alternative.startswith("\\") else alternative[0]
        groups.setdefault(first, []).append(alternative)
    return {first: re.compile("^(" + "|".join(alts) + _TAIL, expression.flags) for first, alts in groups.items()}


def extract_leading_emoji(text: str) -> tuple[str, str]:
    """What `streamlit.string_util.extract_leading_emoji` answers: (the leading emoji, the rest after an optional
    separator), or ("", text)."""
    if not text or text.isascii():
        return "", text
    expression = _by_first_character().get(text[0])
    found = expression.search(text) if expression is not None else None
    if found is None:
        return "", text
    return found.group(1), found.group(2)


def install() -> None:
    """Use the fast search in Streamlit (buttons, pills, page titles); once is enough, again is harmless."""
    _by_first_character()
    string_util.extract_leading_emoji = extract_leading_emoji
    source_util.extract_leading_emoji = extract_leading_emoji
