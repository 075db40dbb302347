"""The "listen" button: reads a question, the answer choices or a route card aloud in the visitor's language.

The browser speaks when it has a voice of its own (on the device) for the language — most phones do; then nothing
goes to the server. Otherwise the button asks the server, which reads the text with espeak-ng and sends an audio
file Streamlit serves itself. With neither, the button says there is no voice, with a pictogram.
What is read comes from `navigator.speech` (interface and catalogue texts only, never an answer).

The screen's one component is also its **tap relay**: a screen's buttons can be plain HTML drawn inside an `st.html`
or markdown block (each Streamlit button is a widget registered, serialised and answered on every rerun; HTML is one
text). The interface:

- In the HTML: `<button type="button" data-nav-tap="<name>" data-nav-value="<value>">…</button>` (`tap_button`
  writes one). A real button: focusable, Enter and Space press it.
- On the screen, its one `listen(key, …, screen=<token>, on_tap=<handler>)`: the component answers a press of any
  such button on the page with a trigger `{name, value, screen}`, `screen` being the token it was drawn with (a new
  token for each screen shown). One component a screen relays (the one given `screen`). When it is drawn with a new
  token it also scrolls the page to its top and ignores taps for 400 ms (`toTop` in listen.js), so a second tap
  meant for the previous screen cannot land on what the new one put under the finger.
- On the Python side, `tap(key)` returns that `Tap` in the run it causes, and `on_tap(tap)` is called before the
  script runs (as a button's `on_click`), or None: no tap, or one to ignore. Ignored: a tap whose token is not the
  one the screen was last drawn with (sent from a screen already left), and any tap after the first one answered
  from a drawing, until the screen is drawn again (a double tap, a tap while the next screen loads: one tap, one
  step). The browser tests press them as a person does (`tests/browser/test_taps.py`); AppTest tests send one with
  `tests/app_helpers.relay_tap`.
- A question's answers are HTML too (`choice_buttons`): toggle buttons in a group. A press shows at once in the
  browser (the group keeps one pressed, or several for a question of several answers), and the same component sends
  the whole answer, `{question, values, screen}`, as its own event: `on_choose(Choice)` is called before the script
  runs, for each press from the screen last drawn. It is not a step, so it leaves the drawing's one tap to the
  button that moves on, and a press beside a tap on Next in one message keeps both.
- Listen buttons outside the row (`inline_listen`, and the cards' `card_button`) carry `data-nav-listen="<id>"`; the
  component answers them with the items it was given as `elsewhere` (for the cards, all its items).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from functools import cache, partial
from pathlib import Path

import streamlit as st

from navigator.i18n import direction, native_name, translator
from navigator.presentation.cards import safe
from navigator.presentation.labels import icon, label
from navigator.speech import (
    Utterance,
    card_utterance,
    choice_utterance,
    interface_utterance,
    language_utterance,
    server_can_speak,
)
from navigator.speech.synthesis import synthesize
from navigator.ui.session_keys import Key
from navigator.ui.state import lang, touch

#: The component's files (`[[tool.streamlit.component.components]]` in pyproject.toml, `asset_dir`): Streamlit serves
#: them at /_stcore/bidi-components/navigator.listen/…, and each drawing's message carries their two paths, not their
#: 5 KB of text.
ASSETS = Path(__file__).with_name("listen_component")
_NAME = "navigator.listen"  # "<project name>.<component name>", as Streamlit names a component declared in pyproject.toml


@cache
def _component():
    """The component, made on its first drawing: a file-backed component is looked for in the manifests Streamlit's
    runtime has read (AppTest reads them too), and there is none when this module is imported outside a script run."""
    return st.components.v2.component(_NAME, css="listen.css", js="listen.js")


#: Listen buttons by id: (text after 🔊, accessible name, what is read).
Items = dict[str, tuple[str, str, Utterance]]


@dataclass(frozen=True)
class Tap:
    """A press of an HTML button relayed by the screen's component: the button's `data-nav-tap` (name) and
    `data-nav-value` (value), and the screen token the component was drawn with."""

    name: str
    value: str
    screen: str


@dataclass(frozen=True)
class Choice:
    """A press of an answer's button (`choice_buttons`) relayed by the screen's component: the question's session key,
    every value chosen in it after the press, as the browser shows them, and the screen token."""

    question: str
    values: tuple[str, ...]
    screen: str


def _relay(key: str) -> dict:
    """The relay's bookkeeping for component `key`, changed in place: "shown", the screen token it was last drawn with;
    "drawn", the same until a tap from that drawing is answered (then None); "answered", the last tap answered (token,
    the browser's number for it). Every component's is under one session key (Key.RELAY): Streamlit goes through
    every session key on every rerun."""
    return st.session_state.setdefault(Key.RELAY, {}).setdefault(key, {})


def tap(key: str) -> Tap | None:
    """The tap the screen's component `key` relayed for this run, if it is to be answered (see the module's
    docstring): its screen token is the one the screen was last drawn with, and no other tap was answered since. The
    same tap is returned however often it is asked for in its run (by `on_tap`, then by the script), until the
    component is drawn with another token (the tap was for the screen it left)."""
    raw = (st.session_state.get(key) or {}).get("tap")
    if not isinstance(raw, dict) or not isinstance(raw.get("screen"), str) or not raw["screen"]:
        return None
    found = Tap(str(raw.get("name") or ""), str(raw.get("value") or ""), raw["screen"])
    this = (found.screen, raw.get("n"))
    relay = _relay(key)
    now = relay.get("drawn")
    if relay.get("answered") == this:
        return found if now in (None, found.screen) else None
    if now != found.screen:
        return None
    relay["drawn"] = None  # answered: the drawing it came from answers no other
    relay["answered"] = this
    return found


def _relayed(key: str, on_tap: Callable[[Tap], None] | None) -> None:
    """The component's tap callback. The browser may send two presses in one message (Streamlit then calls this
    once for each, and both see the last): `on_tap` answers a tap once."""
    touch()
    before = _relay(key).get("answered")
    found = tap(key)
    if found is not None and on_tap is not None and _relay(key).get("answered") != before:
        on_tap(found)


def _chose(key: str, on_choose: Callable[[Choice], None] | None) -> None:
    """The component's choose callback: an answer's press from the screen the component was last drawn for."""
    touch()
    raw = (st.session_state.get(key) or {}).get("choose")
    if on_choose is None or not isinstance(raw, dict) or not raw.get("screen") or raw["screen"] != _relay(key).get("shown"):
        return
    values, question = raw.get("values"), raw.get("question")
    if isinstance(question, str) and isinstance(values, list) and all(isinstance(v, str) for v in values):
        on_choose(Choice(question, tuple(values), raw["screen"]))


def listen(
    key: str,
    *groups: Items,
    visitor: str | None = None,
    quiet: bool = False,
    cards: bool = False,
    screen: str = "",
    on_tap: Callable[[Tap], None] | None = None,
    on_choose: Callable[[Choice], None] | None = None,
    elsewhere: Items | None = None,
) -> None:
    """One row of listen buttons (a question's and its choices' together: one component costs the server less than
    two on every rerun), in `visitor`'s language (the session's by default). `quiet`: with no voice at all, show
    nothing rather than the 🔇 button (for a row that only repeats names shown elsewhere). `cards`: no row of its
    own; it answers the buttons the cards carry (`card_button`). `screen`: this component relays the screen's taps
    on HTML buttons (`tap_button`), with this screen token; `on_tap(tap)` answers them before the script runs, and
    `on_choose(choice)` the answers' buttons (`choice_buttons`). `elsewhere`: listen buttons drawn in the page's HTML
    (`inline_listen`), answered by this component."""
    visitor = visitor or lang()
    given: Items = {i: item for group in groups for i, item in group.items()}
    row: Items = {} if cards else given  # the cards carry their buttons
    items: Items = given | (elsewhere or {})
    _ = translator(visitor).gettext
    no_voice = _("No voice for this language on this device")
    data = {
        "lang": visitor,
        "server": server_can_speak(visitor),
        "no_voice": no_voice,
        "quiet": quiet,
        "cards": cards,
        "screen": screen,
        "items": [
            {"id": i, "shown": shown, "name": name, "segments": u.segments, "row": i in row} for i, (shown, name, u) in items.items()
        ],
    }
    if screen:  # a new drawing: its token is the current one, and it answers one tap
        relay = _relay(key)
        relay["drawn"] = relay["shown"] = screen
    # A list, not a dict: Streamlit looks through a dict's values for dataframes to send as Arrow, on every rerun,
    # for every listen row (a third of the component's cost); a list goes straight to JSON.
    result = _component()(
        key=key,
        data=[data],
        on_play_change=touch,
        on_tap_change=partial(_relayed, key, on_tap),
        on_choose_change=partial(_chose, key, on_choose),
    )
    asked = result.get("play")
    if asked not in items:
        return
    audio = synthesize(items[asked][2])
    if audio is None:
        st.caption("🔇 " + no_voice)
        return
    st.audio(audio.wav, format="audio/wav", autoplay=True)


def tap_button(name: str, value: str, html: str, **attributes: str) -> str:
    """The HTML of a button the screen's component relays (`listen(..., screen=…)`): `html` is its content (already
    escaped); `attributes` are more of its attributes (`class_` for class), escaped here."""
    more = "".join(f' {k.rstrip("_").replace("_", "-")}="{safe(v)}"' for k, v in attributes.items())
    return f'<button type="button" data-nav-tap="{safe(name)}" data-nav-value="{safe(value)}"{more}>{html}</button>'


def choice_buttons(
    key: str, shown: dict[str, str], chosen, title: str, multiple: bool, more: dict[str, dict[str, str]] | None = None
) -> str:
    """The HTML of a question's answers as toggle buttons the screen's component relays (`on_choose`): `key` is the
    question's session key, `shown` each answer's text (not escaped) by value, `chosen` the values chosen now, `title`
    the question (the group's accessible name), `multiple` whether several can be chosen, `more` more attributes of
    some answers' buttons, by value (`lang`, `dir`). The group sits in an element of the class its pills widget had
    (`st-key-<key>`), which style.py and the tests find."""
    more = more or {}
    buttons = "".join(
        f'<button type="button" class="nav-choice" data-nav-choose="{safe(value)}" aria-pressed="{"true" if value in chosen else "false"}"'
        + "".join(f' {k}="{safe(v)}"' for k, v in more.get(value, {}).items())
        + f">{safe(text)}</button>"
        for value, text in shown.items()
    )
    return (
        f'<div class="st-key-{safe(key)}"><div class="nav-choices" role="group" aria-label="{safe(title)}" data-nav-choices="{safe(key)}"'
        f' data-nav-multiple="{1 if multiple else 0}">{buttons}</div></div>'
    )


def _listen_html(css_class: str, buttons: list[tuple[str, str, str]], visitor: str) -> str:
    """Listen buttons inside a block of the page, answered by the screen's component (they carry `data-nav-listen`):
    `buttons` as (item id, text after 🔊, accessible name); with them one disabled 🔇 saying there is no voice.
    style.py shows the 🔊 ones where a voice can read `visitor`'s language, else the 🔇 (the component says which)."""
    none = safe(translator(visitor).gettext("No voice for this language on this device"))
    plays = "".join(
        f'<button type="button" class="nav-listen-play" data-nav-listen="{safe(i)}" title="{safe(name)}" aria-label="{safe(name)}">🔊 {safe(shown)}</button>'
        for i, shown, name in buttons
    )
    return f'<div class="{css_class}" lang="{visitor}" dir="{direction(visitor)}">{plays}<button type="button" class="nav-listen-none" disabled>🔇 {none}</button></div>'


def inline_listen(items: Items, visitor: str | None = None) -> str:
    """The HTML of a row of listen buttons inside a block of the page (a second question's), answered by the screen's
    component when it is given these `items` as `elsewhere`."""
    return _listen_html("nav-listen-inline", [(i, shown, name) for i, (shown, name, _u) in items.items()], visitor or lang())


def question_items(*message_ids: str) -> Items:
    """The "Listen" button of a question: its interface texts, by message id (`N_("…")`), in the session's language."""
    visitor = lang()
    word = translator(visitor).gettext("Listen")
    return {"q": (word, word, interface_utterance(visitor, *message_ids))}


def choice_items(choices: tuple[Enum, ...]) -> Items:
    """A small button for each answer choice, shown with the choice's pictogram."""
    visitor = lang()
    _ = translator(visitor).gettext
    return {m.value: (icon(m), _("Listen: {text}").format(text=label(m, visitor)), choice_utterance(m, visitor)) for m in choices}


def option_items(options: dict[str, tuple[str, str]]) -> Items:
    """A small button for each option of a question, by value: (pictogram, message id of its label)."""
    visitor = lang()
    _ = translator(visitor).gettext
    return {v: (mark, _("Listen: {text}").format(text=_(text)), interface_utterance(visitor, text)) for v, (mark, text) in options.items()}


def language_items(codes: tuple[str, ...], names: bool = False) -> Items:
    """A button for each language: its name, read in that language's own voice. The buttons show the language code,
    or (`names`) the name itself, where nothing else near them names the languages in their own script."""
    visitor = lang()
    _ = translator(visitor).gettext
    return {
        code: (
            native_name(code) if names else code.upper(),
            _("Listen: {text}").format(text=native_name(code)),
            language_utterance(code, visitor),
        )
        for code in codes
    }


def listen_cards(key: str, programmes, visitor: str, screen: str = "", on_tap: Callable[[Tap], None] | None = None) -> None:
    """The listen buttons of every route card of a screen, in `visitor`'s language, answered by one component (one
    per card cost the server a third of a millisecond each on every rerun): each card shows its own button
    (`card_button`, drawn with the card's HTML). What is read is the card's catalogue texts, never the reasons of a
    match (they speak of the person: their age, their situation). `screen` and `on_tap`: as `listen`'s."""
    word = translator(visitor).gettext("Listen")
    listen(
        key, {p.id: (word, word, card_utterance(p, visitor)) for p in programmes}, visitor=visitor, cards=True, screen=screen, on_tap=on_tap
    )


def card_button(programme_id: str, visitor: str) -> str:
    """The HTML of a card's listen button, for `listen_cards` to answer: 🔊 where a voice can read `visitor`'s
    language (on the device or from the server), else a disabled 🔇 saying there is none."""
    word = translator(visitor).gettext("Listen")
    return _listen_html("nav-listen-card", [(programme_id, word, word)], visitor)
