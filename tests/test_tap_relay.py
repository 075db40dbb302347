"""The screen's tap relay (navigator.ui.listen): an HTML button's press reaches the Python side once, from the screen
it was pressed on; a second press from the same drawing, or one from a screen already left, does nothing."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from app_helpers import relay_tap
from streamlit.testing.v1 import AppTest

from navigator.ui import listen
from navigator.ui.listen import Tap, tap_button
from navigator.ui.session_keys import Key


def drawn(screen: str | None, answered=None, raw=None) -> dict:
    """A session as `listen` leaves it: component `k` drawn with `screen` (None: a tap was answered since), the last
    tap `answered` (token, number), and this run's trigger `raw`."""
    return {"k": {"tap": raw} if raw is not None else {}, Key.RELAY: {"k": {"drawn": screen, "answered": answered}}}


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        pytest.param(
            drawn("s2", raw={"name": "next", "value": "", "screen": "s2", "n": 1}), Tap("next", "", "s2"), id="from-the-screen-shown"
        ),
        pytest.param(drawn("s2", raw={"name": "next", "value": "", "screen": "s1", "n": 2}), None, id="from-a-screen-already-left"),
        pytest.param(drawn(None, ("s2", 1), {"name": "next", "value": "", "screen": "s2", "n": 2}), None, id="second-tap-same-drawing"),
        pytest.param(
            drawn(None, ("s2", 1), {"name": "next", "value": "", "screen": "s2", "n": 1}), Tap("next", "", "s2"), id="same-tap-asked-again"
        ),
        pytest.param(
            drawn("s2", ("s2", 1), {"name": "next", "value": "", "screen": "s2", "n": 2}), Tap("next", "", "s2"), id="drawn-again-since"
        ),
        pytest.param(drawn("s2"), None, id="no-tap"),
        pytest.param(drawn("s2", raw={"name": "next", "value": "", "screen": "", "n": 1}), None, id="component-not-relaying"),
        pytest.param(drawn("s2", raw="next"), None, id="not-a-tap"),
        pytest.param({"k": {"tap": {"name": "x", "screen": "s2", "n": 1}}}, None, id="never-drawn-with-a-token"),
    ],
)
def test_a_tap_is_answered_once_from_the_screen_it_was_pressed_on(monkeypatch, state, expected):
    monkeypatch.setattr(listen, "st", SimpleNamespace(session_state=state))
    assert listen.tap("k") == expected


def test_the_first_tap_answered_makes_the_next_one_from_that_drawing_stale(monkeypatch):
    state = drawn("s2", raw={"name": "pick", "value": "a", "screen": "s2", "n": 1})
    monkeypatch.setattr(listen, "st", SimpleNamespace(session_state=state))
    assert listen.tap("k") == Tap("pick", "a", "s2")
    state["k"] = {"tap": {"name": "pick", "value": "b", "screen": "s2", "n": 2}}  # pressed before the screen came back
    assert listen.tap("k") is None


def test_a_tap_button_is_a_real_button_with_its_name_and_value_escaped():
    html = tap_button("pick", 'a"b', "✅ <b>Yes</b>", class_="nav-pick", aria_pressed="true")
    assert html == (
        '<button type="button" data-nav-tap="pick" data-nav-value="a&quot;b" class="nav-pick" aria-pressed="true">✅ <b>Yes</b></button>'
    )


def relayed_screen():
    """A screen with a Next and a toggle drawn as HTML, relayed by its one component with the step as token."""
    import streamlit as st

    from navigator.ui.listen import listen, tap, tap_button

    step = st.session_state.setdefault("step", 1)

    def on_tap(found):
        st.session_state.setdefault("answered", []).append((found.name, found.value, found.screen))
        if found.name == "next" and found.screen == f"s{st.session_state['step']}":
            st.session_state["step"] += 1

    step = st.session_state["step"]
    st.html(tap_button("next", "", "Next") + tap_button("toggle", "a", "A"))
    listen("listen_screen", screen=f"s{step}", on_tap=on_tap)
    seen = tap("listen_screen")
    st.markdown(f"step {step}; the script sees {seen.name if seen else None}")


def test_a_relayed_tap_runs_its_handler_before_the_screen_and_a_stale_one_nothing():
    at = AppTest.from_function(relayed_screen, default_timeout=30).run()
    assert at.markdown[0].value == "step 1; the script sees None"
    at = relay_tap(at, "next")
    assert at.markdown[0].value == "step 2; the script sees None"  # the tap was for screen 1, now left
    at = relay_tap(at, "next", screen="s1", n=2)  # the second tap of a double tap, sent from screen 1
    assert at.markdown[0].value == "step 2; the script sees None"
    assert at.session_state["answered"] == [("next", "", "s1")]
    at = relay_tap(at, "toggle", "a", n=3)  # a tap that keeps the screen: the script sees it too
    assert at.markdown[0].value == "step 2; the script sees toggle"
    at = relay_tap(at, "toggle", "a", n=4)  # the screen was drawn again: the next tap counts
    assert at.session_state["answered"] == [("next", "", "s1"), ("toggle", "a", "s2"), ("toggle", "a", "s2")]
    assert not at.exception
