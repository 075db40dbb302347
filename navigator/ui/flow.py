"""The guided flow: one question per screen, a pictogram per answer, Back / Next / Skip always there."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from navigator.i18n import LANGUAGES, N_, direction, native_name
from navigator.person.answers import (
    ABROAD,
    AGE,
    DRIVING_LICENCE,
    FRENCH_LEVEL,
    MOBILITY,
    POSTAL_CODE,
    PROJECTS,
    QPV,
    QUESTIONS,
    STATUSES,
    Question,
    YesNo,
)
from navigator.person.answers import (
    LANGUAGES as SPOKEN,
)
from navigator.person.places import PlaceError, departement_names, locate
from navigator.person.typed_place import Reading, read_place
from navigator.presentation.cards import safe
from navigator.presentation.labels import JARGON, explain, icon, label
from navigator.ui import ahead, results
from navigator.ui.listen import (
    Choice,
    Items,
    Tap,
    choice_buttons,
    choice_items,
    inline_listen,
    language_items,
    listen,
    option_items,
    question_items,
    tap_button,
)
from navigator.ui.markup import blocks, show
from navigator.ui.session_keys import Key, answer_key
from navigator.ui.state import is_rtl, kept_for, lang, set_lang, touch, tr

#: Joins a pictogram to its label, so Streamlit keeps it inside the option's text (a plain space would split it off).
NBSP = "\u00a0"

#: Widgets keep their values when their screen is not shown, so going back keeps every answer (the answers' buttons
#: are HTML: their values are plain session state, kept anyway).
KEEP = {"persist_state": "session"}


def answers() -> dict:
    """The answers so far, by question key, as the widgets hold them (answers.py converts them)."""
    s = st.session_state
    found = {q.key: s.get(answer_key(q)) for q in QUESTIONS}
    found[POSTAL_CODE.key] = s.get(Key.POSTAL_CODE)
    return found


def go(step: int) -> None:
    st.session_state[Key.STEP] = max(0, min(RESULTS, step))
    touch()


def go_from(shown: int, step: int) -> None:
    """A tap on a button of screen `shown`: it moves on only if that screen is still the current one, so a second
    tap on the same button (a fast double tap, a tap while the next screen loads) does nothing."""
    if st.session_state.get(Key.STEP, 0) == shown:
        go(step)


def screen_token(step: int) -> str:
    """The token the screen's one component is drawn with (listen.py), a new one each time a screen is shown anew
    (not on a rerun of the same screen): a tap sent from another screen is ignored, and a new token scrolls the page to
    its top."""
    s = st.session_state
    token = s.get(Key.SCREEN_TOKEN) or "0-0"
    if s.get(Key.SHOWN_STEP) != step:
        s[Key.SHOWN_STEP] = step
        token = s[Key.SCREEN_TOKEN] = f"{step}-{int(token.rsplit('-', 1)[1]) + 1}"
    return token


def step_of_token(token: str) -> int | None:
    """The step a screen token was made for (`screen_token`), None for one it did not make."""
    step, _, n = token.partition("-")
    return int(step) if step.isdigit() and n.isdigit() else None


def _choose_language(code: str) -> None:
    if st.session_state.get(Key.STEP, 0) != 0:
        return
    set_lang(code)
    go(1)


#: Scripts in the order the language screen shows them: a person finds their script, then their language in it.
SCRIPT_ORDER = ("LATIN", "CYRILLIC", "ARABIC", "GEORGIAN", "BENGALI", "ETHIOPIC")


def _script(code: str) -> int:
    """Where the script of a language's own name comes in SCRIPT_ORDER (its first letter's Unicode name says it)."""
    first = unicodedata.name(native_name(code)[0], "").split(" ")[0]
    return SCRIPT_ORDER.index(first) if first in SCRIPT_ORDER else len(SCRIPT_ORDER)


def language_order(first: str) -> list[str]:
    """The languages as the first screen lists them: the browser's (or the address's) first, then by script (Latin,
    Cyrillic, Arabic, Georgian, Bengali, Ethiopic) and, within a script, by their name as written in it."""
    rest = sorted((code for code in LANGUAGES if code != first), key=lambda code: (_script(code), native_name(code).casefold()))
    return ([first] if first in LANGUAGES else []) + rest


def language_screen() -> None:
    """The first screen: every language by its own name, two columns even on a phone (every one in view at once), as
    HTML buttons in one block relayed by the heading's component (`_on_tap`), each in an element of the class its
    button widget had (`st-key-lang_<code>`), which style.py and the tests find."""
    _heading("language", "🌍", N_("Choose your language"))
    order = language_order(lang())
    shown = lang()
    buttons = "".join(
        f'<div class="st-key-lang_{code}">'
        + tap_button(
            "lang",
            code,
            f"<p>{safe(native_name(code))}</p>",
            class_="nav-button nav-primary" if code == shown else "nav-button",
            lang=code,
            dir=direction(code),
        )
        + "</div>"
        for code in order
    )
    show(f'<div class="st-key-lang_grid"><div class="nav-lang-grid">{buttons}</div></div>')
    listen("listen_language_names", language_items(order, names=True), quiet=True)


def _progress(step: int) -> str:
    """The question's number and a bar, as HTML (drawn as Streamlit's progress bar was, in the heading's block)."""
    _ = tr()
    shown = safe(_("Question {n} of {total}").format(n=step, total=LAST_QUESTION))
    filled = f"{100 * step // LAST_QUESTION}%"  # whole percents, as Streamlit drew it
    return (
        f'<div class="nav-progress" role="progressbar" aria-valuemin="0" aria-valuemax="{LAST_QUESTION}" aria-valuenow="{step}"'
        f' aria-valuetext="{shown}" aria-label="{shown}"><p>{shown}</p><div class="nav-progress-track"><div style="width: {filled}"></div></div></div>\n\n'
    )


