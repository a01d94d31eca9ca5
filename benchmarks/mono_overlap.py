"""Mono calls: DER with overlap scored, the words of both parties in the scripted overlaps, and
(`--detect`) overlap detection by the offline diarizer (`TranscribeOptions.mono_overlap`).

`PYTHONPATH=<checkout> python benchmarks/mono_overlap.py` runs the default mono pipeline on the
four generated calls (nl/en/fr/es; in each the customer starts 0.8 s before the agent's sentence
ends) from the checkout on PYTHONPATH, so two checkouts can be compared on the same audio.
Per call: DER without collar and with overlap scored (pyannote.metrics, skip_overlap=False),
and for the overlap the last 3 words of the agent's sentence and the first 3 of the customer's
that come back under the right role within 3 s of it ("overlap words").

`--detect --seeds 3 4` adds overlap calls drawn by `synth.calls.compose_script` (an agent who
fills in the customer's question and brushes off an upset customer, talking over them, and a
customer who says goodbye over the agent: three overlaps of 0.6-1.4 s per call), per seed and
language, and reports for each margin in `--margins`: the overlaps the diarizer marked, how many
lie on a scripted overlap (precision; within 0.3 s), the scripted overlaps found (recall), and
DER without collar, overlap scored, with detection off and on (same recognition).
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

sys.path.pop(0)  # this script's folder: benchmarks/transcription.py would shadow the package

TOLERANCE_S = 0.3


def _norm(text: str) -> list[str]:
    return re.sub(r"[^\w\s']", " ", text.lower()).split()


def ref_overlaps(ref_turns: list[dict]) -> list[tuple[float, float]]:
    return [(b["start"], min(a["end"], b["end"])) for a, b in zip(ref_turns, ref_turns[1:])
            if b["start"] < a["end"] and a["speaker"] != b["speaker"]]


def overlap_words(ref_turns: list[dict], hyp_turns) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """(found, asked): words of both parties around each scripted overlap, under the right role."""
    found = asked = 0
    for a, b in zip(ref_turns, ref_turns[1:]):
        if b["start"] >= a["end"] or a["speaker"] == b["speaker"]:
            continue
        for turn, words in ((a, _norm(a["text"])[-3:]), (b, _norm(b["text"])[:3])):
            hyp = [w for h in hyp_turns if h.speaker == turn["speaker"]
                   and h.start <= a["end"] + 3 and h.end >= b["start"] - 3 for w in _norm(h.text)]
            asked += len(words)
            found += sum(w in hyp for w in words)
    return found, asked


def _hits(found: list[tuple[float, float]], ref: list[tuple[float, float]]) -> tuple[int, int]:
    """(detections on a scripted overlap, scripted overlaps detected), within TOLERANCE_S."""
    def near(a: tuple[float, float], b: tuple[float, float]) -> bool:
        return a[0] <= b[1] + TOLERANCE_S and a[1] >= b[0] - TOLERANCE_S
    return sum(any(near(f, r) for r in ref) for f in found), sum(any(near(f, r) for f in found) for r in ref)


def detection(seeds: list[int], margins: list[float], tmp: Path, with_der: bool = True) -> None:
    from synth.calls import LANGUAGES, compose_script, make_call
    from synth.contacts import Behaviour
    from transcription.audio import read_audio
    from transcription.diarization.embedding import EmbeddingDiarizer
    from transcription.evaluation import der
    from transcription.options import TranscribeOptions
    from transcription.pipeline import transcribe_recording
    from transcription.vad import speech_regions

    talks_over = Behaviour(fills_in=1.0, upset_customers=1.0, acknowledges_upset=0.0, holds=0.0,
                           clarifies=0.0)
    calls = []
    for seed in seeds:
        for k, lang in enumerate(LANGUAGES):
            script = compose_script(lang, talks_over, random.Random(seed * 10 + k), agent="Anna",
                                    organisation="Gemeente Leiden", customer="Jansen")
            c = make_call(tmp / "detect", lang, contact_id=f"ovl-{lang}-{seed}", seed=seed, script=script)
            calls.append((c, json.loads(Path(c.reference).read_text())["turns"]))
    n_ref = sum(len(ref_overlaps(r)) for _, r in calls)
    print(f"\n{len(calls)} overlap calls (seeds {seeds}, nl/en/fr/es), {n_ref} scripted overlaps")
    for margin in margins:
        marked = on_ref = found = 0
        for c, ref in calls:
            o = TranscribeOptions(mono_overlap=True, mono_overlap_margin=margin)
            wav = read_audio(c.mono)
            d = EmbeddingDiarizer(o, c.mono)
            d.add_window(0.0, wav, [speech_regions(wav[0], o)])
            got = [(s, e) for s, e, _ in d.finish().overlaps]
            a, b = _hits(got, ref_overlaps(ref))
            marked, on_ref, found = marked + len(got), on_ref + a, found + b
        print(f"margin {margin:.2f}: marked {marked}, precision {on_ref / max(1, marked):.2f}, "
              f"recall {found}/{n_ref}", flush=True)
    if not with_der:
        return
    ders: dict[bool, list[float]] = {False: [], True: []}
    for c, ref in calls:
        base = TranscribeOptions(language=c.language)
        for on in (False, True):
            t = transcribe_recording(c.mono, replace(base, mono_overlap=on))
            ders[on].append(der(ref, t, collar=0.0))
    for on in (False, True):
        per = " ".join(f"{x:.3f}" for x in ders[on])
        print(f"detection {'on ' if on else 'off'} (margin {TranscribeOptions().mono_overlap_margin}): "
              f"mean DER {sum(ders[on]) / len(ders[on]):.3f}  [{per}]", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--detect", action="store_true", help="also measure overlap detection")
    ap.add_argument("--seeds", type=int, nargs="+", default=[3, 4])
    ap.add_argument("--margins", type=float, nargs="+", default=[0.10, 0.15, 0.20])
    ap.add_argument("--no-der", action="store_true", help="--detect: precision and recall only")
    ap.add_argument("--no-scripted", action="store_true", help="skip the four scripted calls")
    ap.add_argument("--mono-overlap", action="store_true",
                    help="the four scripted calls with overlap detection on")
    args = ap.parse_args()
    from transcription.evaluation import der
    from transcription.options import TranscribeOptions
    from transcription.pipeline import transcribe_recording
    from synth.calls import LANGUAGES, make_call

    import transcription
    print("code:", Path(transcription.__file__).resolve().parents[1])
    tmp = Path(tempfile.mkdtemp(prefix="meeluister-ovl-"))
    if not args.no_scripted:
        tot_f = tot_a = 0
        ders = []
        for i, lang in enumerate(LANGUAGES):
            c = make_call(tmp, lang, seed=i)
            ref = json.loads(Path(c.reference).read_text())
            t = transcribe_recording(c.mono, TranscribeOptions(language=lang, mono_overlap=args.mono_overlap))
            f, a = overlap_words(ref["turns"], t.turns)
            d = der(ref["turns"], t, collar=0.0)
            tot_f, tot_a = tot_f + f, tot_a + a
            ders.append(d)
            print(f"{lang}: DER(no collar, overlap scored) {d:.3f}; overlap words {f}/{a}", flush=True)
        print(f"mean DER {sum(ders) / len(ders):.3f}; overlap words {tot_f}/{tot_a}")
    if args.detect:
        detection(args.seeds, args.margins, tmp, with_der=not args.no_der)


if __name__ == "__main__":
    sys.exit(main())
