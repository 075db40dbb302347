"""data·inclusion's API, politely: a token, paginated listings, a timeout on every request, retries with back-off.

    GET {base}/services?page=1&size=1000   →   {"items": [...], "page": 1, "pages": 97, "size": 1000, "total": 96512}

The token comes from the environment (NAVIGATOR_DATA_INCLUSION_TOKEN) and goes in an `Authorization: Bearer` header;
it is never printed.
"""

from __future__ import annotations

import json
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from email.utils import parsedate_to_datetime

TOKEN_VARIABLE = "NAVIGATOR_DATA_INCLUSION_TOKEN"
PAGE_SIZE = 1000
TIMEOUT_SECONDS = 30
RETRIES = 5
#: Seconds before each retry (doubled each time), unless the server says how long with Retry-After.
BACKOFF_SECONDS = 1.0
MAX_WAIT_SECONDS = 60
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class ApiError(RuntimeError):
    """The API refused or kept failing; the message says which request and why (never the token)."""


def _retry_after(error: urllib.error.HTTPError) -> float | None:
    value = error.headers.get("Retry-After") if error.headers else None
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        try:
            return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
        except (TypeError, ValueError):
            return None


class Client:
    """One API base URL (e.g. https://api.data.inclusion.gouv.fr/api/v1)."""

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        timeout: float = TIMEOUT_SECONDS,
        retries: int = RETRIES,
        backoff: float = BACKOFF_SECONDS,
        sleep: Callable[[float], None] = time.sleep,
        progress=None,
    ):
        parsed = urllib.parse.urlparse(base_url)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise ApiError(f"--api: {base_url!r} is not an http(s) URL")
        self.base_url = base_url.rstrip("/")
        self.token = token if token is not None else os.environ.get(TOKEN_VARIABLE)
        self.timeout, self.retries, self.backoff, self.sleep = timeout, retries, backoff, sleep
        self.progress = progress if progress is not None else Progress()

    def _get(self, url: str) -> dict:
        headers = {"Accept": "application/json", "User-Agent": "navigator (data-inclusion import)"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        wait = self.backoff
        for attempt in range(self.retries + 1):
            try:
                with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=self.timeout) as response:  # noqa: S310 (http(s) only, checked above)
                    return json.loads(response.read().decode("utf-8"))
            except urllib.error.HTTPError as error:
                if error.code in (401, 403):
                    raise ApiError(f"{url}: refused ({error.code}); set {TOKEN_VARIABLE} to a valid token") from None
                if error.code not in RETRY_STATUSES or attempt == self.retries:
                    raise ApiError(f"{url}: HTTP {error.code} after {attempt + 1} attempt(s)") from None
                delay = _retry_after(error)
            except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
                if attempt == self.retries:
                    raise ApiError(f"{url}: {getattr(error, 'reason', error)} after {attempt + 1} attempt(s)") from None
                delay = None
            except (json.JSONDecodeError, UnicodeDecodeError):
                raise ApiError(f"{url}: the answer is not JSON") from None
            self.sleep(min(MAX_WAIT_SECONDS, delay if delay is not None else wait))
            wait *= 2
        raise AssertionError("unreachable")

    def pages(self, resource: str, size: int = PAGE_SIZE, params: dict | None = None) -> Iterator[tuple[int, list]]:
        """(page number, items) for every page of `resource` ("services", "structures")."""
        page, pages = 1, None
        while pages is None or page <= pages:
            query = urllib.parse.urlencode({**(params or {}), "page": page, "size": size}, doseq=True)
            body = self._get(f"{self.base_url}/{resource}?{query}")
            if not isinstance(body, dict) or not isinstance(body.get("items"), list):
                raise ApiError(f'{resource} page {page}: expected {{"items": [...], "page", "pages", …}}')
            pages = int(body.get("pages") or 0)
            self.progress.update(resource, page, pages)
            yield page, body["items"]
            if not body["items"]:
                break
            page += 1
        self.progress.done()

    def records(self, resource: str, **kwargs) -> Iterator[tuple[str, dict | None]]:
        """Every record of `resource`, with where it was read ("services page 3, record 7")."""
        for page, items in self.pages(resource, **kwargs):
            for i, item in enumerate(items, 1):
                yield f"{resource} page {page}, record {i}", item if isinstance(item, dict) else None


class Progress:
    """A one-line progress bar on a terminal; silent when the output is a file or a pipe (cron)."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        self.active = self.stream.isatty()

    def update(self, resource: str, page: int, pages: int) -> None:
        if not self.active:
            return
        width = 30
        filled = width * page // pages if pages else 0
        self.stream.write(f"\r{resource:<10} [{'#' * filled}{'.' * (width - filled)}] page {page}/{pages or '?'}")
        self.stream.flush()

    def done(self) -> None:
        if self.active:
            self.stream.write("\n")
            self.stream.flush()
