"""The proxy's generated configuration: read back with nginx's own grammar (crossplane), checked by `nginx -t`, and
run for real in front of two tiny backends to see stickiness, the websocket headers and failing over."""

from __future__ import annotations

import http.server
import json
import os
import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import crossplane
import pytest

from navigator.serving.nginx import COOKIE, Layout, main, nginx_config, site_config

NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
needs_nginx = pytest.mark.skipif(NGINX is None, reason="nginx is not installed (scripts/serve.sh installs it)")
USER = "www-data" if os.geteuid() == 0 else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def parsed(layout: Layout, tmp_path: Path) -> list[dict]:
    """The configuration as crossplane's tree of directives."""
    path = tmp_path / "nginx.conf"
    path.write_text(nginx_config(layout))
    payload = crossplane.parse(str(path), single=True, check_ctx=True, check_args=True)
    assert payload["status"] == "ok", payload["errors"]
    return payload["config"][0]["parsed"]


def find(block: list[dict], name: str, *args: str) -> list[dict]:
    return [d for d in block if d["directive"] == name and list(d["args"][: len(args)]) == list(args)]


def one(block: list[dict], name: str, *args: str) -> dict:
    found = find(block, name, *args)
    assert len(found) == 1, f"{name} {args}: {len(found)} found"
    return found[0]


def http_block(tree):
    return one(tree, "http")["block"]


def locations(tree) -> dict[str, list[dict]]:
    server = one(http_block(tree), "server")["block"]
    return {d["args"][0]: d["block"] for d in find(server, "location")}


def headers(location: list[dict]) -> dict[str, str]:
    return {d["args"][0]: d["args"][1] for d in find(location, "proxy_set_header")}


@pytest.fixture
def three(tmp_path) -> Layout:
    return Layout(listen_port=8500, app_ports=(8601, 8602, 8603), run_dir=tmp_path)


def test_one_upstream_server_per_process_with_passive_health_checks(three, tmp_path):
    upstream = one(http_block(parsed(three, tmp_path)), "upstream", "navigator")["block"]
    servers = [d["args"] for d in find(upstream, "server")]
    assert servers == [[f"127.0.0.1:{port}", "max_fails=2", "fail_timeout=10s"] for port in (8601, 8602, 8603)]


def test_sessions_stick_to_a_process_by_a_cookie_not_by_address(three, tmp_path):
    block = http_block(parsed(three, tmp_path))
    upstream = one(block, "upstream", "navigator")["block"]
    assert one(upstream, "hash")["args"] == ["$navigator_affinity", "consistent"]
    assert find(upstream, "ip_hash") == []
    affinity = one(block, "map", f"$cookie_{COOKIE}", "$navigator_affinity")["block"]
    assert {d["directive"]: d["args"] for d in affinity} == {"": ["$request_id"], "default": [f"$cookie_{COOKIE}"]}
    new_cookie = {d["directive"]: d["args"] for d in one(block, "map", f"$cookie_{COOKIE}", "$navigator_new_cookie")["block"]}
    assert new_cookie["default"] == [""]  # a browser that has the cookie is not given another
    assert new_cookie[""][0].startswith(f"{COOKIE}=$request_id;") and "HttpOnly" in new_cookie[""][0]
    for location in locations(parsed(three, tmp_path)).values():
        assert one(location, "add_header", "Set-Cookie")["args"][1] == "$navigator_new_cookie"


def test_the_websocket_is_upgraded_and_kept_open(three, tmp_path):
    tree = parsed(three, tmp_path)
    stream = locations(tree)["/_stcore/stream"]
    assert one(stream, "proxy_pass")["args"] == ["http://navigator"]
    assert one(stream, "proxy_http_version")["args"] == ["1.1"]
    assert headers(stream)["Upgrade"] == "$http_upgrade"
    assert headers(stream)["Connection"] == "$connection_upgrade"
    upgrade_map = {d["directive"]: d["args"] for d in one(http_block(tree), "map", "$http_upgrade")["block"]}
    assert upgrade_map["default"] == ["upgrade"]
    assert int(one(stream, "proxy_read_timeout")["args"][0].removesuffix("s")) >= 600


