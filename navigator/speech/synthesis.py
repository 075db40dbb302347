"""Audio made on the server, offline, by Debian's espeak-ng: one WAV per utterance, cached per text and language.

The cache is shared by every visitor (utterances hold only interface and catalogue texts) and bounded in bytes.
The text goes to espeak-ng on its standard input, never on a command line other processes could read; nothing
is logged, and a failure gives None (the widget then says there is no voice) rather than an error.
"""

from __future__ import annotations

import io
import subprocess
import threading
import wave
from dataclasses import dataclass

from cachetools import LRUCache, cached

from navigator.speech.texts import Utterance
from navigator.speech.voices import espeak_path, espeak_voice

#: espeak-ng's output: 22,050 samples a second, 16-bit, mono.
RATE = 22050
SAMPLE_BYTES = 2
#: Words a minute: a little slower than espeak-ng's 175, for people who are learning the language.
SPEED = 150
#: A short silence between segments (a change of voice), in samples.
PAUSE = b"\x00\x00" * (RATE // 4)
#: Seconds one espeak-ng run may take before it is given up.
TIMEOUT = 20
#: The cache holds at most this many bytes of audio (about 12 minutes of speech).
CACHE_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True)
class Audio:
    """A WAV file and the espeak-ng voices that read it."""

    wav: bytes
    voices: tuple[str, ...]

    @property
    def seconds(self) -> float:
        return (len(self.wav) - 44) / (RATE * SAMPLE_BYTES)


#: Shared by every session: utterances hold interface and catalogue texts only.
CACHE: LRUCache = LRUCache(maxsize=CACHE_BYTES, getsizeof=lambda audio: len(audio.wav))
_CACHE_LOCK = threading.Lock()


def _pcm(text: str, voice: str) -> bytes | None:
    """espeak-ng's samples for one text in one voice (its WAV header on standard output carries no real length)."""
    try:
        done = subprocess.run(
            [espeak_path(), "-v", voice, "-s", str(SPEED), "-b", "1", "--stdin", "--stdout"],
            input=text.encode("utf-8"),
            capture_output=True,
            timeout=TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    data = done.stdout
    start = data.find(b"data", 12)
    if done.returncode != 0 or not data.startswith(b"RIFF") or start < 0:
        return None
    return data[start + 8 :]


def _wav(pcm: bytes) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(SAMPLE_BYTES)
        w.setframerate(RATE)
        w.writeframes(pcm)
    return out.getvalue()


def synthesize(utterance: Utterance) -> Audio | None:
    """The utterance read by espeak-ng, each segment in its language's voice; None when the server cannot read it
    (espeak-ng missing, no voice for the visitor's language, nothing to read, or espeak-ng failed)."""
    if espeak_path() is None or espeak_voice(utterance.lang) is None or not utterance.segments:
        return None
    try:
        return _synthesize(utterance)
    except _Unspoken:
        return None


class _Unspoken(Exception):
    """espeak-ng gave nothing: raised so that the failure is not cached."""


@cached(CACHE, lock=_CACHE_LOCK)
def _synthesize(utterance: Utterance) -> Audio:
    chunks, voices = [], []
    for text, lang in utterance.segments:
        voice = espeak_voice(lang)
        if voice is None:  # a segment in a language without a voice is left out rather than misread
            continue
        pcm = _pcm(text, voice)
        if pcm is None:
            raise _Unspoken
        chunks.append(pcm)
        voices.append(voice)
    if not any(chunks):
        raise _Unspoken
    return Audio(_wav(PAUSE.join(chunks)), tuple(voices))
