"""Load test: many real browser sessions through the whole flow, against a freshly started server.

    python scripts/load_test.py                    # 10, 25 and 50 concurrent sessions
    python scripts/load_test.py --sessions 50      # one level
    python scripts/load_test.py --soak-minutes 30  # steady traffic, memory sampled every minute

Each session is a Playwright browser context in Debian's chromium: it picks a
language, answers every question and reaches the results. An interaction's
latency is the time from the click to the app being idle again
(`data-test-script-state="notRunning"`). The server's memory is its resident
set size (/proc), before, at the peak, and after the sessions closed.
Not part of the test suite: it prints figures for the README.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "browser"))

from browser_helpers import CHROMIUM, CHROMIUM_ARGS, Server  # noqa: E402
from playwright.async_api import async_playwright  # noqa: E402

LANGUAGES = ["en", "ar", "fa", "uk", "fr"]
PLACES = ["86000", "33500", "87000", "79000", "47000"]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def idle(page) -> None:
    await page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60_000)


async def timed_click(page, selector: str, expect: str, latencies: list[float]) -> None:
    """Click, then wait until the next screen shows `expect` and the app is idle."""
    start = time.perf_counter()
    await page.locator(selector).first.click()
    await page.wait_for_selector(expect, timeout=60_000)
    await idle(page)
    latencies.append(time.perf_counter() - start)


#: After the language and each Next: what the next screen shows.
SCREENS = [".st-key-q_age", ".st-key-q_statuses", ".st-key-q_french_level", ".st-key-q_mobility", ".st-key-q_place"]


async def one_session(browser, url: str, n: int, latencies: list[float], errors: list[str]) -> None:
    context = await browser.new_context(viewport={"width": 360, "height": 780})
    page = await context.new_page()
    try:
        await page.goto(url, timeout=60_000)
        await page.wait_for_selector(".st-key-lang_fr", timeout=60_000)
        await idle(page)
        await timed_click(page, f".st-key-lang_{LANGUAGES[n % len(LANGUAGES)]} button", ".st-key-q_projects", latencies)
        await timed_click(page, ".st-key-q_projects button", ".st-key-q_projects", latencies)
        for expect in SCREENS:
            await timed_click(page, ".st-key-nav_next button", expect, latencies)
        field = page.locator(".st-key-q_place input")
        await field.fill(PLACES[n % len(PLACES)])
        start = time.perf_counter()
        await field.press("Enter")
        await page.wait_for_selector('[data-testid="stAlertContentSuccess"], [data-testid="stAlert"]', timeout=60_000)
        await idle(page)
        latencies.append(time.perf_counter() - start)
        await timed_click(page, ".st-key-nav_next button", ".nav-card", latencies)
        if await page.locator(".nav-card").count() == 0:
            errors.append(f"session {n}: no results shown")
        if await page.locator('[data-testid="stException"]').count():
            errors.append(f"session {n}: exception shown")
    except Exception as error:  # noqa: BLE001 — a load test counts every failure
        errors.append(f"session {n}: {type(error).__name__}: {str(error)[:120]}")
    finally:
        await context.close()


async def level(server: Server, browser, sessions: int) -> dict:
    latencies: list[float] = []
    errors: list[str] = []
    before = rss_mb(server.process.pid)
    peak = before

    async def sample():
        nonlocal peak
        while True:
            peak = max(peak, rss_mb(server.process.pid))
            await asyncio.sleep(0.5)

    sampler = asyncio.create_task(sample())
    started = time.perf_counter()
    await asyncio.gather(*(one_session(browser, server.url, n, latencies, errors) for n in range(sessions)))
    elapsed = time.perf_counter() - started
    sampler.cancel()
    await asyncio.sleep(8)  # past server.disconnectedSessionTTL: closed sessions are dropped
    after = rss_mb(server.process.pid)
    ordered = sorted(latencies) or [0.0]
    return {
        "sessions": sessions,
        "interactions": len(latencies),
        "p50_ms": statistics.median(ordered) * 1000,
        "p95_ms": ordered[int(round(0.95 * (len(ordered) - 1)))] * 1000,
        "errors": len(errors),
        "rss_before": before,
        "rss_peak": peak,
        "rss_after": after,
        "per_session_mb": (peak - before) / sessions,
        "seconds": elapsed,
        "error_samples": errors[:3],
    }


async def main(levels: list[int], soak_minutes: float) -> None:
    server = Server({"NAVIGATOR_STATS": "off"}, ["--server.disconnectedSessionTTL", "5"])
    server_args_note = "disconnectedSessionTTL 5 s"
    try:
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            await one_session(browser, server.url, 0, [], [])  # warm-up: the catalogue and indexes load once per process
            await asyncio.sleep(8)
            print(f"server pid {server.process.pid}, {server_args_note}; chromium {browser.version}; after one warm-up session")
            print(
                "| concurrent sessions | interactions | p50 ms | p95 ms | errors | server RSS before MB | peak MB | after MB | growth per session MB |"
            )
            print("|---|---|---|---|---|---|---|---|---|")
            for sessions in levels:
                r = await level(server, browser, sessions)
                print(
                    f"| {r['sessions']} | {r['interactions']} | {r['p50_ms']:.0f} | {r['p95_ms']:.0f} | {r['errors']} "
                    f"| {r['rss_before']:.0f} | {r['rss_peak']:.0f} | {r['rss_after']:.0f} | {r['per_session_mb']:.2f} |",
                    flush=True,
                )
                for sample in r["error_samples"]:
                    print(f"    {sample}")
            if soak_minutes:
                print(f"\nsoak: {soak_minutes:g} minutes, 5 sessions at a time, RSS sampled each minute")
                end = time.monotonic() + soak_minutes * 60
                minute = 0
                done = 0
                failures = 0
                next_sample = time.monotonic()
                while time.monotonic() < end:
                    errors: list[str] = []
                    await asyncio.gather(*(one_session(browser, server.url, done + n, [], errors) for n in range(5)))
                    done += 5
                    failures += len(errors)
                    if time.monotonic() >= next_sample:
                        print(
                            f"  minute {minute:>3}: {done} flows, {failures} errors, server RSS {rss_mb(server.process.pid):.0f} MB",
                            flush=True,
                        )
                        minute += 1
                        next_sample += 60
                await asyncio.sleep(8)
                print(f"  end: {done} flows, {failures} errors, server RSS {rss_mb(server.process.pid):.0f} MB")
            await browser.close()
    finally:
        server.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, action="append", help="concurrent sessions (repeatable); default 1, 10, 25, 50")
    parser.add_argument("--soak-minutes", type=float, default=0, help="then run steady traffic this long")
    args = parser.parse_args()
    asyncio.run(main(args.sessions or [1, 10, 25, 50], args.soak_minutes))
