"""The dashboard's one door to the coaching API (disputes and reviews, coaching sessions and
acknowledgements, the example library and playlists, calibration's advisory criteria). Every
call that changes something names the signed-in user; ownership is checked there (coaching) and
here (the data-access layer), never taken from the browser."""
from __future__ import annotations

import logging
from typing import Any, Sequence

from opstore import Store

log = logging.getLogger(__name__)

LIBRARY_CRITERIA = ("own_name_greeting", "concise_opening", "nivea", "diminutives", "room_for_emotion",
                    "clarifying_questions", "hold_etiquette", "next_steps", "no_repeat_questions", "tone")
LIBRARY_PER_KIND = 6  # examples per criterion and outcome


def latest_month(con: Any) -> str | None:
    """The newest month with scored contacts ("YYYY-MM"): the library is chosen from it (fresh
    examples, and one month is what a selection over millions of results can afford)."""
    import warehouse

    df = warehouse.qa_score(con, warehouse.Query(period="month"))
    if df.empty:
        return None
    return str(max(df["month"]))[:7]


class CoachingBridge:
    def __init__(self, store: Store) -> None:
        self.store = store
        try:
            from opstore import calibration, coaching_sessions, disputes, playlists
        except ImportError:  # coaching's store modules not installed: the loop stays off
            self.enabled = False
            return
        self.enabled = True
        for mod in (disputes, coaching_sessions, playlists, calibration):
            mod.ensure(store)

    # -- what every figure needs ------------------------------------------------------------
    def reviews(self) -> tuple:
        """Decided reviews (meeluister.ReviewedOutcome): they count instead of the automatic outcome."""
        if not self.enabled:
            return ()
        from coaching import disputes
        return tuple(disputes.reviewed_outcomes(self.store))

    def advisory(self) -> tuple[str, ...]:
        """Criteria whose calibration failed: shown, not counted."""
        if not self.enabled:
            return ()
        from opstore import calibration
        return tuple(calibration.advisory_criteria(self.store))

    # -- disputes -----------------------------------------------------------------------------
    def open_dispute(self, con: Any, user: Any, contact_id: str, criterion: str, comment: str) -> Any:
        from coaching import disputes
        return disputes.open_dispute(self.store, con, contact_id=contact_id, criterion=criterion,
                                     agent_id=user.agent_id, comment=comment, by=user.username)

    def disputes(self, *, agent_ids: Sequence[str] | None = None, status: str | None = None) -> list[Any]:
        if not self.enabled:
            return []
        from coaching import disputes
        rows = disputes.list_disputes(self.store, status=status)
        return [d for d in rows if agent_ids is None or d.agent_id in set(agent_ids)]

    def decide(self, dispute_id: int, decision: str, reason: str, by: str) -> Any:
        from coaching import disputes
        return disputes.decide(self.store, dispute_id, decision=decision, reason=reason, by=by)

    def get_dispute(self, dispute_id: int) -> Any:
        from opstore import disputes
        return disputes.get_dispute(self.store, int(dispute_id))

    # -- coaching sessions ----------------------------------------------------------------------
    def sessions(self, agent_ids: Sequence[str] | None = None) -> list[Any]:
        if not self.enabled:
            return []
        from coaching import sessions
        rows = sessions.list_sessions(self.store)
        return [s for s in rows if agent_ids is None or s.agent_id in set(agent_ids)]

    def log_session(self, agent_id: str, criterion: str, session_date: Any, note: str, by: str) -> Any:
        from coaching import sessions
        return sessions.log_session(self.store, agent_id=agent_id, criterion=criterion, session_date=session_date,
                                    note=note, by=by)

    def acknowledge(self, session_id: int, agent_id: str) -> Any:
        from coaching import sessions
        return sessions.acknowledge(self.store, int(session_id), agent_id=agent_id)

    # -- example library and playlists ------------------------------------------------------
    def library(self, con: Any, reviews: tuple = ()) -> list[dict[str, Any]]:
        """The clearest examples per criterion, good and bad, from the newest month
        (coaching.examples), plus every contact in a saved playlist."""
        if not self.enabled:
            return []
        from coaching import examples
        from opstore import playlists

        period = latest_month(con)
        out: list[dict[str, Any]] = []
        for crit in LIBRARY_CRITERIA:
            for outcome in ("pass", "fail"):
                out += examples.select_examples(con, criterion=crit, language=None, outcome=outcome,
                                                limit=LIBRARY_PER_KIND, reviews=reviews, period=period)
        for p in playlists.list_playlists(self.store):
            for e in examples.from_playlist(con, playlists.get_playlist(self.store, p["name"])):
                out.append(dict(e, playlist=p["name"]))
        return out

    def playlists(self) -> list[dict[str, Any]]:
        if not self.enabled:
            return []
        from opstore import playlists
        return playlists.list_playlists(self.store)

    def save_playlist(self, name: str, chosen: Sequence[dict[str, Any]], by: str) -> None:
        from coaching import examples
        from opstore import playlists
        playlists.save_playlist(self.store, name, examples.playlist_items(chosen), by=by)
