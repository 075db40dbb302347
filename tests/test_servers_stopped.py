"""Every server a script starts is stopped when the script ends: at its last line, on a failure, on Ctrl-C or a kill.

The scripts register their clean-ups with scripts/on_exit.sh; these tests start a real throw-away PostgreSQL the way
test.sh does (scripts/postgres.sh), end the script in each way, and check the server process and its folder are gone.
"""

from __future__ import annotations

import glob
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HAS_POSTGRES = bool(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl")) or os.geteuid() == 0

pytestmark = pytest.mark.skipif(not HAS_POSTGRES, reason="PostgreSQL is not installed and cannot be (not root)")

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
  exit3) exit 3 ;;
  wait) sleep 60 & on_exit "kill $!"; wait ;;  # as serve.sh waits for its servers
esac
"""


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


@pytest.mark.parametrize(("how", "status"), [("end", 0), ("fail", 1), ("exit3", 3)])
def test_postgres_is_stopped_when_the_script_ends(how, status):
    script, folder, pid = start(how)
    assert alive(pid)
    assert script.wait(timeout=60) == status
    assert_stopped(folder, pid)


@pytest.mark.parametrize(("sig", "status"), [(signal.SIGTERM, 143), (signal.SIGINT, 130), (signal.SIGHUP, 129)])
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
