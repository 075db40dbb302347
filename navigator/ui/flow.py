"""The guided flow: one question per screen, a pictogram per answer, Back / Next / Skip always there."""

from __future__ import annotations

import streamlit as st

from navigator.i18n import LANGUAGES, native_name
from navigator.person.answers import QUESTIONS, SPOKEN_LANGUAGES
from navigator.person.places import PlaceError, find_towns, locate
from navigator.presentation.labels import explain, icon, label
from navigator.ui import results
from navigator.ui.state import lang, set_lang, touch, tr

STEP = "step"
#: Screens: 0 = language, then one per question, then the results.
LAST_QUESTION = len(QUESTIONS)
RESULTS = LAST_QUESTION + 1

#: Joins a pictogram to its label, so Streamlit keeps it inside the option's text (a plain space would split it off).
NBSP = "\u00a0"

#: Widgets keep their values when their screen is not shown, so going back keeps every answer.
KEEP = {"persist_state": "session"}


def answers() -> dict:
    """The answers so far, by Profile field, from the widgets' session values."""
    s = st.session_state
    found = {q.key: s.get(f"q_{q.key}") for q in QUESTIONS}
    found["languages"] = s.get("q_languages") or []
    licence = s.get("q_driving_licence")
    found["driving_licence"] = None if licence in (None, "unknown") else licence == "yes"
    qpv = s.get("q_qpv")
    found["qpv"] = None if qpv in (None, "unknown") else qpv == "yes"
    found["postal_code"] = s.get("postal_code")
    return found


def go(step: int) -> None:
    st.session_state[STEP] = max(0, min(RESULTS, step))
    touch()


def _choose_language(code: str) -> None:
    set_lang(code)
    go(1)


def language_screen() -> None:
    _ = tr()
    st.markdown("## 🌍 " + _("Choose your language"))
    columns = st.columns(2)
    for i, code in enumerate(LANGUAGES):
        with columns[i % 2]:
            st.button(
                native_name(code),
                key=f"lang_{code}",
                on_click=_choose_language,
                args=(code,),
                use_container_width=True,
                type="primary" if code == lang() else "secondary",
            )


def _pills(question_key: str, title: str, choices, multiple: bool) -> None:
    st.markdown(f"## {title}")
    st.pills(
        title,
        choices,
        selection_mode="multi" if multiple else "single",
        format_func=lambda c: f"{icon(c)}{NBSP}{label(c, lang())}",
        key=f"q_{question_key}",
        label_visibility="collapsed",
        on_change=touch,
        **KEEP,
    )


def _yes_no(key: str, pictogram: str, question: str, explanation: str | None = None) -> None:
    """A yes / no / I don't know question, stored as "yes", "no" or "unknown"."""
    _ = tr()
    st.markdown(f"### {pictogram} {question}")
    if explanation:
        st.caption(explanation)
    options = {"yes": "✅" + NBSP + _("Yes"), "no": "❌" + NBSP + _("No"), "unknown": "🤷" + NBSP + _("I don't know")}
    st.pills(question, list(options), format_func=options.get, key=key, label_visibility="collapsed", on_change=touch, **KEEP)


def projects_screen() -> None:
    _ = tr()
    _pills("projects", "🧭 " + _("What do you want to do? You can choose several."), QUESTIONS[0].choices, True)


def age_screen() -> None:
    _ = tr()
    st.markdown("## 🎂 " + _("How old are you?"))
    st.number_input(
        _("Your age in years"),
        min_value=0,
        max_value=120,
        value=None,
        step=1,
        key="q_age",
        placeholder=_("Type your age"),
        on_change=touch,
        **KEEP,
    )


def statuses_screen() -> None:
    _ = tr()
    _pills("statuses", "👤 " + _("What is your situation? You can choose several."), QUESTIONS[2].choices, True)
    st.caption(explain("RSA", lang()))


def french_screen() -> None:
    _ = tr()
    _pills("french_level", "🗣️ " + _("How well do you speak French?"), QUESTIONS[3].choices, False)
    st.markdown("### 💬 " + _("Which languages do you speak?"))
    st.pills(
        _("Which languages do you speak?"),
        SPOKEN_LANGUAGES,
        selection_mode="multi",
        format_func=native_name,
        key="q_languages",
        label_visibility="collapsed",
        on_change=touch,
        **KEEP,
    )


