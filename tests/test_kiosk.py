"""Kiosk mode below the browser: it survives Start over, the next visitor starts in the kiosk's language, cards lead
nowhere outside the app, nothing is offered for download."""

import re
from pathlib import Path

import pytest
from app_helpers import language_button, texts
from factories import TODAY
from streamlit.testing.v1 import AppTest

from navigator.presentation.cards import card_html
from navigator.ui.session_keys import Key

APP = str(Path(__file__).resolve().parent.parent / "navigator_app.py")


@pytest.fixture
def url_kiosk(monkeypatch):
    monkeypatch.setenv("NAVIGATOR_KIOSK_KEY", "switch")
    monkeypatch.delenv("NAVIGATOR_KIOSK", raising=False)


def test_kiosk_mode_from_the_url_survives_start_over_and_the_language_goes_back(url_kiosk):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["kiosk"] = "switch"
    at.run()
    language_button(at, "ar").click().run()
    assert at.session_state[Key.LANG] == "ar"
    at.button(key="start_over").click().run()
    assert not at.exception
    assert at.session_state[Key.KIOSK] is True
    assert at.query_params["kiosk"] in ("switch", ["switch"])
    assert at.session_state[Key.LANG] != "ar", "the next visitor starts in the kiosk's language"
    assert at.session_state[Key.STEP] == 0


def test_start_over_on_a_personal_device_keeps_the_language_and_leaves_a_shared_link():
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = "uk"
    at.query_params["routes"] = "adie"
    at.run()
    at.button(key="start_over").click().run()
    assert not at.exception
    assert at.session_state[Key.LANG] == "uk"
    assert "routes" not in at.query_params
    assert at.session_state[Key.STEP] == 0


def test_kiosk_cards_have_no_link_out_of_the_app(catalogue):
    for programme in catalogue:
        html = card_html(programme, "fr", TODAY, full=True, kiosk=True)
        assert not re.search(r"<a\b", html), programme.id
        if programme.contacts.website:
            assert str(programme.contacts.website) in html.replace("&amp;", "&") and 'class="nav-qr"' in html


def test_cards_elsewhere_keep_their_links(catalogue):
    assert 'href="https://' in card_html(catalogue.get("adie"), "fr", TODAY)


def test_a_kiosk_offers_no_download(monkeypatch):
    monkeypatch.setenv("NAVIGATOR_KIOSK", "1")
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = "fr"
    at.query_params["routes"] = "adie,coopaname"
    at.run()
    assert not at.exception
    assert at.button(key="print_sheet") is not None
    assert at.get("download_button") == [] and "/sheet?" not in texts(at)


def test_a_phone_gets_the_sheet_as_a_pdf_and_a_kiosk_never(monkeypatch):
    """Off the kiosk the download is the PDF sheet (never the HTML file); the same shared link on a kiosk offers none."""
    monkeypatch.delenv("NAVIGATOR_KIOSK", raising=False)
    monkeypatch.delenv("NAVIGATOR_KIOSK_KEY", raising=False)
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = "ar"
    at.query_params["routes"] = "adie,coopaname"
    at.run()
    assert not at.exception
    (label,) = re.findall(r'<a class="nav-button nav-download" href="/sheet\?[^"]+"[^>]*>(.*?)</a>', texts(at))
    assert label.endswith("(PDF)")
    monkeypatch.setenv("NAVIGATOR_KIOSK", "1")
    at.run()
    assert "/sheet?" not in texts(at)
