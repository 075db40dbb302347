"""QR codes as data URIs (nothing fetched, nothing written): for shared links, and on kiosks for the addresses a
visitor takes away on their phone instead of opening them on the kiosk."""

from __future__ import annotations

import base64
import io
from functools import lru_cache

import numpy as np
import zxingcpp
from PIL import Image

#: Pixels per module; the code keeps the standard quiet zone of 4 modules around it.
SCALE = 6


@lru_cache(maxsize=1024)
def qr_data_uri(link: str) -> str:
    """A PNG QR code for a link (shared links hold route ids and a language only, so they can be cached), error
    correction M. Made by zxing-cpp in C++: about 1 ms where segno's Python encoder took 6–7 ms, paid by the results
    screen at each new choice of routes."""
    code = zxingcpp.create_barcode(link, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    picture = Image.fromarray(np.asarray(code.to_image(scale=SCALE))).convert("1")
    out = io.BytesIO()
    picture.save(out, format="PNG")
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode("ascii")
