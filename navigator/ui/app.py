"""The app's frame: language, style, kiosk reset, header buttons and page routing."""

from __future__ import annotations

import json
import time

import streamlit as st

from navigator.i18n import LANGUAGES, N_, direction, native_name, translator
from navigator.ui import about, curation, flow, results, speedups, staff, style
from navigator.ui.markup import show
from navigator.ui.resources import freeze_long_lived
from navigator.ui.session_keys import Key
from navigator.ui.state import init_session, is_rtl, kiosk_enabled, lang, reset_seconds, set_lang, start_over, touch, tr


def _switch_language() -> None:
    set_lang(st.session_state.get(Key.HEADER_LANG) or lang())


def header() -> None:
    """Start over and the language, side by side (3 : 2), one under the other where they do not fit (style.py): one
    flex row, where columns cost three blocks on every full run."""
    _ = tr()
    if st.session_state.get(Key.HEADER_LANG) != lang():
        st.session_state[Key.HEADER_LANG] = lang()
    with st.container(horizontal=True, key="nav_header"):
        st.button("🔄 " + _("Start over"), key="start_over", on_click=start_over, width="stretch")
        st.selectbox(
            "🌍 " + _("Language"),
            LANGUAGES,
            format_func=native_name,
            key=Key.HEADER_LANG,
            on_change=_switch_language,
            label_visibility="collapsed",
            width="stretch",
        )


def inactivity_watch() -> None:
    """Kiosk, and a staff desk left open: start over after a few minutes without interaction (checked a few times
    per period)."""

    @st.fragment(run_every=max(2, min(30, reset_seconds() // 3)))
    def watch() -> None:
        idle = time.monotonic() - st.session_state.get(Key.LAST_ACTIVITY, time.monotonic())
        if idle > reset_seconds():
            start_over()
            st.rerun(scope="app")

    watch()


def shared_routes() -> str | None:
    """The routes of a shared link the visitor has not left for their own search."""
    return None if st.session_state.get(Key.LEFT_SHARED) else st.query_params.get("routes")


def flow_page() -> None:
    routes = shared_routes()
    if routes:
        results.shared_page(routes, lang())
        _ = tr()
        if st.button("🧭 " + _("Start my own search"), key="own_search", use_container_width=True):
            st.session_state[Key.LEFT_SHARED] = True
            del st.query_params["routes"]
            touch()
            st.rerun()
        return
    flow.page()


#: Streamlit's own frame speaks English: its "Skip to main content" link (the first thing a keyboard or a screen reader
#: reaches) and `<html lang="en">`. This puts the page's language on both; it retries while the link is not drawn yet.
FRAME_LANGUAGE_SCRIPT = """{
  const text = %(text)s, lang = %(lang)s, dir = %(dir)s;
  const apply = (tries) => {
    document.documentElement.lang = lang;
    const link = document.querySelector('[data-testid="stSkipToContent"]');
    if (link) {
      const node = [...link.childNodes].find((n) => n.nodeType === Node.TEXT_NODE);
      if (node) node.nodeValue = text; else link.textContent = text;
      link.setAttribute("dir", dir);
    } else if (tries > 0) setTimeout(() => apply(tries - 1), 250);
  };
  apply(20);
}"""


SKIP_LINK = N_("Skip to main content")


def frame(code: str, css: str) -> None:
    """The page's style and its frame in the language `code` (French on the staff pages): Streamlit's skip link and the
    document's language. One element, in a hidden container (the style applies from there)."""
    text = translator(code).gettext(SKIP_LINK)
    script = FRAME_LANGUAGE_SCRIPT % {"text": json.dumps(text), "lang": json.dumps(code), "dir": json.dumps(direction(code))}
    with st.container(key="nav_frame_language"):
        show(f"{css}<script>{script}</script>", scripts=True)


_frozen = False


def clean_address_after_reset(kiosk: bool) -> bool:
    """After Start over or the inactivity reset: the address keeps only the kiosk switch (and, on a personal
    device, the language), so a shared link, a staff key or the last visitor's language do not come back.
    True if this run follows a reset."""
    if not st.session_state.pop(Key.GO_HOME, False):
        return False
    kept = {name: st.query_params[name] for name in ("kiosk",) + (() if kiosk else ("lang",)) if name in st.query_params}
    st.query_params.from_dict(kept)
    return True


def main() -> None:
    global _frozen
    st.set_page_config(page_title="Navigator", page_icon="🧭", layout="centered", initial_sidebar_state="collapsed")
    if not _frozen:  # once per process, after the imports
        _frozen = True
        freeze_long_lived()
        speedups.install()  # parts of Streamlit every rerun pays for, answered the same but fast
    after_reset = clean_address_after_reset(kiosk_enabled())
    init_session()
    st.session_state[Key.FRAME_LANG] = lang()  # the flow's screen reruns alone while the frame stays in this language
    _ = tr()
    kiosk = kiosk_enabled()
    pages = {
        "flow": st.Page(flow_page, title=_("Find my routes"), icon="🧭", url_path="routes", default=True),
        "about": st.Page(about.page, title=_("About"), icon="ℹ️", url_path="about"),
        "staff": st.Page(staff.page, title="Équipe", icon="🗂️", url_path="staff"),
        "curation": st.Page(curation.page, title="Curation", icon="✏️", url_path="curation"),
    }
    st.session_state[Key.PAGES] = pages
    current = st.navigation(list(pages.values()), position="hidden")
    if after_reset and current.url_path != pages["flow"].url_path:
        st.switch_page(pages["flow"])  # back to the first screen from /about, /staff…
    desk = current.url_path in (pages["staff"].url_path, pages["curation"].url_path)
    frame("fr" if desk else lang(), style.css(is_rtl(), kiosk, lang()))
    first_screen = current.url_path == pages["flow"].url_path and not shared_routes() and flow.on_language_screen()
    if current.url_path != pages["staff"].url_path and not first_screen:  # the desk has its own; nothing to start over yet
        header()
    if kiosk or st.session_state.get(Key.STAFF_UNLOCKED):
        inactivity_watch()
    current.run()
    st.page_link(pages["about"], label=_("About this navigator"), use_container_width=True)
