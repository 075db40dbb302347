"""Several app processes, one set of counts: flows completed on two servers add up in one PostgreSQL database."""

from __future__ import annotations

import os
import sys
import time
from datetime import date
from pathlib import Path

import own_loop
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests" / "browser"), str(ROOT / "scripts")]

from browser_helpers import Server  # noqa: E402
from protocol_client import LANGUAGES, Session, complete_flow  # noqa: E402

from navigator.statistics.store import Metric, Stats  # noqa: E402

URL = os.environ.get("NAVIGATOR_TEST_POSTGRES_URL")
pytestmark = [
    pytest.mark.servers,
    pytest.mark.skipif(not URL, reason="no PostgreSQL server (set NAVIGATOR_TEST_POSTGRES_URL; test.sh starts one)"),
]


async def flows(server: Server, visitors: list[int]) -> None:
    for n in visitors:
        async with Session(server.url) as visitor:
            await complete_flow(visitor, n)


def test_flows_on_two_processes_add_up_in_one_database():
    store = Stats(URL)
    day = date.today()
    before = store.totals(day, day, Metric.FLOW_COMPLETED, minimum=1).get("all", 0)
    languages_before = store.totals(day, day, Metric.LANGUAGE, minimum=1)
    servers = [Server({"NAVIGATOR_DATABASE_URL": URL, "NAVIGATOR_STATS": "on"}) for _ in range(2)]
    try:
        assert servers[0].process.pid != servers[1].process.pid
        own_loop.run(flows(servers[0], [0, 1]))  # two visitors on the first process (en, ar)
        own_loop.run(flows(servers[1], [2]))  # one on the second (fa)
        deadline = time.monotonic() + 15  # writes may be queued in the background
        while store.totals(day, day, Metric.FLOW_COMPLETED, minimum=1).get("all", 0) < before + 3 and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        for server in servers:
            server.stop()
    assert store.totals(day, day, Metric.FLOW_COMPLETED, minimum=1)["all"] == before + 3
    languages = store.totals(day, day, Metric.LANGUAGE, minimum=1)
    for lang in LANGUAGES[:3]:
        assert languages[lang] == languages_before.get(lang, 0) + 1
