"""What the web server answers besides the app: Streamlit's internal endpoints that a visitor has no business with
are answered 404 (see navigator_server.py, the entry point that mounts the app with this).

- `/_stcore/metrics`: session counts and cache sizes of the whole server, to anyone (Streamlit has no setting to
  turn it off, in 1.67 neither);
- `/_stcore/agent/…`: the agent API (off by default; refused here whatever the configuration says).

Each websocket connection gets a budget of messages and bytes per second (a browser sends a few small messages per
tap): past it, that connection's next message waits, so a client flooding the server slows only itself.

Every HTTP answer also carries headers a public service should send: no MIME sniffing, no referrer (a kiosk's
address holds its kiosk switch), no framing by other sites, and no camera, microphone, location or payment.
"""

from __future__ import annotations

import asyncio
import time

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
