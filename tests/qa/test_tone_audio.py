"""Tone from real audio: espeak-ng speech analysed with librosa (slow: loads librosa)."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from qa import score
from qa_helpers import convo

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng not installed")]
pytest.importorskip("librosa")

TEXT = ("Goedemiddag, u spreekt met Bram van de gemeente. Ik ga uw aanvraag nu voor u in orde maken, "
        "en u krijgt binnen vijf werkdagen bericht van ons.")


def _speak(path, *args):
    subprocess.run(["espeak-ng", "-v", "nl", "-w", str(path), *args, TEXT], check=True, capture_output=True)
    return path


def test_audio_measures_follow_the_voice(tmp_path):
    from qa.tone_audio import measure_agent_audio

    slow = measure_agent_audio(_speak(tmp_path / "slow.wav", "-s", "110"), None)
    fast = measure_agent_audio(_speak(tmp_path / "fast.wav", "-s", "320"), None)
    for m in (slow, fast):
        assert {"pitch_range_st", "speech_rate_syl_s", "energy_db"} <= set(m)
    assert fast["speech_rate_syl_s"] > slow["speech_rate_syl_s"] * 1.3


def test_tone_uses_the_recording_and_reports_measures(tmp_path):
    wav = _speak(tmp_path / "call.wav", "-s", "160")
    t = convo([("agent", 0.0, 12.0, TEXT)], audio=str(wav))
    r = score(t).result("tone")
    from qa.criteria.tone import Tone, audio_flags

    flags = audio_flags(r.measures, Tone.defaults["norms"]["nl"])
    assert r.outcome == ("fail" if flags else "pass") and r.reason.endswith("(audio and words)")
    assert all(f in r.reason for f in flags)
    assert r.measures["pitch_range_st"] is not None and r.measures["speech_rate_syl_s"] > 0
    # the same contact without the file: words only, never a guess from missing audio
    r2 = score(convo([("agent", 0.0, 12.0, TEXT)], audio=str(tmp_path / "missing.wav"))).result("tone")
    assert "pitch_range_st" not in r2.measures and "audio" not in r2.reason.replace("no audio", "")