def test_plain_requests_keep_their_host_and_reuse_connections(three, tmp_path):
    page = locations(parsed(three, tmp_path))["/"]
    assert one(page, "proxy_pass")["args"] == ["http://navigator"]
    assert headers(page)["Host"] == "$http_host"
    assert headers(page)["Connection"] == ""
    assert "Upgrade" not in headers(page)


def test_listens_on_loopback_and_logs_no_addresses(three, tmp_path):
    tree = parsed(three, tmp_path)
    server = one(http_block(tree), "server")["block"]
    assert one(server, "listen")["args"] == ["127.0.0.1:8500"]
    assert one(http_block(tree), "access_log")["args"] == ["off"]
    assert one(tree, "error_log")["args"][1] == "crit"
    assert one(tree, "pid")["args"] == [str(tmp_path.resolve() / "nginx.pid")]


@pytest.mark.parametrize(
    ("ports", "listen"),
    [
        pytest.param((), 8500, id="no process"),
        pytest.param((8601, 8601), 8500, id="two processes on one port"),
        pytest.param((8500, 8601), 8500, id="a process on the proxy's port"),
        pytest.param((8601, "127.0.0.1:8601"), 8500, id="one process named twice"),
    ],
)
def test_impossible_layouts_are_refused(ports, listen, tmp_path):
    with pytest.raises(ValueError):
        Layout(listen_port=listen, app_ports=ports, run_dir=tmp_path)


def test_processes_on_other_machines_are_named_by_host_and_port(tmp_path, capsys):
    main(["--site", "--listen", "8500", "--app", "8601", "--app", "10.1.2.3:8601", "--app-host", "127.0.0.1"])
    upstream = one(parsed_text(capsys.readouterr().out, tmp_path), "upstream", "navigator")["block"]
    assert [d["args"][0] for d in find(upstream, "server")] == ["127.0.0.1:8601", "10.1.2.3:8601"]


@pytest.mark.parametrize("bad", ["http", "99999", "host:", ":8601"])
def test_a_bad_process_address_is_refused(bad, capsys):
    with pytest.raises(SystemExit):
        main(["--listen", "8500", "--app", bad])
    assert "not a port or host:port" in capsys.readouterr().err


def test_the_command_line_prints_the_configuration(tmp_path, capsys):
    main(["--listen", "8500", "--app", "8601", "--app", "8602", "--run-dir", str(tmp_path)])
    assert capsys.readouterr().out == nginx_config(Layout(8500, (8601, 8602), tmp_path))


