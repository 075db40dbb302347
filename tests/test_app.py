"""The real app script driven with Streamlit's AppTest: flows, back/skip, language switch, shared links."""

import re
from pathlib import Path

import pytest
from app_helpers import (
    APP,
    Relayed,
    choices,
    choose_language,
    chosen,
    language_buttons,
    nav,
    next_,
    pick,
    relay_tap,
    run_flow,
    staff_script,
    start,
    texts,
    unlocked_staff_desk,
    visible,
)
from babel.numbers import parse_decimal
from streamlit.testing.v1 import AppTest

from navigator.i18n import babel_locale, translator
from navigator.ui.session_keys import Key


def test_the_first_screen_offers_the_languages_in_their_own_script():
    at = start()
    assert not at.exception
    labels = set(language_buttons(at))
    assert {"العربية", "ትግርኛ", "Українська", "English", "Français"} <= labels


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        (dict(projects=["learn_french"], age=28, statuses=["refugee"], french="none", place="86000"), "infolang-poitiers"),
        (dict(projects=["apprenticeship"], age=17, statuses=["out_of_school"], place="86000"), "cfa-btp-prepa-apprentissage"),
        (dict(projects=["mobility"], age=35, statuses=["rsa"], mobility="walk", place="33500"), "plateforme-mobilite-libournais"),
        (dict(projects=["find_job"], age=50, statuses=["job_seeker"], place="33000"), "wejob-bordeaux"),
    ],
)
def test_a_full_flow_shows_the_expected_route(persona, expected):
    at = run_flow(**persona)
    assert not at.exception
    assert f'data-programme="{expected}"' in texts(at)


def test_results_are_in_the_chosen_language():
    at = run_flow(lang="ar", projects=["learn_french"], place="86000")
    assert not at.exception
    assert 'dir="rtl"' in texts(at)


def test_back_keeps_the_answers():
    at = choose_language(start(), "en")
    pick(at, "q_projects", ["learn_french", "find_job"])
    at = next_(at)
    at.number_input(key="q_age").set_value(30).run()
    at = next_(at)
    at = nav(at, "nav_back").click().run()
    at = nav(at, "nav_back").click().run()
    assert chosen(at, "q_projects") == ["find_job", "learn_french"]  # as shown, in the list's order
    assert at.session_state["q_projects"] == ["learn_french", "find_job"]  # in the order chosen
    at = next_(at)
    assert at.number_input(key="q_age").value == 30


def test_skip_clears_the_question_and_moves_on():
    at = choose_language(start(), "en")
    at = next_(at)
    at.number_input(key="q_age").set_value(30).run()
    at = nav(at, "nav_skip").click().run()
    assert at.session_state["step"] == 3
    assert "q_age" not in at.session_state or at.session_state["q_age"] is None


def test_switching_language_keeps_the_answers():
    at = choose_language(start(), "en")
    pick(at, "q_projects", ["learn_french"])
    at.selectbox(key="header_lang").set_value("uk").run()
    assert not at.exception
    assert at.session_state["lang"] == "uk"
    assert chosen(at, "q_projects") == ["learn_french"]
    assert at.query_params["lang"] == "uk"  # the URL follows, so a reload keeps the language


def test_the_url_language_is_used():
    at = start(lang="ps")
    assert at.session_state["lang"] == "ps"


@pytest.mark.parametrize("bad", ["xx", "<script>", "a" * 5000])
def test_an_unknown_language_in_the_url_opens_in_french(bad):
    at = start(lang=bad)
    assert not at.exception and at.session_state["lang"] == "fr"


def test_a_shared_link_reopens_the_routes():
    at = start(lang="en", routes="infolang-poitiers,france-travail")
    assert not at.exception
    page = texts(at)
    assert "infolang-poitiers" in page and "france-travail" in page


@pytest.mark.parametrize("routes", ["nope,<script>alert(1)</script>", ",,,,", "x" * 10000, "infolang-poitiers," * 500])
def test_a_tampered_shared_link_opens_a_friendly_page(routes):
    at = start(lang="en", routes=routes)
    assert not at.exception
    said = " ".join(i.value for i in at.info)
    known = "infolang-poitiers" in routes
    assert ("no longer in our list" in said) if known else ("holds no route we know" in said)
    assert "alert(1)" not in texts(at)  # the tampered text is never echoed (the page's own scripts aside)


