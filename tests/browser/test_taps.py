"""Every tap does one thing: one step per tap, each screen from its top, typed places understood, answers kept with a
message, arrows and progress the way the page reads, tap targets of at least 44 px."""

from __future__ import annotations

import pytest
from browser_helpers import card, click_key, keyed, pill, shot, start_in, tap_next, wait_idle

from navigator.i18n import translator

pytestmark = pytest.mark.browser

#: The scroll position of the page, whichever element Streamlit scrolls.
SCROLLED = """() => Math.max(window.scrollY, ...[...document.querySelectorAll(
  '[data-testid="stMain"], [data-testid="stAppViewContainer"], [data-testid="stMainBlockContainer"]')].map(e => e.scrollTop))"""
#: Visible tap targets smaller than 44 px, as "text (height×width)".
SMALL_TARGETS = """() => [...document.querySelectorAll('button, input, [data-testid="stCheckbox"] label, [role="combobox"], [data-testid="stPageLink"] a')]
  .filter(e => e.offsetParent && e.getBoundingClientRect().width > 2 && e.type !== "checkbox")  // its label is tapped
  .map(e => [e, (e.closest('[data-testid="stSelectbox"] [role="group"]') || e).getBoundingClientRect()])  // a select is tapped whole
  .filter(([e, r]) => Math.min(r.height, r.width) < 44)
  .map(([e, r]) => `${(e.innerText || e.getAttribute('aria-label') || e.tagName).trim().slice(0, 30)} (${Math.round(r.height)}×${Math.round(r.width)})`)"""


def question_number(page) -> str:
    return page.locator(".nav-progress").inner_text()


def double_tap(page, key: str) -> None:
    """Two taps 150 ms apart on the same spot of the screen, as a finger does: the second lands on whatever is there."""
    button = page.locator(f"{keyed(key)} button").first
    button.scroll_into_view_if_needed()
    box = button.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.click(x, y)
    page.wait_for_timeout(150)
    page.mouse.click(x, y)
    wait_idle(page)
    page.wait_for_timeout(500)
    wait_idle(page)


@pytest.mark.parametrize("viewport", [(360, 780), (1080, 1920)], ids=["phone", "kiosk"])
def test_a_double_tap_on_next_moves_one_step(server, browser, viewport):
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]}, has_touch=True)
    page = context.new_page()
    start_in(page, server, "en")
    assert question_number(page) == "Question 1 of 6"
    for key, expected in [("nav_next", 2), ("nav_next", 3), ("nav_back", 2), ("nav_skip", 3)]:
        double_tap(page, key)
        shot(page, f"taps-double-{viewport[0]}-{key}-{expected}")
        assert question_number(page) == f"Question {expected} of 6"
    context.close()


def test_each_screen_opens_at_its_top(server, phone):
    start_in(phone, server, "en")
    pill(phone, "q_projects", "Learn French")
    phone.locator(keyed("nav_next") + " button").scroll_into_view_if_needed()
    assert phone.evaluate(SCROLLED) > 100  # the Next button is below the fold on a phone
    click_key(phone, "nav_next")
    phone.wait_for_timeout(300)
    assert phone.evaluate(SCROLLED) == 0
    for _ in range(5):
        phone.locator(keyed("nav_next") + " button").scroll_into_view_if_needed()
        click_key(phone, "nav_next")
    card(phone, "infolang-poitiers")
    phone.wait_for_timeout(300)
    assert phone.evaluate(SCROLLED) == 0
    shot(phone, "taps-results-top")


@pytest.mark.parametrize("typed", ["86000 Poitiers", "Poitiers", "86 000"])
def test_a_typed_place_is_understood_without_tapping_a_suggestion(server, phone, typed):
    start_in(phone, server, "en")
    pill(phone, "q_projects", "Learn French")
    tap_next(phone, 5)
    phone.locator(".st-key-q_place input").fill(typed)
    click_key(phone, "nav_next")  # straight on, without Enter: leaving the field is enough
    body = phone.inner_text("body")
    if "Question 6 of 6" in body:  # the field was read as the tap arrived: one more tap moves on
        assert "86000 Poitiers" in body
        click_key(phone, "nav_next")
        body = phone.inner_text("body")
    assert "you did not say where you live" not in body.lower()
    card(phone, "infolang-poitiers")


