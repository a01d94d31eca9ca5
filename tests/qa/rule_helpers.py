"""One criterion on one contact, with what a user of the results sees: the result itself and the
basis it was decided on (`ContactScore.bases`: the reliability table's key that gives the result
its confidence)."""
from __future__ import annotations

from meeluister.records import CriterionResult
from qa import score
from qa.engine import ScoreOptions
from qa.scorecard import scorecard_from_dict


def decide(t, crit: str, card=None) -> tuple[CriterionResult, str]:
    cs = score(t, card, ScoreOptions(criteria=(crit,)))
    (r,) = cs.results
    (basis,) = cs.bases
    return r, basis


def card(crit: str, **params):
    """A scorecard that enables only `crit`, with these parameters."""
    return scorecard_from_dict({"name": "p", "version": "1", "criteria": {crit: params}})


def ev(r: CriterionResult) -> list[tuple]:
    return [(e.turn, e.quote, e.term) for e in r.evidence]
