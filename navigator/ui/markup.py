"""Blocks of HTML drawn as Streamlit elements: the one place the UI hands HTML to `st.html`.

`st.html` dedents and strips every string it is given (`textwrap.dedent`, a tenth of a millisecond for a screen of
cards, on every rerun) and asks whether it names a file; HTML ignores indentation, and ours never names a file. An
object with `_repr_html_` is taken as it is: `show` hands it so.
"""

from __future__ import annotations

import streamlit as st


class _Built:
    """HTML already built (by the presentation layer or the UI), handed to Streamlit as it is."""

    __slots__ = ("html",)

    def __init__(self, html: str) -> None:
        self.html = html

    def _repr_html_(self) -> str:
        return self.html


def blocks(*parts: str) -> str:
    """Several blocks of HTML as one element, laid out as Streamlit lays out one element under another (a column with
    its gap, `.nav-blocks` in style.py): one element costs the server one, where each part was one."""
    return '<div class="nav-blocks">' + "".join(f"<div>{part}</div>" for part in parts) + "</div>"


def show(html: str, *, scripts: bool = False):
    """Draw `html` as one element; with `scripts`, its `<script>`s run (callers pass False on a kiosk unless the script is theirs)."""
    return st.html(_Built(html), unsafe_allow_javascript=scripts)
