"""Who may open the staff desk.

- Closed unless NAVIGATOR_STAFF_KEY is set on the server: without a key nobody gets in, kiosk or not.
- The key given is compared as UTF-8 bytes in constant time, so any text (`?key=é`) is just a wrong key.
- Wrong keys are limited per browser session and per client address: a few free tries, then a wait that doubles
  with each further failure (up to 15 minutes). Failures are logged with pseudonyms of the session and address
  (a keyed hash that changes at each restart), never with the key tried.

The limiter is plain Python (no Streamlit), shared by every session of the process.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable

log = logging.getLogger("navigator.staff")

STAFF_KEY_VARIABLE = "NAVIGATOR_STAFF_KEY"
#: Longest key text compared; anything longer is refused unread (it cannot be the key).
MAX_KEY_LENGTH = 200


def configured_key() -> bytes | None:
    """The staff key as bytes, or None when the desk is closed (variable unset or blank)."""
    key = os.environ.get(STAFF_KEY_VARIABLE, "").strip()
    return key.encode("utf-8", "replace") if key else None


def key_matches(given: object, expected: bytes) -> bool:
    """Constant-time comparison of any text with the key; never raises."""
    if not isinstance(given, str) or not given or len(given) > MAX_KEY_LENGTH:
        return False
    return hmac.compare_digest(given.strip().encode("utf-8", "replace"), expected)


_SALT = secrets.token_bytes(16)


def pseudonym(value: str) -> str:
    """A short keyed hash: the same client reads the same in the log until the server restarts, and is never named."""
    return hmac.new(_SALT, value.encode("utf-8", "replace"), hashlib.sha256).hexdigest()[:10]


class AttemptLimiter:
    """Failed attempts per identity (a session, a client address), with a growing wait before the next try.

    `free` failures cost nothing; the n-th failure after them makes the identity wait `base * 2**(n-1)` seconds,
    at most `cap`. An identity not seen for `forget_after` seconds starts again; at most `max_entries` are kept.
    """

    def __init__(
        self,
        free: int = 3,
        base: float = 2.0,
        cap: float = 900.0,
        forget_after: float = 3600.0,
        max_entries: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.free, self.base, self.cap, self.forget_after, self.max_entries = free, base, cap, forget_after, max_entries
        self.clock = clock
        self._failures: OrderedDict[str, tuple[int, float]] = OrderedDict()
        self._lock = threading.Lock()

    def _delay(self, failures: int) -> float:
        over = failures - self.free
        return 0.0 if over <= 0 else min(self.cap, self.base * 2 ** (over - 1))

    def wait(self, *identities: str) -> float:
        """Seconds before any of these identities may try again (0: now)."""
        now = self.clock()
        with self._lock:
            waits = [0.0]
            for identity in identities:
                failures, last = self._failures.get(identity, (0, now))
                if now - last > self.forget_after:
                    continue
                waits.append(last + self._delay(failures) - now)
            return max(waits)

    def failed(self, *identities: str) -> int:
        """Record a failure for each identity; the highest failure count among them."""
        now = self.clock()
        worst = 0
        with self._lock:
            for identity in identities:
                failures, last = self._failures.pop(identity, (0, now))
                if now - last > self.forget_after:
                    failures = 0
                self._failures[identity] = (failures + 1, now)
                worst = max(worst, failures + 1)
            while len(self._failures) > self.max_entries:
                self._failures.popitem(last=False)
        return worst

    def succeeded(self, *identities: str) -> None:
        with self._lock:
            for identity in identities:
                self._failures.pop(identity, None)


#: Shared by every session of this server process.
LIMITER = AttemptLimiter()


def try_key(given: object, session: str, address: str, limiter: AttemptLimiter | None = None) -> tuple[bool, float]:
    """(unlocked, seconds to wait). A try during a wait is refused without being compared (and is not counted)."""
    limiter = limiter or LIMITER
    who = (f"session:{session}", f"address:{address}")
    expected = configured_key()
    if expected is None:
        return False, 0.0
    waiting = limiter.wait(*who)
    if waiting > 0:
        return False, waiting
    if key_matches(given, expected):
        limiter.succeeded(*who)
        log.info("staff desk opened (session %s, client %s)", pseudonym(session), pseudonym(address))
        return True, 0.0
    failures = limiter.failed(*who)
    log.warning("wrong staff key (session %s, client %s): %d failure(s) in a row", pseudonym(session), pseudonym(address), failures)
    return False, limiter.wait(*who)
