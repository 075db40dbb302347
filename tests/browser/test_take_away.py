"""The take-away: the QR code on the screen and on the printed sheet scans back to the same routes, and the sheet for
five routes is compact."""

from __future__ import annotations

import io
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import zxingcpp
from browser_helpers import ARTIFACTS, card, click_key, shot, start_in, tap_next, wait_idle
from PIL import Image
from pypdf import PdfReader

from navigator.catalogue.loading import CATALOGUE_DIR, load_catalogue
from navigator.presentation.sheet import route_codes, share_query, sheet_html
from navigator.ui.state import today

pytestmark = pytest.mark.browser

PROGRAMMES = {p.id: p for p in load_catalogue(CATALOGUE_DIR).programmes}
FIVE = [PROGRAMMES[i] for i in ("afpa-hope", "collectif-alpha-poitiers", "france-travail", "infolang-poitiers", "mission-locale")]


def scanned(element) -> str:
    """What a phone reads from a QR code shown in the page."""
    (found,) = zxingcpp.read_barcodes(Image.open(io.BytesIO(element.screenshot())))
    return found.text


def tick(page, most: int) -> None:
    """Add up to `most` routes to the sheet, one at a time (each tap reruns the page; only fresh routes are pre-chosen
    when every question is skipped)."""
    unticked = page.locator('button.nav-pick[aria-pressed="false"]')
    for _ in range(most):
        if unticked.count() == 0:
            return
        unticked.first.click()
        wait_idle(page)


def test_add_to_my_sheet_is_a_toggle_a_person_sees_and_hears_and_the_link_follows(server, phone):
    """A card's "Add to my sheet" is a button drawn as a ticked or empty box, pressed (aria-pressed) while the route is
    on the sheet: a tap turns it over and the shared link gains or loses the route; a quick second tap on the same
    drawing is one tap, not two; back on a question and forward again, the routes pre-chosen are chosen again (as
    the checkboxes it replaced did)."""
    start_in(phone, server, "en")
    tap_next(phone, 6)
    buttons = phone.locator("button.nav-pick")
    assert buttons.count() >= 5
    first = buttons.first
    assert first.inner_text().strip() == "Add to my sheet" and first.bounding_box()["height"] >= 44
    programme_id = first.get_attribute("data-nav-value")
    code = route_codes(PROGRAMMES)
    code_of = {v: k for k, v in code.items()}
    link = lambda: phone.locator(".nav-shared-link").inner_text()  # noqa: E731
    was = first.get_attribute("aria-pressed")
    assert (code_of[programme_id] in link()) is (was == "true")
    first.click()
    wait_idle(phone)
    assert first.get_attribute("aria-pressed") != was
    assert (code_of[programme_id] in link()) is (was != "true")
    first.dblclick()  # two presses before the screen comes back: one tap
    wait_idle(phone)
    assert first.get_attribute("aria-pressed") == was
    shot(phone, "take-away-pick-en")
    first.click()
    wait_idle(phone)
    click_key(phone, "results_back")
    tap_next(phone)
    assert phone.locator("button.nav-pick").first.get_attribute("aria-pressed") == was


def test_the_qr_code_on_the_results_reopens_the_chosen_routes(server, phone, browser):
    start_in(phone, server, "uk")
    for _ in range(6):
        click_key(phone, "nav_next")  # every question skipped: every route
    tick(phone, 12)  # many routes chosen
    qr = phone.locator('img[src^="data:image/png"][width="220"]')
    qr.scroll_into_view_if_needed()
    shot(phone, "take-away-qr-uk")
    link = scanned(qr)
    assert link.startswith(server.url) and "lang=uk" in link
    other = browser.new_page()  # the phone that scanned it
    other.goto(link)
    wait_idle(other)
    codes = parse_qs(urlsplit(link).query)["routes"][0].split(",")
    assert len(codes) >= 5
    card(other, route_codes(PROGRAMMES)[codes[0]])
    assert other.locator(".nav-card").count() >= len(codes)
    other.close()