def _heading(key: str, pictogram: str, text: str, choices: Items | None = None, elsewhere: Items | None = None) -> str:
    """A screen's first question's title (`text`: its message id) with the progress, and its listen buttons (the
    question's and its `choices`'), drawn by the screen's one component, which relays the screen's taps and answers,
    and plays the listen buttons drawn in its HTML (`elsewhere`: a second question's); returns the translated
    question."""
    title = tr()(text)
    step = st.session_state.get(Key.STEP, 0)
    top = _progress(step) if 1 <= step <= LAST_QUESTION else ""
    st.markdown(f"{top}## {pictogram} {title}", unsafe_allow_html=bool(top))
    _relay_screen(key, step, question_items(text) | (choices or {}), elsewhere)
    return title


def _relay_screen(key: str, step: int, items: Items, elsewhere: Items | None = None, row: bool = True) -> None:
    """The screen's one component (listen.py), for its question `key`: it relays the screen's taps and answers, and
    plays its listen buttons: `items` in a row of its own, or (not `row`) drawn in the screen's HTML with
    `elsewhere`'s (`inline_listen`), and the component is hidden (`st-key-listen_relay_…`, style.py)."""
    listen(
        f"listen_{key}" if row else f"listen_relay_{key}",
        items,
        cards=not row,
        screen=screen_token(step),
        on_tap=_on_tap,
        on_choose=_on_choose,
        elsewhere=elsewhere,
    )


def _code(choice) -> str:
    """An answer's value as its button carries it (the vocabularies are string enums; spoken languages are codes)."""
    return str(choice)


def _chosen(question: Question) -> set[str]:
    """The values chosen now for `question`, as its buttons show them."""
    now = st.session_state.get(answer_key(question))
    return {_code(c) for c in (now if isinstance(now, list | tuple) else () if now is None else (now,))}


def _buttons(question: Question, title: str, words: Callable[[object], str], more: dict | None = None) -> str:
    """A question's answers as toggle buttons (listen.choice_buttons), each shown as `words(choice)`."""
    shown = {_code(c): words(c) for c in question.choices}
    return choice_buttons(answer_key(question), shown, _chosen(question), title, question.multiple, more)


