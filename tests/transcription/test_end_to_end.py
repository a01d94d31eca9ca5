"""Real audio through the real models: generated calls in nl/en/fr/es, WER and DER bounds."""
from __future__ import annotations

import pytest
from conftest import reference

from transcription.evaluation import der, normalised_wer
from transcription.options import TranscribeOptions
from transcription.pipeline import transcribe_recording

pytestmark = pytest.mark.slow

# Upper bounds on WER of base Whisper on espeak-ng speech, about 0.1 above what the pipeline gives
# (measured mono, deterministic since fallback sampling is seeded: en .05, es .24, nl .46, fr .45).
# A pipeline that drops turns, mixes channels up, loops on a sentence or decodes the wrong language
# lands far above them. espeak's Dutch and French are hard for base; the bounds say so, no more.
WER_BOUND = {"en": 0.15, "es": 0.35, "fr": 0.55, "nl": 0.6}


def _text(turns, speaker=None) -> str:  # type: ignore[no-untyped-def]
    return " ".join(t["text"] if isinstance(t, dict) else t.text for t in turns
                    if speaker is None or (t["speaker"] if isinstance(t, dict) else t.speaker) == speaker)


def test_stereo_english_words_roles_and_timing(calls, stereo_en) -> None:  # type: ignore[no-untyped-def]
    ref = reference(calls["en"])
    t = stereo_en
    assert t.language == "en"
    assert t.extra["recognition"]["diarizer"]["method"] == "channels"
    # per role, so a swapped or merged channel fails
    for role in ("agent", "customer"):
        assert normalised_wer(_text(ref["turns"], role), _text(t.turns, role)) <= WER_BOUND["en"]
    assert der(ref["turns"], t) <= 0.10
    assert t.turns[0].speaker == "agent" and t.turns[0].start == pytest.approx(ref["turns"][0]["start"], abs=0.5)
    # the hold: no words in the 20 s of silence, and the return turn starts after it
    hold_from, hold_to = ref["turns"][4]["end"], ref["turns"][5]["start"]
    assert not any(hold_from + 1 < w.start < hold_to - 1 for turn in t.turns for w in turn.words)
    # the overlap survives: a customer turn starts before the agent's return turn ends
    ret = max((tr for tr in t.turns if tr.speaker == "agent" and tr.start < hold_to + 2),
              key=lambda tr: tr.start)
    assert any(tr.speaker == "customer" and ret.start < tr.start < ret.end for tr in t.turns)
    for turn in t.turns:
        assert turn.words and all(turn.start <= w.start <= w.end <= turn.end + 1e-6 for w in turn.words)


@pytest.mark.parametrize("lang", ["en", "nl", "fr", "es"])
def test_mono_call_diarized_and_roles_found(calls, lang: str) -> None:  # type: ignore[no-untyped-def]
    ref = reference(calls[lang])
    # base Whisper hears espeak's Dutch as English, so Dutch comes from the option here (as it
    # would from the metadata CSV); the other three are detected among nl/en/fr/es.
    t = transcribe_recording(calls[lang].mono, TranscribeOptions(language="nl" if lang == "nl" else "auto"))
    assert t.extra["recognition"]["diarizer"]["method"] == "resemblyzer"
    assert t.language == lang
    assert der(ref["turns"], t) <= 0.10, t.extra["recognition"]["roles"]
    assert normalised_wer(_text(ref["turns"]), _text(t.turns)) <= WER_BOUND[lang]
    assert t.extra["recognition"]["options"]["condition_on_previous_text"] is False
    assert t.extra["recognition"]["roles"]["mapping"]["S0"] == "agent"
    print(lang, "WER", round(normalised_wer(_text(ref["turns"]), _text(t.turns)), 3),
          "DER", round(der(ref["turns"], t), 3), "DER0", round(der(ref["turns"], t, collar=0.0), 3))


def test_parallel_channels_give_the_same_english_transcript(calls) -> None:  # type: ignore[no-untyped-def]
    # Per-channel recognition (the alternative to the interleaved default). Clear English needs no
    # temperature fallback, so decoding is deterministic and recognising the two channels
    # concurrently must give exactly the serial transcript.
    ref = reference(calls["en"])
    serial = transcribe_recording(calls["en"].stereo, TranscribeOptions(stereo_recognition="per-channel"))
    par = transcribe_recording(calls["en"].stereo, TranscribeOptions(stereo_recognition="per-channel",
                                                                      parallel_channels=True))
    assert [(t.speaker, t.text) for t in par.turns] == [(t.speaker, t.text) for t in serial.turns]
    assert par.extra["recognition"]["options"]["parallel_channels"] is True
    for role in ("agent", "customer"):
        assert normalised_wer(_text(ref["turns"], role), _text(serial.turns, role)) <= WER_BOUND["en"]
