"""From a person's answers to the routes they can take, with the reasons."""

from navigator.eligibility.candidates import CandidateIndex
from navigator.eligibility.matching import Match, match, match_offered, offered

__all__ = ["CandidateIndex", "Match", "match", "match_offered", "offered"]
