"""Overlap on mono calls from the voice windows (`TranscribeOptions.mono_overlap`): a partial in
which both voices sound embeds about as close to both speakers; those stretches go to both."""
from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import numpy as np
import pytest

from transcription.diarization.embedding import OVERLAP_PAD_S, PAUSE_S, mixture_windows, quiet_stretches
from transcription.vad import Region


def test_mixture_windows_groups_adjacent_partials_and_clips_to_the_region() -> None:
    starts = np.arange(0.0, 6.0, 0.4)
    spans = np.stack([starts, starts + 1.6], axis=1)
    margin = np.full(len(starts), 0.4)
    margin[[3, 4, 5]] = [0.1, -0.05, 0.12]  # three adjacent mixed partials
    margin[12] = -0.3  # clearly the other voice: not an overlap
    margin[14] = 0.149  # just under the margin, alone
    got = mixture_windows(spans, margin, 0.15, [Region(0.0, 6.5)])
    first = (starts[3] + 0.8 - OVERLAP_PAD_S, starts[5] + 0.8 + OVERLAP_PAD_S)
    assert got == [pytest.approx(first), pytest.approx((starts[14] + 0.8 - OVERLAP_PAD_S, 6.5))]
    assert mixture_windows(spans, margin, 0.06, [Region(0.0, 6.5)]) == [
        pytest.approx((starts[4] + 0.8 - OVERLAP_PAD_S, starts[4] + 0.8 + OVERLAP_PAD_S))]

    # a pause next to the mixed stretch: a turn change after a pause, not an overlap
    assert mixture_windows(spans, margin, 0.15, [Region(0.0, 6.5)], [(2.9, 3.3)]) == got[1:]
    assert mixture_windows(spans, margin, 0.15, [Region(0.0, 6.5)], [(4.0, 4.4)]) == got


def test_quiet_stretches_are_pauses_of_at_least_pause_s() -> None:
    rng = np.random.default_rng(0)
    sr = 16000
    speech = rng.normal(0, 0.1, 3 * sr).astype(np.float32)
    speech[sr: sr + int(0.5 * sr)] *= 0.001  # -60 dB for 0.5 s: a pause
    speech[2 * sr: 2 * sr + int(0.2 * sr)] *= 0.001  # 0.2 s: too short
    speech[int(2.5 * sr): int(2.5 * sr) + int(0.4 * sr)] *= 0.2  # -14 dB: not quiet
    got = quiet_stretches(speech)
    assert len(got) == 1 and got[0] == pytest.approx((1.0, 1.5), abs=0.021)
    assert PAUSE_S == 0.3


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng not installed")
@pytest.mark.parametrize("script", ["composed", "scripted"])
def test_overlaps_in_a_generated_mono_call_are_found_and_none_invented(tmp_path: Path, script: str) -> None:
    from synth.calls import compose_script, make_call
    from synth.contacts import Behaviour
    from transcription.audio import read_audio
    from transcription.diarization.embedding import EmbeddingDiarizer
    from transcription.options import TranscribeOptions
    from transcription.vad import speech_regions

    talks_over = Behaviour(fills_in=1.0, upset_customers=1.0, acknowledges_upset=0.0, holds=0.0,
                           clarifies=0.0)
    # composed: three overlaps; scripted (calls.yaml): one overlap and turn changes after short
    # pauses (0.4 s), which also mix both voices in a window
    drawn = compose_script("en", talks_over, random.Random(7), agent="Anna",
                           organisation="City of Leeds", customer="Jones") if script == "composed" else None
    c = make_call(tmp_path, "en", contact_id="ovl", seed=7 if drawn else 1, script=drawn)
    ref = json.loads(c.reference.read_text())["turns"]
    scripted = [(b["start"], a["end"]) for a, b in zip(ref, ref[1:]) if b["start"] < a["end"]]
    assert len(scripted) == (3 if drawn else 1)
    wav = read_audio(c.mono)

    def overlaps(on: bool):  # type: ignore[no-untyped-def]
        o = TranscribeOptions(mono_overlap=on)
        d = EmbeddingDiarizer(o, c.mono)
        d.add_window(0.0, wav, [speech_regions(wav[0], o)])
        return d.finish()

    off = overlaps(False)
    assert off.overlaps == () and off.info["overlap_s"] == 0
    on = overlaps(True)
    assert on.info["speakers_estimated"] == 2
    marked = [(s, e) for s, e, labels in on.overlaps]
    assert all(labels == ("S0", "S1") for _, _, labels in on.overlaps)
    near = [[m for m in marked if m[0] <= e + 0.3 and m[1] >= s - 0.3] for s, e in scripted]
    assert sum(bool(n) for n in near) >= len(scripted) - 1 >= 0 and any(near)  # found
    assert all(any(m[0] <= e + 0.3 and m[1] >= s - 0.3 for s, e in scripted) for m in marked)  # none invented
    assert on.info["overlap_s"] == pytest.approx(sum(e - s for s, e in marked), abs=0.02)


def test_options_check_the_margin_and_keep_old_fingerprints() -> None:
    from transcription.options import TranscribeOptions

    with pytest.raises(ValueError, match="mono_overlap_margin"):
        TranscribeOptions(mono_overlap_margin=0.0)
    assert TranscribeOptions().to_dict()["mono_overlap"] is False  # recorded in every transcript
    assert TranscribeOptions().fingerprint() != TranscribeOptions(mono_overlap=True).fingerprint()
    assert TranscribeOptions().fingerprint() == TranscribeOptions(mono_overlap_margin=0.2).fingerprint()
