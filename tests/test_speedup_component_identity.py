"""A component's identity with its digest worked out when written out gives the element ids Streamlit's own gives,
with a key and without, and with a key the digest is never worked out."""

from __future__ import annotations

import pytest
from streamlit.components.v2.bidi_component.main import BidiComponentMixin
from streamlit.components.v2.bidi_component.serialization import serialize_mixed_data
from streamlit.elements.lib.utils import compute_and_register_element_id
from streamlit.proto.BidiComponent_pb2 import BidiComponent as BidiComponentProto

from navigator.ui.speedups import component_identity

DATA = [
    [{"lang": "fa", "screen": "s3", "items": [{"id": "q", "shown": "گوش دادن", "segments": [["fa", "متن"]], "row": True}]}],
    [{"b": 1, "a": [2, 3]}],  # keys out of order: the digest sorts them
    {"nested": {"z": None, "y": "é"}},
]


def _proto(data) -> BidiComponentProto:
    proto = BidiComponentProto()
    if isinstance(data, bytes):
        proto.bytes = data
    else:
        serialize_mixed_data(data, proto)
    return proto


def _element_id(build, data, key):
    asked = dict(component_name="navigator.listen", isolate_styles=True, width="stretch", height="content", proto=_proto(data), data=data)
    identity = build(BidiComponentMixin(), **asked)
    return compute_and_register_element_id("bidi_component", user_key=key, key_as_main_identity=True, dg=None, **identity)


@pytest.mark.parametrize("data", DATA + [b"\x00\x01raw"])
@pytest.mark.parametrize("key", [None, "listen_projects"])
def test_the_element_id_is_streamlit_s_own(data, key):
    ours = _element_id(component_identity.build_bidi_identity_kwargs, data, key)
    assert ours == _element_id(component_identity._ORIGINAL, data, key)


def test_data_changed_without_a_key_changes_the_id_as_streamlit_s_does():
    build = component_identity.build_bidi_identity_kwargs
    assert _element_id(build, DATA[0], None) != _element_id(build, DATA[1], None)


def test_with_a_key_the_digest_is_not_worked_out(monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("the digest was worked out")

    monkeypatch.setattr(component_identity, "_ORIGINAL", never)
    assert _element_id(component_identity.build_bidi_identity_kwargs, DATA[0], "listen_projects").endswith("-listen_projects")


def test_install_puts_it_in_streamlit(monkeypatch):
    monkeypatch.setattr(BidiComponentMixin, "_build_bidi_identity_kwargs", component_identity._ORIGINAL)
    component_identity.install()
    assert BidiComponentMixin._build_bidi_identity_kwargs is component_identity.build_bidi_identity_kwargs