def test_an_invalid_postal_code_gets_a_clear_message():
    at = choose_language(start(), "en")
    for _ in range(5):
        at = next_(at)
    at.text_input(key="q_place").input("1234").run()
    assert not at.exception
    assert any("5 digits" in w.value for w in at.warning)


def test_a_town_name_offers_matching_towns():
    at = choose_language(start(), "en")
    for _ in range(5):
        at = next_(at)
    at.text_input(key="q_place").input("poitier").run()
    town = Relayed(at, "town", "86000")
    assert "Poitiers" in town.label
    town.click().run()
    assert at.session_state["postal_code"] == "86000"


def test_start_over_wipes_the_answers():
    at = choose_language(start(), "en")
    pick(at, "q_projects", ["learn_french"])
    at = at.button(key="start_over").click().run()
    assert at.session_state["step"] == 0
    assert "q_projects" not in at.session_state or not at.session_state["q_projects"]


def test_nothing_fits_gives_the_general_entry_points():
    at = run_flow(projects=["digital_admin"], age=40, statuses=["retired"], place="97139")  # no route anywhere
    assert not at.exception
    assert any("Nothing in our list fits these answers exactly" in i.value for i in at.info)
    page = texts(at)
    assert "france-travail" in page and "mission-locale" in page


def test_the_staff_page_searches_and_lists_the_catalogue(staff_key):
    at = unlocked_staff_desk().run()
    assert not at.exception
    assert len(at.dataframe[0].value) >= 30  # the catalogue table
    at.text_input(key="staff_query").input("permis libourne").run()
    page = visible(at)
    assert "Plateforme mobilité du Libournais" in page and "plateforme-mobilite-libournais" not in page  # no internal id
    assert "vérifié le" in page and "trouvé dans" not in page and "score" not in page
    assert "pas vérifié depuis le" in page and "not checked since" not in page  # what to re-check, in French
    at.button(key="staff_open_plateforme-mobilite-libournais").click().run()  # a hit opens its card
    assert at.selectbox(key="staff_card").value == "plateforme-mobilite-libournais"
    assert 'data-programme="plateforme-mobilite-libournais"' in texts(at)
    at.selectbox(key="staff_card").set_value("infolang-poitiers").run()
    assert not at.exception and "Infolang" in texts(at)


def _about_script():
    from navigator.ui import about

    about.page()


def test_the_about_page_says_what_is_kept():
    at = AppTest.from_function(_about_script, default_timeout=60)
    at.session_state["lang"] = "en"
    at.run()
    assert not at.exception and "Nothing" in texts(at)


def test_the_about_page_dates_the_checks_it_knows_and_says_some_are_unknown():
    at = AppTest.from_function(_about_script, default_timeout=60)
    at.session_state["lang"] = "uk"
    at.run()
    page = texts(at)
    _ = translator("uk").gettext
    assert not at.exception and "None" not in page
    assert _("For some of them, the date of the last check is unknown: their card says so.") in page  # the national entries


BROKEN = str(Path(__file__).resolve().parent / "fixtures" / "broken_catalogue")


@pytest.fixture
def broken_catalogue(monkeypatch, fresh_catalogue):
    """The app pointed at a broken catalogue, with no good catalogue loaded before."""
    monkeypatch.setenv("NAVIGATOR_CATALOGUE", BROKEN)
    return fresh_catalogue


def test_a_broken_catalogue_gives_the_public_a_calm_message(broken_catalogue):
    at = run_flow(projects=["learn_french"], place="86000")
    assert not at.exception
    assert any("being updated" in w.value for w in at.warning)


def test_a_broken_catalogue_shows_staff_each_file_and_field(broken_catalogue, staff_key):
    at = unlocked_staff_desk().run()
    assert not at.exception
    page = visible(at)
    assert "wrong-fields.yaml" in page and "contacts.phone" in page


