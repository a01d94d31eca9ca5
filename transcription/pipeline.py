"""One recording in, one speaker-attributed `Transcript` out.

decode (windows of `window_s`) -> per stream: silero VAD -> speech-only audio -> engine (words with
times) -> diarizer (channels, resemblyzer, pyannote) -> words to speakers -> roles -> turns.
Stereo recordings (each channel one party) are recognised once by default: both channels' speech
chunks, in time order with a short silence between them, form one signal, and each word goes back
to the channel (and source time) of the chunk holding its midpoint; `stereo_recognition=
"per-channel"` recognises each channel on its own. Mono recordings are recognised once, and each
word goes to the speaker the diarizer heard at the word's midpoint.
"""
from __future__ import annotations

import bisect
import logging
import re
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from meeluister.errors import InputError
from meeluister.io import SAMPLE_RATE, normalise_timestamp
from meeluister.metadata import CallMetadata
from meeluister.records import Transcript, Turn, Word
from transcription.audio import AudioInfo, iter_windows, probe
from transcription.diarization.base import Diarization, create_diarizer
from transcription.engines.base import RecognisedSegment, get_engine
from transcription.options import TranscribeOptions
from transcription.roles import RoleDecision, load_enrolment, roles_from_channels, roles_from_evidence
from transcription.vad import SpeechChunks, interleaved_chunks, speech_chunks, speech_regions

logger = logging.getLogger(__name__)

MIN_YIELD_GAP_S = 0.8  # a pause this long with the other party speaking in it ends the turn
MIN_REPEAT_WORDS = 4  # a back-to-back repeat of a segment this long is a decoder loop
SAME_CHANNEL_CORR = 0.95  # stereo whose channels correlate this much is mono on two channels
OVERLAP_REACH_S = 0.5  # a turn this close to an overlap the diarizer found is widened over it
SENTENCE_GAP_S = 0.6  # mono: a pause this long ends a sentence even without punctuation
MIN_SPLIT_WORDS = 4  # mono: a run of the other speaker this long inside a sentence is a real change
JOIN_GAP_S = 0.3  # mono: ... and so is a shorter one set off from the rest by a longer pause
_NAME_TIME = re.compile(r"(20\d{2})[-_]?(\d{2})[-_]?(\d{2})[T_-]?(\d{2})[-_:h]?(\d{2})[-_:m]?(\d{2})")


@dataclass(frozen=True)
class StreamWord:
    """A recognised word placed on the recording's timeline and stream (before speakers)."""

    text: str
    start: float  # seconds in the recording
    end: float
    p: float
    stream: str  # "ch0"/"ch1" for stereo, "mix" for mono

    @property
    def mid(self) -> float:
        return (self.start + self.end) / 2


def metadata_defaults(path: Path) -> CallMetadata:
    """What a file name tells without a metadata CSV: the contact id, maybe a start time."""
    started = None
    m = _NAME_TIME.search(path.name)
    if m:
        y, mo, d, h, mi, s = m.groups()
        try:
            started = normalise_timestamp(f"{y}-{mo}-{d}T{h}:{mi}:{s}")
        except InputError:
            started = None
    return CallMetadata(contact_id=path.stem, file=path.name, channel="phone", started_at=started)


def _choose_mode(options: TranscribeOptions, info: AudioInfo, first: np.ndarray | None) -> str:
    """'channels', 'resemblyzer' or 'pyannote' for this recording."""
    stereo = info.channels >= 2
    if options.diarization == "channels":
        if not stereo:
            raise InputError(info.path, "diarization 'channels' needs a stereo recording; this one is mono")
        return "channels"
    if options.diarization == "pyannote":
        return "pyannote"
    if options.diarization == "mono" or not stereo:
        return "resemblyzer"
    # auto on stereo: two truly different channels, or one signal copied to both?
    if first is not None and first.shape[0] == 2 and first.shape[1] > 1:
        a, b = first[0].astype(np.float64), first[1].astype(np.float64)
        if a.std() > 0 and b.std() > 0 and float(np.corrcoef(a, b)[0, 1]) > SAME_CHANNEL_CORR:
            return "resemblyzer"
    return "channels"


def _language(options: TranscribeOptions, meta: CallMetadata) -> tuple[str | None, str]:
    if options.language != "auto":
        return options.language, "option"
    if meta.language and meta.language in options.languages:
        return meta.language, "metadata"
    return None, "detected"