def _first(question: Question, pictogram: str, text: str, elsewhere: Items | None = None) -> str:
    """A screen's first question, answered by toggle buttons (`text`: its message id): draws the screen's component,
    and returns the question's HTML for the screen's block: the progress, its heading, its listen buttons (the
    question's and each choice's, played by the component, as a second question's are) and its answers' buttons.
    (Where a widget comes between the heading and the block, `_heading` draws the heading as its own element.)"""
    title = tr()(text)
    items = question_items(text) | choice_items(question.choices)
    step = st.session_state.get(Key.STEP, 0)
    _relay_screen(question.key, step, items | (elsewhere or {}), row=False)
    heading = f'<div class="nav-question">{_progress(step)}<div class="nav-headings"><h2>{pictogram} {safe(title)}</h2></div>'
    visitor = lang()
    answers_html = _buttons(question, title, lambda choice: f"{icon(choice)}{NBSP}{label(choice, visitor)}")
    return heading + inline_listen(items) + "</div>" + answers_html


@dataclass(frozen=True)
class Second:
    """A screen's second question, as HTML in the screen's block (its heading, explanation, listen buttons and
    answers) and the listen items the screen's component plays for it."""

    html: str
    items: Items


def _second(
    question: Question, pictogram: str, text: str, choices: Items, words, more: dict | None = None, explanation: str | None = None
) -> Second:
    """A screen's second question (`text`, `explanation`: message ids), with the listen buttons of its words and of its
    `choices`, their ids its own (the first question's are the component's too)."""
    _ = tr()
    items = question_items(text, *([explanation] if explanation else [])) | choices
    ids = {f"{question.key}:{i}": item for i, item in items.items()}
    caption = f'<p class="nav-caption">{safe(_(explanation))}</p>' if explanation else ""
    html = (
        f'<div class="nav-second"><div class="nav-headings"><h3>{pictogram} {safe(_(text))}</h3></div>{caption}'
        + inline_listen(ids)
        + _buttons(question, _(text), words, more)
        + "</div>"
    )
    return Second(html, ids)


#: The answers of a yes / no question: pictogram and message id.
YES_NO = {YesNo.YES: ("✅", N_("Yes")), YesNo.NO: ("❌", N_("No")), YesNo.UNKNOWN: ("🤷", N_("I don't know"))}


def _yes_no(question: Question, pictogram: str, text: str, explanation: str | None = None) -> Second:
    """A yes / no / I don't know question (`text`, `explanation`: message ids), each part can be listened to."""
    _ = tr()
    choices = option_items({answer.value: YES_NO[answer] for answer in question.choices})
    words = {answer: mark + NBSP + _(word) for answer, (mark, word) in YES_NO.items()}
    return _second(question, pictogram, text, choices, words.get, explanation=explanation)


def _on_choose(found: Choice) -> None:
    """A press of an answer's button, relayed with the question's whole answer after it (listen.Choice): kept if the
    question is on the screen the press came from (its token says which) and its values are among its answers. A
    question of several answers keeps the order they were chosen in (the first project ranks first)."""
    step = step_of_token(found.screen)
    if step is None or not 1 <= step <= LAST_QUESTION:
        return
    question = next((q for q in SCREENS[step - 1].questions if q.choices and answer_key(q) == found.question), None)
    if question is None or (question is QPV and st.session_state.get(answer_key(ABROAD))):
        return
    by_code = {_code(c): c for c in question.choices}
    chosen = [by_code[v] for v in dict.fromkeys(found.values) if v in by_code]
    key = answer_key(question)
    if question.multiple:
        kept = [c for c in st.session_state.get(key) or [] if c in chosen]
        st.session_state[key] = kept + [c for c in chosen if c not in kept]
    elif len(chosen) <= 1:
        st.session_state[key] = chosen[0] if chosen else None


#: Each question's pictogram and wording (a message id), as its screen asks it and as the results offer it.
PROMPTS = {
    PROJECTS.key: ("🧭", N_("What do you want to do? You can choose several.")),
    AGE.key: ("🎂", N_("How old are you?")),
    STATUSES.key: ("👤", N_("What is your situation? You can choose several.")),
    FRENCH_LEVEL.key: ("🗣️", N_("How well do you speak French?")),
    MOBILITY.key: ("🚦", N_("How do you get around?")),
    DRIVING_LICENCE.key: ("🪪", N_("Do you have a driving licence?")),
    POSTAL_CODE.key: ("🏠", N_("Where do you live?")),
    QPV.key: ("🏘️", N_("Do you live in a priority neighbourhood (QPV)?")),
}