def test_the_last_good_catalogue_stays_in_use_when_the_files_break(monkeypatch, fresh_catalogue):
    from navigator.ui import resources

    good, error = resources.get_catalogue()
    assert good is not None and error is None
    monkeypatch.setenv("NAVIGATOR_CATALOGUE", BROKEN)
    resources.reload_catalogue()
    served, error = resources.get_catalogue()
    assert served is good and error is not None


def assisted(visitor_lang: str) -> AppTest:
    """Assisted mode: staff go through the questions in French for a visitor who reads `visitor_lang`."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["lang"] = "fr"
    at.session_state["visitor_lang"] = visitor_lang
    at.session_state["step"] = 1
    return at.run()


def learn_french_in_poitiers(at: AppTest) -> AppTest:
    """From the first question: learning French, the next questions left as they are, living in 86000; the results."""
    pick(at, "q_projects", ["learn_french"])
    for _ in range(5):
        at = next_(at)
    at.text_input(key="q_place").input("86000").run()
    return next_(at)


def test_assisted_mode_asks_in_french_and_answers_in_the_visitors_language():
    """Staff fill the flow in French; the visitor's results and sheet come out in Arabic."""
    at = assisted(visitor_lang="ar")
    assert translator("fr").gettext("What do you want to do? You can choose several.") in texts(at)
    at = learn_french_in_poitiers(at)
    page = texts(at)
    assert not at.exception
    assert 'lang="ar"' in page and 'dir="rtl"' in page  # the cards, in the visitor's language
    assert at.session_state["lang"] == "fr"  # the screens stay in French for staff


def test_the_staff_page_requires_the_key(staff_key):
    at = AppTest.from_function(staff_script, default_timeout=60).run()
    assert not at.exception and len(at.dataframe) == 0  # nothing shown without the key
    at.text_input(key="staff_key_input").input("wrong").run()
    assert len(at.dataframe) == 0 and "Clé incorrecte" in at.error[0].value
    at.text_input(key="staff_key_input").input(staff_key).run()
    assert len(at.dataframe) >= 1


def test_a_route_with_doubtful_information_is_not_pre_chosen_for_the_sheet():
    """Infolang's trial was due to end long ago: shown, with its warning, but not ticked for the sheet."""
    at = run_flow(projects=["learn_french"], place="86000")
    assert not at.exception
    assert re.search(r'data-nav-value="infolang-poitiers" class="nav-pick" aria-pressed="false"', texts(at))
    assert "This trial was due to end on" in texts(at)


def test_a_shared_link_of_short_codes_reopens_the_routes():
    from navigator.presentation.sheet import share_query

    at = start(**dict(q.split("=") for q in share_query(["infolang-poitiers", "france-travail"], "en").split("&")))
    assert not at.exception
    page = texts(at)
    assert 'data-programme="infolang-poitiers"' in page and 'data-programme="france-travail"' in page


def test_assisted_mode_says_the_visitors_language_and_shows_the_french_beside():
    at = assisted(visitor_lang="fa")
    assert any("فارسی" in i.value and "Mode accompagné" in i.value for i in at.info)  # the banner, in the staff's French
    at = learn_french_in_poitiers(at)
    page = texts(at)
    assert not at.exception
    assert page.count('data-programme="infolang-poitiers"') >= 2  # the visitor's card and the French one beside it
    assert 'lang="fa"' in page and 'dir="rtl"' in page and 'lang="fr"' in page


def test_printing_says_what_to_do_when_the_device_cannot_print():
    at = run_flow(lang="uk", projects=["find_job"], place="33000")
    at = nav(at, "print").click().run()
    hint = translator("uk").gettext(
        "If no print window opens, this device cannot print: scan the code with your phone, or ask at the desk."
    )
    assert not at.exception and any(hint in c.value for c in at.caption)


