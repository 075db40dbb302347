"""Figures for the listen button's server voice (espeak-ng): time to make the audio, its length and size, per language.

    python scripts/speech_figures.py

For each language espeak-ng can read: the first question and the longest route card of the catalogue, made once
(cold, as the first visitor to ask waits) and again from the cache; then the memory every card in every language
would take in the cache, against its cap.
"""

from __future__ import annotations

import statistics
import time

from navigator.catalogue.loading import load_catalogue
from navigator.i18n import LANGUAGES
from navigator.speech import card_utterance, interface_utterance, server_can_speak
from navigator.speech.synthesis import CACHE, CACHE_BYTES, synthesize

QUESTION = "What do you want to do? You can choose several."


def timed(utterance):
    start = time.perf_counter()
    audio = synthesize(utterance)
    return audio, (time.perf_counter() - start) * 1000


def main() -> None:
    programmes = list(load_catalogue().programmes)
    spoken = [lang for lang in LANGUAGES if server_can_speak(lang)]
    print(f"{len(programmes)} programmes; server voices for {len(spoken)} of {len(LANGUAGES)} languages: {' '.join(spoken)}")
    print("| language | question ms | question s | card ms (cold) | card ms (cached) | card s | card KB |")
    print("|---|---|---|---|---|---|---|")
    cold = []
    for lang in spoken:
        CACHE.clear()
        question, question_ms = timed(interface_utterance(lang, QUESTION))
        longest = max(programmes, key=lambda p: len(card_utterance(p, lang).text))
        card, card_ms = timed(card_utterance(longest, lang))
        _again, cached_ms = timed(card_utterance(longest, lang))
        cold.append(card_ms)
        print(
            f"| {lang} | {question_ms:.0f} | {question.seconds:.1f} | {card_ms:.0f} | {cached_ms:.3f} | {card.seconds:.1f} |"
            f" {len(card.wav) // 1024} |"
        )
    print(f"longest card, cold: median {statistics.median(cold):.0f} ms, max {max(cold):.0f} ms")
    CACHE.clear()
    total = 0
    for lang in spoken:
        for p in programmes:
            audio = synthesize(card_utterance(p, lang))
            total += len(audio.wav) if audio else 0
    print(
        f"every card in every spoken language: {total / 2**20:.0f} MB of audio; the cache keeps {CACHE.currsize / 2**20:.0f} MB"
        f" (cap {CACHE_BYTES / 2**20:.0f} MB), {len(CACHE)} cards"
    )


if __name__ == "__main__":
    main()