def mobility_screen() -> None:
    _ = tr()
    _pills("mobility", "🚦 " + _("How do you get around?"), QUESTIONS[4].choices, False)
    _yes_no("q_driving_licence", "🪪", _("Do you have a driving licence?"))


def _set_postal_code(code: str) -> None:
    st.session_state["postal_code"] = code
    st.session_state["place_error"] = None
    touch()


def _on_place_typed() -> None:
    touch()
    typed = (st.session_state.get("q_place") or "").strip()
    st.session_state["place_error"] = None
    if not typed:
        st.session_state["postal_code"] = None
        return
    if any(ch.isdigit() for ch in typed):
        try:
            st.session_state["postal_code"] = locate(typed).postal_code
        except PlaceError as error:
            st.session_state["postal_code"] = None
            st.session_state["place_error"] = error.code


def place_screen() -> None:
    _ = tr()
    st.markdown("## 🏠 " + _("Where do you live?"))
    st.text_input(
        _("Postal code or town"),
        key="q_place",
        placeholder=_("For example 86000 or Poitiers"),
        on_change=_on_place_typed,
        max_chars=80,
        **KEEP,
    )
    typed = (st.session_state.get("q_place") or "").strip()
    error = st.session_state.get("place_error")
    if error == "postal_code_format":
        st.warning(_("A postal code has 5 digits, for example 86000."))
    elif error == "postal_code_unknown":
        st.warning(_("We do not know this postal code. Check it, or type the name of your town."))
    elif typed and not any(ch.isdigit() for ch in typed):
        towns = find_towns(typed, limit=6)
        if not towns:
            st.info(_("No town found with this name. Check the spelling, or type the postal code."))
        for town in towns:
            chosen = st.session_state.get("postal_code") == town.postal_code
            st.button(
                ("✅ " if chosen else "📍 ") + town.label,
                key=f"town_{town.postal_code}_{town.communes[0].code}",
                on_click=_set_postal_code,
                args=(town.postal_code,),
                use_container_width=True,
            )
    code = st.session_state.get("postal_code")
    if code:
        try:
            st.success("📍 " + locate(code).label)
        except PlaceError:
            st.session_state["postal_code"] = None
    _yes_no("q_qpv", "🏘️", _("Do you live in a priority neighbourhood (QPV)?"), explain("QPV", lang()))


SCREENS = {
    1: projects_screen,
    2: age_screen,
    3: statuses_screen,
    4: french_screen,
    5: mobility_screen,
    6: place_screen,
}


def _skip(step: int) -> None:
    """'I don't know / skip': clear this screen's answers and move on."""
    for key in {
        1: ["q_projects"],
        2: ["q_age"],
        3: ["q_statuses"],
        4: ["q_french_level", "q_languages"],
        5: ["q_mobility", "q_driving_licence"],
        6: ["q_place", "q_qpv", "postal_code", "place_error"],
    }.get(step, []):
        st.session_state.pop(key, None)
    go(step + 1)


def nav_buttons(step: int) -> None:
    _ = tr()
    back, skip, forward = st.columns(3)
    with back:
        st.button("⬅️ " + _("Back"), key="nav_back", on_click=go, args=(step - 1,), use_container_width=True)
    with skip:
        st.button("🤷 " + _("I don't know / skip"), key="nav_skip", on_click=_skip, args=(step,), use_container_width=True)
    with forward:
        st.button(
            _("See my results") + " ✅" if step == LAST_QUESTION else _("Next") + " ➡️",
            key="nav_next",
            on_click=go,
            args=(step + 1,),
            type="primary",
            use_container_width=True,
        )


def page() -> None:
    """The flow page: the current screen, its progress and its buttons."""
    _ = tr()
    step = st.session_state.setdefault(STEP, 0)
    if step == 0:
        language_screen()
        return
    if step >= RESULTS:
        results.page(answers(), on_back=lambda: go(LAST_QUESTION))
        return
    st.progress(step / LAST_QUESTION, text=_("Question {n} of {total}").format(n=step, total=LAST_QUESTION))
    SCREENS[step]()
    nav_buttons(step)