def projects_screen() -> str:
    return _first(PROJECTS, *PROMPTS[PROJECTS.key])


def age_screen() -> str:
    _ = tr()
    _heading(AGE.key, *PROMPTS[AGE.key])
    st.number_input(
        _("Your age in years"),
        value=None,
        step=1,
        format="%d",
        key=answer_key(AGE),
        placeholder=_("Type your age"),
        on_change=touch,
        **KEEP,
    )
    age = st.session_state.get(answer_key(AGE))
    if age is not None and not 0 <= age <= 120:
        st.warning(_("An age is a number between 0 and 120. Please check it: this answer is not used until then."))
    return ""


def statuses_screen() -> str:
    return _first(STATUSES, *PROMPTS[STATUSES.key]) + f'<p class="nav-caption">{safe(explain("RSA", lang()))}</p>'


def french_screen() -> str:
    spoken = _second(
        SPOKEN,
        "💬",
        N_("Which languages do you speak?"),
        language_items(SPOKEN.choices),
        native_name,
        {code: {"lang": code, "dir": direction(code)} for code in SPOKEN.choices},
    )
    return blocks(_first(FRENCH_LEVEL, *PROMPTS[FRENCH_LEVEL.key], spoken.items), spoken.html)


def mobility_screen() -> str:
    licence = _yes_no(DRIVING_LICENCE, *PROMPTS[DRIVING_LICENCE.key])
    return blocks(_first(MOBILITY, *PROMPTS[MOBILITY.key], licence.items), licence.html)


def _set_postal_code(code: str) -> None:
    st.session_state[Key.POSTAL_CODE] = code
    st.session_state[Key.PLACE_ERROR] = None
    touch()


def place_reading() -> Reading:
    """What the typed place says (`read_place`), worked out once for this text: the place screen reads it again on
    every rerun while it offers the towns found, and a town name costs a fuzzy search over 35,000 names."""
    text = st.session_state.get(Key.PLACE_TEXT) or ""
    return kept_for(Key.PLACE_READING, text, lambda: read_place(text))


def _on_place_typed() -> None:
    """A typed postal code, town, or both: located at once when it is clear; otherwise the screen asks."""
    touch()
    reading = place_reading()
    st.session_state[Key.POSTAL_CODE] = reading.place.postal_code if reading.place else None
    st.session_state[Key.PLACE_ERROR] = reading.problem


def _set_abroad(abroad: bool) -> None:
    """'I live outside France' (or back to France): a place abroad has no postal code and no priority neighbourhood."""
    touch()
    for key in (Key.PLACE_TEXT, Key.PLACE_READING, Key.POSTAL_CODE, Key.PLACE_ERROR, answer_key(QPV)):
        st.session_state.pop(key, None)
    st.session_state[answer_key(ABROAD)] = True if abroad else None


def _place_button(key: str, value: str, text: str) -> str:
    """A full-width button of the place screen, relayed by its component (`_on_tap`): `key` names it (its name is
    `key` up to its first "_<digits>": town_86000_86194 is a "town" button), inside an element of the class its
    button widget had (`st-key-<key>`), which the tests find."""
    name = key.split("_", 1)[0] if key.startswith("town_") else key
    return f'<div class="st-key-{key}">{tap_button(name, value, safe(text), class_="nav-button")}</div>'


def _on_place_tap(found: Tap) -> None:
    """A tap on a place screen button: a town among those offered for what was typed, or abroad / back to France."""
    if found.name == "place_abroad":
        _set_abroad(True)
    elif found.name == "place_in_france":
        _set_abroad(False)
    elif found.name == "town":
        offered = {t.postal_code for t in place_reading().choices}
        if found.value in offered:
            _set_postal_code(found.value)


def _town_label(town) -> str:
    departement = departement_names().get(town.communes[0].departement, "")
    return f"{town.label} ({departement})" if departement else town.label


