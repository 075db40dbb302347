"""A minimal Streamlit client over the app's websocket (`/_stcore/stream`), for load tests without browsers.

It speaks Streamlit's own protobuf messages (BackMsg / ForwardMsg) as the browser does: it asks for a script
run with the current widget states and waits for `script_finished`. Widgets are found by their user key, which
Streamlit puts at the end of each element id. Tied to the Streamlit version in use (1.67): brittle by nature,
which is why the browser-based load test exists too.
"""

from __future__ import annotations

import asyncio
import json
import random
import re
import sys
import time
import urllib.request
from collections.abc import Awaitable, Callable
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from navigator.presentation.labels import icon, label  # noqa: E402
from navigator.vocabulary import Project  # noqa: E402

LANGUAGES = ["en", "ar", "fa", "uk", "fr"]
PLACES = ["86000", "33500", "87000", "79000", "47000"]
#: An HTML button the screen's component relays (navigator/ui/listen.py): its name and value.
RELAYED = re.compile(r'data-nav-tap="([^"]*)" data-nav-value="([^"]*)"')


def page_cookie(url: str) -> str | None:
    """Open the page as a browser does first; the cookie a proxy sets (its sticky-session cookie), if any."""
    with urllib.request.urlopen(url, timeout=30) as answer:
        answer.read()
        found = answer.headers.get("Set-Cookie")
    return found.split(";", 1)[0] if found else None


class Session:
    """One visitor: a websocket, the widget ids seen so far, the values to send back."""

    def __init__(self, url: str, query: str = "", cookie: str | None = None):
        self.ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
        self.query = query
        self.cookie = cookie
        self.ids: dict[str, str] = {}  # user key -> element id
        self.values: dict[str, object] = {}  # element id -> (kind, value)
        self.fragments: dict[str, str] = {}  # element id -> the id of the fragment that drew it (st.fragment)
        self.changed: set[str] = set()  # element ids whose value set() changed since the last run
        self.relayed: dict[str, tuple[str, str]] = {}  # tap key ("nav_next", "lang_en") -> (name, value) of an HTML button
        self.relay: tuple[str, str] = ("", "")  # the element id and screen token of the component relaying them
        self.taps = 0
        self.chosen: tuple[str, list[str]] | None = None  # an answer's press to send with the next run (choose())
        self.page_hash = ""
        self.texts: list[str] = []
        self.exceptions: list[str] = []
        self.socket = None

    async def __aenter__(self):
        headers = {"Cookie": self.cookie} if self.cookie else None
        self.socket = await websockets.connect(self.ws_url, subprotocols=["streamlit"], max_size=None, additional_headers=headers)
        return self

    async def __aexit__(self, *exc):
        await self.socket.close()

    def _collect(self, msg: ForwardMsg) -> None:
        if msg.WhichOneof("type") == "navigation":  # the page shown (st.navigation), which the browser names in each rerun
            self.page_hash = msg.navigation.page_script_hash
        if msg.WhichOneof("type") != "delta" or msg.delta.WhichOneof("type") != "new_element":
            return
        element = msg.delta.new_element
        kind = element.WhichOneof("type")
        inner = getattr(element, kind)
        if kind in ("markdown", "html"):
            self.texts.append(inner.body)
            for name, value in RELAYED.findall(inner.body):  # a relayed button is tapped by its name, or name_value
                self.relayed[f"{name}_{value}" if value else name] = (name, value)
        elif kind == "bidi_component" and inner.json:
            screen = (json.loads(inner.json) or [{}])[0].get("screen")
            if screen:
                self.relay = (inner.id, screen)
        elif kind == "exception":
            self.exceptions.append(f"{inner.type}: {inner.message}")
        element_id = getattr(inner, "id", "")
        if element_id:
            key = element_id.rsplit("-", 1)[-1] if "-" in element_id else element_id
            self.ids[key] = element_id
            self.fragments[element_id] = msg.delta.fragment_id
            if re.fullmatch(r"nav_\w+_s\d+", key):  # the flow's buttons carry their step: nav_next_s3 is nav_next
                self.ids[key.rsplit("_s", 1)[0]] = element_id

    async def run(self, *buttons: str, scope: str | None = None) -> float:
        """Send a rerun with the widget states (and clicks on `buttons`, by key); seconds until the script finished.

        As the browser does, a click on a button drawn inside a fragment (`st.fragment`), or a value `set()` on such a
        widget, asks for a rerun of that fragment only; `scope` (a widget's key) asks for the rerun a change of that
        widget would cause, with no change. A run stopped early for a rerun (`st.rerun()`) is not the end: the run
        that follows is."""
        back = BackMsg()
        state = back.rerun_script
        state.query_string = self.query
        state.page_script_hash = self.page_hash  # without it, a page's widgets registered in a full run lose their state
        triggers = [self.relay[0] if key in self.relayed else self.ids[key] for key in buttons + ((scope,) if scope else ())]
        triggers += sorted(self.changed) + ([self.relay[0]] if self.chosen else [])
        fragments = {self.fragments.get(element_id, "") for element_id in triggers}
        if len(fragments) == 1 and "" not in fragments:
            state.fragment_id = fragments.pop()
        self.changed = set()
        for element_id, (kind, value) in self.values.items():
            widget = state.widget_states.widgets.add()
            widget.id = element_id
            if kind == "strings":
                widget.string_array_value.data.extend(value)
            elif kind == "string":
                widget.string_value = value
            elif kind == "int":
                widget.int_value = value
        events = []
        if self.chosen:  # as the component sends a press of an answer's button (listen.choice_buttons)
            question, values = self.chosen
            events.append({"event": "choose", "value": {"question": question, "values": values, "screen": self.relay[1]}})
            self.chosen = None
        for key in buttons:
            widget = state.widget_states.widgets.add()
            if key in self.relayed:  # as the component sends a press of an HTML button (listen.py)
                self.taps += 1
                name, value = self.relayed[key]
                widget.id = f"$$STREAMLIT_INTERNAL_KEY_{self.relay[0]}__events"
                tap = {"name": name, "value": value, "screen": self.relay[1], "n": self.taps}
                widget.json_trigger_value = json.dumps([{"event": "tap", "value": tap}, *events])
                events = []
            else:
                widget.id = self.ids[key]
                widget.trigger_value = True
        if events:
            widget = state.widget_states.widgets.add()
            widget.id = f"$$STREAMLIT_INTERNAL_KEY_{self.relay[0]}__events"
            widget.json_trigger_value = json.dumps(events)
        self.texts = []
        start = time.perf_counter()
        await self.socket.send(back.SerializeToString())
        while True:
            raw = await self.socket.recv()
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            self._collect(msg)
            if msg.WhichOneof("type") == "script_finished" and msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                return time.perf_counter() - start

    def choose(self, question: str, values: list[str]) -> None:
        """Press answers' buttons of `question` (its session key) before the next run: `values`, every answer chosen."""
        self.chosen = (question, values)

    def set(self, key: str, kind: str, value) -> None:
        self.values[self.ids[key]] = (kind, value)
        self.changed.add(self.ids[key])