def test_an_ambiguous_town_is_asked_about(server, phone):
    start_in(phone, server, "en")
    tap_next(phone, 5)
    phone.locator(".st-key-q_place input").fill("Saint-Denis")
    phone.locator(".st-key-q_place input").press("Enter")
    wait_idle(phone)
    body = phone.inner_text("body")
    assert "Which one is yours?" in body and "93200 Saint-Denis" in body and "97400 Saint-Denis" in body
    phone.locator('[class*="st-key-town_93200"] button').click()
    wait_idle(phone)
    assert "93200 Saint-Denis" in phone.locator('[data-testid="stAlert"]').inner_text()
    shot(phone, "taps-ambiguous-town")


@pytest.mark.parametrize("lang", ["uk", "ar"])
def test_an_age_out_of_range_is_kept_with_a_message_in_the_visitors_language(server, phone, lang):
    phone.goto(f"{server.url}/?lang={lang}")
    wait_idle(phone)
    click_key(phone, f"lang_{lang}")
    click_key(phone, "nav_next")
    age = phone.locator(".st-key-q_age input")
    age.fill("150")
    age.press("Enter")
    wait_idle(phone)
    message = "An age is a number between 0 and 120. Please check it: this answer is not used until then."
    body = phone.inner_text("body")
    assert translator(lang).gettext(message) in body and message not in body
    assert age.input_value() == "150"
    assert "must be" not in body and "less than" not in body  # no English tooltip
    shot(phone, f"taps-age-150-{lang}")


def test_next_without_an_answer_says_it_skips(server, phone):
    start_in(phone, server, "en")
    assert "Next skips this question" in phone.inner_text("body")
    pill(phone, "q_projects", "Find a job")
    assert "Next skips this question" not in phone.inner_text("body")


def test_right_to_left_arrows_and_progress_point_the_reading_way(server, phone):
    start_in(phone, server, "fa")
    click_key(phone, "nav_next")
    assert "⬅️" in phone.locator(keyed("nav_next") + " button").inner_text()
    assert "➡️" in phone.locator(keyed("nav_back") + " button").inner_text()
    track = phone.locator(".nav-progress-track").bounding_box()
    fill = phone.locator(".nav-progress-track > div").first.bounding_box()
    shown_from, shown_to = max(fill["x"], track["x"]), min(fill["x"] + fill["width"], track["x"] + track["width"])
    assert abs(shown_to - (track["x"] + track["width"])) < 2  # filled from the right
    assert shown_from > track["x"] + track["width"] / 2  # question 2 of 6: a third, on the right
    shot(phone, "taps-rtl-progress")


def test_tap_targets_are_at_least_44_px(server, phone):
    start_in(phone, server, "en")
    assert phone.evaluate(SMALL_TARGETS) == []
    pill(phone, "q_projects", "Learn French")
    for _ in range(5):
        click_key(phone, "nav_next")
        assert phone.evaluate(SMALL_TARGETS) == []
    phone.locator(".st-key-q_place input").fill("86000")
    phone.locator(".st-key-q_place input").press("Enter")
    wait_idle(phone)
    click_key(phone, "nav_next")
    card(phone, "infolang-poitiers")
    assert phone.evaluate(SMALL_TARGETS) == []


