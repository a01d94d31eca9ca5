"""signals: the contact centre as the organisation's ears (shared/DESIGN.md, Signals; docs/signals.md).

    from signals import classify, load_taxonomy
    classify(transcript, "ministry")        # -> [ContactReason, ...], best first; "other" when none fits
"""
from __future__ import annotations

from signals.reasons import ReasonOptions, classify
from signals.taxonomy import OTHER, STATUS_INQUIRY, Taxonomy, load_taxonomy, shipped_taxonomies

__all__ = ["OTHER", "STATUS_INQUIRY", "ReasonOptions", "Taxonomy", "classify", "load_taxonomy",
           "shipped_taxonomies"]
