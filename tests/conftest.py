"""Shared fixtures. The real catalogue is loaded once per test session."""

from datetime import date

import pytest

from navigator.loader import load_catalogue
from navigator.search import SearchIndex

#: A fixed day for rules that depend on the date (staleness, experiments' ends).
TODAY = date(2026, 11, 23)


@pytest.fixture(scope="session")
def catalogue():
    """The catalogue shipped in catalogue/, validated."""
    return load_catalogue()


@pytest.fixture(scope="session")
def index(catalogue):
    """The search index over the shipped catalogue."""
    return SearchIndex(catalogue.programmes)
