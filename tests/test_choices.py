"""A question's answers as HTML toggle buttons (flow.py, listen.choice_buttons): a press reaches the session from the
screen it was made on, with the question's whole answer; what is not one of the question's answers is dropped."""

from __future__ import annotations

from app_helpers import Relayed, choices, choose_language, chosen, next_, relay_choose, relay_events, screen_token, start

from navigator.i18n import translator
from navigator.person.answers import YesNo
from navigator.presentation.labels import label
from navigator.vocabulary import Project


def on_screen(step: int, lang: str = "en"):
    at = choose_language(start(), lang)
    for _ in range(step - 1):
        at = next_(at)
    assert at.session_state["step"] == step
    return at


def test_the_answers_are_buttons_in_the_visitors_language_none_pressed_at_first():
    at = on_screen(1, "uk")
    shown = choices(at, "q_projects")
    assert list(shown) == [p.value for p in Project]
    assert shown["learn_french"] == ("🗣️\u00a0" + label(Project.LEARN_FRENCH, "uk"), False)
    assert chosen(at, "q_projects") == []


def test_presses_keep_every_answer_chosen_in_the_order_chosen():
    at = on_screen(1)
    at = relay_choose(at, "q_projects", ["learn_french"])
    at = relay_choose(at, "q_projects", ["find_job", "learn_french"])  # the browser sends them as shown
    assert at.session_state["q_projects"] == ["learn_french", "find_job"]
    assert chosen(at, "q_projects") == ["find_job", "learn_french"]
    at = relay_choose(at, "q_projects", ["find_job"])  # learn_french pressed again: off
    assert chosen(at, "q_projects") == ["find_job"]
    assert "Next skips this question" not in "".join(e.proto.body for e in at.get("html"))


def test_a_single_answer_question_takes_one_and_a_second_press_clears_it():
    at = on_screen(4)
    at = relay_choose(at, "q_french_level", ["beginner"])
    assert chosen(at, "q_french_level") == ["beginner"]
    at = relay_choose(at, "q_french_level", ["beginner", "fluent"])  # not an answer of a single-answer question
    assert chosen(at, "q_french_level") == ["beginner"]
    at = relay_choose(at, "q_french_level", [])
    assert chosen(at, "q_french_level") == [] and at.session_state["q_french_level"] is None


def test_the_second_question_of_a_screen_is_answered_the_same_way():
    at = on_screen(5, "ar")
    ar = translator("ar").gettext
    assert choices(at, "q_driving_licence")["yes"] == ("✅\u00a0" + ar("Yes"), False)
    at = relay_choose(at, "q_driving_licence", ["yes"])
    assert at.session_state["q_driving_licence"] == YesNo.YES
    at = relay_choose(at, "q_languages", ["ar"])  # not a question of this screen
    assert "q_languages" not in at.session_state or not at.session_state["q_languages"]
    assert not at.exception


def test_a_press_from_a_screen_already_left_does_nothing():
    at = on_screen(1)
    first = screen_token(at)
    at = next_(at)
    at = relay_choose(at, "q_projects", ["find_job"], screen=first)
    assert at.session_state["step"] == 2 and not at.session_state.get("q_projects")
    at = relay_choose(at, "q_projects", ["find_job"])  # the age screen's token: not a question it asks
    assert not at.session_state.get("q_projects")


def test_a_press_and_next_in_one_message_keep_both():
    at = on_screen(1)
    token = screen_token(at)
    at = relay_events(
        at,
        {"event": "choose", "value": {"question": "q_projects", "values": ["training"], "screen": token}},
        {"event": "tap", "value": {"name": "nav_next", "value": "", "screen": token, "n": 1}},
    )
    assert at.session_state["step"] == 2
    assert at.session_state["q_projects"] == [Project.TRAINING]


def test_what_is_not_an_answer_is_dropped_and_nothing_breaks():
    at = on_screen(1)
    token = screen_token(at)
    for bad in (
        {"question": "q_projects", "values": ["learn_french", "<script>alert(1)</script>", "x" * 5000], "screen": token},
        {"question": "q_projects", "values": "learn_french", "screen": token},
        {"question": "q_projects", "values": [1, 2], "screen": token},
        {"question": ["q_projects"], "values": [], "screen": token},
        {"question": "q_projects", "values": ["find_job"], "screen": "x-y"},
        {"question": "q_projects", "values": ["find_job"]},
        "learn_french",
    ):
        at = relay_events(at, {"event": "choose", "value": bad})
        assert not at.exception
    assert chosen(at, "q_projects") == ["learn_french"]
    assert "alert(1)" not in "".join(e.proto.body for e in at.get("html"))


def test_the_priority_neighbourhood_is_not_answered_from_abroad():
    at = on_screen(6)
    at = Relayed(at, "place_abroad").click().run()
    assert not choices(at, "q_qpv")
    at = relay_choose(at, "q_qpv", ["yes"])
    assert not at.session_state.get("q_qpv")
