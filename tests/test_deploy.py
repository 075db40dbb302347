"""deploy/: the systemd units are read by systemd's own checker, and start the app the way scripts/serve.sh does."""

from __future__ import annotations

import configparser
import shutil
import subprocess
from pathlib import Path

import pytest

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"
SERVE = Path(__file__).resolve().parent.parent / "scripts" / "serve.sh"


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
