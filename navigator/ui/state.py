"""Per-session state: the language, kiosk settings, the last activity. Nothing here is shared between sessions."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from datetime import date
from typing import TypeVar

import streamlit as st

from navigator.i18n import LANGUAGES, clean_language, direction, negotiate, translator
from navigator.ui.session_keys import KEPT_ON_RESET, Key

T = TypeVar("T")


def kept_for(key: str, basis: object, work: Callable[[], T]) -> T:
    """`work()`, worked out once for `basis` and kept in this visitor's session under `key`; worked out again when
    `basis` changes. (Per visitor, never per process: what a person answered or typed is not a shared cache key.)"""
    kept = st.session_state.get(key)
    if kept is None or kept[0] != basis:
        kept = st.session_state[key] = (basis, work())
    return kept[1]


#: Seconds without interaction before a kiosk starts over (NAVIGATOR_RESET_SECONDS).
DEFAULT_RESET_SECONDS = 180


def kiosk_enabled() -> bool:
    """Kiosk mode: NAVIGATOR_KIOSK=1, or the URL switch ?kiosk=<NAVIGATOR_KIOSK_KEY> when a key is set."""
    if os.environ.get("NAVIGATOR_KIOSK", "").lower() in {"1", "true", "yes"}:
        return True
    key = os.environ.get("NAVIGATOR_KIOSK_KEY")
    if key and st.query_params.get("kiosk") == key:
        st.session_state[Key.KIOSK] = True
    return bool(st.session_state.get(Key.KIOSK))


def reset_seconds() -> int:
    """NAVIGATOR_RESET_SECONDS, at least 5; the default when unset or not a number."""
    try:
        return max(5, int(os.environ.get("NAVIGATOR_RESET_SECONDS", DEFAULT_RESET_SECONDS)))
    except ValueError:
        return DEFAULT_RESET_SECONDS


def init_session() -> None:
    """First run of a session: the language from the URL, else from the browser."""
    if Key.LANG not in st.session_state:
        if "lang" in st.query_params:
            st.session_state[Key.LANG] = clean_language(st.query_params.get_all("lang"))
        else:
            browser = st.context.locale or st.context.headers.get("Accept-Language")
            st.session_state[Key.LANG] = negotiate(browser)
        st.session_state[Key.LAST_ACTIVITY] = time.monotonic()
    keep_language_in_url()


def keep_language_in_url() -> None:
    if st.query_params.get("lang") != lang():
        st.query_params["lang"] = lang()


def lang() -> str:
    """The interface language of this session."""
    value = st.session_state.get(Key.LANG, "fr")
    return value if value in LANGUAGES else "fr"


def results_lang() -> str:
    """The language results and sheets come out in: the visitor's, also in assisted mode."""
    return st.session_state.get(Key.VISITOR_LANG) or lang()


def set_lang(code: str) -> None:
    st.session_state[Key.LANG] = clean_language(code)
    touch()


def tr():
    """gettext for this session's language."""
    return translator(lang()).gettext


def is_rtl() -> bool:
    return direction(lang()) == "rtl"


def touch() -> None:
    """Record an interaction (widget callbacks call this), for the kiosk's inactivity reset."""
    st.session_state[Key.LAST_ACTIVITY] = time.monotonic()


def start_over() -> None:
    """Wipe everything about the person and the staff unlock; a kiosk stays a kiosk (session_keys.KEPT_ON_RESET)."""
    kept = {key: st.session_state[key] for key in KEPT_ON_RESET if key in st.session_state}
    st.session_state.clear()
    st.session_state.update(kept)
    st.session_state[Key.GO_HOME] = True  # the next run cleans the address and shows the first screen


def today() -> date:
    return date.today()
