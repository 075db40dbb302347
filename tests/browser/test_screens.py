"""The language screen lets a person find theirs at once; Start over is where a visitor needs it, not on the desk."""

from __future__ import annotations

import pytest
from browser_helpers import click_key, shot, start_in, tap_next, wait_idle

from navigator.i18n import LANGUAGES, native_name

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("locale", "first"), [("fa-AF", "fa"), ("uk-UA", "uk"), ("ti-ER", "ti")])
def test_every_language_is_in_view_on_a_phone_the_browsers_first(server, browser, locale, first):
    context = browser.new_context(viewport={"width": 360, "height": 780}, device_scale_factor=2, is_mobile=True, locale=locale)
    page = context.new_page()
    page.goto(server.url)
    wait_idle(page)
    shot(page, f"screens-languages-{locale}")
    buttons = page.locator(".st-key-lang_grid button")
    assert buttons.count() == len(LANGUAGES)
    assert buttons.first.inner_text() == native_name(first)
    boxes = [b.bounding_box() for b in buttons.all()]
    assert max(b["y"] + b["height"] for b in boxes) <= 780, "a language is below the fold"
    assert min(b["height"] for b in boxes) >= 44
    assert page.locator(".st-key-start_over").is_hidden()  # nothing to start over on the first screen
    click_key(page, f"lang_{first}")
    assert page.locator(".st-key-start_over").is_visible()
    context.close()


def test_start_over_is_offered_at_the_end_of_the_results(server, phone):
    start_in(phone, server, "en")
    tap_next(phone, 6)
    phone.locator(".st-key-start_over_end button").scroll_into_view_if_needed()
    click_key(phone, "start_over_end")
    assert phone.locator(".st-key-lang_grid").count() == 1


def test_the_staff_page_has_no_visitor_start_over_or_language(server, desktop):
    desktop.goto(server.url + "/staff")
    wait_idle(desktop)
    assert desktop.locator(".st-key-start_over").count() == 0
    assert desktop.locator(".st-key-header_lang").count() == 0