def place_screen() -> str:
    _ = tr()
    if st.session_state.get(answer_key(ABROAD)):
        _heading(POSTAL_CODE.key, *PROMPTS[POSTAL_CODE.key])
        st.success("🌍 " + _("You live outside France: we show only the routes open everywhere in France."))
        return _place_button("place_in_france", "", "🏠 " + _("I live in France"))
    qpv = _yes_no(QPV, *PROMPTS[QPV.key], JARGON["QPV"])
    _heading(POSTAL_CODE.key, *PROMPTS[POSTAL_CODE.key], elsewhere=qpv.items)
    st.text_input(
        _("Postal code or town"),
        key=Key.PLACE_TEXT,
        placeholder=_("For example 86000 or Poitiers"),
        on_change=_on_place_typed,
        max_chars=80,
        **KEEP,
    )
    typed = (st.session_state.get(Key.PLACE_TEXT) or "").strip()
    error = st.session_state.get(Key.PLACE_ERROR)
    code = st.session_state.get(Key.POSTAL_CODE)
    if error == "postal_code_format":
        st.warning(_("A postal code has 5 digits, for example 86000."))
    elif error == "postal_code_unknown":
        st.warning(_("We do not know this postal code. Check it, or type the name of your town."))
    elif error == "town_unknown":
        st.info(_("No town found with this name. Check the spelling, or type the postal code."))
    elif typed and not code:
        towns = place_reading().choices
        if towns:  # the question and its answers in one block: each town a button the screen's component relays
            buttons = "".join(
                _place_button(f"town_{t.postal_code}_{t.communes[0].code}", t.postal_code, "📍 " + _town_label(t)) for t in towns
            )
            which = _("Which one is yours?")
            show(f'<div class="nav-blocks"><p class="nav-lead"><strong>{safe(which)}</strong></p>{buttons}</div>')
    if code:
        try:
            st.success("📍 " + locate(code).label)
        except PlaceError:
            st.session_state[Key.POSTAL_CODE] = None
    return blocks(_place_button("place_abroad", "", "🌍 " + _("I live outside France")), qpv.html)


@dataclass(frozen=True)
class Screen:
    """One screen of the guided flow: what it asks, how it shows, and every session key it fills (cleared by skip)."""

    questions: tuple[Question, ...]
    show: Callable[[], str]  # draws the screen's widgets; returns the HTML drawn above its buttons, in their block
    other_keys: tuple[str, ...] = ()

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(answer_key(q) for q in self.questions) + self.other_keys


#: The screens in order; step n (1-based) shows SCREENS[n - 1]. Step 0 is the language screen.
SCREENS = (
    Screen((PROJECTS,), projects_screen),
    Screen((AGE,), age_screen),
    Screen((STATUSES,), statuses_screen),
    Screen((FRENCH_LEVEL, SPOKEN), french_screen),
    Screen((MOBILITY, DRIVING_LICENCE), mobility_screen),
    Screen((POSTAL_CODE, ABROAD, QPV), place_screen, (Key.PLACE_TEXT, Key.POSTAL_CODE, Key.PLACE_ERROR)),
)
LAST_QUESTION = len(SCREENS)
RESULTS = LAST_QUESTION + 1


def _skip(step: int, after: int) -> None:
    """'I don't know / skip': clear this screen's answers and move on to `after` (once, however many taps)."""
    if st.session_state.get(Key.STEP, 0) != step:
        return
    if 1 <= step <= LAST_QUESTION:
        for key in SCREENS[step - 1].keys:
            st.session_state.pop(key, None)
    go(after)


def step_of(question_key: str) -> int:
    """The step of the screen that asks a question (by its key)."""
    return next(i for i, screen in enumerate(SCREENS, start=1) if any(q.key == question_key for q in screen.questions))


def ask_from_results(question_key: str) -> None:
    """A question offered on the results: its screen opens, and its buttons lead back to the results."""
    if st.session_state.get(Key.STEP, 0) != RESULTS:
        return
    st.session_state[Key.BACK_TO_RESULTS] = True
    go(step_of(question_key))


def has_answer(step: int) -> bool:
    """Whether the person answered something on screen `step`."""
    return any(st.session_state.get(key) not in (None, "", []) for key in SCREENS[step - 1].keys if key != Key.PLACE_ERROR)


