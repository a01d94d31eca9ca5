"""Coaching sessions (the loop's third step): a team leader logs one, the agent acknowledges it;
reports show the session's criterion before and after (`coaching.reports`)."""
from __future__ import annotations

from dataclasses import asdict
from typing import Any

from opstore.coaching_sessions import CoachingSession, SessionError, acknowledge, list_sessions, log_session

__all__ = ["CoachingSession", "SessionError", "acknowledge", "as_dict", "list_sessions", "log_session"]


def as_dict(s: CoachingSession) -> dict[str, Any]:
    return asdict(s)
