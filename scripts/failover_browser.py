"""What a visitor sees when the app process holding their session dies: a real browser behind nginx.

    python scripts/failover_browser.py

Starts scripts/serve.sh 2, opens the app in Debian's chromium through nginx, answers the first question, finds the
process holding the session (the one that spent CPU on that tap) and kills it (SIGKILL). The browser
reconnects through nginx to the live process and keeps showing the screen it had; the visitor's next tap starts a
new session there, on the language screen. Prints what the page shows after the kill and after that tap, whether
an error or a "connection" message is on screen, how long it took, and that the flow goes on from there.
Screenshots in test-artifacts/failover-*.png. Not part of the test suite.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT / "tests" / "browser")]

from browser_helpers import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, click_key, wait_idle  # noqa: E402
from load_test import APP, Proxied  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402


def cpu_ns(pid: int) -> int:
    """Nanoseconds a process has run on a CPU (/proc/<pid>/schedstat, finer than /proc/<pid>/stat's ticks)."""
    return int(Path(f"/proc/{pid}/schedstat").read_text().split()[0])


def holder(pids: list[int], ran: dict[int, int]) -> int | None:
    """The process that ran the visitor's tap: the only one that spent real CPU on it (the app hides Streamlit's
    /_stcore/metrics, so its session count cannot be asked; the other process only answers health checks)."""
    busy = sorted(pids, key=lambda pid: ran[pid], reverse=True)
    return busy[0] if ran[busy[0]] > 2_000_000 and ran[busy[0]] > 5 * max(ran[busy[1]], 1) else None


def main() -> int:
    target = Proxied(2, APP)
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            page = browser.new_context(viewport={"width": 360, "height": 780}).new_page()
            page.goto(target.url, timeout=60_000)
            wait_idle(page, 60_000)
            click_key(page, "lang_en")
            page.locator(".st-key-q_projects").wait_for(timeout=30_000)
            pids = target.pids()
            before = {pid: cpu_ns(pid) for pid in pids}
            click_key(page, "nav_next")
            ran = {pid: cpu_ns(pid) - before[pid] for pid in pids}
            page.screenshot(path=str(ARTIFACTS / "failover-1-before.png"))
            pid = holder(pids, ran)
            if pid is None:
                print(f"could not tell which process holds the session: CPU ns during the tap {ran}")
                return 1
            port = dict(zip(pids, target.ports(), strict=True))[pid]
            print(f"session on the process at port {port} (pid {pid}); killing it")
            os.kill(pid, signal.SIGKILL)
            killed = time.monotonic()
            page.wait_for_timeout(3000)  # the browser notices the closed websocket and reconnects through nginx
            page.screenshot(path=str(ARTIFACTS / "failover-2-after-kill.png"))
            meanwhile = page.locator('[data-testid="stApp"]').inner_text()
            print(f"3 s after: the page still shows question 2: {'How old are you?' in meanwhile}")
            page.locator('[class*="st-key-nav_next_s"] button').first.click()  # the visitor's next tap
            try:
                page.locator(".st-key-lang_fr").wait_for(timeout=60_000)
                wait_idle(page, 60_000)
            except Exception:
                page.screenshot(path=str(ARTIFACTS / "failover-3-stuck.png"))
                print("no language screen 60 s after the tap; the page shows:", page.locator("body").inner_text()[:300])
                raise
            back = time.monotonic() - killed
            page.screenshot(path=str(ARTIFACTS / "failover-3-start-over.png"))
            shown = page.locator('[data-testid="stApp"]').inner_text()
            errors = page.locator('[data-testid="stException"]').count()
            words = [w for w in ("Connection error", "Connecting", "Traceback", "Error") if w in shown + meanwhile]
            print(
                f"the next tap opened the language screen ({back:.1f} s after the kill): a clean start on a live process; "
                f"exceptions shown: {errors}; error words on screen: {words or 'none'}"
            )
            click_key(page, "lang_en")
            page.locator(".st-key-q_projects").wait_for(timeout=30_000)
            page.screenshot(path=str(ARTIFACTS / "failover-4-goes-on.png"))
            print("the flow goes on: the first question is shown again")
            browser.close()
            return 0 if errors == 0 and not words else 1
    finally:
        target.stop()


if __name__ == "__main__":
    sys.exit(main())
