"""A route's short code in shared links and QR codes, and reading codes back (a module of its own: the national
directory's prepared file holds the codes of its services, so that no process builds a dict of 100,000 of them)."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable


def route_code(route_id: str) -> str:
    """A route's short code in shared links: 8 letters and digits from a hash of its id, the same on every server and
    after every catalogue update (ids are long: 'cfa-btp-parcours-mineurs-non-accompagnes')."""
    return base64.b32encode(hashlib.blake2b(route_id.encode(), digest_size=5).digest()).decode().lower()


def route_codes(ids: Iterable[str]) -> dict[str, str]:
    """Short code → route id, to read shared links back."""
    return {route_code(i): i for i in ids}
