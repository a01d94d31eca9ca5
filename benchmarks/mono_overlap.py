"""Mono calls: DER with overlap scored, and the words of both parties in the scripted overlaps.

`PYTHONPATH=<checkout> python benchmarks/mono_overlap.py` runs the default mono pipeline on the
four generated calls (nl/en/fr/es; in each the customer starts 0.8 s before the agent's sentence
ends) from the checkout on PYTHONPATH, so two checkouts can be compared on the same audio.
Per call: DER without collar and with overlap scored (pyannote.metrics, skip_overlap=False),
and for the overlap the last 3 words of the agent's sentence and the first 3 of the customer's
that come back under the right role within 3 s of it ("overlap words").
"""
from __future__ import annotations

import json
import re
import sys
import tempfile
from pathlib import Path

sys.path.pop(0)  # this script's folder: benchmarks/transcription.py would shadow the package


def _norm(text: str) -> list[str]:
    return re.sub(r"[^\w\s']", " ", text.lower()).split()


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


def main() -> None:
    from transcription.evaluation import der
    from transcription.options import TranscribeOptions
    from transcription.pipeline import transcribe_recording
    from synth.calls import LANGUAGES, make_call

    import transcription
    print("code:", Path(transcription.__file__).resolve().parents[1])
    tmp = Path(tempfile.mkdtemp(prefix="meeluister-ovl-"))
    tot_f = tot_a = 0
    ders = []
    for i, lang in enumerate(LANGUAGES):
        c = make_call(tmp, lang, seed=i)
        ref = json.loads(Path(c.reference).read_text())
        t = transcribe_recording(c.mono, TranscribeOptions(language=lang))
        f, a = overlap_words(ref["turns"], t.turns)
        d = der(ref["turns"], t, collar=0.0)
        tot_f, tot_a = tot_f + f, tot_a + a
        ders.append(d)
        print(f"{lang}: DER(no collar, overlap scored) {d:.3f}; overlap words {f}/{a}", flush=True)
    print(f"mean DER {sum(ders) / len(ders):.3f}; overlap words {tot_f}/{tot_a}")


if __name__ == "__main__":
    sys.exit(main())
