"""The documented records that packages exchange (shared/DESIGN.md, Contracts).

* `Transcript` (`meeluister.transcript/1`): one per contact, written by `transcription` (or by a
  chat/e-mail export), read by `qa` and `warehouse`.
* `CriterionResult`: one per contact and criterion, written by `qa`, read by `warehouse` and
  `coaching`.
* `ContactReason`: one or more per contact (why the customer got in touch), written by `signals`,
  read by `warehouse` and `signals`' spike detection.

Records are frozen dataclasses. JSON input is validated at the edge with pydantic; a document that
fails the schema raises `InputError` naming the file and the field (`turns[3].speaker`).
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Literal, Mapping

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from meeluister.errors import InputError
from meeluister.io import write_atomic

TRANSCRIPT_SCHEMA = "meeluister.transcript/1"
SPEAKERS = ("agent", "customer", "other")
CHANNELS = ("phone", "chat", "email", "whatsapp", "social", "webform")
OUTCOMES = ("pass", "fail", "n/a")


@dataclass(frozen=True)
class Word:
    w: str
    start: float | None = None  # seconds from the start of the contact
    end: float | None = None
    p: float | None = None  # recogniser's probability, 0..1


@dataclass(frozen=True)
class Turn:
    speaker: str  # agent | customer | other
    start: float | None  # seconds from the start of the contact; None for e-mail
    end: float | None
    text: str
    words: tuple[Word, ...] = ()

    @property
    def duration(self) -> float | None:
        if self.start is None or self.end is None:
            return None
        return self.end - self.start


@dataclass(frozen=True)
class Transcript:
    contact_id: str
    channel: str
    language: str
    turns: tuple[Turn, ...]
    organisation: str | None = None
    agent_id: str | None = None
    agent_name: str | None = None
    started_at: str | None = None  # ISO 8601 with offset
    duration_s: float | None = None
    team: str | None = None
    queue: str | None = None
    audio: str | None = None  # the recording: absolute, or relative to the transcript's directory
    # Anything else the source carried (recogniser info, diarizer, source file); kept, not used.
    extra: Mapping[str, Any] = field(default_factory=dict)
    schema: str = TRANSCRIPT_SCHEMA

    @property
    def has_timing(self) -> bool:
        return any(t.start is not None for t in self.turns)

    def agent_turns(self) -> list[tuple[int, Turn]]:
        return [(i, t) for i, t in enumerate(self.turns) if t.speaker == "agent"]


@dataclass(frozen=True)
class Evidence:
    turn: int  # 0-based index into Transcript.turns
    start: float | None
    end: float | None
    quote: str  # the sentence as said
    term: str | None = None  # the flagged word or phrase, where the finding is a word


@dataclass(frozen=True)
class CriterionResult:
    contact_id: str
    criterion: str
    outcome: Literal["pass", "fail", "n/a"]
    score: float | None = None  # 0..1
    count: int | None = None  # number of findings == len(evidence) where findings are counted
    evidence: tuple[Evidence, ...] = ()
    reason: str | None = None  # one line a person can read: why this outcome
    measures: Mapping[str, float | None] = field(default_factory=dict)  # e.g. tone's pitch range
    scorecard: str | None = None  # "name@version" of the scorecard that produced it (traceability)
    # How likely the outcome is right, 0..1 (calibrated on unseen conversations); None when the
    # producer does not estimate it. Results below the scorecard's review threshold are routed
    # to human review (needs_review) and do not count in figures until a person decides them.
    confidence: float | None = None
    needs_review: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "contact_id": self.contact_id,
            "criterion": self.criterion,
            "outcome": self.outcome,
            "score": self.score,
            "count": self.count,
            "evidence": [
                {"turn": e.turn, "start": e.start, "end": e.end, "quote": e.quote, "term": e.term}
                for e in self.evidence
            ],
            "reason": self.reason,
            "measures": dict(self.measures),
            "scorecard": self.scorecard,
            "confidence": self.confidence,
            "needs_review": self.needs_review,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> CriterionResult:
        return cls(
            contact_id=str(d["contact_id"]),
            criterion=str(d["criterion"]),
            outcome=d["outcome"],
            score=d.get("score"),
            count=d.get("count"),
            evidence=tuple(
                Evidence(
                    turn=int(e["turn"]),
                    start=e.get("start"),
                    end=e.get("end"),
                    quote=str(e.get("quote", "")),
                    term=e.get("term"),
                )
                for e in d.get("evidence") or ()
            ),
            reason=d.get("reason"),
            measures=dict(d.get("measures") or {}),
            scorecard=d.get("scorecard"),
            confidence=None if d.get("confidence") is None else float(d["confidence"]),
            needs_review=bool(d.get("needs_review") or False),
        )


@dataclass(frozen=True)
class ReviewedOutcome:
    """A person's decision on one automatic criterion result (a dispute decided, a human review of
    a low-confidence result). Kept beside the automatic result, never over it: the query layer
    counts `outcome` instead of the automatic one from `decided_at` on, and both stay visible."""

    contact_id: str
    criterion: str
    outcome: Literal["pass", "fail", "n/a"]
    reviewer: str | None = None
    decided_at: str | None = None  # ISO 8601 with offset
    reason: str | None = None


@dataclass(frozen=True)
class ContactReason:
    """Why a customer got in touch: one reason of a taxonomy (`signals/taxonomies/*.toml`).

    A contact has one or more, the first the primary one (highest confidence); "other" when no
    reason fits. `evidence` holds the customer's sentence that decided it (turn, quote, the cue
    as `term`); `taxonomy` is "name@version" of the taxonomy that produced it."""

    contact_id: str
    reason: str
    confidence: float  # 0..1
    evidence: tuple[Evidence, ...] = ()
    taxonomy: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "contact_id": self.contact_id,
            "reason": self.reason,
            "confidence": self.confidence,
            "evidence": [
                {"turn": e.turn, "start": e.start, "end": e.end, "quote": e.quote, "term": e.term}
                for e in self.evidence
            ],
            "taxonomy": self.taxonomy,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> ContactReason:
        return cls(
            contact_id=str(d["contact_id"]),
            reason=str(d["reason"]),
            confidence=float(d.get("confidence") or 0.0),
            evidence=tuple(
                Evidence(turn=int(e["turn"]), start=e.get("start"), end=e.get("end"),
                         quote=str(e.get("quote", "")), term=e.get("term"))
                for e in d.get("evidence") or ()
            ),
            taxonomy=d.get("taxonomy"),
        )


# --- validation at the edge -------------------------------------------------------------------


class _WordModel(BaseModel):
    model_config = ConfigDict(extra="ignore")
    w: str
    start: float | None = None
    end: float | None = None
    p: float | None = None


def _seconds(v: float | None) -> float | None:
    """A time in seconds from the start: finite and not negative."""
    if v is not None and not (math.isfinite(v) and v >= 0):
        raise ValueError(f"not a time in seconds (finite, >= 0): {v!r}")
    return v


class _TurnModel(BaseModel):
    model_config = ConfigDict(extra="ignore")
    speaker: Literal["agent", "customer", "other"]
    start: float | None = None
    end: float | None = None
    text: str
    words: list[_WordModel] | None = None

    _times = field_validator("start", "end")(classmethod(lambda cls, v: _seconds(v)))

    @model_validator(mode="after")
    def _ordered(self) -> _TurnModel:
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError(f"end ({self.end}) is before start ({self.start})")
        return self


class _TranscriptModel(BaseModel):
    model_config = ConfigDict(extra="allow")
    schema_: Literal["meeluister.transcript/1"] = None  # type: ignore[assignment]
    contact_id: str
    channel: Literal["phone", "chat", "email", "whatsapp", "social", "webform"]
    language: str
    organisation: str | None = None
    agent_id: str | None = None
    agent_name: str | None = None
    started_at: str | None = None
    duration_s: float | None = None
    team: str | None = None
    queue: str | None = None
    audio: str | None = None
    turns: list[_TurnModel]

    @field_validator("contact_id")
    @classmethod
    def _nonempty(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("must not be empty")
        return v

    @field_validator("duration_s")
    @classmethod
    def _duration(cls, v: float | None) -> float | None:
        return _seconds(v)

    @field_validator("started_at")
    @classmethod
    def _iso(cls, v: str | None) -> str | None:
        if v is None or not v.strip():
            return None
        try:
            datetime.fromisoformat(v.strip().replace("Z", "+00:00"))
        except ValueError:
            raise ValueError(f"not an ISO 8601 time: {v!r}") from None
        return v

    @field_validator("language")
    @classmethod
    def _lang(cls, v: str) -> str:
        v = v.strip().lower()
        if not (2 <= len(v) <= 3 and v.isalpha()):
            raise ValueError(f"not an ISO 639-1 language code: {v!r}")
        return v


def _loc(err: Mapping[str, Any]) -> str:
    parts: list[str] = []
    for p in err.get("loc", ()):
        if isinstance(p, int):
            parts.append(f"[{p}]")
        else:
            p = "schema" if p == "schema_" else str(p)
            parts.append(("." if parts else "") + p)
    return "".join(parts) or "(document)"


def transcript_from_dict(doc: Mapping[str, Any], source: str | Path = "<dict>") -> Transcript:
    """Validate a `meeluister.transcript/1` document; raise `InputError` naming source and field."""
    if not isinstance(doc, Mapping):
        raise InputError(source, "not a JSON object")
    data = dict(doc)
    if "schema" not in data:
        raise InputError(source, f"missing, expected {TRANSCRIPT_SCHEMA!r}", where="schema")
    data["schema_"] = data.pop("schema")
    try:
        m = _TranscriptModel.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise InputError(source, first["msg"], where=_loc(first)) from None
    known = set(_TranscriptModel.model_fields) | {"schema"}
    extra = {k: v for k, v in doc.items() if k not in known}
    return Transcript(
        contact_id=m.contact_id,
        channel=m.channel,
        language=m.language,
        organisation=m.organisation,
        agent_id=m.agent_id,
        agent_name=m.agent_name,
        started_at=m.started_at,
        duration_s=m.duration_s,
        team=m.team,
        queue=m.queue,
        audio=m.audio,
        extra=extra,
        turns=tuple(
            Turn(
                speaker=t.speaker,
                start=t.start,
                end=t.end,
                text=t.text,
                words=tuple(Word(w.w, w.start, w.end, w.p) for w in (t.words or ())),
            )
            for t in m.turns
        ),
    )


_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
         (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def decode_json_text(raw: bytes, source: str | Path) -> str:
    """JSON text as tools write it: UTF-8, with or without a byte-order mark, or UTF-16/32 with
    one (RFC 8259 allows no other); anything else is an InputError naming the first bad byte."""
    enc = next((e for bom, e in _BOMS if raw.startswith(bom)), "utf-8")
    try:
        return raw.decode(enc)
    except UnicodeDecodeError as exc:
        raise InputError(source, f"not {enc.upper().replace('-SIG', '')} text: byte 0x{raw[exc.start]:02x} at "
                                 f"offset {exc.start} (JSON must be UTF-8; re-save it as UTF-8)") from None


def load_transcript(path: str | Path) -> Transcript:
    """Read and validate one transcript JSON file."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    if not raw.strip():
        raise InputError(path, "empty file, expected a meeluister.transcript/1 JSON object")
    text = decode_json_text(raw, path)
    try:
        doc = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise InputError(path, f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except ValueError as exc:  # NaN / Infinity: not JSON (RFC 8259), Python would read them
        raise InputError(path, f"not valid JSON: {exc}") from None
    except RecursionError:
        raise InputError(path, "not valid JSON: nested too deeply") from None
    return transcript_from_dict(doc, source=path)


def _no_constant(name: str) -> float:
    raise ValueError(f"{name} is not a JSON number")


def transcript_to_dict(t: Transcript) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "schema": t.schema,
        "contact_id": t.contact_id,
        "channel": t.channel,
        "language": t.language,
        "organisation": t.organisation,
        "agent_id": t.agent_id,
        "agent_name": t.agent_name,
        "started_at": t.started_at,
        "duration_s": t.duration_s,
    }
    for k in ("team", "queue", "audio"):
        if getattr(t, k) is not None:
            doc[k] = getattr(t, k)
    doc.update(t.extra)
    turns = []
    for turn in t.turns:
        td: dict[str, Any] = {
            "speaker": turn.speaker,
            "start": turn.start,
            "end": turn.end,
            "text": turn.text,
        }
        if turn.words:
            td["words"] = [{"w": w.w, "start": w.start, "end": w.end, "p": w.p} for w in turn.words]
        turns.append(td)
    doc["turns"] = turns
    return doc


def dump_transcript(t: Transcript, path: str | Path) -> Path:
    """Write atomically (temp file + rename) so an interrupted batch never leaves half a file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_atomic(path, json.dumps(transcript_to_dict(t), ensure_ascii=False, indent=1))
