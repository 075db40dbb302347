"""Scripts on a bare machine (only DejaVu and Liberation installed): the app's own fonts draw Bengali, Georgian, Chinese
and Urdu, Urdu reads right to left in Nastaliq, and the printed sheet carries its own fonts."""

from __future__ import annotations

from datetime import date

import pytest
from browser_helpers import card, click_key, pill, shot, wait_idle

from navigator.catalogue.loading import CATALOGUE_DIR, load_catalogue
from navigator.i18n import direction
from navigator.presentation.labels import label
from navigator.presentation.sheet import sheet_html
from navigator.presentation.sheet_fonts import families
from navigator.vocabulary import Project

pytestmark = pytest.mark.browser

FACES = "[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)"


def loaded_faces(page) -> set[str]:
    page.evaluate("document.fonts.ready")
    page.wait_for_timeout(300)
    return set(page.evaluate(FACES))


def test_language_names_are_drawn_by_the_served_fonts(server, desktop):
    desktop.goto(server.url)
    wait_idle(desktop)
    body = desktop.inner_text("body")
    assert "ქართული" in body and "Ქართული" not in body
    assert "বাংলা" in body and "اردو" in body
    assert {"Noto Sans Bengali", "Noto Sans Georgian", "Noto Nastaliq Urdu"} <= loaded_faces(desktop)
    shot(desktop, "scripts-language-screen")
    urdu = desktop.locator(".st-key-lang_ur button p").first
    assert urdu.evaluate("el => getComputedStyle(el).fontFamily").startswith("'Noto Nastaliq Urdu'".replace("'", '"'))


def test_the_chinese_language_name_is_no_box(server, desktop):
    desktop.goto(f"{server.url}/?lang=fr")
    wait_idle(desktop)
    click_key(desktop, "lang_fr")
    for _ in range(3):
        click_key(desktop, "nav_next")
    spoken = desktop.locator(".st-key-q_languages").first
    assert "中文" in spoken.inner_text()
    assert "Noto Sans SC Navigator" in loaded_faces(desktop)
    shot(desktop, "scripts-spoken-languages")


def test_urdu_reads_right_to_left_in_nastaliq(server, phone):
    phone.goto(server.url)
    wait_idle(phone)
    click_key(phone, "lang_ur")
    pill(phone, "q_projects", label(Project.LEARN_FRENCH, "ur"))
    shot(phone, "scripts-urdu-question")
    assert phone.evaluate("getComputedStyle(document.querySelector('[data-testid=\"stMain\"]')).direction") == "rtl"
    title = phone.locator(".nav-question h2").first  # the question's heading, in the screen's block
    assert title.evaluate("el => getComputedStyle(el).fontFamily").startswith('"Noto Nastaliq Urdu"')
    choice = phone.locator(".st-key-q_projects button").first
    size, height = choice.evaluate("el => [parseFloat(getComputedStyle(el).fontSize), parseFloat(getComputedStyle(el).lineHeight)]")
    assert height >= 2 * size, "Nastaliq's stacked letters need taller lines"
    assert "Noto Nastaliq Urdu" in loaded_faces(phone)
    phone.goto(f"{server.url}/?lang=ur&routes=france-travail")
    wait_idle(phone)
    found = card(phone, "france-travail")
    assert found.evaluate("el => getComputedStyle(el).direction") == "rtl"
    assert "France Travail" in found.inner_text()
    shot(phone, "scripts-urdu-card")


@pytest.mark.parametrize("lang", ["ur", "bn", "ka", "ti"])
def test_the_printed_sheet_draws_its_script_with_the_fonts_it_carries(desktop, lang):
    """Opened on its own (as the print frame or a downloaded file is), with no app around it and no system font."""
    programmes = [p for p in load_catalogue(CATALOGUE_DIR).programmes if p.id in ("france-travail", "mission-locale")]
    desktop.set_content(sheet_html(programmes, lang, date(2026, 12, 1), "navigator"))
    desktop.evaluate("document.fonts.ready")
    desktop.wait_for_timeout(300)
    loaded = set(desktop.evaluate(FACES))
    shot(desktop, f"scripts-sheet-{lang}")
    assert set(families(lang)) <= loaded
    assert desktop.evaluate("document.documentElement.dir") == direction(lang)
