"""`redact_transcript`: a whole `meeluister.Transcript` redacted, with the word-timed spans to
silence in its audio.

Each turn's text goes through `redact` (with the turn's speaker, so the agent's own greeting name
stays, and with the known customer names: those passed in plus the ones the transcript carries in
`extra`, see `names.known_names_from`). The words are aligned to the turn text in order; every
word overlapping a redacted span gets the span's tag as its `w` (timings kept). Where the words
do not spell the text (a recogniser that normalised one but not the other), the words are
redacted as a text of their own. `silence` holds, per redacted span, (turn index, start, end) in
seconds over the words it covers; a turn with redactions but no word timings is silenced whole
(its own start and end), so nothing said is left audible for want of timings. The customer-name
fields of `extra` are replaced by the tag too.

A customer's name said with no cue in the turn itself, as the answer to the agent's question
("mag ik uw naam?" - "Daan Kramer."; "hoe spel ik dat?" - "K R A M E R"), is found with the turn
before as the cue (`meeluister.redaction.answers`) and is then a known name for the turns after it.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from meeluister.records import Transcript, Turn, Word
from meeluister.redaction.answers import answer_spans, is_name_question
from meeluister.redaction.base import RedactedSpan, tag_of
from meeluister.redaction.names import PARTICLES, known_names_from, without_names
from meeluister.redaction.options import RedactionOptions
from meeluister.redaction.text import Redacted, apply_spans, redact


@dataclass(frozen=True)
class RedactedTranscript:
    transcript: Transcript
    counts: Mapping[str, int] = field(default_factory=dict)
    silence: tuple[tuple[int, float, float], ...] = ()  # (turn index, start_s, end_s), in order


def _align(text: str, words: tuple[Word, ...]) -> list[tuple[int, int]] | None:
    """Offsets of each word in `text`, in order; None when a word is not found."""
    low = text.lower()
    out, pos = [], 0
    for w in words:
        token = w.w.strip().lower()
        if not token:
            out.append((pos, pos))
            continue
        i = low.find(token, pos)
        if i < 0:
            return None
        out.append((i, i + len(token)))
        pos = i + len(token)
    return out


def _with_answer(text: str, r: Redacted, answer: bool) -> Redacted:
    """`r` (the redaction of `text`) with the name given as an answer added, when `answer`."""
    if not answer:
        return r
    extra = [RedactedSpan(a, b, "name") for a, b in answer_spans(text)
             if not any(sp.start < b and a < sp.end for sp in r.spans)]
    if not extra:
        return r
    spans = tuple(sorted((*r.spans, *extra), key=lambda sp: sp.start))
    counts = Counter(r.counts)
    counts["name"] += len(extra)
    return Redacted(apply_spans(text, spans), dict(counts), spans)


def _word_spans(turn: Turn, spans: tuple[RedactedSpan, ...], options: RedactionOptions | None,
                names: tuple[str, ...], answer: bool) -> tuple[list[tuple[int, int]], tuple[RedactedSpan, ...]]:
    where = _align(turn.text, turn.words)
    if where is not None:
        return where, spans
    joined, where, pos = [], [], 0
    for w in turn.words:
        joined.append(w.w)
        where.append((pos, pos + len(w.w)))
        pos += len(w.w) + 1
    text = " ".join(joined)
    r = _with_answer(text, redact(text, options, known_names=names, speaker=turn.speaker), answer)
    return where, r.spans


def _asks_name(turns: tuple[Turn, ...], ti: int, options: RedactionOptions) -> bool:
    """Whether turn `ti` answers a question for the customer's name: one of the two turns before
    it, the nearer one spoken by someone else, asks for it. Not for the agent's own name while
    `own_name_greeting` keeps it."""
    turn = turns[ti]
    if "name" not in options.categories or (turn.speaker == "agent" and options.own_name_greeting):
        return False
    for prev in (turns[i] for i in range(ti - 1, max(-1, ti - 3), -1)):
        if not prev.text.strip():
            continue
        if prev.speaker == turn.speaker and prev.speaker in ("agent", "customer"):
            continue  # the same speaker's own turn before ("Ja." - "Daan Kramer.")
        return is_name_question(prev.text)
    return False


def _name_forms(said: str) -> list[str]:
    """A name as given and as it is written elsewhere: "daan kramer" also "Daan Kramer" (a known
    name's single parts match only as capitalised), "K R A M E R" also "Kramer"."""
    out = [said]
    letters = re.findall(r"[^\W\d_]", said)
    if len(letters) > 2 and re.fullmatch(r"[^\W\d_](?:[\s,.\-]+[^\W\d_])+", said):
        out.append("".join(letters).capitalize())
    elif said.islower():
        out.append(" ".join(w if w in PARTICLES else w.capitalize() for w in said.split()))
    return out


def answered_names(transcript: Transcript, options: RedactionOptions | None = None) -> tuple[str, ...]:
    """The customer's names given as answers to a question for them (as said), for the paths
    that redact a turn's text on its own (the warehouse): passed there as known names."""
    return answered_names_in(transcript.turns, options)


def answered_names_in(turns: Sequence[Turn], options: RedactionOptions | None = None) -> tuple[str, ...]:
    """`answered_names` of a contact's turns in order (a bulk turns table: speaker and text)."""
    opts = options or RedactionOptions()
    seq = tuple(turns)
    out: list[str] = []
    for ti, turn in enumerate(seq):
        if _asks_name(seq, ti, opts):
            out.extend(f for a, b in answer_spans(turn.text) for f in _name_forms(turn.text[a:b]))
    return tuple(dict.fromkeys(out))


def _merge(intervals: list[tuple[int, float, float]]) -> list[tuple[int, float, float]]:
    out: list[tuple[int, float, float]] = []
    for t, s, e in sorted(intervals):
        if out and out[-1][0] == t and s <= out[-1][2]:
            out[-1] = (t, out[-1][1], max(out[-1][2], e))
        else:
            out.append((t, s, e))
    return out


def redact_transcript(transcript: Transcript, options: RedactionOptions | None = None, *,
                      known_names: Iterable[str] = ()) -> RedactedTranscript:
    """A new transcript with every turn's text and words redacted (the input is not changed), the
    counts per kind, and the spans to silence in the audio."""
    names = tuple(dict.fromkeys([*known_names, *known_names_from(transcript.extra)]))
    opts = options or RedactionOptions()
    counts: Counter[str] = Counter()
    silence: list[tuple[int, float, float]] = []
    turns: list[Turn] = []
    for ti, turn in enumerate(transcript.turns):
        answer = _asks_name(transcript.turns, ti, opts)
        r = _with_answer(turn.text, redact(turn.text, options, known_names=names, speaker=turn.speaker), answer)
        if answer:  # the name given is a known name from here on
            said = [f for a, b in answer_spans(turn.text) for f in _name_forms(turn.text[a:b])]
            names = tuple(dict.fromkeys([*names, *said]))
        counts.update(r.counts)
        words = turn.words
        if turn.words:
            where, spans = _word_spans(turn, r.spans, options, names, answer)
            new_words = list(turn.words)
            for sp in spans:
                hit = [i for i, (a, b) in enumerate(where) if a < sp.end and sp.start < b]
                for i in hit:
                    new_words[i] = replace(new_words[i], w=tag_of(sp.kind))
                timed = [turn.words[i] for i in hit if turn.words[i].start is not None and turn.words[i].end is not None]
                if timed:
                    silence.append((ti, min(w.start for w in timed), max(w.end for w in timed)))  # type: ignore[type-var]
                elif hit and turn.start is not None and turn.end is not None:
                    silence.append((ti, turn.start, turn.end))
            words = tuple(new_words)
        elif r.spans and turn.start is not None and turn.end is not None:
            silence.append((ti, turn.start, turn.end))
        turns.append(replace(turn, text=r.text, words=words))
    new = replace(transcript, turns=tuple(turns), extra=without_names(transcript.extra))
    return RedactedTranscript(new, dict(counts), tuple(_merge(silence)))