@pytest.mark.parametrize("lang", ["fr", "fa", "ti", "ur"])
def test_the_sheet_for_five_routes_fits_on_two_pages_and_its_qr_code_scans(browser, lang):
    link = "https://navigateur.example.org/routes?" + share_query([p.id for p in FIVE], lang)
    page = browser.new_page(viewport={"width": 794, "height": 1123})
    page.emulate_media(media="print")
    page.set_content(sheet_html(FIVE, lang, today(), "Mes routes", link))
    page.wait_for_timeout(300)
    assert scanned(page.locator("img").first) == link
    pdf = page.pdf(format="A4")
    (ARTIFACTS / f"sheet-5-routes-{lang}.pdf").write_bytes(pdf)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 2, f"{pages} A4 pages for 5 routes"
    page.screenshot(path=str(ARTIFACTS / f"sheet-5-routes-{lang}.png"), full_page=True)
    page.close()


def test_a_phone_shares_the_link_through_its_own_share_sheet(server, browser):
    context = browser.new_context(viewport={"width": 360, "height": 780}, is_mobile=True, has_touch=True)
    context.add_init_script("navigator.share = (data) => { window.__shared = data; return Promise.resolve(); };")
    page = context.new_page()
    start_in(page, server, "ar")
    tap_next(page, 6)
    tick(page, 1)
    share = page.locator("button.nav-share")
    share.scroll_into_view_if_needed()
    assert share.is_visible() and share.bounding_box()["height"] >= 44
    share.click()
    shared = page.evaluate("window.__shared")
    assert shared["url"].startswith(server.url) and "lang=ar" in shared["url"]
    context.close()


def test_without_a_share_sheet_there_is_no_share_button(server, desktop):
    desktop.add_init_script("delete Navigator.prototype.share;")
    start_in(desktop, server, "en")
    tap_next(desktop, 6)
    tick(desktop, 1)
    assert desktop.locator("button.nav-share").count() == 1 and desktop.locator("button.nav-share").is_hidden()


def test_on_an_urdu_sheet_the_organisation_reads_whole_on_its_own_line(browser):
    """A right-to-left name and a French organisation on one line split the organisation around the name (its first
    word at the far end of the line): the sheet gives the organisation its own line, as the screen's card does."""
    page = browser.new_page(viewport={"width": 794, "height": 1123})
    page.emulate_media(media="print")
    page.set_content(sheet_html(FIVE, "ur", today(), "Mes routes"))
    urdu = page.locator('.nav-card[lang="ur"]')
    assert urdu.count() == len(FIVE)
    for i, p in enumerate(FIVE):
        title = urdu.nth(i).locator(".nav-card-title").inner_text()
        assert "·" not in title and not title.strip().endswith(p.organisation), title
        assert urdu.nth(i).locator(".nav-org").inner_text().strip() == p.organisation
    shot(page, "sheet-ur-organisation")
    page.close()


def test_a_phone_downloads_the_sheet_as_a_pdf_of_its_routes_in_its_language(server, phone):
    """The link hands over one PDF file (not an HTML page) holding the shared routes, in Tigrinya and French."""
    phone.goto(server.url + "/?" + share_query([p.id for p in FIVE], "ti"))
    wait_idle(phone)
    button = phone.locator("a.nav-download")
    button.scroll_into_view_if_needed()
    assert "PDF" in button.inner_text()
    with phone.expect_download(timeout=60_000) as started:
        button.click()
    download = started.value
    assert download.suggested_filename.endswith(".pdf")
    reader = PdfReader(download.path())
    text = "\n".join(page.extract_text() for page in reader.pages)
    (ARTIFACTS / "sheet-downloaded-ti.pdf").write_bytes(Path(download.path()).read_bytes())
    assert 1 <= len(reader.pages) <= 2
    ethiopic = [w for p in FIVE for w in p.name["ti"].split() if any("\u1200" <= c <= "\u137f" for c in w)]
    assert ethiopic and [w for w in ethiopic if w.strip("()") not in text] == []
    assert all(p.name["fr"].split(" (")[0] in text for p in FIVE)