def load_models(options: TranscribeOptions | None = None) -> None:
    """Load (and warm up) what `transcribe_recording` will need, once per process.

    Calls would load them on first use anyway; loading up front keeps the one-off cost (seconds)
    out of the first recording's timings. The voice encoder is loaded unless every recording
    will be diarized by channel or by pyannote.
    """
    options = options or TranscribeOptions()
    get_engine(options)
    if options.diarization in ("auto", "mono") or options.agent_voices:
        from transcription.diarization.embedding import voice_encoder

        voice_encoder()  # one torch thread (see embedding.ENCODER_THREADS)
    if options.diarization == "pyannote":
        from transcription.diarization.pyannote_backend import load_pyannote_pipeline

        load_pyannote_pipeline(options.pyannote_pipeline, options.pyannote_token, options.cpu_threads)


def transcribe_recording(
    path: str | Path, options: TranscribeOptions | None = None, meta: CallMetadata | None = None
) -> Transcript:
    """Transcribe one recording; raise `InputError` (file + cause) for audio that cannot be used."""
    options = options or TranscribeOptions()
    path = Path(path)
    t_start = time.perf_counter()
    info = probe(path)
    defaults = metadata_defaults(path)
    meta = meta or defaults
    engine = get_engine(options)
    language, lang_source = _language(options, meta)
    lang_prob: float | None = None
    timings = {"decode_s": 0.0, "vad_s": 0.0, "asr_s": 0.0, "diarization_s": 0.0}
    words: list[StreamWord] = []
    mode = diarizer = None
    n_regions = 0
    repeats_dropped = 0
    duration = 0.0
    channels = 2 if info.channels >= 2 else 1
    windows = iter_windows(path, window_s=options.window_s, channels=channels)
    while True:
        t0 = time.perf_counter()
        window = next(windows, None)
        timings["decode_s"] += time.perf_counter() - t0
        if window is None:
            break
        samples = window.samples
        duration = window.start_s + samples.shape[1] / SAMPLE_RATE
        if mode is None:
            mode = _choose_mode(options, info, samples)
            diarizer = create_diarizer(mode, options, path)
        if not diarizer.stereo and samples.shape[0] > 1:
            samples = samples.mean(axis=0, keepdims=True)
        streams = ["ch0", "ch1"] if diarizer.stereo else ["mix"]
        t0 = time.perf_counter()
        regions_all = [speech_regions(samples[ch], options) for ch in range(len(streams))]
        timings["vad_s"] += time.perf_counter() - t0
        n_regions += sum(len(r) for r in regions_all)
        t0 = time.perf_counter()
        if len(streams) > 1 and options.stereo_recognition == "interleaved":
            # one signal holding both parties' speech in time order: one recognition per call
            jobs = [interleaved_chunks(samples, regions_all, options.chunk_s,
                                       gap_s=options.interleave_gap_s)] if any(regions_all) else []
        else:
            jobs = [speech_chunks(samples[ch], regions_all[ch], options.chunk_s, channel=ch)
                    for ch in range(len(streams)) if regions_all[ch]]
        if language is None and jobs:
            first = jobs[0][0]
            language, lang_prob = engine.detect_language(first.audio, options.languages)

        def recognise(pieces: list[SpeechChunks], lang: str = language or "en") -> tuple[list[StreamWord], int]:
            found: list[StreamWord] = []
            dropped_here = 0
            for chunks in pieces:
                segments, dropped = drop_repeated_segments(engine.transcribe(chunks.audio, lang, options))
                dropped_here += dropped
                for seg in segments:
                    for w in seg.words:
                        if not w.text.strip():
                            continue
                        i, s, e = chunks.locate(w.start, max(w.start, w.end))
                        s, e = window.start_s + s, window.start_s + e
                        found.append(StreamWord(w.text, round(s, 3), round(max(e, s), 3), w.probability,
                                           streams[int(chunks.channels[i])]))
            return found, dropped_here

        if len(jobs) > 1 and engine.concurrent and options.parallel_channels:
            # The two parties' channels are independent: decode them at once (CTranslate2 runs
            # two model replicas without the GIL), which roughly halves a stereo call's wall time.
            with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
                outcomes = list(pool.map(recognise, jobs))
        else:
            outcomes = [recognise(job) for job in jobs]
        for found, dropped in outcomes:
            words.extend(found)
            repeats_dropped += dropped
        timings["asr_s"] += time.perf_counter() - t0
        t0 = time.perf_counter()
        diarizer.add_window(window.start_s, samples, regions_all)
        timings["diarization_s"] += time.perf_counter() - t0
    if diarizer is None or n_regions == 0:
        raise InputError(path, "no speech detected (silence, tones or noise only)")
    t0 = time.perf_counter()
    diar = diarizer.finish()
    labelled = _label_words(words, diar, stereo=diarizer.stereo)
    roles = _decide_roles(options, diar, labelled, language or "en", meta)
    timings["diarization_s"] += time.perf_counter() - t0
    turns = widen_over_overlaps(build_turns(labelled, roles.mapping, options.max_turn_gap_s),
                                diar.overlaps, roles.mapping)
    timings["total_s"] = time.perf_counter() - t_start
    recognition: dict[str, Any] = {
        **{k: v for k, v in vars(engine.info).items()},
        "options": options.to_dict(),
        "options_fingerprint": options.fingerprint(),
        "language_source": lang_source,
        "language_probability": None if lang_prob is None else round(lang_prob, 3),
        "repeated_segments_dropped": repeats_dropped,
        "diarizer": {"method": diar.method, "speakers": list(diar.speakers), **diar.info},
        "roles": {"method": roles.method, "mapping": roles.mapping, "confidence": roles.confidence,
                  "uncertain": roles.uncertain, **roles.evidence},
        "audio": {"container": info.container, "codec": info.codec,
                  "sample_rate": info.sample_rate, "channels": info.channels},
        "timings": {k: round(v, 3) for k, v in timings.items()},
        "real_time_factor": round(timings["total_s"] / duration, 4) if duration else None,
    }
    return Transcript(
        contact_id=meta.contact_id or defaults.contact_id or path.stem,
        channel=meta.channel or "phone",
        language=language or "en",
        turns=tuple(turns),
        organisation=meta.organisation,
        agent_id=meta.agent_id,
        agent_name=meta.agent_name,
        started_at=meta.started_at or defaults.started_at,
        duration_s=round(duration, 3),
        team=meta.team,
        queue=meta.queue,
        audio=str(path),
        extra={"recognition": recognition, "role_confidence": roles.confidence,
               "role_uncertain": roles.uncertain,
               "speakers_estimated": len(diar.speakers) if diarizer.stereo
               else int(diar.info.get("speakers_estimated", len(diar.speakers)))},
    )


