"""Behaviour criteria: one module per criterion, each a small `Criterion` subclass in `REGISTRY`.

Importing this package imports every criterion module so that the registry is complete.
"""
from __future__ import annotations

from qa.criteria.base import REGISTRY, Context, Criterion, register

from qa.criteria import (  # noqa: E402,F401  (imported for their registration side effect)
    own_name_greeting,
    concise_opening,
    nivea,
    diminutives,
    tone,
    room_for_emotion,
    clarifying_questions,
    hold_etiquette,
    next_steps,
    no_repeat_questions,
)

CRITERIA_ORDER = (
    "own_name_greeting",
    "concise_opening",
    "nivea",
    "diminutives",
    "tone",
    "room_for_emotion",
    "clarifying_questions",
    "hold_etiquette",
    "next_steps",
    "no_repeat_questions",
)

__all__ = ["CRITERIA_ORDER", "REGISTRY", "Context", "Criterion", "register"]