def _targets(step: int) -> tuple[int, int]:
    """Where Back and Next (or Skip) lead from screen `step`: the screens around it, or the results when the screen
    was opened from them."""
    return (RESULTS, RESULTS) if st.session_state.get(Key.BACK_TO_RESULTS) else (step - 1, step + 1)


def _on_tap(found: Tap) -> None:
    """A tap relayed by the screen's component (listen.tap: from the screen shown, once): a language, Back, Skip or
    Next."""
    step = st.session_state.get(Key.STEP, 0)
    before, after = _targets(step)
    if found.name == "lang" and found.value in LANGUAGES:
        _choose_language(found.value)
    elif found.name == "nav_back":
        go(before)
    elif found.name == "nav_skip":
        _skip(step, after)
    elif found.name == "nav_next":
        go(after)
    elif step == step_of(POSTAL_CODE.key):
        _on_place_tap(found)


def nav_buttons(step: int, above: str = "") -> None:
    """Back / Skip / Next: three HTML buttons in one block with what the screen draws `above` them (its answers'
    buttons), answered by the screen's component (`_on_tap`), with the line saying Next skips a screen left
    unanswered. Each sits in an element of the class its button widget had (`st-key-nav_next_s<step>`), which
    style.py and the tests find."""
    _ = tr()
    # Arrows point the way the page reads: in Arabic, Dari or Pashto "next" is to the left.
    back_arrow, next_arrow = ("➡️", "⬅️") if is_rtl() else ("⬅️", "➡️")
    forward = _("See my results") + " ✅" if _targets(step)[1] == RESULTS else _("Next") + " " + next_arrow
    buttons = (
        ("nav_back", back_arrow + " " + _("Back"), "nav-button"),
        ("nav_skip", "🤷 " + _("I don't know / skip"), "nav-button"),
        ("nav_next", forward, "nav-button nav-primary"),
    )
    skips = _("No answer on this screen: Next skips this question.")
    hint = "" if has_answer(step) else f'<p class="nav-hint">ℹ️ {safe(skips)}</p>'
    row = "".join(
        f'<div class="st-key-{name}_s{step}">{tap_button(name, "", safe(text), class_=kind)}</div>' for name, text, kind in buttons
    )
    buttons = f'{hint}<div class="nav-row">{row}</div>'
    show(blocks(above, buttons) if above else buttons)


def _screen_top() -> None:
    """What opens every screen in assisted mode: the visitor's language. (Each new screen opens at its top: its
    component does it, drawn with a new screen token.)"""
    _ = tr()
    visitor = st.session_state.get(Key.VISITOR_LANG)
    if visitor and visitor != lang():  # assisted mode: staff see which language the visitor will be handed
        st.info("🤝 " + _("Assisted mode: the results and the sheet will be in {language}.").format(language=native_name(visitor)))


def on_language_screen() -> bool:
    """Whether the flow shows its first screen, the languages (where the app draws no header)."""
    return st.session_state.get(Key.STEP, 0) == 0


def page() -> None:
    """The flow page: the language screen, or the current question or results screen."""
    if st.session_state.setdefault(Key.STEP, 0) == 0:
        _screen_top()
        language_screen()
        return
    screen()


@st.fragment
def screen() -> None:
    """A question or results screen, its progress and its buttons. A tap on any of them reruns this alone: the page's
    frame (header, style, footer) is not drawn again. What changes the frame — another language, the language screen,
    Start over — reruns the whole app."""
    _ = tr()
    step = st.session_state.get(Key.STEP, 0)
    if step == 0 or st.session_state.get(Key.FRAME_LANG) != lang():
        st.rerun(scope="app")
    _screen_top()
    if step >= RESULTS:
        st.session_state.pop(Key.BACK_TO_RESULTS, None)
        back = lambda: go_from(RESULTS, LAST_QUESTION)  # noqa: E731
        given = answers()
        ahead.adopt(given)
        results.page(given, on_back=back, ask=ask_from_results, prompts=PROMPTS, screen=screen_token(step))
        return
    nav_buttons(step, SCREENS[step - 1].show())  # its first heading shows the progress
    if _targets(step)[1] == RESULTS and has_answer(step):  # the results, worked out while the visitor reads and taps
        ahead.prepare(answers())
