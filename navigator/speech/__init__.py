"""Reading aloud: what is spoken for a question, an answer choice or a route card, by which voice, and the audio.

Only interface texts (message ids of the `messages` domain) and catalogue texts are ever spoken: nothing a visitor
typed or chose is part of an utterance, so the audio and its cache hold nothing personal. Nothing here logs.
The browser speaks when it has a voice of its own for the language; otherwise `synthesis` makes the audio offline
with Debian's espeak-ng. No Streamlit here: the widget is `navigator.ui.listen`.
"""

from navigator.speech.texts import Utterance, card_utterance, choice_utterance, interface_utterance, language_utterance
from navigator.speech.voices import espeak_voice, server_can_speak

__all__ = [
    "Utterance",
    "card_utterance",
    "choice_utterance",
    "espeak_voice",
    "interface_utterance",
    "language_utterance",
    "server_can_speak",
]
