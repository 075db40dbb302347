"""Load test: many concurrent sessions through the whole flow, against a freshly started server.

    python scripts/load_test.py                      # websocket sessions: 1, 10, 25, 50 at once
    python scripts/load_test.py --browser            # the same with real chromium contexts
    python scripts/load_test.py --sessions 50        # one level
    python scripts/load_test.py --soak-minutes 30    # steady traffic, memory sampled every minute

A session picks a language, answers every question and reaches the results.
By default each session speaks Streamlit's own websocket protocol
(scripts/protocol_client.py): an interaction's latency is the time from the
message the browser would send to the server's `script_finished`. With
--browser each session is a Playwright context in Debian's chromium and the
latency runs from the click to the page being idle again — on this 2-core
machine the browsers, not the server, then dominate. The server's memory is
its resident set size (/proc) before, at the peak, and after the sessions closed.
Not part of the test suite: it prints figures for the README.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "browser"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from browser_helpers import CHROMIUM, CHROMIUM_ARGS, Server  # noqa: E402
from playwright.async_api import async_playwright  # noqa: E402
from protocol_client import Session  # noqa: E402

from navigator.presentation.labels import icon, label  # noqa: E402
from navigator.vocabulary import Project  # noqa: E402

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


#: Seconds a person takes to read and answer between two taps (random in this range); 0 for a burst.
THINK = [0.0, 0.0]


async def think() -> None:
    if THINK[1]:
        await asyncio.sleep(random.uniform(*THINK))


async def protocol_session(browser, url: str, n: int, latencies: list[float], errors: list[str]) -> None:
    """The same flow over the websocket, as the browser would drive it."""
    lang = LANGUAGES[n % len(LANGUAGES)]
    try:
        async with Session(url) as visitor:
            await visitor.run()
            await think()
            latencies.append(await visitor.run(f"lang_{lang}"))
            project = Project.LEARN_FRENCH if n % 2 else Project.FIND_JOB
            visitor.set("q_projects", "strings", [icon(project) + "\u00a0" + label(project, lang)])
            await think()
            latencies.append(await visitor.run())
            for _ in range(5):
                await think()
                latencies.append(await visitor.run("nav_next"))
            visitor.set("q_place", "string", PLACES[n % len(PLACES)])
            await think()
            latencies.append(await visitor.run())
            await think()
            latencies.append(await visitor.run("nav_next"))
            if not any("nav-card" in text for text in visitor.texts):
                errors.append(f"session {n}: no results shown")
    except Exception as error:  # noqa: BLE001 — a load test counts every failure
        errors.append(f"session {n}: {type(error).__name__}: {str(error)[:120]}")


async def level(server: Server, browser, sessions: int, session=one_session) -> dict:
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
    await asyncio.gather(*(session(browser, server.url, n, latencies, errors) for n in range(sessions)))
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


async def main(levels: list[int], soak_minutes: float, use_browser: bool) -> None:
    server = Server({"NAVIGATOR_STATS": "off"}, ["--server.disconnectedSessionTTL", "5"])
    server_args_note = "disconnectedSessionTTL 5 s"
    try:
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            session = one_session if use_browser else protocol_session
            await session(browser, server.url, 0, [], [])  # warm-up: the catalogue and indexes load once per process
            await asyncio.sleep(8)
            mode = f"chromium {browser.version} contexts" if use_browser else "websocket protocol sessions"
            pause = f"think time {THINK[0]:g}–{THINK[1]:g} s" if THINK[1] else "no think time (a burst)"
            print(f"{mode}, {pause}; server pid {server.process.pid}, {server_args_note}; after one warm-up session")
            print(
                "| concurrent sessions | interactions | p50 ms | p95 ms | errors | server RSS before MB | peak MB | after MB | growth per session MB |"
            )
            print("|---|---|---|---|---|---|---|---|---|")
            for sessions in levels:
                r = await level(server, browser, sessions, session)
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
                    await asyncio.gather(*(session(browser, server.url, done + n, [], errors) for n in range(5)))
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
    parser.add_argument("--browser", action="store_true", help="drive real chromium contexts instead of the websocket")
    parser.add_argument(
        "--think", type=float, nargs=2, default=[0.0, 0.0], metavar=("MIN", "MAX"), help="seconds between taps (default 0 0: a burst)"
    )
    args = parser.parse_args()
    THINK[:] = args.think
    asyncio.run(main(args.sessions or [1, 10, 25, 50], args.soak_minutes, args.browser))
