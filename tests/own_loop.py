"""Run a coroutine from a test, whatever ran before it.

Playwright's sync API (the browser tests, collected first) keeps an event loop running in the main thread for the whole
test session, and `asyncio.run` refuses to start inside a running loop. A thread of its own has no loop running."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor


def run(coroutine):
    """`asyncio.run(coroutine)` in a fresh thread; returns its result or raises its exception."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
