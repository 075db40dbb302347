"""What the web server answers besides the app: Streamlit's internal endpoints that a visitor has no business with
are answered 404 (see navigator_server.py, the entry point that mounts the app with this).

- `/_stcore/metrics`: session counts and cache sizes of the whole server, to anyone (Streamlit has no setting to
  turn it off, in 1.67 neither);
- `/_stcore/agent/…`: the agent API (off by default; refused here whatever the configuration says).
"""

from __future__ import annotations

from starlette.responses import PlainTextResponse

#: Paths (after the base URL path) answered 404.
HIDDEN = ("_stcore/metrics", "_stcore/agent")


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
            await PlainTextResponse("Not found", status_code=404)(scope, receive, send)
            return
        await self.app(scope, receive, send)
