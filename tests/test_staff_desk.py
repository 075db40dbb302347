"""The staff desk on a public kiosk: closed without a configured key, the key never left in the address, wrong keys
limited and logged without the key, the unlock ended by Start over, catalogue text shown as text."""

import html
import re
from pathlib import Path

import pytest
from app_helpers import staff_script
from streamlit.testing.v1 import AppTest

from navigator.ui import staff_access
from navigator.ui.session_keys import Key
from navigator.ui.staff_access import AttemptLimiter, key_matches, try_key

MALICIOUS = str(Path(__file__).resolve().parent / "fixtures" / "malicious_catalogue")


def _staff_with_start_over():
    import streamlit as st

    from navigator.ui import staff
    from navigator.ui.state import start_over

    st.button("Start over", key="start_over", on_click=start_over)
    staff.page()


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def limiter(monkeypatch, clock):
    """The process's attempt limiter replaced by a fresh one on a clock the test moves."""
    fresh = AttemptLimiter(clock=clock)
    monkeypatch.setattr(staff_access, "LIMITER", fresh)
    return fresh


@pytest.fixture
def key(staff_key, limiter):
    """The configured staff key, wrong keys counted on the test's clock."""
    return staff_key


def desk(query: dict | None = None, script=staff_script, **state) -> AppTest:
    at = AppTest.from_function(script, default_timeout=60)
    for name, value in (query or {}).items():
        at.query_params[name] = value
    for name, value in state.items():
        at.session_state[name] = value
    return at.run()


def is_open(at: AppTest) -> bool:
    return len(at.dataframe) > 0


@pytest.mark.parametrize("state", [pytest.param({}, id="a visitor's session"), pytest.param({Key.KIOSK: True}, id="a kiosk session")])
@pytest.mark.parametrize("query", [{}, {"key": "anything"}, {"key": ""}])
def test_without_a_configured_key_the_desk_is_closed_and_says_so(monkeypatch, state, query):
    monkeypatch.delenv("NAVIGATOR_STAFF_KEY", raising=False)
    at = desk(query, **state)
    assert not at.exception
    assert not is_open(at)
    assert "fermé" in at.warning[0].value and "NAVIGATOR_STAFF_KEY" in at.warning[0].value
    assert not any(b.key == "staff_reload" for b in at.button)


def test_a_key_in_the_address_is_removed_at_once_and_unlocks_this_session_only(key):
    at = desk({"key": key})
    assert not at.exception and is_open(at)
    assert "key" not in at.query_params  # out of the address bar and the history
    at.run()
    assert is_open(at)  # the unlock lives in the session
    assert not is_open(desk())  # another session has to give the key


def test_start_over_locks_the_desk_again(key):
    at = desk({"key": key}, script=_staff_with_start_over)
    assert is_open(at)
    at.button(key="start_over").click().run()
    assert not at.exception and not is_open(at)
    assert Key.STAFF_UNLOCKED not in at.session_state


@pytest.mark.parametrize("given", ["é", "🔑" * 5, "k3y-of-the-desk\u0301", "\x00", "a" * 10_000, " "])
def test_any_key_text_is_a_calm_wrong_key(key, given):
    at = desk({"key": given})
    assert not at.exception and not is_open(at)
    assert "Clé incorrecte" in at.error[0].value


def test_a_typed_key_opens_the_desk_and_does_not_stay_in_the_field(key):
    at = desk()
    at.text_input(key=Key.STAFF_KEY_INPUT).input(key).run()
    assert is_open(at)
    assert at.session_state[Key.STAFF_KEY_INPUT] == ""


def test_wrong_keys_wait_longer_and_longer_per_session_and_per_address(key, clock):
    at = desk()
    for _ in range(3):  # three free tries
        at.text_input(key=Key.STAFF_KEY_INPUT).input("wrong").run()
        assert "attendez" not in at.error[0].value
    at.text_input(key=Key.STAFF_KEY_INPUT).input("wrong").run()
    assert "attendez 2 s" in at.error[0].value
    at.text_input(key=Key.STAFF_KEY_INPUT).input(key).run()
    assert not is_open(at), "during the wait even the right key is refused, unread"
    clock.now += 2
    at.text_input(key=Key.STAFF_KEY_INPUT).input("wrong again").run()
    assert "attendez 4 s" in at.error[0].value
    other = desk()  # a new session from the same address waits too
    other.text_input(key=Key.STAFF_KEY_INPUT).input(key).run()
    assert not is_open(other) and "attendez" in other.error[0].value
    clock.now += 4
    other.text_input(key=Key.STAFF_KEY_INPUT).input(key).run()
    assert is_open(other)


