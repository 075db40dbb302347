"""What the web server answers besides the app: Streamlit's internal endpoints that a visitor has no business with
are answered 404 (see navigator_server.py, the entry point that mounts the app with this).

- `/_stcore/metrics`: session counts and cache sizes of the whole server, to anyone (Streamlit has no setting to
  turn it off, in 1.67 neither);
- `/_stcore/agent/…`: the agent API (off by default; refused here whatever the configuration says).

Each websocket connection gets a budget of messages and bytes per second (a browser sends a few small messages per
tap): past it, that connection's next message waits, so a client flooding the server slows only itself.

Every HTTP answer also carries headers a public service should send: no MIME sniffing, no referrer (a kiosk's
address holds its kiosk switch), no framing by other sites, and no camera, microphone, location or payment.

Under systemd (deploy/navigator@.service: `Type=notify`, `WatchdogSec=`), `systemd_watchdog` tells systemd the process
is ready once it answers its own `/_stcore/health`, then that it is alive each time it answers it again: a process
that stops answering stops saying so, and systemd kills it and starts it again. Without systemd it does nothing.
"""

from __future__ import annotations

import asyncio
import os
import socket
import time
from contextlib import asynccontextmanager

from starlette.responses import PlainTextResponse

#: Paths (after the base URL path) answered 404.
HIDDEN = ("_stcore/metrics", "_stcore/agent")
#: Added to every HTTP answer.
HEADERS = {
    b"x-content-type-options": b"nosniff",
    b"referrer-policy": b"no-referrer",
    b"x-frame-options": b"SAMEORIGIN",
    b"permissions-policy": b"camera=(), microphone=(), geolocation=(), payment=(), usb=()",
}


#: A websocket connection's budget: messages per second (and at once), bytes per second (and at once: one message
#: as large as server.maxWidgetStateSize passes without waiting).
MESSAGES_PER_SECOND, MESSAGES_AT_ONCE = 10.0, 30.0
BYTES_PER_SECOND, BYTES_AT_ONCE = 100_000.0, 1_100_000.0
#: The longest a single message is held back.
LONGEST_WAIT = 10.0


class Budget:
    """A token bucket: `take` says how long to wait before what was taken is within the budget."""

    def __init__(self, rate: float, burst: float, clock=time.monotonic):
        self.rate, self.burst, self.clock = rate, burst, clock
        self.tokens, self.last = burst, clock()

    def take(self, amount: float) -> float:
        now = self.clock()
        self.tokens = min(self.burst, self.tokens + (now - self.last) * self.rate)
        self.last = now
        self.tokens -= amount
        return max(0.0, -self.tokens / self.rate)


def hidden(path: str) -> bool:
    """Whether a request path is one of the hidden endpoints, whatever the base path, case or trailing slash."""
    parts = [part for part in path.lower().split("/") if part]
    joined = "/".join(parts)
    return any(joined == end or joined.endswith("/" + end) or f"/{end}/" in f"/{joined}/" for end in HIDDEN)


class HideInternalEndpoints:
    """ASGI middleware: 404 for the hidden endpoints, everything else passed to the app."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] in ("http", "websocket") and hidden(scope.get("path", "")):
            if scope["type"] == "websocket":
                await send({"type": "websocket.close", "code": 1008})
                return
            await PlainTextResponse("Not found", status_code=404)(scope, receive, self._with_headers(send))
            return
        if scope["type"] == "websocket":
            await self.app(scope, self._within_budget(receive), send)
            return
        await self.app(scope, receive, self._with_headers(send) if scope["type"] == "http" else send)

    @staticmethod
    def _within_budget(receive):
        messages, volume = Budget(MESSAGES_PER_SECOND, MESSAGES_AT_ONCE), Budget(BYTES_PER_SECOND, BYTES_AT_ONCE)

        async def receiving():
            message = await receive()
            if message["type"] == "websocket.receive":
                size = len(message.get("bytes") or b"") + len(message.get("text") or "")
                wait = max(messages.take(1), volume.take(size))
                if wait > 0:
                    await asyncio.sleep(min(wait, LONGEST_WAIT))
            return message

        return receiving

    @staticmethod
    def _with_headers(send):
        async def sending(message):
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(name, value) for name, value in HEADERS.items() if name not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        return sending


#: The longest a health check of the process by itself may take before systemd is told to start it (READY=1).
READY_CHECK_SECONDS = 2.0


def notify(message: str, environ=os.environ) -> bool:
    """Send `message` (READY=1, WATCHDOG=1) to systemd's notification socket; False when not run by systemd."""
    path = environ.get("NOTIFY_SOCKET", "")
    if not path or not path.startswith(("/", "@")):
        return False
    address = "\0" + path[1:] if path.startswith("@") else path  # "@": an abstract socket
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
            sock.connect(address)
            sock.sendall(message.encode())
    except OSError:
        return False
    return True


def watchdog_seconds(environ=os.environ) -> float | None:
    """The watchdog period systemd asks this process to keep (WatchdogSec), or None when there is none for it."""
    try:
        usec = int(environ.get("WATCHDOG_USEC", ""))
    except ValueError:
        return None
    if usec <= 0 or environ.get("WATCHDOG_PID", str(os.getpid())) != str(os.getpid()):
        return None
    return usec / 1_000_000


async def answers_health(host: str, port: int, base_path: str = "", timeout: float = 5.0) -> bool:
    """Whether the server on `host`:`port` answers its health check (`ok`) within `timeout` seconds, as a proxy's
    check would see it: a new connection, accepted and answered by the event loop."""
    path = "/" + "/".join(part for part in (base_path.strip("/"), "_stcore/health") if part)

    async def ask() -> bool:
        reader, writer = await asyncio.open_connection(host, port)
        try:
            writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
            await writer.drain()
            answer = await reader.read()
        finally:
            writer.close()
        return answer.startswith(b"HTTP/1.1 200") and answer.rstrip().endswith(b"ok")

    try:
        return await asyncio.wait_for(ask(), timeout)
    except (TimeoutError, OSError):
        return False


def _own_address() -> tuple[str, int, str]:
    from streamlit import config  # the options the server was started with (the command line's included)

    host = config.get_option("server.address") or "127.0.0.1"
    return (
        ("127.0.0.1" if host in ("0.0.0.0", "::") else host),
        int(config.get_option("server.port")),
        config.get_option("server.baseUrlPath") or "",
    )


async def tell_systemd(address=_own_address, environ=os.environ, ready_check: float = READY_CHECK_SECONDS) -> None:
    """READY=1 once the process answers its own health check, then WATCHDOG=1 after each health check it answers,
    every third of the watchdog period (each check may take that long)."""
    host, port, base = address()
    while not await answers_health(host, port, base, ready_check):
        await asyncio.sleep(0.5)
    notify("READY=1", environ)
    period = watchdog_seconds(environ)
    if period is None:
        return
    every = max(period / 3, 0.5)
    while True:
        started = time.monotonic()
        if await answers_health(host, port, base, every):
            notify("WATCHDOG=1", environ)
        await asyncio.sleep(max(0.0, every - (time.monotonic() - started)))


@asynccontextmanager
async def systemd_watchdog(_app):
    """The app's lifespan (`App(..., lifespan=systemd_watchdog)`): runs `tell_systemd` while the server runs, when
    systemd listens (NOTIFY_SOCKET); nothing otherwise."""
    task = asyncio.create_task(tell_systemd()) if os.environ.get("NOTIFY_SOCKET") else None
    try:
        yield
    finally:
        if task is not None:
            task.cancel()
