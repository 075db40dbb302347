"""The per-process caches of what every rerun recomputes: same answer as the function, once per object and arguments."""

from factories import shipped_catalogue

from navigator.rerun_cache import by_identity
from navigator.speech.texts import card_utterance, choice_utterance, interface_utterance
from navigator.vocabulary import Project


class Thing:
    """Unhashable, like a catalogue model."""

    __hash__ = None

    def __init__(self, name):
        self.name = name


def test_by_identity_computes_once_per_object_and_arguments():
    calls = []

    @by_identity(maxsize=2)
    def describe(thing, lang):
        calls.append((thing.name, lang))
        return f"{thing.name}/{lang}"

    a, b = Thing("a"), Thing("a")  # equal content, different objects: a reloaded catalogue
    assert describe(a, "fr") == describe(a, "fr") == "a/fr"
    assert describe(b, "fr") == "a/fr"
    assert describe(a, "en") == "a/en"
    assert calls == [("a", "fr"), ("a", "fr"), ("a", "en")]


def test_by_identity_forgets_the_least_recently_used():
    calls = []

    @by_identity(maxsize=2)
    def name(thing):
        calls.append(thing.name)
        return thing.name

    a, b, c = Thing("a"), Thing("b"), Thing("c")
    name(a), name(b), name(a), name(c)  # b is the least recently used when c comes
    name(a)
    name(b)
    assert calls == ["a", "b", "c", "b"]


def test_cached_utterances_equal_fresh_ones():
    programme = shipped_catalogue().programmes[0]
    assert card_utterance(programme, "uk") == card_utterance.__wrapped__(programme, "uk")
    assert choice_utterance(Project.FIND_JOB, "ar") == choice_utterance.__wrapped__(Project.FIND_JOB, "ar")
    assert interface_utterance("fa", "Next") == interface_utterance.__wrapped__("fa", "Next")
