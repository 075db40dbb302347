"""Every server a script starts is stopped when the script ends: at its last line, on a failure, on Ctrl-C or a kill.

The scripts register their clean-ups with scripts/on_exit.sh; these tests start a real throw-away PostgreSQL the way
test.sh does (scripts/postgres.sh), end the script in each way, and check the server process and its folder are gone;
then they start scripts/serve.sh and stop it, and check its app processes, nginx and PostgreSQL are gone.
"""

from __future__ import annotations

import glob
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HAS_POSTGRES = bool(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl")) or os.geteuid() == 0

needs_postgres = pytest.mark.skipif(not HAS_POSTGRES, reason="PostgreSQL is not installed and cannot be (not root)")

#: What test.sh and serve.sh do before their real work; `$1` says how the script then ends.
SCRIPT = """
. scripts/on_exit.sh
. scripts/postgres.sh
on_exit postgres_stop
postgres_start || exit 99
echo "$POSTGRES_DIR"
head -n 1 "$POSTGRES_DIR/data/postmaster.pid"
case "$1" in
  end) ;;
  fail) set -e; false ;;
  wait) sleep 60 & on_exit "kill $!"; wait ;;  # as serve.sh waits for its servers
esac
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def start(how: str) -> tuple[subprocess.Popen, str, int]:
    script = subprocess.Popen(["bash", "-c", SCRIPT, "script", how], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    folder = script.stdout.readline().strip()
    pid = script.stdout.readline().strip()
    if not pid:
        script.wait()
        pytest.fail(f"PostgreSQL did not start (script status {script.returncode})")
    return script, folder, int(pid)


def assert_stopped(folder: str, pid: int) -> None:
    deadline = time.monotonic() + 10
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not alive(pid), f"PostgreSQL {pid} still running after its script ended"
    assert not Path(folder).exists(), f"{folder} left behind"


@pytest.mark.servers
@needs_postgres
@pytest.mark.parametrize(("how", "status"), [("end", 0), ("fail", 1)])
def test_postgres_is_stopped_when_the_script_ends(how, status):
    script, folder, pid = start(how)
    assert alive(pid)
    assert script.wait(timeout=60) == status
    assert_stopped(folder, pid)


@pytest.mark.servers
@needs_postgres
@pytest.mark.parametrize(("sig", "status"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_postgres_is_stopped_when_the_script_is_killed(sig, status):
    script, folder, pid = start("wait")
    assert alive(pid)
    time.sleep(0.3)  # in its sleep
    script.send_signal(sig)
    assert script.wait(timeout=60) == status
    assert_stopped(folder, pid)


def test_test_sh_registers_the_clean_up_before_starting_postgres():
    """test.sh itself cannot run inside the suite (it installs packages); it must use the same two helpers."""
    lines = (ROOT / "test.sh").read_text().splitlines()
    sourced = [n for n, line in enumerate(lines) if line.strip() in (". scripts/on_exit.sh", ". scripts/postgres.sh")]
    start_line = next(n for n, line in enumerate(lines) if "postgres_start" in line)
    assert len(sourced) == 2 and max(sourced) < start_line
    assert lines[start_line].index("on_exit postgres_stop") < lines[start_line].index("postgres_start")


NGINX_READY = shutil.which("nginx") is not None or Path("/usr/sbin/nginx").exists() or os.geteuid() == 0


def listening(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return False
    return True


@pytest.mark.servers
@needs_postgres
@pytest.mark.skipif(not NGINX_READY, reason="nginx is not installed and cannot be (not root)")
def test_serve_sh_stops_its_processes_proxy_and_database():
    """scripts/serve.sh 2 (with the floor page, quick to start): everything it started is gone once it is stopped."""
    port = free_port()
    serve = subprocess.Popen(
        ["bash", "scripts/serve.sh", "2", "--port", str(port), "--script", "scripts/floor_page.py"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={k: v for k, v in os.environ.items() if k not in ("NAVIGATOR_DATABASE_URL", "NAVIGATOR_STATS")},
    )
    lines = []
    try:
        for line in serve.stdout:
            lines.append(line.strip())
            if line.startswith("ready"):
                break
        assert lines and lines[-1].startswith("ready"), lines
        database_port = int(next(line for line in lines if line.startswith("statistics:")).rsplit(":", 1)[1].split("/")[0])
        apps = [(int(w[3]), int(w[5])) for w in (line.split() for line in lines if line.startswith("app "))]
        run_dir = Path(lines[-1].rsplit(" ", 1)[1].rstrip(")"))
        nginx_pid = int((run_dir / "nginx.pid").read_text())
        assert len(apps) == 2 and listening(port) and listening(database_port)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=5) as answer:
            assert answer.read() == b"ok"
    finally:
        serve.send_signal(signal.SIGTERM)
        serve.wait(timeout=60)
    for pid in [nginx_pid, *(pid for pid, _ in apps)]:
        assert_stopped(str(run_dir), pid)
    assert not any(listening(p) for p in [port, database_port, *(app_port for _, app_port in apps)])


@pytest.mark.servers
@pytest.mark.skipif(not NGINX_READY, reason="nginx is not installed and cannot be (not root)")
def test_serve_sh_starts_again_a_process_that_dies_or_hangs():
    """One process killed, the other frozen (SIGSTOP: it no longer answers /_stcore/health): both are started again."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "NAVIGATOR_DATABASE_URL"} | {
        "NAVIGATOR_STATS": "off",
        "NAVIGATOR_SERVE_GRACE": "5",
        "NAVIGATOR_SERVE_CHECK_SECONDS": "1",
    }
    serve = subprocess.Popen(
        ["bash", "scripts/serve.sh", "2", "--port", str(port), "--script", "scripts/floor_page.py"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    seen: list[str] = []
    try:
        for line in serve.stdout:
            seen.append(line.strip())
            if line.startswith("ready"):
                break
        first = {int(w[1]): int(w[3]) for w in (line.split() for line in seen if line.startswith("app "))}
        os.kill(first[1], signal.SIGKILL)
        os.kill(first[2], signal.SIGSTOP)
        deadline = time.monotonic() + 90
        restarted: dict[int, int] = {}
        while len(restarted) < 2 and time.monotonic() < deadline:
            line = serve.stdout.readline().strip()
            seen.append(line)
            words = line.split()
            if line.startswith("app ") and len(words) == 6 and words[2] == "pid" and int(words[3]) != first[int(words[1])]:
                restarted[int(words[1])] = int(words[3])
        assert set(restarted) == {1, 2}, seen
        assert any("does not answer /_stcore/health" in line for line in seen)
        assert not alive(first[1]) and not alive(first[2])
        for pid in restarted.values():
            assert alive(pid)
    finally:
        serve.send_signal(signal.SIGTERM)
        serve.wait(timeout=60)
