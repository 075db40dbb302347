"""The identity of a component's drawing, whose JSON digest is worked out only when the element id needs it.

On every drawing of a component (the screen's one listen component, on every tap), Streamlit writes its data out to
JSON a second time with sorted keys and hashes it, for the element's identity; but the element id of a component drawn
with a key (all of ours) is made from the key alone (`key_as_main_identity`), and that digest is thrown away: 40–150 µs
a tap, for 2–18 KB of data. Here the digest is a value worked out when it is written out (`str`), which is what making
the id of a component drawn without a key does; with a key nothing asks for it. The identity is otherwise Streamlit's
own, the same names in the same order. `install()` puts it in place (once per process);
tests/test_speedup_component_identity.py compares both.
"""

from __future__ import annotations

from streamlit.components.v2.bidi_component.main import BidiComponentMixin

_ORIGINAL = BidiComponentMixin._build_bidi_identity_kwargs


class _Later:
    """A value of the identity worked out the first time it is written out."""

    __slots__ = ("_text", "_work")

    def __init__(self, work) -> None:
        self._work, self._text = work, None

    def __str__(self) -> str:
        if self._text is None:
            self._text = str(self._work())
        return self._text


def build_bidi_identity_kwargs(self, *, component_name, isolate_styles, width, height, proto, data=None, default=None) -> dict:
    """What `BidiComponentMixin._build_bidi_identity_kwargs` answers, its JSON digest worked out when written out."""
    asked = {
        "component_name": component_name,
        "isolate_styles": isolate_styles,
        "width": width,
        "height": height,
        "proto": proto,
        "data": data,
        "default": default,
    }
    if proto.WhichOneof("data") != "json":
        return _ORIGINAL(self, **asked)
    identity = {"component_name": component_name, "isolate_styles": isolate_styles, "width": width, "height": height, "default": default}
    identity["json"] = _Later(lambda: _ORIGINAL(self, **asked)["json"])
    return identity


def install() -> None:
    """Use it in every component's drawing; once is enough, again is harmless."""
    BidiComponentMixin._build_bidi_identity_kwargs = build_bidi_identity_kwargs
