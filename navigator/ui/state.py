"""Per-session state: the language, kiosk settings, the last activity. Nothing here is shared between sessions."""

from __future__ import annotations

import gc
import os
import time
from dataclasses import dataclass
from datetime import date

import streamlit as st

from navigator.catalogue.loading import CATALOGUE_DIR, Catalogue, CatalogueError, load_catalogue
from navigator.eligibility import CandidateIndex
from navigator.i18n import LANGUAGES, clean_language, direction, negotiate, translator
from navigator.indexing.programme_table import Shapes
from navigator.person.places import find_towns
from navigator.search.index import SearchIndex
from navigator.statistics.store import Stats
from navigator.statistics.store import enabled as stats_enabled
from navigator.ui.session_keys import Key

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
    """Wipe everything about the person; keep only the language if asked."""
    st.session_state.clear()


def today() -> date:
    return date.today()


@dataclass(frozen=True)
class Loaded:
    """The catalogue and its indexes, shared by every session (nothing personal in here)."""

    catalogue: Catalogue
    search: SearchIndex
    candidates: CandidateIndex


@st.cache_resource(show_spinner=False)
def load() -> Loaded:
    """Loaded once per process; raises CatalogueError with every problem if the files are broken."""
    catalogue = load_catalogue(os.environ.get("NAVIGATOR_CATALOGUE") or CATALOGUE_DIR)
    shapes = Shapes(catalogue.programmes)
    loaded = Loaded(catalogue, SearchIndex(catalogue.programmes, shapes), CandidateIndex(catalogue.programmes, shapes))
    find_towns("warm up")  # the places tables, loaded once per process
    freeze_long_lived()
    return loaded


def freeze_long_lived() -> None:
    """Streamlit runs a full garbage collection after every script run. The process's long-lived objects
    (imported libraries, the catalogue, indexes and places: hundreds of thousands of objects) would make
    each one cost tens of milliseconds; moving them out of the collector's reach keeps reruns cheap."""
    gc.collect()
    gc.freeze()


@st.cache_resource(show_spinner=False)
def stats_store() -> Stats:
    """The counters' database connection, shared (it holds no personal data)."""
    return Stats()


def count(items) -> None:
    """Add anonymous counters for today, if statistics are on; never fails the person's flow."""
    if stats_enabled():
        stats_store().add(today(), items)


_last_good: list[Loaded] = []


def get_catalogue() -> tuple[Loaded | None, CatalogueError | None]:
    """The catalogue, or the last good one when the files have become broken (with the error for staff).

    The public never sees a traceback: a broken catalogue with no good one before gives (None, error).
    """
    try:
        loaded = load()
    except CatalogueError as error:
        return (_last_good[-1] if _last_good else None), error
    if not _last_good or _last_good[-1] is not loaded:
        _last_good[:] = [loaded]
    return loaded, None


def reload_catalogue() -> None:
    """Staff: read the files again (the last good catalogue stays in use if they are broken)."""
    load.clear()
