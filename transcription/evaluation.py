"""WER and DER as the tests and the benchmark compute them (jiwer, pyannote.metrics: dev extras)."""
from __future__ import annotations

import warnings

from meeluister.records import Transcript


def normalised_wer(reference: str, hypothesis: str) -> float:
    import jiwer

    tf = jiwer.Compose([
        jiwer.ToLowerCase(), jiwer.RemovePunctuation(), jiwer.RemoveMultipleSpaces(),
        jiwer.Strip(), jiwer.ReduceToListOfListOfWords(),
    ])
    return jiwer.wer(reference, hypothesis, reference_transform=tf, hypothesis_transform=tf)


def der(ref_turns: list[dict], hyp: Transcript, collar: float = 0.5) -> float:
    """Diarization error rate on roles (agent/customer); `collar` total (±collar/2), pyannote style."""
    from pyannote.core import Annotation, Segment
    from pyannote.metrics.diarization import DiarizationErrorRate

    ref, out = Annotation(), Annotation()
    for i, t in enumerate(ref_turns):
        ref[Segment(t["start"], t["end"]), i] = t["speaker"]
    for i, t in enumerate(hyp.turns):
        if t.end > t.start:
            out[Segment(t.start, t.end), i] = t.speaker
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return float(DiarizationErrorRate(collar=collar)(ref, out))
