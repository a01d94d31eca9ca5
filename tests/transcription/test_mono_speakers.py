"""Mono recordings: a sentence stays with one speaker; one voice is not split in two; roles on
calls that do not open the usual way (the last one runs the recogniser: slow)."""
from __future__ import annotations

import json

import numpy as np
import pytest

from transcription.pipeline import StreamWord, whole_sentences


def _w(text: str, start: float, dur: float = 0.3) -> StreamWord:
    return StreamWord(text, start, start + dur, 0.9, "mix")


def test_a_sentence_split_by_the_diarizer_goes_to_its_main_speaker() -> None:
    # "... you will receive a letter next week." / "Thank you very much." with the change found
    # one word early (the 1.6 s voice windows straddle it)
    words = [("S0", _w(" you", 0.0)), ("S0", _w(" will", 0.3)), ("S0", _w(" receive", 0.6)),
             ("S0", _w(" a", 0.9)), ("S0", _w(" letter", 1.2)), ("S1", _w(" next", 1.5)),
             ("S1", _w(" week.", 1.8)), ("S1", _w(" Thank", 2.1)), ("S1", _w(" you", 2.4)),
             ("S1", _w(" very", 2.7)), ("S1", _w(" much.", 3.0))]
    out = whole_sentences(words)
    assert [lab for lab, _ in out] == ["S0"] * 7 + ["S1"] * 4


def test_a_real_change_inside_an_unpunctuated_stretch_is_kept() -> None:
    # four words or more of the other speaker: a genuine change, not a boundary slip, however
    # long the rest of the unpunctuated stretch is
    words = [("S0", _w(f" a{i}", 0.3 * i)) for i in range(12)] + \
            [("S1", _w(f" b{i}", 3.6 + 0.3 * i)) for i in range(4)]
    assert [lab for lab, _ in whole_sentences(words)] == ["S0"] * 12 + ["S1"] * 4
    # a short reply set off by a pause (0.4 s) stays with its speaker
    words = [("S0", _w(" is", 0.0)), ("S0", _w(" that", 0.3)), ("S0", _w(" right", 0.6)),
             ("S1", _w(" yes", 1.3)), ("S0", _w(" good", 1.9)), ("S0", _w(" then", 2.2))]
    assert [lab for lab, _ in whole_sentences(words)] == ["S0", "S0", "S0", "S1", "S0", "S0"]
    # a pause ends a sentence even without punctuation: no smoothing across it
    words = [("S0", _w(" yes", 0.0)), ("S0", _w(" fine", 0.3)), ("S1", _w(" right", 1.5))]
    assert [lab for lab, _ in whole_sentences(words)] == ["S0", "S0", "S1"]


def test_overlapped_speech_goes_to_both_speakers() -> None:
    from meeluister.records import Turn
    from transcription.pipeline import widen_over_overlaps

    turns = [Turn("agent", 0.0, 4.8, "thank you for waiting, a letter next week"),
             Turn("customer", 5.2, 7.0, "great, thank you"),
             Turn("agent", 9.0, 10.0, "you are welcome")]
    # the diarizer heard both from 4.4 to 5.3 s: the agent's end and the customer's start widen
    out = widen_over_overlaps(turns, ((4.4, 5.3, ("S0", "S1")),), {"S0": "agent", "S1": "customer"})
    assert [(t.speaker, t.start, t.end) for t in out] == [
        ("agent", 0.0, 5.3), ("customer", 4.4, 7.0), ("agent", 9.0, 10.0)]
    # an overlap far from any turn of a role changes nothing for it
    far = widen_over_overlaps(turns, ((8.0, 8.3, ("S0", "S1")),), {"S0": "agent", "S1": "customer"})
    assert [(t.start, t.end) for t in far] == [(0.0, 4.8), (5.2, 7.0), (9.0, 10.0)]


@pytest.fixture(scope="module")
def role_calls(tmp_path_factory):  # type: ignore[no-untyped-def]
    import shutil

    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng not installed")
    from synth.role_calls import make_role_call

    out = tmp_path_factory.mktemp("roles")
    return {k: make_role_call(out, "en", sc, swap_voices=swap)
            for k, (sc, swap) in {"voicemail": ("voicemail", False), "announcement": ("announcement", False),
                                  "customer_first_swapped": ("customer_first", True),
                                  "transfer": ("transfer", False)}.items()}


def _diarize(path) -> dict:  # type: ignore[no-untyped-def]
    """The offline mono diarizer alone (silero VAD + resemblyzer), no recogniser."""
    from transcription.audio import read_audio
    from transcription.diarization.base import create_diarizer
    from transcription.options import TranscribeOptions
    from transcription.vad import speech_regions

    opts = TranscribeOptions(diarization="mono")
    audio = read_audio(path, channels=1)
    diarizer = create_diarizer("resemblyzer", opts, path)
    diarizer.add_window(0.0, audio, [speech_regions(audio[0], opts)])
    d = diarizer.finish()
    return {"speakers": d.speakers, **d.info}


def test_one_voice_is_one_speaker_and_two_are_two(role_calls) -> None:  # type: ignore[no-untyped-def]
    for key in ("voicemail", "announcement"):
        info = _diarize(role_calls[key].mono)
        assert info["speakers_estimated"] == 1 and info["speakers"] == ("S0",), (key, info)
    for key in ("customer_first_swapped", "transfer"):
        info = _diarize(role_calls[key].mono)
        assert info["speakers_estimated"] == 2 and len(info["speakers"]) == 2, (key, info)
        assert info["silhouette"] > 0.12 and info["centroid_similarity"] < 0.86


@pytest.mark.slow
def test_customer_first_call_with_swapped_voices_gets_the_roles_right(role_calls) -> None:  # type: ignore[no-untyped-def]
    from meeluister.metadata import CallMetadata
    from transcription.options import TranscribeOptions
    from transcription.pipeline import transcribe_recording

    c = role_calls["customer_first_swapped"]
    meta = CallMetadata(contact_id=c.contact_id, file=c.mono.name, channel="phone", language="en",
                        organisation=c.organisation, agent_name=c.agent_name)
    t = transcribe_recording(c.mono, TranscribeOptions(language="en"), meta)
    assert t.extra["speakers_estimated"] == 2
    assert not t.extra["role_uncertain"] and t.extra["role_confidence"] >= 0.95
    ref = json.loads(c.reference.read_text())
    assert t.turns[0].speaker == "customer"  # the customer spoke first and is named so
    agent_text = " ".join(x.text for x in t.turns if x.speaker == "agent").lower()
    assert "city of leeds" in agent_text and "date of birth" in agent_text
    customer_text = " ".join(x.text for x in t.turns if x.speaker == "customer").lower()
    assert "passport" in customer_text and "leeds" not in customer_text
    assert len(ref["turns"]) == 5
