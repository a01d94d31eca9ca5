"""The criterion base class, the registry and the helpers that several criteria share."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar, Iterable, Mapping

from meeluister.records import CriterionResult, Evidence, Transcript
from qa.lexicon import Lexicon
from qa.text import Prepared, PreparedTurn, Sentence

REGISTRY: dict[str, type[Criterion]] = {}


def register(cls: type[Criterion]) -> type[Criterion]:
    REGISTRY[cls.id] = cls
    return cls


@dataclass
class Context:
    """What a criterion sees: the prepared contact, its language's lexicon, its parameters."""

    p: Prepared
    lex: Lexicon | None
    params: Mapping[str, Any]
    scorecard_id: str | None
    options: Any  # qa.engine.ScoreOptions (kept untyped to avoid an import cycle)
    all_params: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)  # every criterion's

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
    ) -> CriterionResult:
        if score is None and outcome != "n/a":
            score = 1.0 if outcome == "pass" else 0.0
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
        )

    def na(self, ctx: Context, reason: str, **measures: float | None) -> CriterionResult:
        return self.result(ctx, "n/a", reason=reason, measures=measures)


# shared helpers -------------------------------------------------------------------------------


def overlap_s(a: PreparedTurn, b: PreparedTurn) -> float:
    """Seconds that turn `a` and turn `b` overlap; 0 without timing."""
    if a.start is None or a.end is None or b.start is None or b.end is None:
        return 0.0
    return max(0.0, min(a.end, b.end) - max(a.start, b.start))


def is_backchannel(ctx: Context, pt: PreparedTurn) -> bool:
    """A short listening signal ("ja", "hm-hm", "okay", "oui", "sí"), not a turn of its own."""
    if ctx.lex is None:
        return False
    cache = ctx.p.cache.setdefault("backchannel", {})
    hit = cache.get(pt.index)
    if hit is not None:
        return hit
    words = pt.norm.split()
    bc = ctx.lex.wordset("common", "backchannel_words")
    result = False
    if words and len(words) <= 3 and all(w in bc for w in words):
        result = True
    elif words and len(words) <= 4 and ctx.p.timed and pt.start is not None:
        # a short turn lying wholly inside the other party's turn is a listening signal
        for other in ctx.p.turns:
            if other.speaker != pt.speaker and other.start is not None and other.end is not None:
                if other.start <= pt.start and pt.end is not None and pt.end <= other.end:
                    result = True
                    break
    cache[pt.index] = result
    return result


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
