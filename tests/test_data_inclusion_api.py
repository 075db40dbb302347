"""The API client against a fake data·inclusion server on localhost: token, pages, polite retries."""

import io
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from navigator.catalogue.data_inclusion.api import ApiError, Client, Progress
from navigator.catalogue.data_inclusion.importer import run_import
from navigator.catalogue.data_inclusion.snapshot import read_snapshot
from navigator.cli import main

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "data_inclusion"
TOKEN = "test-token-not-a-secret"


class FakeApi(BaseHTTPRequestHandler):
    """Serves the fixtures as `/api/v1/{services,structures}` pages of 5; fails as the test asks first."""

    data = {name: json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8")) for name in ("services", "structures")}
    failures: list[int] = []  # status codes to answer, one per request, before answering normally
    requests: list[str] = []
    hang_seconds = 0.0

    def do_GET(self):  # noqa: N802 (http.server's name)
        type(self).requests.append(self.path)
        if self.headers.get("Authorization") != f"Bearer {TOKEN}":
            self._send(401, {"detail": "Not authenticated"})
            return
        if self.failures:
            status = self.failures.pop(0)
            self._send(status, {"detail": "try later"}, {"Retry-After": "0"} if status == 429 else {})
            return
        url = urlparse(self.path)
        resource = url.path.rsplit("/", 1)[-1]
        query = parse_qs(url.query)
        page, size = int(query["page"][0]), int(query["size"][0])
        items = self.data[resource]
        pages = -(-len(items) // size)
        self._send(200, {"items": items[(page - 1) * size : page * size], "page": page, "pages": pages, "size": size, "total": len(items)})

    def _send(self, status, body, headers=None):
        payload = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


@pytest.fixture
def api():
    FakeApi.failures, FakeApi.requests = [], []
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeApi)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)  # shutdown() waits one poll
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/api/v1"
    server.shutdown()
    server.server_close()


def _client(url, **kwargs):
    waits = []
    return Client(url, TOKEN, sleep=waits.append, **kwargs), waits


def test_every_page_is_read_with_the_token(api):
    client, _ = _client(api)
    records = list(client.records("services", size=5))
    assert len(records) == len(FakeApi.data["services"])
    assert [r.split("?")[1] for r in FakeApi.requests] == ["page=1&size=5", "page=2&size=5", "page=3&size=5", "page=4&size=5"]
    assert records[5][0] == "services page 2, record 1"


def test_429_and_5xx_are_retried_with_growing_waits(api):
    FakeApi.failures = [503, 502, 429]
    client, waits = _client(api, backoff=0.5)
    assert len(list(client.records("structures", size=100))) == len(FakeApi.data["structures"])
    assert waits == [0.5, 1.0, 0.0]  # doubled each time; the 429's Retry-After: 0 is obeyed


def test_it_gives_up_after_the_retries_and_says_on_which_request(api):
    FakeApi.failures = [500] * 10
    client, waits = _client(api, retries=2)
    with pytest.raises(ApiError, match=r"services\?page=1&size=1000: HTTP 500 after 3 attempt\(s\)"):
        list(client.records("services"))
    assert len(waits) == 2


def test_a_refused_token_is_named_without_printing_it(api):
    client = Client(api, "wrong", sleep=lambda _: None)
    with pytest.raises(ApiError) as error:
        list(client.records("services"))
    assert "NAVIGATOR_DATA_INCLUSION_TOKEN" in str(error.value) and "wrong" not in str(error.value)


def test_a_server_that_does_not_answer_times_out():
    import socket

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()  # accepts connections, never answers
    try:
        client = Client(f"http://127.0.0.1:{listener.getsockname()[1]}", TOKEN, timeout=0.2, retries=1, sleep=lambda _: None)
        with pytest.raises(ApiError, match="after 2 attempt"):
            list(client.records("services"))
    finally:
        listener.close()


def test_the_api_import_writes_the_same_snapshot_as_the_files(api, tmp_path):
    client, _ = _client(api)
    run_import(client.records("services", size=5), client.records("structures", size=5), api, directory=tmp_path)
    table, info = read_snapshot(tmp_path)
    assert table.num_rows == 11 and info.source == api


def test_the_command_reads_the_token_from_the_environment(api, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("NAVIGATOR_DATA_INCLUSION_TOKEN", TOKEN)
    assert main(["import", "data-inclusion", "--api", api, "--data-dir", str(tmp_path)]) == 0
    assert "services: read 16, kept 11" in capsys.readouterr().out


class _Terminal(io.StringIO):
    def __init__(self, tty: bool):
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize("tty", [True, False], ids=["terminal", "cron"])
def test_a_progress_bar_on_a_terminal_and_none_in_a_log(api, tty):
    stream = _Terminal(tty)
    client = Client(api, TOKEN, sleep=lambda _s: None, progress=Progress(stream))
    list(client.records("services", size=5))
    if tty:
        assert "services   [" in stream.getvalue() and "page 4/4" in stream.getvalue() and stream.getvalue().endswith("\n")
    else:
        assert stream.getvalue() == ""
