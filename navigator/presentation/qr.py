"""QR codes as data URIs (nothing fetched, nothing written): for shared links, and on kiosks for the addresses a
visitor takes away on their phone instead of opening them on the kiosk."""

from __future__ import annotations

from functools import lru_cache

import segno


@lru_cache(maxsize=1024)
def qr_data_uri(link: str) -> str:
    """A PNG QR code for a link (shared links hold route ids and a language only, so they can be cached)."""
    return segno.make(link, error="m").png_data_uri(scale=6)
