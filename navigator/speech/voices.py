"""Which voice reads each interface language: the browser's own (matched by language tag) or espeak-ng's on the server."""

from __future__ import annotations

import shutil
from functools import cache

#: espeak-ng voice per interface language (`espeak-ng --voices`). None: espeak-ng has no voice for it, so only a
#: browser voice can read it. Dari is read by espeak-ng's Persian voice (it has no Afghan one): the letters are the
#: same, some vowels are not, and it stays understandable.
ESPEAK_VOICES: dict[str, str | None] = {  # also the languages a visitor may say they speak (their names are read)
    "fr": "fr",
    "en": "en-gb",
    "ar": "ar",
    "fa": "fa",
    "ps": None,
    "uk": "uk",
    "ru": "ru",
    "es": "es",
    "ti": None,
    "tr": "tr",
    "bn": "bn",
    "ka": "ka",
    "sq": "sq",
    "ht": "ht",
    "ku": "ku",
    "ur": "ur",
    "so": None,
    "pt": "pt",
    "ro": "ro",
    "ln": None,
    "ff": None,
    "am": "am",
    "zh": "cmn",
}

ESPEAK = "espeak-ng"


@cache
def espeak_path() -> str | None:
    """Where espeak-ng is installed, or None (then only browser voices speak)."""
    return shutil.which(ESPEAK)


def espeak_voice(lang: str) -> str | None:
    """The espeak-ng voice for an interface language, or None when it has none."""
    return ESPEAK_VOICES.get(lang)


def server_can_speak(lang: str) -> bool:
    """True when this server can make audio for `lang` (espeak-ng installed and a voice for the language)."""
    return espeak_voice(lang) is not None and espeak_path() is not None
