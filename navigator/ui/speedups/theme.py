"""Streamlit's theme message, made once per process instead of on every run, with the same content.

Each script run (every tap) starts with a `new_session` message, and Streamlit fills its theme part again each time:
four passes (theme, light, dark, sidebar) over all its ~200 config options to pick a section's, then our 11 font
faces parsed from dictionaries into protobuf. That was 15 % of the server's CPU in a burst of 50 sessions (py-spy,
scripts/load_test.py): about 1.5 ms per tap, as much as the rest of an empty page's rerun.

The theme comes from `.streamlit/config.toml` and the command line, which do not change while the process runs; when
Streamlit parses its config again (`config.on_config_parsed`), the made sections are dropped and made afresh. Each
run still gets its own message: the made section is copied into it. `install()` puts it in place (once per process);
tests/test_speedup_theme.py compares the message with Streamlit's own.
"""

from __future__ import annotations

import threading

from streamlit import config
from streamlit.runtime import app_session

_ORIGINAL = app_session._populate_theme_msg
_made: dict[str, object] = {}
_lock = threading.Lock()


def _forget() -> None:
    with _lock:
        _made.clear()


def populate_theme_msg(msg, section: str = "theme") -> None:
    """What `streamlit.runtime.app_session._populate_theme_msg` writes into `msg` for `section`, from a copy made once."""
    with _lock:
        made = _made.get(section)
        if made is None:
            made = type(msg)()
            _ORIGINAL(made, section)
            _made[section] = made
    if made.ByteSize():  # an unset section leaves the message untouched, as Streamlit's does
        msg.MergeFrom(made)


def install() -> None:
    """Use the made theme in every new run's message; once is enough, again is harmless."""
    if app_session._populate_theme_msg is not populate_theme_msg:
        config.on_config_parsed(_forget, force_connect=True)
        app_session._populate_theme_msg = populate_theme_msg
