"""Every screen in every language: no English interface sentence left outside English (names of programmes and
organisations aside). Walks the real app with AppTest and reads every text it sends: headings, buttons, labels,
placeholders, captions, messages, cards."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from app_helpers import language_button, next_
from babel.messages.pofile import read_po
from streamlit.testing.v1 import AppTest

from navigator.i18n import LANGUAGES, translator

APP = str(Path(__file__).resolve().parent.parent / "navigator_app.py")
POT = Path(__file__).resolve().parent.parent / "translations" / "messages.pot"


def english_sentences(lang: str) -> set[str]:
    """The interface's English sentences (message ids of 3 words or more, no placeholder) that `lang` translates."""
    with POT.open("rb") as f:
        ids = [m.id for m in read_po(f) if m.id and isinstance(m.id, str)]
    _ = translator(lang).gettext
    return {i for i in ids if len(i.split()) >= 3 and "{" not in i and _(i) != i}


def everything_shown(at: AppTest) -> str:
    """Every text of the page as sent to the browser."""
    parts = [str(e.value) for kind in ("markdown", "caption", "info", "warning", "success", "error") for e in getattr(at, kind)]
    parts += [html.unescape(e.proto.body) for e in at.get("html")]  # as read: "don't" is written "don&#x27;t"
    for widgets in (at.button, at.checkbox, at.text_input, at.number_input, at.selectbox):
        for w in widgets:
            proto = getattr(w, "proto", None)
            parts += [str(getattr(w, "label", "") or ""), str(getattr(proto, "placeholder", "") or "")]
    return "\n".join(parts)


def walk(lang: str) -> list[str]:
    """The texts of every screen of the flow, in `lang`, then of its results and of a shared link."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    pages = [everything_shown(at)]
    language_button(at, lang).click().run()
    for step in range(1, 8):
        pages.append(everything_shown(at))
        if step < 7:
            next_(at)
    shared = AppTest.from_file(APP, default_timeout=60)
    shared.query_params["lang"] = lang
    shared.query_params["routes"] = "france-travail,infolang-poitiers"
    pages.append(everything_shown(shared.run()))
    return pages


@pytest.mark.parametrize("lang", [code for code in LANGUAGES if code != "en"])
def test_no_english_interface_sentence_on_any_screen(lang):
    english = english_sentences(lang)
    found = sorted({sentence for page in walk(lang) for sentence in english if sentence in page})
    assert found == [], f"English left in {lang}: {found}"


def test_the_walk_sees_the_interface_sentences():
    """The same walk in English finds many of the sentences the test looks for: it would see them left in a language."""
    english = english_sentences("fr")
    seen = {sentence for page in walk("en") for sentence in english if sentence in page}
    assert len(seen) >= 25, sorted(seen)
