"""The theme made once per process is the theme Streamlit makes on every run, and follows a new parse of the config."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from streamlit import config
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime import app_session

from navigator.ui.speedups import theme as theme_speedup

CONFIG = Path(__file__).resolve().parent.parent / ".streamlit" / "config.toml"
SECTIONS = ["theme", "theme.light", "theme.dark", "theme.sidebar"]


def new_session_theme(populate) -> ForwardMsg:
    """The theme part of a run's first message, as app_session._create_new_session_message fills it."""
    msg = ForwardMsg()
    theme = msg.new_session.custom_theme
    populate(theme)
    for section in SECTIONS[1:]:
        populate(getattr(theme, section.split(".")[1]), section)
    return msg


@pytest.fixture
def fresh(monkeypatch):
    monkeypatch.setattr(theme_speedup, "_made", {})
    yield


def test_the_made_theme_is_streamlit_s_own_on_every_run(fresh):
    expected = new_session_theme(theme_speedup._ORIGINAL)
    fonts = tomllib.loads(CONFIG.read_text(encoding="utf-8"))["theme"]["fontFaces"]
    assert len(expected.new_session.custom_theme.font_faces) == len(fonts) > 0  # our config.toml's: a theme to compare
    assert expected.new_session.custom_theme.primary_color == "#0b5cad"
    for _ in range(3):  # made on the first run, copied on the next
        assert new_session_theme(theme_speedup.populate_theme_msg) == expected
    assert set(theme_speedup._made) == set(SECTIONS)


def test_a_new_parse_of_the_config_makes_it_again(fresh, monkeypatch):
    monkeypatch.setattr(app_session, "_populate_theme_msg", theme_speedup._ORIGINAL)  # Streamlit's own again after the test
    theme_speedup.install()  # listening for a new parse
    first = new_session_theme(theme_speedup.populate_theme_msg)
    old = config.get_option("theme.primaryColor")
    try:
        config.set_option("theme.primaryColor", "#123456")
        assert new_session_theme(theme_speedup.populate_theme_msg) == first  # not parsed again: the made one
        config._on_config_parsed.send()
        changed = new_session_theme(theme_speedup.populate_theme_msg)
        assert changed.new_session.custom_theme.primary_color == "#123456"
        assert changed == new_session_theme(theme_speedup._ORIGINAL)
    finally:
        config.set_option("theme.primaryColor", old)
        config._on_config_parsed.send()


def test_install_puts_it_in_streamlit(monkeypatch):
    monkeypatch.setattr(app_session, "_populate_theme_msg", theme_speedup._ORIGINAL)
    theme_speedup.install()
    theme_speedup.install()
    assert app_session._populate_theme_msg is theme_speedup.populate_theme_msg