def _norm_text(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s']", " ", text.lower()).split())


def drop_repeated_segments(segments: list[RecognisedSegment]) -> tuple[list[RecognisedSegment], int]:
    """Drop a segment that repeats the one before it word for word (>= `MIN_REPEAT_WORDS` words).

    That is the signature of a decoder loop (Whisper re-emitting its last sentence), not of speech:
    people repeat a word or two ("yes, yes"), which stays, but not a whole sentence back to back
    within one piece of one speaker's audio. Returns the kept segments and how many were dropped.
    """
    kept: list[RecognisedSegment] = []
    dropped = 0
    for seg in segments:
        norm = _norm_text(seg.text)
        if kept and len(norm.split()) >= MIN_REPEAT_WORDS and norm == _norm_text(kept[-1].text):
            dropped += 1
            continue
        kept.append(seg)
    return kept, dropped


def _label_words(words: list[StreamWord], diar: Diarization, *, stereo: bool) -> list[tuple[str, StreamWord]]:
    """(diarizer label, word) for every word, in time order."""
    if stereo:
        out = [(w.stream, w) for w in words]
    else:
        segs = sorted(diar.segments, key=lambda s: s.start)
        starts = [s.start for s in segs]
        out = []
        prev = segs[0].speaker if segs else "S0"
        for w in sorted(words, key=lambda w: w.start):
            i = bisect.bisect_right(starts, w.mid) - 1
            label = None
            # the segment under the word's midpoint, else the nearest one within 1 s
            cands = [segs[j] for j in (i, i + 1) if 0 <= j < len(segs)]
            best = min(cands, key=lambda s: 0.0 if s.start <= w.mid <= s.end
                       else min(abs(s.start - w.mid), abs(s.end - w.mid)), default=None)
            if best is not None and (best.start - 1.0 <= w.mid <= best.end + 1.0):
                label = best.speaker
            label = label or prev
            prev = label
            out.append((label, w))
        out = whole_sentences(out)
    out.sort(key=lambda lw: (lw[1].start, lw[0]))
    return out


def whole_sentences(labelled: list[tuple[str, StreamWord]]) -> list[tuple[str, StreamWord]]:
    """A sentence belongs to one speaker: in a sentence (ended by . ? ! or a pause over
    `SENTENCE_GAP_S`) that the diarizer split between speakers, a short run of the other speaker
    (fewer than `MIN_SPLIT_WORDS` words) that joins the rest without a pause (at most
    `JOIN_GAP_S` on each side where it touches it) goes to the speaker holding most of the
    sentence's time. A speaker change found by 1.6 s voice windows lands up to a second off, inside
    continuous speech; Whisper's sentence ends say where it happened. A run set off by a pause
    (a real reply, a backchannel) or a longer run (a real change) stays."""
    out: list[tuple[str, StreamWord]] = []
    sentence: list[tuple[str, StreamWord]] = []

    def flush() -> None:
        if not sentence:
            return
        time_by: dict[str, float] = {}
        for lab, w in sentence:
            time_by[lab] = time_by.get(lab, 0.0) + max(0.01, w.end - w.start)
        if len(time_by) > 1:
            major = max(time_by, key=time_by.__getitem__)
            i = 0
            while i < len(sentence):
                j = i
                while j < len(sentence) and sentence[j][0] == sentence[i][0]:
                    j += 1
                if sentence[i][0] != major and j - i < MIN_SPLIT_WORDS:
                    joined_before = i == 0 or sentence[i][1].start - sentence[i - 1][1].end <= JOIN_GAP_S
                    joined_after = j == len(sentence) or sentence[j][1].start - sentence[j - 1][1].end <= JOIN_GAP_S
                    if joined_before and joined_after:
                        sentence[i:j] = [(major, w) for _, w in sentence[i:j]]
                i = j
        out.extend(sentence)
        sentence.clear()

    for lab, w in labelled:
        if sentence and w.start - sentence[-1][1].end > SENTENCE_GAP_S:
            flush()
        sentence.append((lab, w))
        if w.text.strip().endswith((".", "?", "!")):
            flush()
    flush()
    return out


def _decide_roles(options: TranscribeOptions, diar: Diarization,
                  labelled: list[tuple[str, StreamWord]], language: str, meta: CallMetadata) -> RoleDecision:
    if diar.method == "channels":
        return roles_from_channels(diar, options.agent_channel)
    enrolled = load_enrolment(str(options.agent_voices)) if options.agent_voices else None
    utterances: list[tuple[str, str]] = []  # runs of one speaker's words, in time order
    for label, w in labelled:
        if utterances and utterances[-1][0] == label:
            utterances[-1] = (label, utterances[-1][1] + w.text)
        else:
            utterances.append((label, w.text))
    return roles_from_evidence(diar, [(lab, " ".join(t.split())) for lab, t in utterances], language,
                               meta.organisation, meta.agent_name, enrolled=enrolled,
                               agent_id=meta.agent_id, min_confidence=options.role_min_confidence)


def build_turns(labelled: list[tuple[str, StreamWord]], mapping: dict[str, str], max_gap: float) -> list[Turn]:
    """Per speaker, a turn runs until a pause > `max_gap` or until the other party speaks in between.

    Turns of different speakers may overlap in time (overtalk stays visible to the QA stage).
    """
    by_spk: dict[str, list[StreamWord]] = {}
    for label, w in labelled:
        by_spk.setdefault(label, []).append(w)
    turns: list[Turn] = []
    for label, ws in by_spk.items():
        others = sorted(w.mid for lab, w in labelled if lab != label)
        current: list[StreamWord] = []
        for w in ws:
            if current:
                gap_start, gap_end = current[-1].end, w.start
                i = bisect.bisect_right(others, gap_start)
                interrupted = i < len(others) and others[i] < gap_end
                if gap_end - gap_start > max_gap or (interrupted and gap_end - gap_start > MIN_YIELD_GAP_S):
                    turns.append(_turn(mapping.get(label, "other"), current))
                    current = []
            current.append(w)
        if current:
            turns.append(_turn(mapping.get(label, "other"), current))
    turns.sort(key=lambda t: (t.start, t.end))
    return turns


def widen_over_overlaps(turns: list[Turn], overlaps, mapping: dict[str, str],  # type: ignore[no-untyped-def]
                        reach_s: float = OVERLAP_REACH_S) -> list[Turn]:
    """Overlapped speech goes to both speakers: for each overlap (start, end, labels) the turn of
    each label's role that touches it (within `reach_s`) is widened to cover it. A party whose
    words in the overlap the recogniser did not give gets no new turn (a turn holds words)."""
    if not overlaps:
        return turns
    out = list(turns)
    for s, e, labels in overlaps:
        for role in {mapping.get(lab, "other") for lab in labels}:
            cands = [i for i, t in enumerate(out) if t.speaker == role and t.start is not None
                     and t.start <= e + reach_s and t.end >= s - reach_s]
            if not cands:
                continue
            i = max(cands, key=lambda j: min(out[j].end, e) - max(out[j].start, s))
            out[i] = replace(out[i], start=min(out[i].start, s), end=max(out[i].end, e))
    out.sort(key=lambda t: (t.start, t.end))
    return out


def _turn(speaker: str, ws: list[StreamWord]) -> Turn:
    text = "".join(w.text for w in ws).strip()
    text = re.sub(r"\s+", " ", text)
    return Turn(speaker=speaker, start=ws[0].start, end=max(w.end for w in ws), text=text,
                words=tuple(Word(w.text.strip(), w.start, w.end, round(w.p, 3)) for w in ws))
