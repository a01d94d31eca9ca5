"""The criterion base class, the registry and the helpers that several criteria share."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar, Iterable, Mapping

from meeluister.records import CriterionResult, Evidence, Transcript
from qa.confidence import Calibration
from qa.findings import Findings
from qa.lexicon import Lexicon
from qa.text import Prepared, PreparedTurn, Sentence

REGISTRY: dict[str, type[Criterion]] = {}


def register(cls: type[Criterion]) -> type[Criterion]:
    REGISTRY[cls.id] = cls
    return cls


@dataclass
class Context:
    """What a criterion sees: the prepared contact, the contact's shared findings (fills,
    emotion, holds, computed once), its language's lexicon and its OWN parameters."""

    p: Prepared
    lex: Lexicon | None
    params: Mapping[str, Any]
    scorecard_id: str | None
    options: Any  # qa.engine.ScoreOptions (kept untyped to avoid an import cycle)
    findings: Findings
    calibration: Calibration | None = None  # the reliability table (None: no confidence given)
    style: str = "text"  # "asr" when most turns carry no punctuation (qa.confidence.text_style)
    review_below: float = 0.0  # results less confident than this go to human review
    bases: list[str] = field(default_factory=list)  # the basis of each result given (for fitting)

    @property
    def t(self) -> Transcript:
        return self.p.transcript

    def evidence(self, s: Sentence | PreparedTurn, term: str | None = None) -> Evidence:
        turn = self.p.turns[s.turn if isinstance(s, Sentence) else s.index]
        quote = s.text if isinstance(s, Sentence) else turn.turn.text
        return Evidence(turn.index, turn.start, turn.end, quote.strip(), term)


class Criterion:
    """One behaviour criterion. Subclasses set `id`, `defaults` and implement `evaluate`."""

    id: ClassVar[str]
    defaults: ClassVar[dict[str, Any]] = {}
    # Scores of pass/fail criteria are 1/0; criteria with findings may grade (see diminutives).

    def evaluate(self, ctx: Context) -> CriterionResult:  # pragma: no cover - abstract
        raise NotImplementedError

    # helpers ---------------------------------------------------------------------------------
    def result(
        self,
        ctx: Context,
        outcome: str,
        *,
        reason: str,
        score: float | None = None,
        count: int | None = None,
        evidence: Iterable[Evidence] = (),
        measures: Mapping[str, float | None] | None = None,
        basis: str = "",
    ) -> CriterionResult:
        """`basis` names the rule or layer that decided (with its margin, where there is one):
        the key of the reliability table that gives the result its confidence."""
        if score is None and outcome != "n/a":
            score = 1.0 if outcome == "pass" else 0.0
        confidence = None
        if ctx.calibration is not None:
            confidence = ctx.calibration.confidence(self.id, outcome, basis, ctx.style)
        ctx.bases.append(basis)
        return CriterionResult(
            contact_id=ctx.t.contact_id,
            criterion=self.id,
            outcome=outcome,  # type: ignore[arg-type]
            score=score,
            count=count,
            evidence=tuple(evidence),
            reason=reason,
            measures=dict(measures or {}),
            scorecard=ctx.scorecard_id,
            confidence=confidence,
            needs_review=confidence is not None and confidence < ctx.review_below,
        )

    def na(self, ctx: Context, reason: str, basis: str = "", **measures: float | None) -> CriterionResult:
        return self.result(ctx, "n/a", reason=reason, measures=measures, basis=basis)


# shared helpers -------------------------------------------------------------------------------


def overlap_s(a: PreparedTurn, b: PreparedTurn) -> float:
    """Seconds that turn `a` and turn `b` overlap; 0 without timing."""
    if a.start is None or a.end is None or b.start is None or b.end is None:
        return 0.0
    return max(0.0, min(a.end, b.end) - max(a.start, b.start))


def is_backchannel(ctx: Context, pt: PreparedTurn) -> bool:
    """A short listening signal ("ja", "hm-hm", "okay", "oui", "sí"), not a turn of its own."""
    return ctx.findings.is_backchannel(pt)


def first_agent_turn(ctx: Context) -> PreparedTurn | None:
    for pt in ctx.p.turns:
        if pt.speaker == "agent" and pt.norm.strip():
            return pt
    return None


def preceding_other(ctx: Context, pt: PreparedTurn) -> PreparedTurn | None:
    """The other party's substantive turn just before (or overlapping the start of) `pt`."""
    for prev in reversed(ctx.p.turns[: pt.index]):
        if prev.speaker != pt.speaker and prev.speaker in ("agent", "customer"):
            if not is_backchannel(ctx, prev):
                return prev
    return None
