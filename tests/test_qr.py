"""A QR code that always scans: the shared link stays short whatever the number of routes chosen."""

import base64
import io

import pytest
import segno
import zxingcpp
from factories import shipped_catalogue
from PIL import Image

from navigator.presentation.sheet import SHARED_MAX, qr_data_uri, share_query

#: The longest ids first: the worst case for the link's length.
IDS = sorted((p.id for p in shipped_catalogue().programmes), key=len, reverse=True)
BASE = "https://navigateur.example.org/routes"


def picture(data_uri: str) -> Image.Image:
    assert data_uri.startswith("data:image/png;base64,")
    return Image.open(io.BytesIO(base64.b64decode(data_uri.split(",", 1)[1])))


def decoded(data_uri: str) -> str:
    (found,) = zxingcpp.read_barcodes(picture(data_uri))
    assert found.ec_level == "M"
    return found.text


@pytest.mark.parametrize("n", [1, 5, SHARED_MAX, 20, len(IDS)])
def test_the_qr_code_of_any_number_of_routes_decodes_to_the_link(n):
    link = f"{BASE}?{share_query(IDS[:n], 'ar')}"
    assert decoded(qr_data_uri(link)) == link
    assert segno.make(link, error="m").version <= 8  # at most 49 modules a side: scans from a phone screen or a print
    modules = segno.make(link, error="m").symbol_size(scale=1)[0]  # with the quiet zone of 4 modules each side
    assert picture(qr_data_uri(link)).size == (modules * 6, modules * 6)


def test_a_link_holds_the_first_routes_only():
    assert share_query(IDS, "fr") == share_query(IDS[:SHARED_MAX], "fr")
