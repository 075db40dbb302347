"""Driving the app with Streamlit's AppTest, shared by the AppTest tests: the app script and its staff and curation
pages, a flow answered screen by screen, a staff desk already unlocked, and what a page sends to the browser. The
staff key itself is the `staff_key` fixture (conftest.py)."""

import html
import itertools
import json
import re
from pathlib import Path

from streamlit.proto.WidgetStates_pb2 import WidgetStates
from streamlit.testing.v1 import AppTest

from navigator.presentation.labels import label
from navigator.vocabulary import FrenchLevel, Mobility, Project, Status

APP = str(Path(__file__).resolve().parent.parent / "navigator_app.py")


def start(**query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def texts(at: AppTest) -> str:
    """Markdown and HTML elements (cards are HTML) of the page, as sent to the browser."""
    return "\n".join([str(m.value) for m in at.markdown] + [e.proto.body for e in at.get("html")])


def visible(at: AppTest) -> str:
    """The markdown's text as a reader gets it: tags dropped, character references decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", texts(at)))


#: The browser's numbers for its taps (listen.py answers one tap per drawing, told apart by these).
_TAPS = itertools.count(1000)


def relay_tap(at: AppTest, name: str, value: str = "", screen: str | None = None, n: int | None = None, key: str | None = None) -> AppTest:
    """Run `at` as the browser does after a press of an HTML button `<button data-nav-tap=name data-nav-value=value>`
    relayed by the screen's component (navigator.ui.listen; `key`, else the one drawn with a screen token): its
    trigger `{name, value, screen, n}`, `screen` being the token the component was drawn with unless given, `n` the
    browser's number for the tap (a new one unless given). AppTest has no interaction for a custom component, so
    this sends its trigger the way the browser's Streamlit does."""
    _component, drawn = relaying(at, key)
    payload = {"name": name, "value": value, "screen": drawn["screen"] if screen is None else screen, "n": next(_TAPS) if n is None else n}
    return relay_events(at, {"event": "tap", "value": payload}, key=key)


def relaying(at: AppTest, key: str | None = None):
    """The screen's component that relays its taps (`key`, else the one drawn with a screen token) and its data."""
    components = [(e, json.loads(e.proto.json)[0]) for e in at.get("bidi_component")]
    return next((e, data) for e, data in components if (e.key == key if key else data.get("screen")))


class Relayed:
    """A button drawn as HTML and relayed by the screen's component (`nav(at, "nav_next")`), used as AppTest's
    buttons are: its `label` as shown, `.click().run()`."""

    def __init__(self, at: AppTest, name: str, value: str | None = ""):
        """`value` None: the first button named `name`, whatever its value."""
        given = '[^"]*' if value is None else re.escape(value)
        pattern = rf'<button[^>]*data-nav-tap="{re.escape(name)}" data-nav-value="({given})"[^>]*>(.*?)</button>'
        found = [m.groups() for e in at.get("html") + at.get("markdown") if (m := re.search(pattern, e.proto.body))]
        assert found, f"no {name} button on this screen"
        self.at, self.name, self.value = at, name, html.unescape(found[0][0])
        self.label = html.unescape(re.sub(r"<[^>]+>", "", found[0][1]))

    def click(self) -> "Relayed":
        return self

    def run(self) -> AppTest:
        return relay_tap(self.at, self.name, self.value)


def language_button(at: AppTest, lang: str) -> Relayed:
    """The button of language `lang` on the language screen (HTML, relayed)."""
    return Relayed(at, "lang", lang)


def language_buttons(at: AppTest) -> list[str]:
    """The languages' names as the language screen's buttons show them."""
    return [html.unescape(m) for e in at.get("html") for m in re.findall(r'data-nav-tap="lang"[^>]*><p>(.*?)</p>', e.proto.body)]


def choose_language(at: AppTest, lang: str) -> AppTest:
    return language_button(at, lang).click().run()


def relay_events(at: AppTest, *events: dict, key: str | None = None) -> AppTest:
    """Run `at` as the browser does after the screen's relaying component (`relaying`) sent `events` in one message
    (each `{event, value}`: `tap`, `choose`)."""
    component, _drawn = relaying(at, key)
    states = WidgetStates()
    states.CopyFrom(at._tree.get_widget_states())
    trigger = states.widgets.add()
    trigger.id = f"$$STREAMLIT_INTERNAL_KEY_{component.proto.id}__events"
    trigger.json_trigger_value = json.dumps(list(events))
    return at._run(states)


def screen_token(at: AppTest) -> str:
    """The token the screen's relaying component was drawn with."""
    return relaying(at)[1]["screen"]


def relay_choose(at: AppTest, key: str, values: list, screen: str | None = None) -> AppTest:
    """Run `at` as the browser does after a press of an answer's button of question `key` (listen.choice_buttons):
    the component's trigger `{question, values, screen}`, `values` being every answer chosen after the press and
    `screen` the token the component was drawn with unless given."""
    payload = {"question": key, "values": values, "screen": screen_token(at) if screen is None else screen}
    return relay_events(at, {"event": "choose", "value": payload})


def choices(at: AppTest, key: str) -> dict[str, tuple[str, bool]]:
    """The answers' buttons of question `key` on the screen (listen.choice_buttons), by value: (text shown, pressed).
    Empty when the question is not shown."""
    group = rf'<div class="nav-choices"[^>]*data-nav-choices="{re.escape(key)}"[^>]*>(.*?)</div>'
    found = [m.group(1) for e in at.get("html") + at.get("markdown") if (m := re.search(group, e.proto.body, re.S))]
    button = r'<button[^>]*data-nav-choose="([^"]*)" aria-pressed="(true|false)"[^>]*>(.*?)</button>'
    return (
        {html.unescape(v): (html.unescape(re.sub(r"<[^>]+>", "", t)), p == "true") for v, p, t in re.findall(button, found[0])}
        if found
        else {}
    )


def chosen(at: AppTest, key: str) -> list[str]:
    """The values of the pressed answers' buttons of question `key`, in the order they are shown."""
    return [value for value, (_text, pressed) in choices(at, key).items() if pressed]


def pick(at: AppTest, key: str, value) -> AppTest:
    """Choose answers by their codes (a list: several), through the labels the visitor sees (pictogram and words in
    the session language): the buttons showing them are pressed, in that order, as the browser sends them."""
    vocabulary = {"q_projects": Project, "q_statuses": Status, "q_french_level": FrenchLevel, "q_mobility": Mobility}[key]
    by_text = {text.split("\u00a0", 1)[-1]: v for v, (text, _pressed) in choices(at, key).items()}
    as_value = lambda code: by_text[label(vocabulary(code), at.session_state["lang"])]  # noqa: E731
    wanted = value if isinstance(value, list) else [value]
    for n in range(1, len(wanted) + 1):
        at = relay_choose(at, key, [as_value(v) for v in wanted[:n]])
    return at


def nav(at: AppTest, name: str, value: str | None = "") -> Relayed:
    """The navigation button `name` (nav_next, nav_back, nav_skip; on the results results_back, narrow, more, print,
    start_over) of the screen shown (HTML, relayed)."""
    return Relayed(at, name, value)


def next_(at: AppTest) -> AppTest:
    return nav(at, "nav_next").click().run()


def run_flow(lang="en", projects=(), age=None, statuses=(), french=None, mobility=None, place=None) -> AppTest:
    at = choose_language(start(), lang)
    if projects:
        pick(at, "q_projects", list(projects))
    at = next_(at)
    if age is not None:
        at.number_input(key="q_age").set_value(age).run()
    at = next_(at)
    if statuses:
        pick(at, "q_statuses", list(statuses))
    at = next_(at)
    if french:
        pick(at, "q_french_level", french)
    at = next_(at)
    if mobility:
        pick(at, "q_mobility", mobility)
    at = next_(at)
    if place:
        at.text_input(key="q_place").input(place).run()
    return next_(at)


def staff_script():
    from navigator.ui import staff

    staff.page()


def curation_script():
    from navigator.ui import curation

    curation.page()


#: The key the `staff_key` fixture configures on the server.
STAFF_KEY = "test-staff-key"


def unlocked_staff_desk() -> AppTest:
    """The staff page (not run yet) in a session that has already given the key."""
    from navigator.ui.session_keys import Key

    at = AppTest.from_function(staff_script, default_timeout=60)
    at.session_state[Key.STAFF_UNLOCKED] = True
    return at