async def no_pause() -> None:
    return None


def pause_between(low: float, high: float) -> Callable[[], Awaitable[None]]:
    """A person's pause between two taps: `low` to `high` seconds (0, 0: none, a burst)."""

    async def pause() -> None:
        if high:
            await asyncio.sleep(random.uniform(low, high))

    return pause


#: What each of the flow's 9 interactions brings to the screen.
FLOW_STEPS = ("language", "projects", "age", "statuses", "french", "mobility", "place", "place typed", "results")


def choose_project(visitor: Session, project: Project, lang: str) -> None:
    """Choose `project` on the projects screen, sent with the next run: a press of its button (or, in an older checkout
    measured beside, the pills widget set to its label)."""
    if "q_projects" in visitor.ids:
        visitor.set("q_projects", "strings", [icon(project) + "\u00a0" + label(project, lang)])
    else:
        visitor.choose("q_projects", [project.value])


async def complete_flow(visitor: Session, n: int, pause: Callable[[], Awaitable[None]] = no_pause, timings: list | None = None) -> list:
    """Visitor `n` picks a language, answers every question and reaches the results (9 interactions).

    Appends (step, seconds) per interaction to `timings` and returns it; raises AssertionError if the first screen
    is not the language screen, no result card was shown or an exception was."""
    timings = [] if timings is None else timings
    lang = LANGUAGES[n % len(LANGUAGES)]
    steps = iter(FLOW_STEPS)

    async def tap(*buttons: str) -> None:
        await pause()
        timings.append((next(steps), await visitor.run(*buttons)))

    await visitor.run()
    assert f"lang_{lang}" in visitor.relayed or f"lang_{lang}" in visitor.ids, (
        "the session did not start on the language screen"
    )  # HTML buttons (or widgets, in an older checkout measured beside)
    await tap(f"lang_{lang}")
    project = Project.LEARN_FRENCH if n % 2 else Project.FIND_JOB
    choose_project(visitor, project, lang)
    await tap()
    pressed = f'data-nav-choose="{project.value}" aria-pressed="true"'
    assert "q_projects" in visitor.ids or any(pressed in text for text in visitor.texts), "the project chosen is not shown pressed"
    for _ in range(5):
        await tap("nav_next")
    visitor.set("q_place", "string", PLACES[n % len(PLACES)])
    await tap()
    await tap("nav_next")
    assert not visitor.exceptions, f"an exception was shown: {visitor.exceptions[0][:120]}"
    assert any("nav-card" in text for text in visitor.texts), "no results shown"
    return timings


async def floor_flow(visitor: Session, n: int, pause: Callable[[], Awaitable[None]] = no_pause, timings: list | None = None) -> list:
    """The same 9 taps on the floor page (scripts/floor_page.py): its two buttons in turn."""
    timings = [] if timings is None else timings
    await visitor.run()
    for step in FLOW_STEPS:
        await pause()
        timings.append((step, await visitor.run("floor_a" if len(timings) % 2 else "floor_b")))
    assert not visitor.exceptions, f"an exception was shown: {visitor.exceptions[0][:120]}"
    return timings
