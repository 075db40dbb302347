"""End to end in headless chromium: phone flow, right-to-left, shared link, kiosk reset, accessibility, privacy."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser_helpers import ARTIFACTS, ROOT, Server, card, click_key, pill, shot, tap_next, wait_idle

from navigator.i18n import LANGUAGES, translator
from navigator.presentation.labels import label
from navigator.vocabulary import Project

pytestmark = pytest.mark.browser

STREAMLIT_ENGLISH = [
    "Choose an option",
    "Press Enter to apply",
    "No results",
    "No options to select",
    "Deploy",
    "Drag and drop",
    "Skip to main content",
]
MARKER = "Zqxjkvwyb"


def full_flow(page, base: str, lang_button: str, project_text: str, place: str, prefix: str) -> None:
    page.goto(base)
    wait_idle(page)
    shot(page, f"{prefix}-0-language")
    click_key(page, lang_button)
    pill(page, "q_projects", project_text)
    shot(page, f"{prefix}-1-projects")
    click_key(page, "nav_next")
    page.locator(".st-key-q_age input").fill("28")
    page.locator(".st-key-q_age input").press("Enter")
    wait_idle(page)
    shot(page, f"{prefix}-2-age")
    for step in (3, 4, 5):
        click_key(page, "nav_next")
        shot(page, f"{prefix}-{step}-question")
    click_key(page, "nav_next")
    page.locator(".st-key-q_place input").fill(place)
    page.locator(".st-key-q_place input").press("Enter")
    wait_idle(page)
    shot(page, f"{prefix}-6-place")
    click_key(page, "nav_next")
    shot(page, f"{prefix}-7-results")


def test_full_flow_on_a_phone(server, phone):
    full_flow(phone, server.url, "lang_en", "Learn French", "86000", "phone-en")
    card(phone, "infolang-poitiers")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360 + 2, "the page must not scroll sideways on a 360 px phone"


def test_arabic_flow_is_right_to_left_with_numbers_left_to_right(server, phone):
    full_flow(phone, server.url, "lang_ar", label(Project.LEARN_FRENCH, "ar"), "86000", "phone-ar")
    main_dir = phone.evaluate("getComputedStyle(document.querySelector('[data-testid=\"stMain\"]')).direction")
    assert main_dir == "rtl"
    card = phone.locator('[data-programme="infolang-poitiers"]')
    assert card.evaluate("el => getComputedStyle(el).direction") == "rtl"
    phone.goto(f"{server.url}/?lang=ar&routes=france-travail")
    wait_idle(phone)
    number = phone.locator('a[href^="tel:"] bdi').first
    assert number.evaluate("el => getComputedStyle(el).direction") == "ltr"
    shot(phone, "phone-ar-shared-phone-number")


def test_a_shared_link_reopens_the_routes(server, phone):
    phone.goto(f"{server.url}/?lang=uk&routes=infolang-poitiers,wejob-bordeaux")
    wait_idle(phone)
    card(phone, "infolang-poitiers")
    card(phone, "wejob-bordeaux")
    assert "Довідковий пункт Infolang" in phone.inner_text("body")
    shot(phone, "shared-link-uk")


@pytest.mark.parametrize(
    "query",
    [
        "?lang=zz&routes=%3Cscript%3Ealert(1)%3C/script%3E",
        "?routes=" + "x" * 3000,
        "?lang=ar&lang=en&routes=a&routes=b",
        "?kiosk=1&step=99",
    ],
)
def test_a_tampered_url_opens_a_friendly_page(server, phone, query):
    phone.goto(server.url + "/" + query)
    wait_idle(phone)
    body = phone.inner_text("body")
    assert "Traceback" not in body and "Error" not in body
    assert phone.locator('[data-testid="stException"]').count() == 0


@pytest.mark.parametrize("lang", ["ar", "ti", "uk"])
def test_no_streamlit_english_on_a_translated_page(server, desktop, lang):
    desktop.goto(f"{server.url}/?lang={lang}")
    wait_idle(desktop)
    click_key(desktop, f"lang_{lang}")
    click_key(desktop, "nav_next")
    for _ in range(4):
        click_key(desktop, "nav_next")
    body = desktop.inner_text("body")
    for english in STREAMLIT_ENGLISH:
        assert english not in body


@pytest.mark.parametrize("lang", [code for code in LANGUAGES if code != "en"])
def test_the_skip_link_speaks_the_page_s_language(server, desktop, lang):
    """The first thing a keyboard reaches is Streamlit's skip link: it reads in the page's language, on the language
    screen and on a question, and the document says which language it is in (screen readers pick their voice by it)."""
    desktop.goto(f"{server.url}/?lang={lang}")
    wait_idle(desktop)
    skip = translator(lang).gettext("Skip to main content")
    assert skip != "Skip to main content"
    desktop.keyboard.press("Tab")
    assert desktop.evaluate("document.activeElement.innerText") == skip
    for screen in ("language", "question"):
        if screen == "question":
            click_key(desktop, f"lang_{lang}")
        assert desktop.locator('[data-testid="stSkipToContent"]').inner_text() == skip, screen
        body = desktop.inner_text("body")
        assert not [english for english in STREAMLIT_ENGLISH if english in body], screen
        assert desktop.evaluate("document.documentElement.lang") == lang


def test_tigrinya_letters_have_a_font(server, desktop):
    desktop.goto(f"{server.url}/?lang=ti")
    wait_idle(desktop)
    desktop.evaluate("document.fonts.ready")
    desktop.wait_for_timeout(500)
    loaded = desktop.evaluate("document.fonts.check('20px \"Noto Sans Ethiopic\"', 'ትግርኛ')")
    shot(desktop, "tigrinya-language-screen")
    assert loaded


@pytest.mark.parametrize("page_name", ["language", "question", "results"])
def test_no_serious_accessibility_violation(server, desktop, page_name):
    desktop.goto(server.url)
    wait_idle(desktop)
    if page_name != "language":
        click_key(desktop, "lang_en")
    if page_name == "results":
        pill(desktop, "q_projects", "Learn French")
        tap_next(desktop, 6)
    results = Axe().run(desktop)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    (ARTIFACTS / f"axe-{page_name}.txt").write_text(results.generate_report())
    assert serious == [], [(v["id"], v["help"]) for v in serious]


def test_no_request_leaves_the_server(server, browser):
    """A whole session: every request goes to the app's own host."""
    context = browser.new_context(viewport={"width": 1080, "height": 1920})
    page = context.new_page()
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).hostname or request.url.split(":")[0]))
    full_flow(page, server.url, "lang_fa", label(Project.LEARN_FRENCH, "fa"), "86000", "privacy-fa")
    context.close()
    # data: and blob: URLs are made inside the page (Streamlit imports the listen button's inline script from a blob:)
    assert hosts <= {"localhost", "127.0.0.1", "data", "blob"}, hosts


