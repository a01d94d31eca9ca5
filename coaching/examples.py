"""The example-call library for trainers: the clearest examples of a criterion's outcome, each
with the transcript excerpt around the evidence (evidence highlighted, every text escaped), an
audio clip cut around it with the customer's personal data silenced, and pseudonymised text.

    from coaching.examples import ExampleOptions, select_examples, write_examples
    ex = select_examples(con, criterion="nivea", language="nl", outcome="fail", limit=10)
    write_examples(con, ex, "library/nivea-nl-fail/")          # index.html + clips/*.wav

Choice: an example's clarity = its confidence (0.5 where unknown) + 0.1 per evidence item (at
most 3). The ranking is then spread over agents and contacts: one example per contact, and the
best of every agent before anyone's second (round robin by clarity).

Pseudonymising: the agent's name becomes "medewerker A/B/..." (consistently within one export);
the warehouse already replaced names, BSN, IBAN, phone, e-mail, postcode and birth dates by tags,
and every excerpt turn and quote goes through the same redactor (`meeluister.redaction.redact`,
with the turn's speaker) once more after the agent's name became the pseudonym, so text that
reached the warehouse another way is redacted alike. Clip silencing: `warehouse.audio_silence` says where the recording must be silent (the
words redaction replaced, from the word timings stored on ingest; a turn without word timings
whose redacted text holds a tag: the whole turn, any speaker), and `coaching.media.silenced_audio`
zeroes those samples. The recording is the warehouse's (`contacts(...).audio`); `recordings=` /
`transcripts=` are only needed when the warehouse has no path or the file has moved.
"""
from __future__ import annotations

import logging
import re
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

import pandas as pd

from meeluister.derived import DerivedFile, record_derived
from meeluister.records import ReviewedOutcome
from meeluister.redaction import redact

logger = logging.getLogger(__name__)

@dataclass(frozen=True)
class ExampleOptions:
    limit: int = 10  # examples per export
    outcome: str = "fail"
    context_turns: int = 2  # turns shown before and after the evidence turn
    clip_pad_s: float = 3.0  # seconds of audio before and after the evidence
    max_clip_s: float = 60.0


@dataclass(frozen=True)
class ExcerptTurn:
    idx: int
    speaker: str
    start: float | None
    parts: tuple[tuple[str, bool], ...]  # (text, highlighted)
    evidence: bool


@dataclass(frozen=True)
class Example:
    contact_id: str
    criterion: str
    outcome: str
    agent: str  # pseudonym
    channel: str
    language: str
    day: str
    clarity: float
    turn: int | None
    start: float | None
    end: float | None
    quote: str
    term: str | None
    excerpt: tuple[ExcerptTurn, ...] = ()
    clip: str | None = None  # path relative to the export folder
    silenced_s: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)


def _clarity(conf: Any, evidence: Sequence[dict]) -> float:
    c = 0.5 if conf is None or pd.isna(conf) else float(conf)
    return round(c + 0.1 * min(len(evidence), 3), 4)


def _spread(cands: list[dict], limit: int) -> list[dict]:
    """Round robin over agents by clarity: every agent's best before anyone's second."""
    by_agent: dict[str, list[dict]] = {}
    for c in sorted(cands, key=lambda c: (-c["clarity"], c["contact_id"])):
        by_agent.setdefault(c["agent_id"], []).append(c)
    order = sorted(by_agent, key=lambda a: (-by_agent[a][0]["clarity"], a))
    out: list[dict] = []
    while len(out) < limit and any(by_agent.values()):
        for a in order:
            if by_agent[a] and len(out) < limit:
                out.append(by_agent[a].pop(0))
    return out


def candidates(con: Any, *, criterion: str, language: str | None, outcome: str, channel: str | None = None,
               period: str | None = None, reviews: Sequence[ReviewedOutcome] = ()) -> list[dict]:
    from warehouse import Query, results

    filters: dict[str, Any] = {"criterion": criterion}
    if language:
        filters["language"] = language
    if channel:
        filters["channel"] = channel
    q = Query.for_period(period, filters=filters) if period else Query(filters=filters)
    r = results(con, q.but(reviews=tuple(reviews)))
    r = _with_contacts(con, r[r["outcome"] == outcome], q)
    out = []
    for row in r.itertuples(index=False):
        ev = [e for e in (row.evidence if isinstance(row.evidence, (list, tuple)) else list(row.evidence or []))
              if e and str(e.get("quote") or "").strip()]
        if not ev:
            continue
        out.append({"contact_id": str(row.contact_id), "criterion": criterion, "outcome": outcome,
                    "agent_id": str(row.agent_id), "agent_name": str(row.agent_name or ""), "channel": str(row.channel),
                    "language": str(row.language), "day": str(row.day)[:10],
                    "clarity": _clarity(row.confidence, ev), "evidence": ev[0]})
    return out


