"""A minimal Streamlit client over the app's websocket (`/_stcore/stream`), for load tests without browsers.

It speaks Streamlit's own protobuf messages (BackMsg / ForwardMsg) as the browser does: it asks for a script
run with the current widget states and waits for `script_finished`. Widgets are found by their user key, which
Streamlit puts at the end of each element id. Tied to the Streamlit version in use (1.67): brittle by nature,
which is why the browser-based load test exists too.
"""

from __future__ import annotations

import time

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg


class Session:
    """One visitor: a websocket, the widget ids seen so far, the values to send back."""

    def __init__(self, url: str, query: str = ""):
        self.ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
        self.query = query
        self.ids: dict[str, str] = {}  # user key -> element id
        self.values: dict[str, object] = {}  # element id -> (kind, value)
        self.texts: list[str] = []
        self.socket = None

    async def __aenter__(self):
        self.socket = await websockets.connect(self.ws_url, subprotocols=["streamlit"], max_size=None)
        return self

    async def __aexit__(self, *exc):
        await self.socket.close()

    def _collect(self, msg: ForwardMsg) -> None:
        if msg.WhichOneof("type") != "delta" or msg.delta.WhichOneof("type") != "new_element":
            return
        element = msg.delta.new_element
        kind = element.WhichOneof("type")
        inner = getattr(element, kind)
        if kind == "markdown":
            self.texts.append(inner.body)
        element_id = getattr(inner, "id", "")
        if element_id:
            key = element_id.rsplit("-", 1)[-1] if "-" in element_id else element_id
            self.ids[key] = element_id

    async def run(self, *buttons: str) -> float:
        """Send a rerun with the widget states (and clicks on `buttons`, by key); seconds until the script finished."""
        back = BackMsg()
        state = back.rerun_script
        state.query_string = self.query
        for element_id, (kind, value) in self.values.items():
            widget = state.widget_states.widgets.add()
            widget.id = element_id
            if kind == "strings":
                widget.string_array_value.data.extend(value)
            elif kind == "string":
                widget.string_value = value
            elif kind == "int":
                widget.int_value = value
        for key in buttons:
            widget = state.widget_states.widgets.add()
            widget.id = self.ids[key]
            widget.trigger_value = True
        self.texts = []
        start = time.perf_counter()
        await self.socket.send(back.SerializeToString())
        while True:
            raw = await self.socket.recv()
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            self._collect(msg)
            if msg.WhichOneof("type") == "script_finished":
                return time.perf_counter() - start

    def set(self, key: str, kind: str, value) -> None:
        self.values[self.ids[key]] = (kind, value)
