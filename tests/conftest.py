"""Shared fixtures. The real catalogue is loaded once per test session."""

import functools
import os
import tempfile

import pytest
from factories import shipped_catalogue
from streamlit.components.v2 import manifest_scanner

from navigator.search.index import SearchIndex

#: Statistics written by the tests (and by the app servers they start) go to a throw-away file.
os.environ.setdefault("NAVIGATOR_STATS_FILE", os.path.join(tempfile.mkdtemp(prefix="navigator-stats-"), "stats.sqlite3"))
#: No national directory snapshot unless a test imports one: the app runs on the curated catalogue, as shipped.
os.environ.setdefault("NAVIGATOR_DATA_DIR", tempfile.mkdtemp(prefix="navigator-data-"))
#: Every AppTest reads the metadata of every installed package for Streamlit components (half a second each time, a
#: third of the AppTest tests' time); the packages do not change during a test run, so they are read once.
manifest_scanner.scan_component_manifests = functools.cache(manifest_scanner.scan_component_manifests)


def pytest_collection_modifyitems(config, items):
    """Server tests (marker `servers`) start real PostgreSQL, nginx and Streamlit processes and wait for them: a run
    narrowed with -m (the everyday `-m "not browser"`) skips them unless its expression names them; a full run, `bash
    test.sh` (NAVIGATOR_TEST_SERVERS=1) and CI run them."""
    expression = config.option.markexpr
    if not expression or "servers" in expression or os.environ.get("NAVIGATOR_TEST_SERVERS") == "1":
        return
    skip = pytest.mark.skip(reason="starts real servers: run by bash test.sh, a run without -m, or -m servers")
    for item in items:
        if "servers" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def catalogue():
    """The catalogue shipped in catalogue/, validated (loaded once per test run)."""
    return shipped_catalogue()


@pytest.fixture(scope="session")
def index(catalogue):
    """The search index over the shipped catalogue."""
    return SearchIndex(catalogue.programmes)


@pytest.fixture
def fresh_catalogue(monkeypatch):
    """A catalogue holder of the app's own for the test (the process's one is left as it was)."""
    from navigator.ui import resources

    holder = resources.CatalogueHolder()
    monkeypatch.setattr(resources, "CATALOGUE", holder)
    return holder


@pytest.fixture
def staff_key(monkeypatch) -> str:
    """A staff key configured on the server (the desks are closed without one), and a fresh count of wrong keys."""
    from app_helpers import STAFF_KEY

    from navigator.ui import staff_access

    monkeypatch.setenv("NAVIGATOR_STAFF_KEY", STAFF_KEY)
    monkeypatch.setattr(staff_access, "LIMITER", staff_access.AttemptLimiter())
    return STAFF_KEY
