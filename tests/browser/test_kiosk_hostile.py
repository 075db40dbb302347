"""A public kiosk in chromium, as a curious visitor uses it: kiosk mode set by the URL key survives every reset, a
reset brings the first screen back from anywhere in the default language, nothing opens outside the app or is
downloaded, the print leaves no window behind, Streamlit's metrics are not served, the staff key leaves the address."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest
from browser_helpers import Server, click_key, pill, shot, wait_idle

pytestmark = pytest.mark.browser

KIOSK_KEY = "kiosk-switch-7"
STAFF_KEY = "staff-desk-key-9"
RESET_SECONDS = 6


@pytest.fixture(scope="module")
def kiosk_server():
    """Kiosk mode by the URL key only (not NAVIGATOR_KIOSK), a short reset, a staff key."""
    s = Server({"NAVIGATOR_KIOSK_KEY": KIOSK_KEY, "NAVIGATOR_RESET_SECONDS": str(RESET_SECONDS), "NAVIGATOR_STAFF_KEY": STAFF_KEY})
    yield s
    s.stop()


@pytest.fixture
def kiosk_page(browser):
    """A kiosk browser whose default language is French; records pop-up windows and print calls in every frame."""
    context = browser.new_context(viewport={"width": 1080, "height": 1920}, locale="fr-FR")
    context.add_init_script("window.print = () => { window.top.__printed = (window.top.__printed || 0) + 1; };")
    page = context.new_page()
    popups: list = []
    context.on("page", lambda opened: popups.append(opened))  # windows opened after the kiosk's own
    page.popups = popups
    yield page
    context.close()


def header_hidden(page) -> bool:
    return page.locator('[data-testid="stToolbar"]').evaluate_all("els => els.every(e => getComputedStyle(e).display === 'none')")


def wait_for_reset(page) -> None:
    page.wait_for_selector(".st-key-lang_fr", timeout=RESET_SECONDS * 1000 + 20_000)
    wait_idle(page)


def test_kiosk_mode_from_the_url_key_survives_every_reset(kiosk_server, kiosk_page):
    page = kiosk_page
    page.goto(f"{kiosk_server.url}/?kiosk={KIOSK_KEY}")
    wait_idle(page)
    assert header_hidden(page)
    for visitor in range(2):  # resets keep happening, for visitor after visitor
        click_key(page, "lang_en")
        pill(page, "q_projects", "Learn French")
        wait_for_reset(page)
        assert page.locator(".st-key-q_projects").count() == 0, f"visitor {visitor}'s answers stay on screen"
        assert header_hidden(page), "the Streamlit header came back after a reset"
        assert f"kiosk={KIOSK_KEY}" in page.url
    click_key(page, "lang_en")
    click_key(page, "start_over")
    assert header_hidden(page) and f"kiosk={KIOSK_KEY}" in page.url
    shot(page, "kiosk-url-key-after-resets")


@pytest.mark.parametrize("where", ["about", "staff", "shared"])
def test_a_reset_brings_the_first_screen_back_from_anywhere_in_the_default_language(kiosk_server, kiosk_page, where):
    page = kiosk_page
    page.goto(f"{kiosk_server.url}/?kiosk={KIOSK_KEY}")
    wait_idle(page)
    click_key(page, "lang_ar")  # a visitor in Arabic
    path = {"about": "about?", "staff": f"staff?key={STAFF_KEY}&", "shared": "?routes=adie,coopaname&"}[where]
    page.goto(f"{kiosk_server.url}/{path}kiosk={KIOSK_KEY}&lang=ar")
    wait_idle(page)
    if where == "staff":
        assert STAFF_KEY not in page.url
        page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=20_000)  # the desk is open
    wait_for_reset(page)
    assert page.locator(".st-key-lang_fr").count() == 1
    assert "/about" not in page.url and "/staff" not in page.url and "routes=" not in page.url
    assert "lang=ar" not in page.url and "lang=fr" in page.url  # the next visitor: the kiosk's own language
    assert (
        page.evaluate("document.documentElement.dir || getComputedStyle(document.querySelector('[data-testid=\"stMain\"]')).direction")
        != "rtl"
    )
    if where == "staff":
        page.goto(f"{kiosk_server.url}/staff?kiosk={KIOSK_KEY}")
        wait_idle(page)
        assert page.locator('[data-testid="stDataFrame"]').count() == 0, "the reset ended the staff unlock"


def test_on_a_kiosk_nothing_opens_outside_the_app_and_nothing_is_downloaded(kiosk_server, kiosk_page):
    page = kiosk_page
    page.goto(f"{kiosk_server.url}/?kiosk={KIOSK_KEY}&lang=fr&routes=adie,coopaname,france-travail")
    wait_idle(page)
    page.locator('[data-programme="adie"]').wait_for(timeout=20_000)
    main = page.locator('[data-testid="stMain"]')
    assert main.locator('a[target="_blank"], a[href^="http"], a[href^="tel:"], a[href^="mailto:"]').count() == 0
    assert page.locator('[data-testid="stDownloadButton"], a.nav-download, a[download]').count() == 0
    assert page.locator('[data-programme="adie"] img.nav-qr').count() >= 1  # the website, to scan
    assert "adie.org" in page.locator('[data-programme="adie"]').inner_text()  # and as text
    click_key(page, "print_sheet")
    page.wait_for_function("window.__printed >= 1", timeout=20_000)
    assert page.popups == [], "printing opened a window that would stay for the next visitor"
    shot(page, "kiosk-shared-no-links")


def test_streamlit_metrics_are_not_served(kiosk_server):
    for path in ("/_stcore/metrics", "/_stcore/metrics/", "/_stcore/agent/openapi.json"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(kiosk_server.url + path, timeout=10)
        assert refused.value.code == 404
    with urllib.request.urlopen(kiosk_server.url + "/_stcore/health", timeout=10) as answer:
        assert answer.read() == b"ok"