@needs_nginx
def test_nginx_accepts_the_configuration(three, tmp_path):
    conf = tmp_path / "nginx.conf"
    conf.write_text(nginx_config(Layout(8500, (8601, 8602, 8603), tmp_path, user=USER)))
    checked = subprocess.run(
        [NGINX, "-t", "-p", str(tmp_path), "-c", str(conf), "-e", str(tmp_path / "error.log")], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stderr


@needs_nginx
def test_the_site_file_works_inside_a_system_nginx(three, tmp_path):
    """deploy/: the site alone, included in the http block of a system nginx.conf (as Debian's conf.d is)."""
    (tmp_path / "navigator.conf").write_text(site_config(three))
    user = f"user {USER};\n" if USER else ""
    conf = tmp_path / "nginx.conf"
    conf.write_text(f"{user}pid {tmp_path}/nginx.pid;\nevents {{}}\nhttp {{\n    include {tmp_path}/navigator.conf;\n}}\n")
    checked = subprocess.run(
        [NGINX, "-t", "-p", str(tmp_path), "-c", str(conf), "-e", str(tmp_path / "error.log")], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stderr
    server = one(parsed_text(site_config(three), tmp_path), "server")["block"]
    assert one(server, "access_log")["args"] == ["off"]  # a system nginx logs access by default


def parsed_text(text: str, tmp_path: Path) -> list[dict]:
    path = tmp_path / "site.conf"
    path.write_text(text)
    payload = crossplane.parse(str(path), single=True, check_ctx=False)
    assert payload["status"] == "ok", payload["errors"]
    return payload["config"][0]["parsed"]


class Echo(http.server.BaseHTTPRequestHandler):
    """A backend that answers with its own port and the headers it was sent (after `?hold=seconds`, if asked)."""

    def do_GET(self):
        if "?hold=" in self.path:
            time.sleep(float(self.path.rsplit("=", 1)[1]))
        body = json.dumps({"port": self.server.server_address[1], "headers": dict(self.headers)}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def start_proxy(tmp_path):
    """Starts real nginx in front of two echo backends, with `Layout` options; returns (proxy port, backend servers)."""
    if NGINX is None:
        pytest.skip("nginx is not installed (scripts/serve.sh installs it)")
    started: list = []

    def start(**options) -> tuple[int, list]:
        backends = [http.server.ThreadingHTTPServer(("127.0.0.1", 0), Echo) for _ in range(2)]
        for b in backends:
            threading.Thread(target=b.serve_forever, args=(0.05,), daemon=True).start()  # shutdown() waits one poll
        port = free_port()
        tmp_path.chmod(0o755)
        conf = tmp_path / "nginx.conf"
        layout = Layout(port, tuple(b.server_address[1] for b in backends), tmp_path, user=USER, worker_processes=1, **options)
        conf.write_text(nginx_config(layout))
        nginx = subprocess.Popen([NGINX, "-p", str(tmp_path), "-c", str(conf), "-e", str(tmp_path / "error.log")])
        started.append((nginx, backends))
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        return port, backends

    yield start
    for nginx, backends in started:
        nginx.terminate()
        nginx.wait(timeout=10)
        for b in backends:
            b.shutdown()
            b.server_close()


@pytest.fixture
def proxy(start_proxy):
    """Real nginx in front of two echo backends; (proxy port, backend servers)."""
    return start_proxy()


def get(port: int, path: str = "/", headers: dict | None = None) -> tuple[dict, dict]:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers or {})
    with urllib.request.urlopen(request, timeout=5) as answer:
        return json.loads(answer.read()), dict(answer.headers)


def test_a_new_browser_gets_a_cookie_and_keeps_its_process(proxy):
    port, backends = proxy
    first, answer_headers = get(port)
    cookie = answer_headers["Set-Cookie"].split(";")[0]
    assert cookie.startswith(f"{COOKIE}=") and len(cookie) > len(COOKIE) + 16
    for _ in range(10):
        again, again_headers = get(port, headers={"Cookie": cookie})
        assert again["port"] == first["port"]
        assert "Set-Cookie" not in again_headers


def test_browsers_behind_one_address_are_spread_over_the_processes(proxy):
    port, backends = proxy
    reached = {get(port, headers={"Cookie": f"{COOKIE}=kiosk-{n}"})[0]["port"] for n in range(40)}
    assert reached == {b.server_address[1] for b in backends}


def test_the_websocket_upgrade_reaches_the_process(proxy):
    port, _ = proxy
    sent, _ = get(port, "/_stcore/stream", {"Upgrade": "websocket", "Connection": "Upgrade", "Cookie": f"{COOKIE}=a"})
    assert sent["headers"]["Upgrade"] == "websocket"
    assert sent["headers"]["Connection"].lower() == "upgrade"
    plain, _ = get(port, "/", {"Cookie": f"{COOKIE}=a"})
    assert "Upgrade" not in plain["headers"]


def test_a_stopped_process_sends_its_browsers_to_a_live_one(proxy):
    port, backends = proxy
    cookies = [f"{COOKIE}=visitor-{n}" for n in range(20)]
    before = {c: get(port, headers={"Cookie": c})[0]["port"] for c in cookies}
    stopped = backends[0]
    stopped.shutdown()
    stopped.server_close()
    live = backends[1].server_address[1]
    after = {c: get(port, headers={"Cookie": c})[0]["port"] for c in cookies}
    assert set(after.values()) == {live}
    assert any(p == stopped.server_address[1] for p in before.values())  # some had been on the stopped one


def status(port: int, path: str, cookie: str = "a") -> int:
    """The HTTP status nginx answers a websocket request with (the echo backend answers 200 to anything it gets)."""
    try:
        get(port, path, {"Upgrade": "websocket", "Connection": "Upgrade", "Cookie": f"{COOKIE}={cookie}"})
        return 200
    except urllib.error.HTTPError as error:
        return error.code


def test_new_sessions_are_limited_per_address_on_the_stream_only(three, tmp_path):
    tree = parsed(three, tmp_path)
    block = http_block(tree)
    stream, page = locations(tree)["/_stcore/stream"], locations(tree)["/"]
    conn_zone = one(block, "limit_conn_zone")["args"]
    req_zone = one(block, "limit_req_zone")["args"]
    assert conn_zone[0] == req_zone[0] == "$navigator_limit_key"
    assert req_zone[2] == f"rate={three.new_streams_per_minute}r/m"
    assert one(stream, "limit_conn")["args"] == [conn_zone[1].removeprefix("zone=").split(":")[0], str(three.streams_per_address)]
    assert one(stream, "limit_req")["args"] == [
        f"zone={req_zone[1].removeprefix('zone=').split(':')[0]}",
        f"burst={three.new_streams_burst}",
        "nodelay",
    ]
    assert one(stream, "limit_req_status")["args"] == one(stream, "limit_conn_status")["args"] == ["429"]
    assert find(page, "limit_conn") == find(page, "limit_req") == []  # page loads and static files are not limited
    key = {d["directive"]: d["args"] for d in one(block, "map", "$navigator_limited", "$navigator_limit_key")["block"]}
    assert key == {"0": [""], "default": ["$binary_remote_addr"]}
    assert {d["directive"]: d["args"] for d in one(block, "geo", "$navigator_limited")["block"]} == {"default": ["1"]}


def test_exempt_addresses_get_no_limit_key(tmp_path, capsys):
    main(["--site", "--listen", "8500", "--app", "8601", "--exempt", "127.0.0.1", "--exempt", "10.0.0.0/8", "--exempt", "::1"])
    geo = one(parsed_text(capsys.readouterr().out, tmp_path), "geo", "$navigator_limited")["block"]
    assert {d["directive"]: d["args"] for d in geo} == {"default": ["1"], "127.0.0.1/32": ["0"], "10.0.0.0/8": ["0"], "::1/128": ["0"]}


@pytest.mark.parametrize(
    "bad", [["--exempt", "kiosk"], ["--exempt", "10.0.0.300"], ["--streams-per-address", "0"], ["--new-streams-burst", "-1"]]
)
def test_bad_limits_are_refused(bad, capsys):
    with pytest.raises(SystemExit):
        main(["--listen", "8500", "--app", "8601", *bad])
    assert "error" in capsys.readouterr().err


def test_a_burst_of_new_sessions_from_one_address_is_cut_but_pages_are_not(start_proxy):
    port, _ = start_proxy(new_streams_per_minute=6, new_streams_burst=3)
    streams = [status(port, "/_stcore/stream", f"tab-{n}") for n in range(8)]
    assert streams[:4] == [200] * 4  # the first one and the burst of 3 pass
    assert 429 in streams[4:]
    assert all(get(port, "/", {"Cookie": f"{COOKIE}=a"})[0]["port"] for _ in range(8))


def test_an_exempt_address_is_not_cut(start_proxy):
    port, _ = start_proxy(new_streams_per_minute=6, new_streams_burst=3, exempt=("127.0.0.1",))
    assert [status(port, "/_stcore/stream", f"tab-{n}") for n in range(8)] == [200] * 8


def test_open_sessions_per_address_are_capped(start_proxy):
    port, _ = start_proxy(streams_per_address=2)
    answers: list[int] = []
    threads = [threading.Thread(target=lambda n=n: answers.append(status(port, "/_stcore/stream?hold=1.5", f"tab-{n}"))) for n in range(3)]
    for t in threads:
        t.start()
        time.sleep(0.2)  # the first two are held open by the backend when the third comes
    for t in threads:
        t.join()
    assert sorted(answers) == [200, 200, 429]
