"""The operational store as coaching uses it (shared/DESIGN.md, Two stores): `open_coaching_store`
opens it with coaching's migrations (disputes and reviews, coaching sessions, playlists,
calibration), and `load_store_inputs` reads what the reports need."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from meeluister.records import ReviewedOutcome


@dataclass(frozen=True)
class StoreInputs:
    reviews: tuple[ReviewedOutcome, ...] = ()
    advisory: tuple[str, ...] = ()  # criteria whose calibration failed: shown, not counted
    open_disputes: tuple[dict[str, Any], ...] = ()
    sessions: tuple[dict[str, Any], ...] = ()


def open_coaching_store(url: str) -> Any:
    from opstore import calibration, coaching_sessions, disputes, open_store, playlists

    return open_store(url, migrations=(disputes.MIGRATIONS, coaching_sessions.MIGRATIONS, playlists.MIGRATIONS,
                                       calibration.MIGRATIONS))


def read_store_inputs(store: Any) -> StoreInputs:
    from coaching import disputes, sessions
    from opstore import calibration

    return StoreInputs(
        reviews=tuple(disputes.reviewed_outcomes(store)),
        advisory=tuple(calibration.advisory_criteria(store)),
        open_disputes=tuple(disputes.as_dict(d) for d in disputes.list_disputes(store, status="open")),
        sessions=tuple(sessions.as_dict(s) for s in sessions.list_sessions(store)),
    )


def load_store_inputs(url: str) -> StoreInputs:
    """Everything the reports need from the store at `url` (sqlite:///path or postgresql://...)."""
    store = open_coaching_store(url)
    try:
        return read_store_inputs(store)
    finally:
        store.close()
