"""The language screen lets a person find theirs at once; Start over is where a visitor needs it, not on the desk."""

from __future__ import annotations

import pytest
from browser_helpers import card, click_key, keyed, pill, shot, start_in, tap_next, wait_idle

from navigator.catalogue.loading import load_catalogue
from navigator.i18n import LANGUAGES, native_name, translator
from navigator.presentation.labels import label
from navigator.vocabulary import Project

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


def test_after_skipping_one_gentle_question_leads_back_to_fewer_routes(server, phone):
    """Skipping every question: near the top of the results one line asks (in Tigrinya) for the answer that narrows
    the routes most; its button opens that question, and the primary button there leads straight back to the results."""
    ti = translator("ti").gettext
    start_in(phone, server, "ti")
    for _ in range(6):
        click_key(phone, "nav_skip")
    line = ti("Many routes fit. If you wish, one more answer would narrow them the most:")
    body = phone.inner_text("body")
    assert line in body
    ask = phone.locator(".st-key-narrow_question button")
    assert ti("What do you want to do? You can choose several.") in ask.inner_text()
    box = ask.bounding_box()
    assert box["y"] < phone.locator("[data-programme]").first.bounding_box()["y"], "the line sits near the top, before the routes"
    assert box["height"] >= 44
    shot(phone, "screens-narrowing-ti")
    click_key(phone, "narrow_question")
    pill(phone, "q_projects", label(Project.LEARN_FRENCH, "ti"))
    forward = phone.locator(keyed("nav_next") + " button")
    assert ti("See my results") in forward.inner_text()
    click_key(phone, "nav_next")
    card(phone, "infolang-poitiers")
    assert label(Project.LEARN_FRENCH, "ti") in phone.inner_text("body")


def test_i_live_outside_france_is_a_visible_choice_and_leaves_only_national_routes(server, phone):
    start_in(phone, server, "uk")
    pill(phone, "q_projects", label(Project.FIND_JOB, "uk"))
    tap_next(phone, 5)
    uk = translator("uk").gettext
    abroad = phone.locator(".st-key-place_abroad button")
    assert abroad.is_visible() and uk("I live outside France") in abroad.inner_text()
    click_key(phone, "place_abroad")
    assert uk("You live outside France: we show only the routes open everywhere in France.") in phone.inner_text("body")
    assert phone.locator(".st-key-q_place input").count() == 0
    click_key(phone, "nav_next")
    card(phone, "france-travail")
    shown = phone.eval_on_selector_all("[data-programme]", "els => els.map(e => e.dataset.programme)")
    catalogue = load_catalogue()
    assert shown and all(catalogue.get(i).zone.france for i in shown), shown