def test_what_changes_the_frame_redraws_the_whole_page(server, phone):
    """A tap inside a question redraws that screen alone (st.fragment); a new language from the header redraws the
    header and the screen in it, and Back from the first question opens the language screen, with no Start over."""
    fr = translator("fr").gettext
    start_in(phone, server, "en")
    pill(phone, "q_projects", "Learn French")
    click_key(phone, "nav_next")
    assert question_number(phone) == "Question 2 of 6"
    phone.locator('.st-key-header_lang [role="combobox"]').click()
    phone.get_by_role("option", name="Français").click()
    wait_idle(phone)
    assert question_number(phone) == fr("Question {n} of {total}").format(n=2, total=6)
    assert fr("How old are you?") in phone.inner_text("body")
    assert fr("Start over") in phone.locator(".st-key-start_over button").inner_text()
    shot(phone, "taps-language-changed-mid-flow")
    click_key(phone, "nav_back")
    assert fr("What do you want to do? You can choose several.") in phone.inner_text("body")
    click_key(phone, "nav_back")
    assert phone.locator(".st-key-lang_grid button").count() > 10
    assert phone.locator(".st-key-start_over").is_hidden()
    click_key(phone, "lang_en")
    assert question_number(phone) == "Question 1 of 6"
    assert phone.locator(".st-key-start_over").is_visible()
    assert "Learn French" in phone.locator('.st-key-q_projects button[aria-pressed="true"]').inner_text()


def test_the_results_buttons_answer_one_tap_and_the_keyboard(server, browser):
    """The results' Show more, Print and Change my answers (HTML buttons the screen's component relays): a double tap
    on Show more shows one more handful, Print prints once, and Enter on Change my answers goes back one screen."""
    context = browser.new_context(viewport={"width": 360, "height": 780}, has_touch=True)
    context.add_init_script("window.print = () => { window.top.__printed = (window.top.__printed || 0) + 1; };")
    page = context.new_page()
    start_in(page, server, "en")
    for _ in range(6):
        click_key(page, "nav_skip")
    cards = page.locator("[data-programme]")
    card(page, "france-travail")
    before = cards.count()
    assert "Show 5 more routes" in page.locator(keyed("more_all") + " button").inner_text()
    double_tap(page, "more_all")
    assert cards.count() == before + 5
    click_key(page, "print_sheet")
    page.wait_for_function("window.__printed >= 1", timeout=20_000)
    page.wait_for_timeout(500)
    assert page.evaluate("window.__printed") == 1
    back = page.locator(keyed("results_back") + " button")
    back.focus()
    page.keyboard.press("Enter")
    wait_idle(page)
    assert question_number(page) == "Question 6 of 6"
    context.close()


def pressed(page, key: str) -> list[str]:
    """The texts of the pressed answers' buttons of question `key`, as shown."""
    return [b.inner_text() for b in page.locator(f'.st-key-{key} button[aria-pressed="true"]').all()]


def test_answers_pressed_fast_then_next_keep_every_answer(server, phone):
    """Two answers and Next tapped 100 ms apart, no screen waited for: the answers show pressed at once, and both are
    kept when the age screen comes (Back shows them)."""
    start_in(phone, server, "en")
    for text in ("Learn French", "Find a job"):
        phone.locator(".st-key-q_projects button", has_text=text).first.click()
        phone.wait_for_timeout(100)
    assert pressed(phone, "q_projects") == ["💼\u00a0Find a job", "🗣️\u00a0Learn French"]  # at once, as shown
    phone.locator(keyed("nav_next") + " button").first.click()
    wait_idle(phone)
    phone.wait_for_timeout(300)
    wait_idle(phone)
    assert question_number(phone) == "Question 2 of 6"
    click_key(phone, "nav_back")
    assert sorted(t.split("\u00a0", 1)[-1] for t in pressed(phone, "q_projects")) == ["Find a job", "Learn French"]
    phone.locator(".st-key-q_projects button", has_text="Find a job").first.click()  # pressed again: off
    wait_idle(phone)
    assert [t.split("\u00a0", 1)[-1] for t in pressed(phone, "q_projects")] == ["Learn French"]
    shot(phone, "taps-answers-pressed")
