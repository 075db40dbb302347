"""Drop-in replacements for parts of Streamlit that every rerun pays for, each answering exactly what Streamlit's own
does (each module's test compares them): installed once per process by the app (`install`). The floor page the load
tests measure against (scripts/floor_page.py) is stock Streamlit, without them.

- `emoji`: the leading-emoji search of every button and pill label.
- `theme`: the theme part of each run's first message, made once.
- `style_tags`: the check, for every `st.html`, of whether it holds only `<style>` tags.
- `component_identity`: the digest of a component's data, for an element id made from its key alone.
"""

from __future__ import annotations

from navigator.ui.speedups import component_identity, emoji, style_tags, theme


def install() -> None:
    """Put every speedup in place; once is enough, again is harmless."""
    emoji.install()
    theme.install()
    style_tags.install()
    component_identity.install()