def test_i_live_outside_france_offers_only_routes_open_across_france():
    """A Ukrainian visitor types Poitiers, then says they live abroad: the place and the QPV question go, and the
    results hold only national routes, with a line saying so in Ukrainian."""
    uk = translator("uk").gettext
    at = choose_language(start(), "uk")
    pick(at, "q_projects", ["find_job", "learn_french"])
    for _ in range(5):
        at = next_(at)
    at.text_input(key="q_place").input("86000").run()
    assert at.session_state["postal_code"] == "86000"
    assert choices(at, "q_qpv")
    abroad = Relayed(at, "place_abroad")
    assert abroad.label == "🌍 " + uk("I live outside France") != "🌍 I live outside France"
    abroad.click().run()
    assert not at.exception
    assert "postal_code" not in at.session_state and "q_place" not in at.session_state
    assert [uk("You live outside France: we show only the routes open everywhere in France.") in s.value for s in at.success] == [True]
    assert not choices(at, "q_qpv")
    at = next_(at)
    shown = set(re.findall(r'data-programme="([^"]+)"', texts(at)))
    assert shown and "france-travail" in shown
    assert not shown & {"infolang-poitiers", "collectif-alpha-poitiers", "mission-locale-rurale-haute-vienne"}
    assert any(uk("You live outside France: we show only the routes open everywhere in France.") in i.value for i in at.info)
    at = nav(at, "results_back").click().run()
    Relayed(at, "place_in_france").click().run()
    assert at.text_input(key="q_place").value in ("", None)
    assert Relayed(at, "place_abroad").label == "🌍 " + uk("I live outside France")


def found_count(at: AppTest, lang: str) -> int:
    """The number in "We found N routes for you.", read back in the page's own digits."""
    (line,) = re.findall(r'<div class="nav-intro">.*?<strong>(.+?)</strong>', texts(at))[:1]
    digits = re.search(r"[\d\u06f0-\u06f9\u0660-\u0669]+", line).group(0)
    return int(parse_decimal(digits, locale=babel_locale(lang)))


def test_after_skipping_many_routes_one_gentle_question_opens_its_screen_and_comes_back():
    """Skipping every question gives many routes: one line near the top asks for the answer that narrows them most
    (worked out by the domain); its button opens that question, and Next leads straight back to fewer routes."""
    fa = translator("fa").gettext
    at = choose_language(start(), "fa")
    for _ in range(6):
        at = nav(at, "nav_skip").click().run()
    assert at.session_state["step"] == 7
    before = found_count(at, "fa")
    line = fa("Many routes fit. If you wish, one more answer would narrow them the most:")
    assert line != "Many routes fit. If you wish, one more answer would narrow them the most:"
    assert line in visible(at)
    ask = nav(at, "narrow", None)
    assert ask.label.endswith(fa("What do you want to do? You can choose several."))
    ask.click().run()
    assert at.session_state["step"] == 1
    assert nav(at, "nav_next").label.startswith(fa("See my results"))
    pick(at, "q_projects", ["learn_french"])
    at = next_(at)
    assert at.session_state["step"] == 7
    assert 0 < found_count(at, "fa") < before
    assert line not in visible(at) or nav(at, "narrow", None).label != ask.label
    at = nav(at, "results_back").click().run()
    assert at.session_state["step"] == 6 and nav(at, "nav_next").label.startswith(fa("See my results"))
    assert nav(at, "nav_back").click().run().session_state["step"] == 5  # the ordinary flow again


@pytest.mark.parametrize("value", ["xx", "", "<script>", "fr" * 500])
def test_a_tampered_language_tap_changes_nothing(value):
    at = relay_tap(start(), "lang", value)
    assert not at.exception
    assert at.session_state[Key.STEP] == 0 and at.session_state["lang"] == "fr"
    assert "Français" in language_buttons(at)  # still the language screen


@pytest.mark.parametrize("value", ["75011", "", "<b>", "86000" * 100])
def test_a_town_tap_for_a_town_not_offered_changes_nothing(value):
    at = choose_language(start(), "en")
    for _ in range(5):
        at = next_(at)
    at.text_input(key="q_place").input("poitier").run()
    at = relay_tap(at, "town", value)
    assert not at.exception and at.session_state.get("postal_code") is None
    assert "Which one is yours?" in texts(at)


def test_a_tap_on_the_sheet_toggle_of_a_route_not_shown_adds_nothing_to_the_session():
    at = run_flow(projects=["learn_french"], place="86000")
    assert "pick_infolang-poitiers" in at.session_state  # a card drawn has its toggle
    at = relay_tap(at, "pick", "no-such-route")
    assert not at.exception
    assert "pick_no-such-route" not in at.session_state
