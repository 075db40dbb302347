"""Caches for what every rerun would otherwise recompute the same way, for every visitor.

Streamlit reruns the whole script on each tap. Texts that depend only on the interface language, a programme and
the day (read-aloud utterances, labels) are the same for every visitor: these caches keep them once per process.
Nothing about a person is ever a key or a value here.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from functools import wraps
from typing import TypeVar

T = TypeVar("T")


def by_identity(maxsize: int = 4096) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Memoise `function(obj, *args)` by the identity of `obj` (a catalogue object, not hashable) and the other
    arguments (hashable). The cache holds `obj` itself, so its id cannot be reused by another object while cached;
    a reloaded catalogue brings new objects, hence new entries, and the least recently used go first."""

    def decorate(function: Callable[..., T]) -> Callable[..., T]:
        entries: OrderedDict[tuple, tuple[object, T]] = OrderedDict()
        lock = threading.Lock()

        @wraps(function)
        def cached(obj, *args) -> T:
            key = (id(obj), *args)
            with lock:
                found = entries.get(key)
                if found is not None and found[0] is obj:
                    entries.move_to_end(key)
                    return found[1]
            value = function(obj, *args)
            with lock:
                entries[key] = (obj, value)
                while len(entries) > maxsize:
                    entries.popitem(last=False)
            return value

        cached.cache_clear = entries.clear  # type: ignore[attr-defined]
        return cached

    return decorate
