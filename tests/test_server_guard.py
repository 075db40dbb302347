"""The ASGI guard in front of the app (navigator_server.py): Streamlit's internal endpoints answer 404, every answer
carries a public service's headers, and everything else reaches the app untouched."""

import ast
import re
from pathlib import Path

import own_loop
import pytest

from navigator.ui.server import (
    BYTES_AT_ONCE,
    BYTES_PER_SECOND,
    HEADERS,
    MESSAGES_AT_ONCE,
    MESSAGES_PER_SECOND,
    Budget,
    HideInternalEndpoints,
    hidden,
)

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("path", "is_hidden"),
    [
        ("/_stcore/metrics", True),
        ("/_stcore/metrics/", True),
        ("//_stcore//METRICS", True),
        ("/base/path/_stcore/metrics", True),
        ("/_stcore/agent/openapi.json", True),
        ("/_stcore/agent/mcp", True),
        ("/_stcore/health", False),
        ("/_stcore/stream", False),
        ("/app/static/fonts/NotoSansArabic-400.woff2", False),
        ("/", False),
        ("/staff", False),
        ("/metrics", False),
    ],
)
def test_which_paths_are_hidden(path, is_hidden):
    assert hidden(path) is is_hidden


def answer(path: str, kind: str = "http") -> tuple[list, list]:
    """(messages sent back, scopes the app saw) for one request through the guard."""
    seen, sent = [], []

    async def app(scope, receive, send):
        seen.append(scope)
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/html")]})
        await send({"type": "http.response.body", "body": b"app"})

    async def receive():
        return {"type": "http.request", "body": b""}

    async def send(message):
        sent.append(message)

    own_loop.run(HideInternalEndpoints(app)({"type": kind, "path": path, "headers": [], "method": "GET"}, receive, send))
    return sent, seen


def test_metrics_answer_404_without_reaching_the_app():
    sent, seen = answer("/_stcore/metrics")
    assert seen == [] and sent[0]["status"] == 404


def test_a_websocket_to_a_hidden_path_is_closed():
    sent, seen = answer("/_stcore/agent/mcp", kind="websocket")
    assert seen == [] and sent == [{"type": "websocket.close", "code": 1008}]


def test_every_answer_carries_the_headers_and_the_app_answers_the_rest():
    sent, seen = answer("/")
    assert len(seen) == 1 and sent[1]["body"] == b"app"
    headers = dict(sent[0]["headers"])
    assert headers[b"content-type"] == b"text/html"
    assert all(headers[name] == value for name, value in HEADERS.items())


def test_the_served_entry_point_mounts_the_guard():
    """`streamlit run navigator_server.py` finds an `app = App(..., middleware=[Middleware(HideInternalEndpoints)])`."""
    tree = ast.parse((ROOT / "navigator_server.py").read_text())
    assignment = next(node for node in tree.body if isinstance(node, ast.Assign) and node.targets[0].id == "app")
    assert "HideInternalEndpoints" in ast.unparse(assignment) and "navigator_app.py" in ast.unparse(assignment)
    for script in ("run.sh", "scripts/serve.sh"):
        assert "navigator_server.py" in (ROOT / script).read_text()


def test_no_streamlit_cache_holds_anything_in_the_app():
    """Streamlit's caches can be emptied by any websocket client (the `clear_cache` message): the app uses none."""
    use = re.compile(r"@(st\.)?cache_(data|resource)\b|\bst\.cache_(data|resource)\(")
    uses = [p for p in (ROOT / "navigator").rglob("*.py") if use.search(p.read_text())]
    assert uses == []


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_a_connection_within_its_budget_never_waits_and_a_flood_waits_longer_and_longer():
    clock = Clock()
    messages = Budget(MESSAGES_PER_SECOND, MESSAGES_AT_ONCE, clock)
    assert [messages.take(1) for _ in range(int(MESSAGES_AT_ONCE))] == [0.0] * int(MESSAGES_AT_ONCE)
    waits = [messages.take(1) for _ in range(20)]
    assert waits == sorted(waits) and waits[0] > 0 and waits[-1] == pytest.approx(20 / MESSAGES_PER_SECOND)
    clock.now += 60
    assert messages.take(1) == 0.0  # a minute later, the budget is back


def test_one_message_as_large_as_the_server_takes_passes_a_second_one_waits():
    clock = Clock()
    volume = Budget(BYTES_PER_SECOND, BYTES_AT_ONCE, clock)
    assert volume.take(1_000_000) == 0.0
    assert volume.take(1_000_000) == pytest.approx((1_000_000 - (BYTES_AT_ONCE - 1_000_000)) / BYTES_PER_SECOND)


def test_the_guard_holds_back_a_flooding_websocket(monkeypatch):
    """Through the guard, the messages beyond a connection's budget are held back (its own, no one else's)."""
    import navigator.ui.server as guard

    waits: list[float] = []

    async def no_real_sleep(seconds):
        waits.append(seconds)

    monkeypatch.setattr(guard.asyncio, "sleep", no_real_sleep)
    flood = [{"type": "websocket.receive", "bytes": b"x"} for _ in range(int(MESSAGES_AT_ONCE) + 3)]
    received: list = []

    async def app(scope, receive, send):
        for _ in flood:
            received.append(await receive())

    async def receive():
        return flood[len(received)]

    async def send(message):
        return None

    own_loop.run(HideInternalEndpoints(app)({"type": "websocket", "path": "/_stcore/stream", "headers": []}, receive, send))
    assert len(received) == len(flood)
    assert len(waits) == 3 and all(wait > 0 for wait in waits)  # the first MESSAGES_AT_ONCE went straight through


def test_the_server_runs_on_uvloop_and_httptools_and_does_not_compress_websockets():
    """Streamlit starts uvicorn with the loop and the HTTP parser left to "auto", which take uvloop and httptools when
    they are installed (dependencies: 11 % less server CPU per tap under load); websocket compression stays off."""
    import uvicorn
    from streamlit.web.server.starlette.starlette_server import _get_uvicorn_config_kwargs

    settings = _get_uvicorn_config_kwargs()
    assert settings["ws_per_message_deflate"] is False
    assert not {"loop", "http"} & settings.keys()
    served = uvicorn.Config(app=HideInternalEndpoints(None), **settings)
    served.load()
    assert served.http_protocol_class.__name__ == "HttpToolsProtocol"
    loop = served.get_loop_factory()()
    try:
        assert type(loop).__module__.startswith("uvloop")
    finally:
        loop.close()
