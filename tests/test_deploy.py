"""deploy/: the systemd units are read by systemd's own checker, start the app the way scripts/serve.sh does, and
restart a process that dies or stops answering (the watchdog the served process keeps, navigator/ui/server.py)."""

from __future__ import annotations

import ast
import asyncio
import configparser
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import own_loop
import pytest

from navigator.ui.server import notify, tell_systemd, watchdog_seconds

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
SERVE = ROOT / "scripts" / "serve.sh"


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read_string((DEPLOY / name).read_text().replace("\\\n", " "))
    return parser


def test_an_app_process_listens_on_loopback_on_its_instance_port_and_is_restarted():
    service = unit("navigator@.service")["Service"]
    command = service["ExecStart"].split()
    assert command[command.index("--server.port") + 1] == "%i"
    assert command[command.index("--server.address") + 1] == "127.0.0.1"
    assert service["Restart"] == "always"
    assert service["EnvironmentFile"] == "/etc/navigator/navigator.env"


def test_the_unit_starts_streamlit_with_the_same_options_as_serve_sh():
    command = unit("navigator@.service")["Service"]["ExecStart"].split()
    options = {word for word in command if word.startswith("--") and word != "--server.port"}
    assert options <= set(SERVE.read_text().split())


def test_the_unit_serves_the_same_entry_point_as_serve_sh_and_run_sh():
    """navigator_server.py, the app behind its guard: served as navigator_app.py, /_stcore/metrics answers anyone."""
    command = unit("navigator@.service")["Service"]["ExecStart"].split()
    served = Path(command[command.index("run") + 1]).name
    assert served == "navigator_server.py"
    assert "script=navigator_server.py" in SERVE.read_text()
    assert "navigator_server.py" in (DEPLOY.parent / "run.sh").read_text()


def test_the_example_environment_names_only_documented_settings():
    readme = (DEPLOY.parent / "README.md").read_text()
    names = [
        line.split("=", 1)[0]
        for line in (DEPLOY / "navigator.env.example").read_text().splitlines()
        if "=" in line and not line.startswith("#")
    ]
    assert names and all(f"`{name}" in readme for name in names)


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_systemd_accepts_the_units(tmp_path):
    shutil.copy(DEPLOY / "navigator@.service", tmp_path / "navigator@8601.service")
    shutil.copy(DEPLOY / "navigator.target", tmp_path / "navigator.target")
    checked = subprocess.run(
        ["systemd-analyze", "verify", str(tmp_path / "navigator@8601.service"), str(tmp_path / "navigator.target")],
        capture_output=True,
        text=True,
    )
    # The only complaint allowed here: the app is not installed in /opt/navigator on this machine.
    problems = [line for line in (checked.stdout + checked.stderr).splitlines() if line.strip() and "/opt/navigator" not in line]
    assert problems == []


def test_a_process_that_stops_answering_is_killed_and_started_again():
    """systemd's watchdog: the unit waits for the process to say it is ready and kills it when it stops saying it is
    alive; the entry point the unit serves is the one that says so."""
    service = unit("navigator@.service")["Service"]
    assert service["Type"] == "notify" and service["NotifyAccess"] == "main"
    assert 10 <= int(service["WatchdogSec"]) <= 60
    assert service["Restart"] == "always"
    tree = ast.parse((ROOT / "navigator_server.py").read_text())
    app = next(node for node in tree.body if isinstance(node, ast.Assign) and node.targets[0].id == "app")
    assert any(k.arg == "lifespan" and ast.unparse(k.value) == "systemd_watchdog" for k in app.value.keywords)


def listen_as_systemd(tmp_path: Path) -> socket.socket:
    """A notification socket such as systemd's (NOTIFY_SOCKET): one datagram per message."""
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(tmp_path / "notify"))
    return sock


def messages_within(sock: socket.socket, seconds: float) -> list[bytes]:
    got, deadline = [], time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        sock.settimeout(left)
        try:
            got.append(sock.recv(256))
        except TimeoutError:
            break
    return got


def test_the_served_app_says_ready_once_it_answers_then_alive_and_falls_silent_when_it_hangs(tmp_path):
    """navigator_server.py under a systemd-like notification socket, with a 1.5 s watchdog: READY=1 only once
    /_stcore/health answers, then WATCHDOG=1 about every 0.5 s; frozen (SIGSTOP: alive, answering nothing) it says
    nothing, which is what makes systemd kill it; thawed, it says it is alive again."""
    sys.path.insert(0, str(ROOT / "tests" / "browser"))
    from browser_helpers import free_port

    sock = listen_as_systemd(tmp_path)
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "navigator_server.py"), "--server.headless", "true"]
        + ["--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"]
        + ["--global.developmentMode", "false", "--server.fileWatcherType", "none"],
        cwd=ROOT,
        env=os.environ | {"NOTIFY_SOCKET": str(tmp_path / "notify"), "WATCHDOG_USEC": "1500000", "NAVIGATOR_STATS": "off"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        sock.settimeout(120)
        assert sock.recv(256) == b"READY=1"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=5) as answer:
            assert answer.read() == b"ok"
        alive = messages_within(sock, 2.5)
        assert 3 <= len(alive) and set(alive) == {b"WATCHDOG=1"}
        process.send_signal(signal.SIGSTOP)
        messages_within(sock, 0.3)  # one said just before the freeze
        assert messages_within(sock, 3) == []
        process.send_signal(signal.SIGCONT)
        assert b"WATCHDOG=1" in messages_within(sock, 5)
    finally:
        process.send_signal(signal.SIGCONT)
        process.kill()
        process.wait(timeout=30)
        sock.close()


class Health:
    """A server answering /_stcore/health with `ok` while `answering`, and never answering otherwise."""

    def __init__(self):
        self.answering = True
        self.asked: list[str] = []

    async def handle(self, reader, writer):
        request = await reader.readuntil(b"\r\n\r\n")
        self.asked.append(request.split()[1].decode())
        if self.answering:
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
            await writer.drain()
            writer.close()
        else:
            await asyncio.sleep(60)


def test_the_watchdog_is_fed_only_while_the_health_check_answers(tmp_path):
    sock = listen_as_systemd(tmp_path)
    environ = {"NOTIFY_SOCKET": str(tmp_path / "notify"), "WATCHDOG_USEC": "600000"}
    health = Health()

    async def scenario():
        server = await asyncio.start_server(health.handle, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        task = asyncio.create_task(tell_systemd(lambda: ("127.0.0.1", port, "/base/"), environ, ready_check=0.5))
        loop = asyncio.get_running_loop()
        answering = await loop.run_in_executor(None, messages_within, sock, 1.5)
        health.answering = False
        await loop.run_in_executor(None, messages_within, sock, 0.3)
        hung = await loop.run_in_executor(None, messages_within, sock, 1.5)
        task.cancel()
        server.close()
        return answering, hung

    answering, hung = own_loop.run(scenario())
    assert answering[0] == b"READY=1" and answering[1:].count(b"WATCHDOG=1") >= 3
    assert hung == []
    assert set(health.asked) == {"/base/_stcore/health"}


def test_nothing_is_said_without_systemd_and_the_period_is_only_for_the_watched_process(tmp_path):
    assert notify("READY=1", {}) is False
    assert watchdog_seconds({}) is None
    assert watchdog_seconds({"WATCHDOG_USEC": "30000000"}) == 30
    assert watchdog_seconds({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": str(os.getpid() + 1)}) is None
    assert watchdog_seconds({"WATCHDOG_USEC": "not a number"}) is None
