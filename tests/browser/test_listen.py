"""The listen button in chromium: server audio on a kiosk without browser voices, the browser's own voice on a
device that has one, and a visible "no voice" for Tigrinya."""

from __future__ import annotations

import urllib.request
from pathlib import Path

import pytest
from browser_helpers import Server, card, click_key, shot, wait_idle

from navigator.catalogue.loading import load_catalogue
from navigator.i18n import translator
from navigator.presentation.labels import label
from navigator.speech import card_utterance, interface_utterance
from navigator.vocabulary import Project

pytestmark = pytest.mark.browser

#: A device voice for Ukrainian, as a phone has: speechSynthesis reports it, and records what it is asked to say.
FAKE_VOICE = """
(() => {
  const voice = { lang: "uk-UA", name: "Test voice", localService: true, default: true, voiceURI: "test" };
  window.__spoken = [];
  speechSynthesis.getVoices = () => [voice];
  speechSynthesis.speak = (u) => window.__spoken.push([u.text, u.lang, u.voice && u.voice.name]);
  speechSynthesis.cancel = () => {};
  window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; } };  // takes the test voice
})();
"""


@pytest.fixture(scope="module")
def kiosk():
    """The app in kiosk mode: the bare kiosk browser has no voice of its own."""
    s = Server({"NAVIGATOR_KIOSK": "1"})
    yield s
    s.stop()


def test_a_kiosk_plays_a_card_with_audio_from_the_app(kiosk, browser):
    page = browser.new_page(viewport={"width": 1080, "height": 1920})
    page.goto(f"{kiosk.url}/?lang=uk&routes=france-travail")
    wait_idle(page)
    card(page, "france-travail")
    assert page.evaluate("speechSynthesis.getVoices().length") == 0
    button = card(page, "france-travail").locator("xpath=..").get_by_role("button", name=translator("uk").gettext("Listen"))
    assert button.inner_text() == "🔊 " + translator("uk").gettext("Listen")
    assert button.is_visible() and button.bounding_box()["height"] >= 44
    button.click()
    wait_idle(page)
    audio = page.locator("[data-testid='stAudio']").first
    audio.wait_for(timeout=20_000)
    source = audio.get_attribute("src")
    assert source and source.startswith(kiosk.url + "/media/")
    with urllib.request.urlopen(source, timeout=10) as answer:
        wav = answer.read()
    assert wav[:4] == b"RIFF" and len(wav) > 22050 * 2 * 5  # more than five seconds of speech
    page.wait_for_function("document.querySelector('audio') && document.querySelector('audio').currentTime > 0", timeout=10_000)
    shot(page, "listen-kiosk-card")
    page.close()


def test_a_device_voice_reads_the_question_without_asking_the_server(server, browser):
    context = browser.new_context()
    context.add_init_script(FAKE_VOICE)
    page = context.new_page()
    page.goto(server.url)
    wait_idle(page)
    click_key(page, "lang_uk")
    page.locator(".nav-question .nav-listen-play").first.click()  # the question's own, first in its row
    page.wait_for_timeout(300)
    question = interface_utterance("uk", "What do you want to do? You can choose several.")
    spoken = page.evaluate("window.__spoken")
    assert " ".join(text for text, _lang, _voice in spoken) == question.text and len(spoken) == 2  # two sentences
    assert {(lang, voice) for _text, lang, voice in spoken} == {("uk", "Test voice")}
    page.evaluate("window.__spoken = []")
    page.get_by_role("button", name=translator("uk").gettext("Listen: {text}").format(text=label(Project.FIND_JOB, "uk"))).click()
    page.wait_for_timeout(300)
    assert page.evaluate("window.__spoken") == [[label(Project.FIND_JOB, "uk") + ".", "uk", "Test voice"]]
    assert page.locator("audio").count() == 0
    for _ in range(4):  # a second question's buttons, in its block: driving licence, on the mobility screen
        click_key(page, "nav_next")
    page.evaluate("window.__spoken = []")
    second = page.locator(".nav-second .nav-listen-play").first
    assert second.is_visible() and page.locator(".nav-second .nav-listen-none").is_hidden()
    second.click()
    page.wait_for_timeout(300)
    licence = interface_utterance("uk", "Do you have a driving licence?")
    assert " ".join(text for text, _lang, _voice in page.evaluate("window.__spoken")) == licence.text
    assert page.locator("audio").count() == 0
    page.goto(f"{server.url}/?lang=uk&routes=france-travail,mission-locale")  # a card's own button, the device's voice
    wait_idle(page)
    page.evaluate("window.__spoken = []")
    card(page, "mission-locale").locator("xpath=..").get_by_role("button", name=translator("uk").gettext("Listen")).click()
    page.wait_for_timeout(300)
    spoken = "".join(text for text, _lang, _voice in page.evaluate("window.__spoken"))  # sentence by sentence
    expected = card_utterance(load_catalogue().get("mission-locale"), "uk").text
    assert "".join(spoken.split()) == "".join(expected.split()) and len(spoken) > 100
    assert page.locator("audio").count() == 0
    context.close()


def test_tigrinya_says_there_is_no_voice(server, browser):
    page = browser.new_page()
    page.goto(server.url)
    wait_idle(page)
    click_key(page, "lang_ti")
    button = page.locator(".nav-question .nav-listen-inline button:visible")
    assert button.count() == 1  # one 🔇 for the question and its choices
    assert button.inner_text() == "🔇 " + translator("ti").gettext("No voice for this language on this device")
    assert button.is_disabled()
    shot(page, "listen-tigrinya-no-voice")
    for _ in range(4):  # the mobility screen's second question says it too, once
        click_key(page, "nav_next")
    second = page.locator(".nav-second .nav-listen-inline button:visible")
    assert second.count() == 1 and second.inner_text().startswith("🔇") and second.is_disabled()
    page.goto(f"{server.url}/?lang=ti&routes=france-travail")
    wait_idle(page)
    card(page, "france-travail")
    shown = card(page, "france-travail").locator("xpath=..").locator("button:visible")
    assert shown.count() == 1 and shown.inner_text().startswith("🔇") and shown.is_disabled()
    page.close()


@pytest.fixture(scope="module")
def relay():
    """A page of plain HTML buttons answered by its one component (relay_page.py)."""
    s = Server(script=Path(__file__).parent / "relay_page.py")
    yield s
    s.stop()


def screen_shown(page) -> str:
    return page.locator("#screen").inner_text()


def test_html_buttons_are_answered_by_the_screens_one_component_one_tap_one_step(relay, browser):
    page = browser.new_page()
    page.goto(relay.url)
    wait_idle(page)
    assert screen_shown(page) == "Screen 1"
    page.locator("#next").click()
    wait_idle(page)
    assert screen_shown(page) == "Screen 2"
    assert "Last tap seen by the script: none" in page.inner_text("body")  # the tap was for screen 1, now left
    page.evaluate("() => { const b = document.getElementById('next'); b.click(); b.click(); }")  # two presses at once
    wait_idle(page)
    page.wait_for_timeout(500)
    wait_idle(page)
    assert screen_shown(page) == "Screen 3"
    page.locator("#next").focus()  # a real button: it takes the keyboard's focus, and Enter or Space presses it
    assert page.evaluate("document.activeElement.id") == "next"
    page.keyboard.press("Enter")
    wait_idle(page)
    assert screen_shown(page) == "Screen 4"
    page.locator("#back").focus()
    page.keyboard.press("Space")
    wait_idle(page)
    assert screen_shown(page) == "Screen 3"
    page.close()
