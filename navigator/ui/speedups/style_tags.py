"""Streamlit's check of whether an `st.html` body holds only `<style>` tags, answered at once for the app's blocks.

`st.html` sends a body of style tags alone to a hidden container; to know, Streamlit removes every comment and every
`<style>…</style>` from the body with two regular expressions and looks at what is left, on every call: for our
page's style sheet (12 KB, on every full run) and for each screen's blocks of HTML (the results' cards: tens of KB),
on every rerun.

An answer without the expressions, when it is sure: a body without `<!--` is left with its first non-blank character
unless a style tag starts there, so a body that neither holds a comment nor starts with `<style` (after blanks) is
not style tags alone. Any other body gets Streamlit's own answer; for a body that starts with a style tag (the page's
style sheet, alone or with the frame's script: the same few texts on every run, never a visitor's) the answer is
remembered, either way. tests/test_speedup_style_tags.py compares both.
"""

from __future__ import annotations

import re

from streamlit.elements import html

#: How a style tag starts, matched as Streamlit's expression matches it (case-insensitive, as Unicode folds case).
_STYLE_START = re.compile("<style", re.IGNORECASE)
_ORIGINAL = html._html_only_style_tags
_KEPT = 64
_answers: dict[str, bool] = {}


def html_only_style_tags(body: str) -> bool:
    """What `streamlit.elements.html._html_only_style_tags` answers for `body`."""
    start = body.lstrip()
    styled = bool(_STYLE_START.match(start))
    if start and "<!--" not in body and not styled:
        return False
    found = _answers.get(body) if styled else None
    if found is None:
        found = _ORIGINAL(body)
        if styled and len(_answers) < _KEPT:
            _answers[body] = found
    return found


def install() -> None:
    """Use the quick answer in `st.html`; once is enough, again is harmless."""
    html._html_only_style_tags = html_only_style_tags
