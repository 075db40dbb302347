"""Two real app processes on one data folder: an import done while they run is served by both, without a restart."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import own_loop
import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "data_inclusion"
sys.path[:0] = [str(ROOT / "tests" / "browser"), str(ROOT / "scripts")]

from browser_helpers import Server  # noqa: E402
from protocol_client import Session  # noqa: E402

from navigator.presentation.route_codes import route_code  # noqa: E402

pytestmark = pytest.mark.servers

#: An imported service of the fixtures, in Paris; a shared link names it by its short code.
SERVICE = "dora--emploi-paris-11"


async def shows(server: Server) -> bool:
    """A new visitor opening a shared link to the service sees its card on this process."""
    async with Session(server.url, query=f"routes={route_code(SERVICE)}") as visitor:
        await visitor.run()
    assert not visitor.exceptions
    return any(f'data-programme="{SERVICE}"' in text for text in visitor.texts)


def test_an_import_done_while_two_processes_run_is_served_by_both_without_a_restart(tmp_path):
    env = {"NAVIGATOR_DATA_DIR": str(tmp_path), "NAVIGATOR_REFRESH_SECONDS": "1"}
    servers = [Server(env) for _ in range(2)]
    try:
        pids = [server.process.pid for server in servers]
        assert [own_loop.run(shows(server)) for server in servers] == [False, False]  # no snapshot yet
        imported = subprocess.run(
            [
                sys.executable,
                "-m",
                "navigator",
                "import",
                "data-inclusion",
                str(FIXTURES / "services.json"),
                str(FIXTURES / "structures.json"),
            ],
            cwd=ROOT,
            env=os.environ | env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert imported.returncode == 0, imported.stderr
        seen = [False, False]
        deadline = time.monotonic() + 60
        while not all(seen) and time.monotonic() < deadline:
            time.sleep(1)
            seen = [seen[i] or own_loop.run(shows(server)) for i, server in enumerate(servers)]
        assert seen == [True, True]
        assert [server.process.pid for server in servers] == pids and all(s.process.poll() is None for s in servers)
        assert len(list(tmp_path.glob("data-inclusion.index-*.arrow"))) == 1  # the import's prepared file, no other
    finally:
        for server in servers:
            server.stop()
    for server in servers:
        assert "national directory" not in server.log.read_text()  # neither left it aside nor built its own copy
