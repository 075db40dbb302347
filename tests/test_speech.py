"""Reading aloud: the right voice for each language, audio made offline, only interface and catalogue texts spoken."""

from __future__ import annotations

import io
import logging
import wave
from pathlib import Path

import pytest
from factories import make_programme, shipped_catalogue

from navigator.i18n import LANGUAGES, translator
from navigator.presentation.labels import label
from navigator.speech import card_utterance, choice_utterance, interface_utterance, language_utterance, server_can_speak
from navigator.speech.synthesis import CACHE, CACHE_BYTES, synthesize
from navigator.speech.texts import MAX_CHARACTERS, Utterance, speakable
from navigator.speech.voices import ESPEAK_VOICES, espeak_path
from navigator.vocabulary import AccessMode, Project, Status

ROOT = Path(__file__).resolve().parent.parent
QUESTION = "How old are you?"
SPOKEN = [lang for lang in LANGUAGES if ESPEAK_VOICES.get(lang)]
SILENT = [lang for lang in LANGUAGES if lang in ESPEAK_VOICES and ESPEAK_VOICES[lang] is None]


@pytest.fixture(scope="module")
def programmes():
    return list(shipped_catalogue().programmes)


@pytest.fixture(autouse=True)
def espeak():
    if espeak_path() is None:
        pytest.fail("espeak-ng is not installed: run `apt-get install espeak-ng` (test.sh does it)")


def frames(audio) -> int:
    with wave.open(io.BytesIO(audio.wav)) as w:
        assert (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (1, 2, 22050)
        return w.getnframes()


def test_every_interface_language_says_which_voice_reads_it():
    assert set(LANGUAGES) <= set(ESPEAK_VOICES)
    assert {"ps", "ti"} <= set(SILENT) and {"fr", "ar", "fa", "uk", "ru", "es", "tr"} <= set(SPOKEN)


@pytest.mark.parametrize("lang", SPOKEN)
def test_a_question_is_read_in_its_language_voice(lang):
    audio = synthesize(interface_utterance(lang, QUESTION))
    assert audio is not None and audio.voices == (ESPEAK_VOICES[lang],)
    assert frames(audio) > 22050 // 2, "at least half a second of speech"
    other = "ru" if lang != "ru" else "es"  # the same text read by another language's voice sounds otherwise
    assert synthesize(Utterance(lang, ((interface_utterance(lang, QUESTION).text, other),))).wav != audio.wav


@pytest.mark.parametrize("lang", SILENT)
def test_no_audio_where_espeak_has_no_voice(lang):
    assert not server_can_speak(lang)
    assert synthesize(interface_utterance(lang, QUESTION)) is None


def test_only_interface_messages_are_spoken():
    assert interface_utterance("uk", QUESTION).text == "Скільки вам років?"
    for typed in ("86000", "Poitiers", "Zqxjkvwyb", "How old are you"):
        with pytest.raises(ValueError):
            interface_utterance("fr", typed)


def test_a_choice_is_read_as_its_label_without_its_pictogram():
    assert choice_utterance(Project.FIND_JOB, "es").segments == ((label(Project.FIND_JOB, "es") + ".", "es"),)
    assert "💶" not in choice_utterance(Status.RSA, "fr").text


def test_a_language_name_is_read_in_that_language():
    assert language_utterance("uk", "ar").segments == (("Українська.", "uk"),)


def test_pictograms_markdown_and_web_prefixes_are_not_read():
    assert speakable("🧭 **Find** a job ✅ at https://www.adie.org") == "Find a job at adie.org"


def test_a_card_is_read_from_the_catalogue_with_french_where_untranslated():
    p = make_programme(
        name={"fr": "Programme test", "ar": "برنامج تجريبي"},
        summary={"fr": "Un résumé d'une ligne."},
        cost="gratuit",
        contacts={"phone": "05 49 00 00 00"},
    )
    _ = translator("ar").gettext
    assert card_utterance(p, "ar").segments == (
        ("برنامج تجريبي.", "ar"),
        ("Association test. Un résumé d'une ligne.", "fr"),  # the organisation, and the summary not yet translated
        (f"{_('How to get in')}: {label(AccessMode.WALK_IN, 'ar')}.", "ar"),
        ("Venez sur place.", "fr"),
        (f"{_('Free')}. {_('Contact')}: 05 49 00 00 00.", "ar"),
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_card_fits_the_size_cap(programmes, lang):
    lengths = [len(card_utterance(p, lang).text) for p in programmes]
    assert max(lengths) <= MAX_CHARACTERS
    assert min(lengths) > 40


def test_a_card_reads_aloud_and_is_cached(programmes):
    utterance = card_utterance(programmes[0], "uk")
    first = synthesize(utterance)
    assert first is not None and frames(first) > 22050 * 5
    assert "uk" in first.voices and "fr" in first.voices  # the organisation's French name in the French voice
    assert synthesize(utterance) is first
    assert CACHE.maxsize == CACHE_BYTES and CACHE.currsize <= CACHE_BYTES


def test_nothing_spoken_is_logged(caplog, programmes):
    CACHE.clear()
    with caplog.at_level(logging.DEBUG):
        synthesize(card_utterance(programmes[1], "fr"))
        synthesize(interface_utterance("ti", QUESTION))
    assert caplog.records == []


def test_the_listen_pictograms_are_in_the_served_emoji_font():
    from fontTools.ttLib import TTFont

    covered = set(TTFont(ROOT / "static" / "fonts" / "NotoColorEmoji-navigator.woff2").getBestCmap())
    assert {ord("🔊"), ord("🔇")} <= covered, "run scripts/build_emoji_font.py"
