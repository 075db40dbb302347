"""The results worked out while the visitor is on the last question (navigator/ui/ahead.py): the same routes as worked
out on the results screen, taken only for the very answers they were worked out for, and never a failure shown."""

import threading
from concurrent.futures import wait

import pytest
from app_helpers import choose_language, next_, start, visible

from navigator.ui import ahead, results


@pytest.fixture
def adopted(monkeypatch):
    """What each call of ahead.adopt answered (whether the results screen took the work done beforehand)."""
    answered = []
    real = ahead.adopt
    monkeypatch.setattr(ahead, "adopt", lambda answers: answered.append(real(answers)) or answered[-1])
    return answered


def _to_place(at, age=None):
    at = next_(choose_language(at, "en"))  # projects left unanswered: many routes, and the gentle question
    if age is not None:
        at.number_input(key="q_age").set_value(age).run()
    for _ in range(4):
        at = next_(at)
    return at


def _typed(at, place: str):
    """The place typed, and the work it started done (as it is while a person reads the screen and reaches for Next)."""
    at.text_input(key="q_place").input(place).run()
    if "ahead" in at.session_state:
        wait([at.session_state["ahead"][1]], timeout=60)
    return at


def _results_text(at) -> str:
    shown = visible(at)
    return shown[shown.index("Your routes") :]


def test_the_results_taken_from_the_work_done_ahead_are_those_worked_out_on_the_results_screen(adopted, monkeypatch):
    at = _typed(_to_place(start()), "86000")
    assert "ahead" in at.session_state
    ahead_text = _results_text(next_(at))
    assert adopted == [True]

    monkeypatch.setattr(ahead, "prepare", lambda answers: None)  # the same flow with nothing worked out beforehand
    at = _to_place(start())
    at.text_input(key="q_place").input("86000").run()
    assert "ahead" not in at.session_state
    inline_text = _results_text(next_(at))
    assert adopted[-1] is False
    assert "We found" in inline_text and "one more answer would narrow them" in inline_text
    assert ahead_text == inline_text


def test_nothing_is_worked_out_ahead_before_the_last_question_has_an_answer():
    at = _to_place(start())
    assert "ahead" not in at.session_state  # the place screen, nothing typed yet
    at.text_input(key="q_place").input("86000").run()
    assert "ahead" in at.session_state


def test_answers_changed_since_the_work_began_are_the_ones_the_results_show(adopted):
    at = _typed(_to_place(start(), age=30), "86000")
    at.session_state["q_age"] = 70  # changed without the place screen being drawn again
    at = next_(at)
    assert adopted == [False]
    person = at.session_state["profile"][1][0]
    assert person.age == 70 and person.postal_code == "86000"
    assert "Your routes" in visible(at)


def test_a_failure_in_the_work_done_ahead_shows_the_results_all_the_same(adopted, monkeypatch, caplog):
    real = results.routes_for

    def failing_ahead(*args):
        if threading.current_thread().name.startswith("results-ahead"):
            raise RuntimeError("broken")
        return real(*args)

    monkeypatch.setattr(results, "routes_for", failing_ahead)
    at = next_(_typed(_to_place(start()), "86000"))
    assert adopted == [False]
    assert not at.exception
    assert "We found" in visible(at)
    assert "working out a visitor's results beforehand failed" in caplog.text


def test_no_work_is_started_ahead_while_the_worker_is_busy_with_another_visitor_s(adopted):
    other = threading.Event()
    busy = ahead._WORKER.submit(other.wait, 60)
    ahead._pending.add(busy)
    busy.add_done_callback(ahead._pending.discard)
    try:
        at = _typed(_to_place(start()), "86000")
        assert "ahead" not in at.session_state
        at = next_(at)
    finally:
        other.set()
        busy.result(timeout=60)
    assert adopted == [False]  # nothing to take: the results screen worked them out itself
    assert "We found" in visible(at)
    at = _typed(_to_place(start()), "86000")  # the worker free again
    assert "ahead" in at.session_state
