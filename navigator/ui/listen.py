"""The "listen" button: reads a question, the answer choices or a route card aloud in the visitor's language.

The browser speaks when it has a voice of its own (on the device) for the language — most phones do; then nothing
goes to the server. Otherwise the button asks the server, which reads the text with espeak-ng and sends an audio
file Streamlit serves itself. With neither, the button says there is no voice, with a pictogram.
What is read comes from `navigator.speech` (interface and catalogue texts only, never an answer).
"""

from __future__ import annotations

from enum import Enum

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
from navigator.ui.state import lang, touch

_JS = """
export default function (component) {
  const { setTriggerValue, parentElement } = component;
  const data = component.data[0];  // sent as a one-item list: see listen()
  const synth = window.speechSynthesis;
  const primary = (tag) => (tag || "").toLowerCase().split(/[-_]/)[0];
  // Voices on the device only: a remote voice would send the text to a third party.
  const voiceFor = (lang) => (synth ? synth.getVoices().find((v) => v.localService && primary(v.lang) === lang) : undefined);
  let box = parentElement.querySelector(".nav-listen");
  if (!box) {
    box = document.createElement("div");
    box.className = "nav-listen";
    parentElement.appendChild(box);
  }
  // One utterance per sentence: some browsers stop a long utterance after about fifteen seconds.
  const sentences = (text) => text.match(/[^.!?։።؟۔।]+[.!?։።؟۔।]*/g) || [text];
  const speak = (item) => {
    synth.cancel();
    for (const [text, lang] of item.segments) {
      for (const sentence of sentences(text)) {
        const u = new SpeechSynthesisUtterance(sentence.trim());
        u.lang = lang;
        const voice = voiceFor(lang);
        if (voice) u.voice = voice;
        synth.speak(u);
      }
    }
  };
  const draw = () => {
    const browser = !!voiceFor(data.lang);
    box.replaceChildren();
    if (data.cards) {  // the buttons are inside the cards (listen.card_button); the page's CSS shows the right one
      document.documentElement.dataset.navVoice = browser ? "browser" : data.server ? "server" : "none";
      return;
    }
    if (!browser && !data.server && data.quiet) {
      box.dataset.voice = "none";  // the question's own button already says there is no voice
      return;
    }
    if (!browser && !data.server) {
      const none = document.createElement("button");
      none.type = "button";
      none.disabled = true;
      none.className = "nav-listen-none";
      none.textContent = "🔇 " + data.no_voice;
      box.appendChild(none);
      box.dataset.voice = "none";
      return;
    }
    box.dataset.voice = browser ? "browser" : "server";
    for (const item of data.items) {
      const b = document.createElement("button");
      b.type = "button";
      b.textContent = "🔊 " + item.shown;
      b.title = item.name;
      b.setAttribute("aria-label", item.name);
      b.onclick = () => (voiceFor(data.lang) ? speak(item) : setTriggerValue("play", item.id));
      box.appendChild(b);
    }
  };
  // The cards' buttons: one listener for the whole page, whatever cards a rerun draws (one at a time: a new drawing
  // of this component replaces the last one's).
  const byId = new Map(data.items.map((item) => [item.id, item]));
  const onCard = (event) => {
    const button = event.target.closest ? event.target.closest("button[data-nav-listen]") : null;
    const item = button && byId.get(button.dataset.navListen);
    if (item) voiceFor(data.lang) ? speak(item) : setTriggerValue("play", item.id);
  };
  if (data.cards) {
    if (window.__navListenCards) document.removeEventListener("click", window.__navListenCards);
    window.__navListenCards = onCard;
    document.addEventListener("click", onCard);
  }
  draw();
  if (synth) synth.addEventListener("voiceschanged", draw);
  return () => {
    if (synth) synth.removeEventListener("voiceschanged", draw);
    if (window.__navListenCards === onCard) {
      document.removeEventListener("click", onCard);
      window.__navListenCards = undefined;
    }
  };
}
"""

_CSS = """
.nav-listen { display: flex; flex-wrap: wrap; gap: .4rem; margin: .1rem 0 .4rem; }
.nav-listen button {
  min-height: 2.75rem; min-width: 2.75rem; padding: .3rem .8rem; border-radius: .6rem; font: inherit; font-size: 1rem;
  border: 2px solid var(--st-primary-color, #0b5cad); background: var(--st-secondary-background-color, #eef3f9);
  color: var(--st-text-color, #10203a); cursor: pointer;
}
.nav-listen button:focus-visible { outline: 3px solid var(--st-primary-color, #0b5cad); outline-offset: 2px; }
.nav-listen button.nav-listen-none { border-style: dashed; cursor: default; opacity: .85; font-size: .85rem; } /* one line on a phone */
"""

_COMPONENT = st.components.v2.component("navigator.listen", css=_CSS, js=_JS)


#: Listen buttons by id: (text after 🔊, accessible name, what is read).
Items = dict[str, tuple[str, str, Utterance]]


def listen(key: str, *groups: Items, visitor: str | None = None, quiet: bool = False, cards: bool = False) -> None:
    """One row of listen buttons (a question's and its choices' together: one component costs the server less than
    two on every rerun), in `visitor`'s language (the session's by default). `quiet`: with no voice at all, show
    nothing rather than the 🔇 button (for a row that only repeats names shown elsewhere). `cards`: no row of its
    own; it answers the buttons the cards carry (`card_button`)."""
    visitor = visitor or lang()
    items: Items = {i: item for group in groups for i, item in group.items()}
    _ = translator(visitor).gettext
    no_voice = _("No voice for this language on this device")
    data = {
        "lang": visitor,
        "server": server_can_speak(visitor),
        "no_voice": no_voice,
        "quiet": quiet,
        "cards": cards,
        "items": [{"id": i, "shown": shown, "name": name, "segments": u.segments} for i, (shown, name, u) in items.items()],
    }
    # A list, not a dict: Streamlit looks through a dict's values for dataframes to send as Arrow, on every rerun,
    # for every listen row (a third of the component's cost); a list goes straight to JSON.
    result = _COMPONENT(key=key, data=[data], on_play_change=touch)
    asked = result.get("play")
    if asked not in items:
        return
    audio = synthesize(items[asked][2])
    if audio is None:
        st.caption("🔇 " + no_voice)
        return
    st.audio(audio.wav, format="audio/wav", autoplay=True)


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


def listen_cards(key: str, programmes, visitor: str) -> None:
    """The listen buttons of every route card of a screen, in `visitor`'s language, answered by one component (one
    per card cost the server a third of a millisecond each on every rerun): each card shows its own button
    (`card_button`, drawn with the card's HTML). What is read is the card's catalogue texts, never the reasons of a
    match (they speak of the person: their age, their situation)."""
    word = translator(visitor).gettext("Listen")
    listen(key, {p.id: (word, word, card_utterance(p, visitor)) for p in programmes}, visitor=visitor, cards=True)


def card_button(programme_id: str, visitor: str) -> str:
    """The HTML of a card's listen button, for `listen_cards` to answer: 🔊 where a voice can read `visitor`'s
    language (on the device or from the server), else a disabled 🔇 saying there is none (style.py shows one)."""
    _ = translator(visitor).gettext
    word, none = safe(_("Listen")), safe(_("No voice for this language on this device"))
    return (
        f'<div class="nav-listen-card" lang="{visitor}" dir="{direction(visitor)}">'
        f'<button type="button" class="nav-listen-play" data-nav-listen="{safe(programme_id)}" title="{word}" aria-label="{word}">🔊 {word}</button>'
        f'<button type="button" class="nav-listen-none" disabled>🔇 {none}</button></div>'
    )
