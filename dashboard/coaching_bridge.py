"""The dashboard's one door to the coaching API (disputes, reviews, coaching sessions,
acknowledgements, example library, reports). Until `coaching` provides a function, the bridge
answers empty and `available(name)` says so, so pages show "not available yet" rather than fail."""
from __future__ import annotations

import importlib
import logging
from typing import Any

from opstore import Store

log = logging.getLogger(__name__)


class CoachingBridge:
    def __init__(self, store: Store) -> None:
        self.store = store

    def _api(self) -> Any:
        try:
            return importlib.import_module("coaching")
        except ImportError:
            return None

    def available(self, name: str) -> bool:
        api = self._api()
        return api is not None and callable(getattr(api, name, None))

    def reviews(self) -> tuple:
        """Reviewed outcomes (meeluister.ReviewedOutcome) that count instead of the automatic ones."""
        api = self._api()
        fn = getattr(api, "reviewed_outcomes", None) if api else None
        return tuple(fn(self.store)) if callable(fn) else ()

    def example_ids(self) -> tuple[str, ...]:
        """Contact ids in the example library (what a trainer may open)."""
        api = self._api()
        fn = getattr(api, "example_contact_ids", None) if api else None
        return tuple(map(str, fn(self.store))) if callable(fn) else ()
