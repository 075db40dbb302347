"""From a person's answers to the routes they can take, with the reasons."""

from navigator.eligibility.matching import Match, match, offered

__all__ = ["Match", "match", "offered"]
