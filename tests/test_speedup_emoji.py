"""The fast leading-emoji search answers exactly what Streamlit's own does, on every emoji and on the app's labels."""

from __future__ import annotations

import pytest
from streamlit import emojis, string_util

from navigator.i18n import LANGUAGES, native_name
from navigator.presentation.labels import icon, label
from navigator.ui.speedups import emoji as emoji_speedup
from navigator.vocabulary import FrenchLevel, Mobility, Project, Status

ORIGINAL = emoji_speedup._ORIGINAL


def every_emoji() -> list[str]:
    return [a.replace("\\", "") for a in emoji_speedup._alternatives(emojis.EMOJI_EXTRACTION_REGEX.pattern)]


def app_labels() -> list[str]:
    texts = [native_name(code) for code in LANGUAGES]
    for lang in LANGUAGES:
        for vocabulary in (Project, Status, FrenchLevel, Mobility):
            texts += [f"{icon(m)}\u00a0{label(m, lang)}" for m in vocabulary]
    return texts + ["🔄 Start over", "➡️ Далі", "⬅️ رجوع", "🤷 I don't know / skip", "Next ➡️", "", "plain", "é", "1️⃣ - one", "#️⃣_x"]


def test_every_emoji_alone_and_followed_by_text_gets_the_same_answer():
    for emoji in every_emoji():
        for text in (emoji, emoji + " word", emoji + "\u00a0mot", emoji + "_-x", emoji + emoji):
            assert emoji_speedup.extract_leading_emoji(text) == ORIGINAL(text), repr(text)


def test_the_app_s_labels_get_the_same_answer():
    labels = app_labels()
    assert any(ORIGINAL(t)[0] for t in labels) and any(not ORIGINAL(t)[0] for t in labels)  # both kinds are tried
    for text in labels:
        assert emoji_speedup.extract_leading_emoji(text) == ORIGINAL(text), repr(text)


def test_install_puts_it_in_streamlit(monkeypatch):
    monkeypatch.setattr(string_util, "extract_leading_emoji", ORIGINAL)
    emoji_speedup.install()
    assert string_util.extract_leading_emoji is emoji_speedup.extract_leading_emoji
    assert string_util.extract_leading_icon("🧭 Find") == ("🧭", "Find")


def test_a_changed_expression_is_refused():
    with pytest.raises(ValueError):
        emoji_speedup._alternatives("^(a|(b))(.*)")
