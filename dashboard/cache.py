"""A small thread-safe LRU for figures that are expensive to compute (key drivers: a bootstrap
of logistic fits). Keys include the warehouse version, so a new ingest is never hidden."""
from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any, Callable, Hashable


class FigureCache:
    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._d: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._pending: dict[Hashable, threading.Event] = {}

    def get_or_compute(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The cached value, or compute it once: concurrent callers of the same key wait for
        the first one instead of fitting the same model again."""
        while True:
            with self._lock:
                if key in self._d:
                    self._d.move_to_end(key)
                    return self._d[key]
                pending = self._pending.get(key)
                if pending is None:
                    pending = self._pending[key] = threading.Event()
                    mine = True
                else:
                    mine = False
            if not mine:
                pending.wait()
                continue  # computed (or failed: then this caller tries itself)
            try:
                value = compute()
                with self._lock:
                    self._d[key] = value
                    while len(self._d) > self.size:
                        self._d.popitem(last=False)
                return value
            finally:
                with self._lock:
                    self._pending.pop(key, None)
                pending.set()

