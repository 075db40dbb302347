"""What is spoken: an utterance is a few segments of text, each with the language its voice must read it in.

A route card mixes the visitor's language with French (a programme name not yet translated is shown, and so read,
in French), hence one language per segment. Utterances are built only from message ids of the interface and from
catalogue fields, so they can be cached and shared by every visitor: no answer of a person can enter one.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum
from functools import cache, lru_cache

from babel.messages.pofile import read_po

from navigator.catalogue.models import Programme
from navigator.i18n import TRANSLATIONS_DIR, native_name, translator
from navigator.presentation.cards import display_phone
from navigator.presentation.labels import label, localized
from navigator.rerun_cache import by_identity

#: Longest utterance read aloud, in characters: a card's name, summary, access and contact fit well within it;
#: a longer text is cut at the end of its last whole sentence, so the audio stays small (about a minute at most).
MAX_CHARACTERS = 900

#: Characters a voice must not read out: pictograms, their variation selectors and joiners, keycaps.
_SILENT_CATEGORIES = {"So", "Sk", "Cs", "Co", "Cn"}
_SILENT = {"\u200d", "\ufe0e", "\ufe0f", "\u20e3"}
_SPACES = re.compile(r"\s+")
#: A web address is read as its name ("adie.org"), without "https://www.".
_URL_PREFIX = re.compile(r"https?://(?:www\.)?")
_SENTENCE_END = re.compile(r"[.!?։።؟۔।]\s")


@dataclass(frozen=True)
class Utterance:
    """Text to read aloud: `segments` are (text, language) pairs read in turn; `lang` is the visitor's language."""

    lang: str
    segments: tuple[tuple[str, str], ...]

    @property
    def text(self) -> str:
        return " ".join(text for text, _lang in self.segments)


def speakable(text: str) -> str:
    """The text without pictograms, Markdown marks or "https://www.", on one line."""
    kept = "".join(" " if ch in _SILENT or unicodedata.category(ch) in _SILENT_CATEGORIES else ch for ch in text)
    kept = _URL_PREFIX.sub("", kept).replace("*", " ").replace("#", " ").replace("_", " ")
    return _SPACES.sub(" ", kept).strip()


def _sentence(text: str) -> str:
    """A segment ends like a sentence, so a voice pauses before the next one."""
    return text if not text or text[-1] in ".!?:;…։።؟۔।" else text + "."


def _utterance(lang: str, parts: list[tuple[str, str]]) -> Utterance:
    """Join parts into segments (neighbours in one language become one), within MAX_CHARACTERS."""
    segments: list[tuple[str, str]] = []
    room = MAX_CHARACTERS
    for raw, part_lang in parts:
        text = _sentence(speakable(raw))
        if not text or room <= 0:
            continue
        if len(text) > room:
            ends = [m.end() for m in _SENTENCE_END.finditer(text + " ") if m.end() <= room]
            text = text[: ends[-1]].strip() if ends else ""
            if not text:
                break
        room -= len(text) + 1
        if segments and segments[-1][1] == part_lang:
            segments[-1] = (segments[-1][0] + " " + text, part_lang)
        else:
            segments.append((text, part_lang))
    return Utterance(lang, tuple(segments))


@cache
def interface_messages() -> frozenset[str]:
    """Every message id of the interface (from messages.pot)."""
    with (TRANSLATIONS_DIR / "messages.pot").open("rb") as f:
        return frozenset(m.id for m in read_po(f) if isinstance(m.id, str) and m.id)


@lru_cache(maxsize=4096)  # every rerun of a question asks for the same utterances
def interface_utterance(lang: str, *message_ids: str) -> Utterance:
    """Interface texts in `lang`, by their message ids. Anything that is not an interface message is refused,
    so no text typed or chosen by a visitor can be read aloud (or cached) through this."""
    unknown = [m for m in message_ids if m not in interface_messages()]
    if unknown:
        raise ValueError(f"not an interface message: {len(unknown)} text(s)")
    _ = translator(lang).gettext
    return _utterance(lang, [(_(m), lang) for m in message_ids])


@lru_cache(maxsize=4096)
def choice_utterance(member: Enum, lang: str) -> Utterance:
    """An answer choice: its label in `lang`."""
    return _utterance(lang, [(label(member, lang), lang)])


@lru_cache(maxsize=4096)
def language_utterance(code: str, lang: str) -> Utterance:
    """A language's name read in that language ("Українська" by a Ukrainian voice), for a visitor reading `lang`."""
    return _utterance(lang, [(native_name(code), code)])


def _catalogue_text(value: dict[str, str] | None, lang: str) -> tuple[str, str]:
    """A catalogue text and the language it is read in: `lang`, or French when it has no translation yet."""
    text, in_french = localized(value, lang)
    return text, "fr" if in_french else lang


@by_identity()
def card_utterance(programme: Programme, lang: str) -> Utterance:
    """A route card as it is read aloud: name, organisation, summary, how to get in, cost, phone and address.
    Catalogue facts only: the reasons of a match speak of the person (their age, their situation) and are not read."""
    _ = translator(lang).gettext
    p = programme
    parts = [_catalogue_text(p.name, lang), (p.organisation, "fr"), _catalogue_text(p.summary, lang)]
    ways = ", ".join(label(mode, lang) for mode in p.access.modes)
    parts += [(_("How to get in") + ": " + ways, lang), _catalogue_text(p.access.how, lang)]
    if p.cost is not None:
        parts.append((_("Free") if p.cost.value == "gratuit" else _("Paid"), lang))
    if p.contacts.phone:
        parts.append((_("Contact") + ": " + display_phone(p.contacts.phone), lang))
    if p.contacts.address:
        parts.append((p.contacts.address, "fr"))
    return _utterance(lang, parts)
