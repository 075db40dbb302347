"""Shared fixtures. The real catalogue is loaded once per test session."""

import pytest

from navigator.loader import load_catalogue
from navigator.search import SearchIndex


@pytest.fixture(scope="session")
def catalogue():
    """The catalogue shipped in catalogue/, validated."""
    return load_catalogue()


@pytest.fixture(scope="session")
def index(catalogue):
    """The search index over the shipped catalogue."""
    return SearchIndex(catalogue.programmes)
