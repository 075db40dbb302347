"""About: where the information comes from, how old it is, what is (not) kept, who to tell."""

from __future__ import annotations

import streamlit as st

from navigator.presentation.labels import format_day
from navigator.statistics.store import enabled as stats_enabled
from navigator.ui.resources import get_catalogue
from navigator.ui.state import lang, tr


def page() -> None:
    _ = tr()
    st.markdown("# ℹ️ " + _("About this navigator"))
    loaded, _error = get_catalogue()
    catalogue = loaded.catalogue if loaded else None
    st.markdown("## 📚 " + _("Where the information comes from"))
    st.markdown(
        _(
            "Each programme comes from a published article or from the organisation's official website. Each card says its source and the day its information was checked."
        )
    )
    if catalogue is not None:
        checked = [p.last_checked for p in catalogue if p.last_checked]
        st.markdown(
            _("{n} programmes. Information checked between {oldest} and {newest}.").format(
                n=len(catalogue), oldest=format_day(min(checked), lang()), newest=format_day(max(checked), lang())
            )
        )
        if len(checked) < len(catalogue):
            st.markdown(_("For some of them, the date of the last check is unknown: their card says so."))
        st.markdown(_("Old information can be out of date: call before you go."))
    st.markdown("## 🔒 " + _("What we keep about you"))
    st.markdown(
        _(
            "Nothing. Your answers stay only in this open page and are erased when you press “Start over” or leave. They are not written to disk, nor in any log."
        )
    )
    st.markdown(_("A shared link or QR code holds only the chosen programmes and the language, never your answers."))
    if stats_enabled():
        st.markdown(
            _("We may count visits by day and by broad category (for example: how many people wanted to learn French), never who you are.")
        )
    st.markdown("## ✉️ " + _("Something is wrong?"))
    st.markdown(_("Tell the staff at the desk, or the library that runs this kiosk. They can correct the list."))
