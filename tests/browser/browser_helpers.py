"""Helpers for browser tests: the app served by a real Streamlit server on a free port, driven by Playwright in Debian's chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A Streamlit server started for the tests; its output is kept to check that nothing personal is logged."""

    def __init__(self, env: dict[str, str] | None = None, args: list[str] | None = None, script: Path = ROOT / "navigator_server.py"):
        self.port = free_port()
        self.url = f"http://localhost:{self.port}"
        self.log = ARTIFACTS / f"server-{self.port}.log"
        ARTIFACTS.mkdir(exist_ok=True)
        self._log_file = self.log.open("w")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(script),
                "--server.headless",
                "true",
                "--server.port",
                str(self.port),
                "--server.address",
                "127.0.0.1",
                "--browser.gatherUsageStats",
                "false",
                "--global.developmentMode",
                "false",
                "--server.fileWatcherType",
                "none",
                *(args or []),
            ],
            cwd=ROOT,
            env=os.environ | (env or {}),
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as answer:
                    if answer.read() == b"ok":
                        return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"the app did not start; see {self.log}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self._log_file.close()


def wait_idle(page, timeout: float = 30_000) -> None:
    """Connected, and the script not running."""
    page.wait_for_selector('[data-testid="stApp"][data-test-connection-state="CONNECTED"]', timeout=timeout)
    page.wait_for_timeout(200)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=timeout)
    page.wait_for_timeout(200)


def card(page, programme_id: str):
    """Wait for a programme's card to be shown, and return it."""
    found = page.locator(f'[data-programme="{programme_id}"]').first
    found.wait_for(timeout=20_000)
    return found


#: The guided flow's Back / Skip / Next: their keys carry the screen's step (nav_next_s3, see flow.step_button).
STEP_KEYS = ("nav_back", "nav_skip", "nav_next")


def keyed(key: str) -> str:
    """The CSS selector of the element of widget (or container) `key`; `nav_next` finds the Next button shown."""
    return f'[class*="st-key-{key}_s"]' if key in STEP_KEYS else f".st-key-{key}"


def click_key(page, key: str) -> None:
    page.locator(f"{keyed(key)} button").first.click()
    wait_idle(page)


def start_in(page, server, lang: str) -> None:
    """Open the app in `lang` and tap that language: the first question is shown."""
    page.goto(f"{server.url}/?lang={lang}")
    wait_idle(page)
    click_key(page, f"lang_{lang}")


def tap_next(page, times: int = 1) -> None:
    """Tap Next `times` times, each tap answered before the next."""
    for _ in range(times):
        click_key(page, "nav_next")


def pill(page, key: str, text: str) -> None:
    page.locator(f".st-key-{key} button", has_text=text).first.click()
    wait_idle(page)


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