def test_the_limiter_caps_the_wait_and_forgets_in_time(clock):
    limiter = AttemptLimiter(free=1, base=1, cap=60, forget_after=3600, clock=clock)
    for _ in range(20):
        limiter.failed("a")
    assert limiter.wait("a") == 60
    assert limiter.wait("b") == 0
    clock.now += 3601
    assert limiter.wait("a") == 0


def test_the_limiter_keeps_a_bounded_number_of_clients(clock):
    limiter = AttemptLimiter(max_entries=100, clock=clock)
    for n in range(10_000):
        limiter.failed(f"address:{n}")
    assert len(limiter._failures) == 100


def test_failures_are_logged_without_the_key(key, caplog):
    caplog.set_level("INFO", logger="navigator.staff")
    at = desk()
    at.text_input(key=Key.STAFF_KEY_INPUT).input("Guess-Number-1").run()
    at.text_input(key=Key.STAFF_KEY_INPUT).input(key).run()
    assert "wrong staff key" in caplog.text and "staff desk opened" in caplog.text
    assert "Guess-Number-1" not in caplog.text and key not in caplog.text


def test_the_key_is_compared_as_bytes():
    assert key_matches("é", "é".encode())
    assert not key_matches("é", b"e")
    assert not key_matches(None, b"x") and not key_matches(["x"], b"x") and not key_matches("", b"")


def test_no_key_configured_opens_nothing(monkeypatch, limiter):
    monkeypatch.delenv("NAVIGATOR_STAFF_KEY", raising=False)
    assert try_key("", "s", "a") == (False, 0.0)


@pytest.fixture
def catalogue_at(monkeypatch, fresh_catalogue):
    """Point the app at a catalogue folder, through a catalogue holder of the test's own."""
    return lambda folder: monkeypatch.setenv("NAVIGATOR_CATALOGUE", folder)


def markup_of_catalogue_text(at: AppTest, needle: str) -> tuple[list[str], list[str]]:
    """(Markdown elements, HTML elements) that hold `needle`: catalogue text must never go through Markdown."""
    markdown = [str(m.value) for m in at.markdown if needle in str(m.value)]
    return markdown, [e.proto.body for e in at.get("html") if needle in e.proto.body]


def test_search_hits_show_catalogue_text_as_text(key, catalogue_at):
    catalogue_at(MALICIOUS)
    at = desk(**{Key.STAFF_UNLOCKED: True})
    at.text_input(key="staff_query").input("gras lien").run()
    markdown, shown = markup_of_catalogue_text(at, " — vérifié le ")  # the hit's line
    assert markdown == [] and len(shown) == 1
    assert not re.search(r"<(a|img|script|style|iframe)\b", shown[0])
    assert "[lien](https://evil.example)" in html.unescape(shown[0])  # the reader sees the text itself


def test_problem_lists_show_file_text_as_a_short_escaped_excerpt(key, catalogue_at, tmp_path):
    hostile = "[lien](https://evil.example) ![p](https://evil.example/p.png) <img src=x> " + "x" * 600  # YAML keys stay under 1024
    (tmp_path / "hostile.yaml").write_text(f'id: hostile\n"{hostile}": 1\nkind: "{hostile}"\n', encoding="utf-8")
    catalogue_at(str(tmp_path))
    at = desk(**{Key.STAFF_UNLOCKED: True})
    assert not at.exception
    markdown, shown = markup_of_catalogue_text(at, "hostile.yaml")
    assert markdown == [] and len(shown) == 1
    assert not re.search(r"<(a|img|script)\b", shown[0])
    assert "[lien](https://evil" in html.unescape(shown[0])  # quoted as text
    assert "x" * 50 not in shown[0]  # an excerpt, not the whole value


def _staff_inside_the_app():
    """The staff page as the app runs it: with the app's pages in the session (the link to the curation desk)."""
    import streamlit as st

    from navigator.ui import curation, staff
    from navigator.ui.session_keys import Key

    pages = {"curation": st.Page(curation.page, title="Curation", url_path="curation"), "staff": st.Page(staff.page, url_path="staff")}
    st.session_state[Key.PAGES] = pages
    st.navigation(list(pages.values()), position="hidden")
    staff.page()


def test_the_opened_desk_runs_inside_the_app_with_its_page_links(key):
    at = desk({"key": key}, script=_staff_inside_the_app)
    assert not at.exception and is_open(at)