def _with_contacts(con: Any, r: pd.DataFrame, q: Any) -> pd.DataFrame:
    """Results joined to their contacts' agent, channel, language and day."""
    from warehouse import contacts

    if r.empty:
        return r.assign(agent_id=[], agent_name=[], channel=[], language=[], day=[])
    c = contacts(con, q.but(filters={k: v for k, v in q.filters.items() if k != "criterion"}, reviews=()))
    return r.merge(c[["contact_id", "agent_id", "agent_name", "channel", "language", "day"]], on="contact_id")


def select_examples(con: Any, *, criterion: str, language: str | None, outcome: str, limit: int = 10,
                    channel: str | None = None, period: str | None = None,
                    reviews: Sequence[ReviewedOutcome] = ()) -> list[dict]:
    """The clearest `limit` examples (module docstring), as plain dicts."""
    return _spread(candidates(con, criterion=criterion, language=language, outcome=outcome, channel=channel,
                              period=period, reviews=reviews), limit)


def from_playlist(con: Any, items: Sequence[Any]) -> list[dict]:
    """The examples of a saved playlist (opstore.playlists.PlaylistItem), in its order."""
    from warehouse import Query, results

    out = []
    for it in items:
        f = ({"criterion": it.criterion, "contact_id": str(it.contact_id)}
             | ({"agent_id": it.agent_id} if it.agent_id else {}))
        q = Query(filters=f, date_from=it.contact_day, date_to=it.contact_day) if it.contact_day else Query(filters=f)
        r = _with_contacts(con, results(con, q), q)
        if r.empty:
            logger.warning("playlist item %s/%s: no longer in the warehouse", it.contact_id, it.criterion)
            continue
        row = r.iloc[0]
        ev = [e for e in list(row["evidence"] or []) if e and (it.turn_idx is None or e.get("turn") == it.turn_idx)]
        ev = ev or [{"turn": it.turn_idx, "start": it.start_s, "end": it.end_s, "quote": "", "term": None}]
        out.append({"contact_id": it.contact_id, "criterion": it.criterion, "outcome": str(row["outcome"]),
                    "agent_id": str(row["agent_id"]), "agent_name": str(row["agent_name"] or ""),
                    "channel": str(row["channel"]), "language": str(row["language"]), "day": str(row["day"])[:10],
                    "clarity": _clarity(row["confidence"], ev), "evidence": ev[0]})
    return out


def playlist_items(examples: Sequence[dict]) -> list[Any]:
    from opstore.playlists import PlaylistItem

    return [PlaylistItem(e["contact_id"], e["criterion"], e["outcome"], e["evidence"].get("turn"),
                         e["evidence"].get("start"), e["evidence"].get("end"), e["agent_id"], e["day"])
            for e in examples]


class Pseudonyms:
    """Agent names -> 'medewerker A', 'medewerker B', ... (stable within one export)."""

    def __init__(self, label: str = "medewerker") -> None:
        self.label = label
        self.names: dict[str, str] = {}

    def agent(self, agent_id: str) -> str:
        if agent_id not in self.names:
            k = len(self.names)
            self.names[agent_id] = f"{self.label} {string.ascii_uppercase[k % 26]}{k // 26 or ''}"
        return self.names[agent_id]

    def text(self, text: str, agent_id: str, agent_name: str, speaker: str) -> str:
        pseudo = self.agent(agent_id)
        for part in sorted({agent_name, *agent_name.split()[:1]} - {""}, key=len, reverse=True):
            if len(part) > 1:
                text = re.sub(rf"\b{re.escape(part)}\b", pseudo, text)
        # The one redactor (meeluister.redaction), as the warehouse's, over the text once more:
        # the agent's own greeting name is the pseudonym by now and stays as such.
        return redact(text, speaker=speaker or None).text


def _parts(text: str, term: str | None, highlight_all: bool) -> tuple[tuple[str, bool], ...]:
    if highlight_all and not term:
        return ((text, True),)
    if term and term in text:
        a, _, b = text.partition(term)
        return ((a, highlight_all), (term, True), (b, highlight_all))
    return ((text, highlight_all),)


def excerpt(turns: pd.DataFrame, ev: dict, names: Pseudonyms, agent_id: str, agent_name: str,
            context: int) -> tuple[ExcerptTurn, ...]:
    ti = ev.get("turn")
    if ti is None or turns.empty:
        return ()
    ti = int(ti)
    sub = turns[(turns["idx"] >= ti - context) & (turns["idx"] <= ti + context)]
    out = []
    for t in sub.itertuples(index=False):
        text = names.text(str(t.text), agent_id, agent_name, str(t.speaker))
        is_ev = int(t.idx) == ti
        out.append(ExcerptTurn(int(t.idx), str(t.speaker), None if pd.isna(t.start) else float(t.start),
                               _parts(text, ev.get("term"), is_ev) if is_ev else ((text, False),), is_ev))
    return tuple(out)


