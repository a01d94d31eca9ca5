"""`score(transcript, scorecard)`: every enabled criterion on one contact, plus the weighted overall."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from meeluister.records import CriterionResult, Transcript
from qa.criteria import CRITERIA_ORDER, REGISTRY, Context
from qa.confidence import load_calibration, overall_confidence, text_style
from qa.findings import Findings
from qa.lexicon import load_lexicon
from qa.scorecard import Scorecard, load_scorecard
from qa.text import prepare

OVERALL = "overall"


@dataclass(frozen=True)
class ScoreOptions:
    """The one options record of the scoring stage (defaults live here only)."""

    audio: bool = True  # measure tone from the recording when the transcript points at one
    audio_root: str | None = None  # base directory for relative `audio` paths
    criteria: tuple[str, ...] | None = None  # score only these (of the scorecard's enabled ones)


@dataclass(frozen=True)
class ContactScore:
    """The criterion results of one contact, the weighted overall, and what produced them."""

    contact_id: str
    results: tuple[CriterionResult, ...]
    score: float | None  # weighted mean of the scored criteria, 0..1; None if none applied
    outcome: str  # pass | fail (score vs the scorecard's pass mark) | n/a
    scorecard: str  # name@version
    pass_mark: float
    options: ScoreOptions = field(default_factory=ScoreOptions)
    confidence: float | None = None  # P(the overall outcome is right), from the criteria's confidences
    needs_review: bool = False
    in_review: int = 0  # results routed to review, not counted in the overall
    bases: tuple[str, ...] = ()  # how each result was decided (the reliability table's keys)
    style: str = "text"  # "asr": most turns without punctuation (speech-recognition style)

    def result(self, criterion: str) -> CriterionResult | None:
        for r in self.results:
            if r.criterion == criterion:
                return r
        return None

    def overall(self) -> CriterionResult:
        scored = [r for r in self.results if r.outcome != "n/a"]
        passed = sum(r.outcome == "pass" for r in scored)
        return CriterionResult(
            contact_id=self.contact_id,
            criterion=OVERALL,
            outcome=self.outcome,  # type: ignore[arg-type]
            score=self.score,
            count=None,
            evidence=(),
            reason=f"{passed} of {len(scored)} applicable criteria passed; pass mark {self.pass_mark:g}"
                   + (f"; {self.in_review} awaiting review, not counted" if self.in_review else ""),
            measures={"criteria_scored": float(len(scored)), "pass_mark": self.pass_mark,
                      **({"in_review": float(self.in_review)} if self.in_review else {})},
            scorecard=self.scorecard,
            confidence=self.confidence,
            needs_review=self.needs_review,
        )

    def records(self) -> list[dict[str, Any]]:
        """The results.jsonl lines of this contact: one per criterion, then the overall."""
        return [r.to_dict() for r in self.results] + [self.overall().to_dict()]


@lru_cache(maxsize=32)
def _cached_scorecard(key: str | None) -> Scorecard:
    return load_scorecard(key)


def resolve_scorecard(scorecard: Scorecard | str | Path | None) -> Scorecard:
    if isinstance(scorecard, Scorecard):
        return scorecard
    if scorecard is None:
        return _cached_scorecard(None)
    p = Path(scorecard)
    return _cached_scorecard(str(p.resolve()) if p.exists() else str(scorecard))


_PLANS: dict[tuple[int, tuple[str, ...] | None], tuple] = {}


def _plan(sc: Scorecard, only: tuple[str, ...] | None):
    """The criteria to run, in order, with their configs: worked out once per scorecard."""
    key = (id(sc), only)
    hit = _PLANS.get(key)
    if hit is None or hit[1] is not sc:
        configs = {c.id: c for c in sc.enabled()}
        order = [c for c in CRITERIA_ORDER if c in configs] + [c for c in configs if c not in CRITERIA_ORDER]
        if only is not None:
            order = [c for c in order if c in only]
        hit = ([(REGISTRY[c](), configs[c]) for c in order], sc)
        _PLANS[key] = hit
    return hit[0]


def score(
    transcript: Transcript,
    scorecard: Scorecard | str | Path | None = None,
    options: ScoreOptions | None = None,
) -> ContactScore:
    """Score one contact on every criterion the scorecard enables. Never mutates its input."""
    sc = resolve_scorecard(scorecard)
    opts = options or ScoreOptions()
    lex = load_lexicon(transcript.language, sc.lexicon_dirs)
    fillers = lex.wordset("common", "fillers") if lex else frozenset()
    cue = lex.phrases_of("common", "question_cues", "question_cues_more") if lex else None
    opener = lex.phrases("common", "question_openers") if lex else None
    prepared = prepare(transcript, fillers, cue if cue else None, opener if opener else None)
    findings = Findings(prepared, lex, sc.findings)  # shared analyses, computed once per contact
    texts = [pt for pt in prepared.turns if pt.words]
    style = text_style(sum(pt.punctuated for pt in texts), len(texts))
    calibration = load_calibration()
    plan = _plan(sc, opts.criteria)
    results = []
    bases: list[str] = []
    counted = []
    num = den = 0.0
    in_review = 0
    roles_uncertain = bool(transcript.extra.get("role_uncertain"))
    for crit, cfg in plan:
        ctx = Context(prepared, lex, cfg.params, sc.id, opts, findings, calibration, style,
                      sc.review_threshold(cfg.id), bases)
        r = crit.evaluate(ctx)
        if roles_uncertain and not r.needs_review:
            # Transcription could not tell agent from customer (mono call, no clear opening): no
            # automatic outcome about "the agent" can be trusted, so a person decides each one.
            r = replace(r, needs_review=True,
                        reason=f"{r.reason or r.outcome}; speaker roles uncertain: a person decides")
        results.append(r)
        if r.needs_review:
            in_review += 1
            continue  # a person decides it first: not counted
        if r.outcome != "n/a" and r.score is not None and cfg.weight > 0:
            num += cfg.weight * r.score
            den += cfg.weight
            counted.append((cfg.weight, r.score, r.confidence if r.confidence is not None else 1.0))
    overall = round(num / den, 4) if den else None
    outcome = "n/a" if overall is None else ("pass" if overall >= sc.pass_mark else "fail")
    conf = overall_confidence(counted, sc.pass_mark, outcome)
    return ContactScore(transcript.contact_id, tuple(results), overall, outcome, sc.id, sc.pass_mark, opts,
                        conf, conf is not None and conf < sc.review_below, in_review, tuple(bases), style)
