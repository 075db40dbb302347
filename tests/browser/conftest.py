"""Fixtures for the browser tests: one app server per session, chromium, phone and kiosk viewports."""

from pathlib import Path

import pytest
from browser_helpers import CHROMIUM, CHROMIUM_ARGS, Server


@pytest.fixture(scope="session")
def server():
    """The app with the shipped catalogue."""
    s = Server()
    yield s
    s.stop()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("chromium is not installed: run `apt-get install chromium` (test.sh does it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def phone(browser):
    """A 360×780 phone viewport."""
    context = browser.new_context(viewport={"width": 360, "height": 780}, device_scale_factor=2, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def desktop(browser):
    context = browser.new_context(viewport={"width": 1080, "height": 1920})
    yield context.new_page()
    context.close()