def cut_clip(audio: Path, start: float, end: float, silence: Sequence[tuple[float, float]], out: Path,
             opts: ExampleOptions) -> float:
    """Write [start - pad, end + pad] of `audio` to `out` (WAV) with `silence` spans zeroed
    (`coaching.media.silenced_audio`); returns the seconds silenced inside the clip."""
    import soundfile as sf

    from coaching.media import silenced_audio

    info = sf.info(str(audio))
    a = max(0.0, start - opts.clip_pad_s)
    b = min(info.duration, end + opts.clip_pad_s, a + opts.max_clip_s)
    x, sr, silenced = silenced_audio(audio, silence, a, b)
    out.parent.mkdir(parents=True, exist_ok=True)
    sf.write(str(out), x, sr, subtype="PCM_16")
    return silenced


def build(con: Any, chosen: Sequence[dict], out_dir: str | Path, *, transcripts: str | Path | None = None,
          recordings: str | Path | None = None, options: ExampleOptions | None = None) -> list[Example]:
    """Excerpts and clips for the chosen examples (clips written under `out_dir/clips/`)."""
    from warehouse import Query, audio_silence, contacts, turns

    opts = options or ExampleOptions()
    out = Path(out_dir)
    names = Pseudonyms()
    ids = {c["contact_id"] for c in chosen}
    audio: dict[str, Any] = {}
    if ids:
        days = sorted(c["day"] for c in chosen)
        meta = contacts(con, Query(filters={"agent_id": tuple(sorted({c["agent_id"] for c in chosen}))},
                                   date_from=days[0], date_to=days[-1]))
        from coaching.media import fill_audio

        meta = fill_audio(meta[meta["contact_id"].isin(ids)], recordings, transcripts)
        audio = {r.contact_id: r.audio for r in meta.itertuples(index=False)}
    examples = []
    for k, c in enumerate(chosen):
        ev = c["evidence"]
        tdf = turns(con, c["contact_id"])
        pseudo = names.agent(c["agent_id"])
        exc = excerpt(tdf, ev, names, c["agent_id"], c["agent_name"], opts.context_turns)
        quote = names.text(str(ev.get("quote") or ""), c["agent_id"], c["agent_name"], _speaker(tdf, ev.get("turn")))
        clip, silenced = None, 0.0
        src = audio.get(c["contact_id"])
        start, end = ev.get("start"), ev.get("end")
        if src and isinstance(src, str) and start is not None and not pd.isna(start) and Path(src).exists():
            rel = f"clips/{k + 1:02d}-{_safe(c['contact_id'])}.wav"
            try:
                silenced = cut_clip(Path(src), float(start), float(end if end is not None else start),
                                    audio_silence(con, c["contact_id"]), out / rel, opts)
                clip = rel
            except Exception as exc:  # noqa: BLE001 - one unreadable recording: the example stays, without clip
                logger.warning("%s: cannot cut a clip from %s: %s", c["contact_id"], src, exc)
        examples.append(Example(c["contact_id"], c["criterion"], c["outcome"], pseudo, c["channel"], c["language"],
                                c["day"], c["clarity"], ev.get("turn"), start, end, quote, ev.get("term"), exc,
                                clip, silenced))
    return examples


def _speaker(turns: pd.DataFrame, turn: Any) -> str:
    """Who said evidence turn `turn` ("" when not known: the quote is redacted as anyone's)."""
    if turn is None or turns.empty:
        return ""
    hit = turns[turns["idx"] == int(turn)]
    return str(hit["speaker"].iloc[0]) if len(hit) else ""


def _safe(s: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in str(s))


def write_index(examples: Sequence[Example], out_dir: str | Path, *, title: str, lang: str = "nl") -> Path:
    from coaching.render import criterion_label, messages, render_html, write_text

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    ctx = {"lang": lang, "m": messages(lang), "title": title, "examples": list(examples),
           "label": {e.criterion: criterion_label(lang, e.criterion) for e in examples}, "generated": ""}
    index = write_text(out / "index.html", render_html("examples.html.j2", ctx, with_plotly=False))
    ids = tuple(sorted({e.contact_id for e in examples}))
    # The manifest lets a retention purge find these copies of the contacts' text and audio.
    record_derived(out, [DerivedFile("index.html", "example_page", ids)]
                   + [DerivedFile(e.clip, "example_clip", (e.contact_id,)) for e in examples if e.clip])
    return index
