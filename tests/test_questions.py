"""The flow's questions live in one table: every question is asked on exactly one screen, and the answers' conversions
(yes / no / I don't know, enums, whole-number floats) are done by answers.py."""

from collections import Counter

import pytest

from navigator.person.answers import AGE, DRIVING_LICENCE, PROJECTS, QPV, QUESTIONS, YesNo, profile_from_answers
from navigator.ui.flow import SCREENS
from navigator.ui.session_keys import Key, answer_key
from navigator.vocabulary import Project


def test_every_question_is_asked_on_exactly_one_screen():
    asked = Counter(q for screen in SCREENS for q in screen.questions)
    assert set(asked) == set(QUESTIONS)
    assert all(n == 1 for n in asked.values())


def test_no_session_key_belongs_to_two_screens():
    keys = Counter(key for screen in SCREENS for key in screen.keys)
    assert [key for key, n in keys.items() if n > 1] == []


def test_answer_keys_do_not_collide_with_named_keys():
    assert not {answer_key(q) for q in QUESTIONS} & {str(k) for k in Key if k is not Key.PLACE_TEXT}


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (YesNo.YES, True),
        ("yes", True),  # as a widget may hand it back
        (YesNo.NO, False),
        (YesNo.UNKNOWN, None),  # "I don't know" is not "no"
        (None, None),
    ],
)
@pytest.mark.parametrize("question", [DRIVING_LICENCE, QPV], ids=lambda q: q.key)
def test_yes_no_answers_become_true_false_or_unknown(question, answer, expected):
    person, problems = profile_from_answers({question.key: answer})
    assert getattr(person, question.key) is expected and problems == []


def test_enum_answers_and_whole_float_ages_convert():
    person, problems = profile_from_answers({PROJECTS.key: [Project.LEARN_FRENCH], AGE.key: 28.0})
    assert person.projects == [Project.LEARN_FRENCH] and person.age == 28 and problems == []


def test_a_bad_answer_is_dropped_and_reported_the_rest_kept():
    person, problems = profile_from_answers({AGE.key: 150, PROJECTS.key: [Project.FIND_JOB]})
    assert person.age is None and person.projects == [Project.FIND_JOB]
    assert [field for field, _ in problems] == ["age"]
