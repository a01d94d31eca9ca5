"""qa: scores every contact on the behaviour criteria of shared/DESIGN.md, with evidence.

    from qa import score, load_scorecard
    result = score(transcript, "ministry")      # -> ContactScore
    for line in result.records(): ...            # results.jsonl lines (criteria + "overall")

Criteria live in `qa.criteria` (one module each, registered in `REGISTRY`); lexicons per language
in `qa/lexicons/<lang>/`; scorecards in `qa/scorecards/`. See docs/qa.md.
"""
from __future__ import annotations

from qa.criteria import CRITERIA_ORDER, REGISTRY, Criterion
from qa.engine import OVERALL, ContactScore, ScoreOptions, score
from qa.scorecard import Scorecard, load_scorecard, shipped_scorecards

__all__ = [
    "CRITERIA_ORDER",
    "OVERALL",
    "REGISTRY",
    "ContactScore",
    "Criterion",
    "ScoreOptions",
    "Scorecard",
    "load_scorecard",
    "score",
    "shipped_scorecards",
]