def test_nothing_answered_is_written_or_logged(browser):
    """Unusual marker answers are found neither in the server's logs nor in any file the app can write."""
    server = Server()
    try:
        context = browser.new_context()
        page = context.new_page()
        page.goto(server.url)
        wait_idle(page)
        click_key(page, "lang_en")
        for _ in range(5):
            click_key(page, "nav_next")
        page.locator(".st-key-q_place input").fill(MARKER)
        page.locator(".st-key-q_place input").press("Enter")
        wait_idle(page)
        click_key(page, "nav_next")
        context.close()
    finally:
        server.stop()
    assert MARKER not in server.log.read_text()
    skipped = {".venv", ".git", "test-artifacts", "__pycache__", ".pytest_cache"}
    written = [p for p in ROOT.rglob("*") if p.is_file() and not skipped & set(p.parts) and p.stat().st_size < 5_000_000]
    assert not [p for p in written if MARKER.encode() in p.read_bytes() and p.suffix != ".py"]


def test_a_malicious_catalogue_shows_text_not_markup(browser):
    server = Server({"NAVIGATOR_CATALOGUE": str(ROOT / "tests" / "fixtures" / "malicious_catalogue")})
    try:
        page = browser.new_page()
        page.goto(f"{server.url}/?lang=fr&routes=evil-programme")
        wait_idle(page)
        shot(page, "malicious-catalogue")
        card = page.locator('[data-programme="evil-programme"]')
        assert card.count() == 1
        assert page.evaluate("window.__xss") is None
        assert card.locator("script, img, iframe, style, b").count() == 0
        assert card.locator("a").count() == 0  # no contact declared: no link at all
        assert "<script>" in card.inner_text()  # shown as text
        page.close()
    finally:
        server.stop()


def test_kiosk_resets_after_inactivity(browser):
    server = Server({"NAVIGATOR_KIOSK": "1", "NAVIGATOR_RESET_SECONDS": "6"})
    try:
        page = browser.new_page()
        page.goto(server.url)
        wait_idle(page)
        assert page.locator('[data-testid="stToolbar"]').evaluate_all("els => els.every(e => getComputedStyle(e).display === 'none')")
        click_key(page, "lang_en")
        pill(page, "q_projects", "Learn French")
        assert page.locator(".st-key-q_projects").count() == 1  # on the first question
        page.wait_for_selector(".st-key-lang_fr", timeout=30_000)  # back on the language screen
        shot(page, "kiosk-after-reset")
        page.close()
    finally:
        server.stop()


def test_start_over_is_always_there_and_wipes_the_answers(server, phone):
    phone.goto(server.url)
    wait_idle(phone)
    click_key(phone, "lang_en")
    pill(phone, "q_projects", "Find a job")
    click_key(phone, "start_over")
    assert phone.locator(".st-key-lang_fr").count() == 1


@pytest.mark.parametrize(("width", "height"), [(1080, 1920), (1920, 1080)])
def test_kiosk_screens(server, browser, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    full_flow(page, server.url, "lang_ps", label(Project.LEARN_FRENCH, "ps"), "86000", f"kiosk-{width}x{height}-ps")
    card(page, "infolang-poitiers")
    context.close()


def test_screenshots_were_saved():
    assert any(Path(ARTIFACTS).glob("*.png"))
