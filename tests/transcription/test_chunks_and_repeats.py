"""Speech pieces for the recogniser and the decoder-loop filter (no models needed)."""
from __future__ import annotations

import numpy as np
import pytest

from transcription.engines.base import RecognisedSegment, decoding_settings
from transcription.options import TranscribeOptions
from transcription.pipeline import drop_repeated_segments
from transcription.vad import Region, speech_chunks

SR = 16_000


def _seg(text: str, start: float = 0.0) -> RecognisedSegment:
    return RecognisedSegment(start, start + 1.0, text, ())


def test_pieces_are_cut_only_at_pauses_and_stay_under_the_limit() -> None:
    audio = np.arange(120 * SR, dtype=np.float32)  # sample value = its index: cuts are checkable
    regions = [Region(1.0, 11.0), Region(12.0, 20.0), Region(30.0, 45.0), Region(50.0, 52.0),
               Region(60.0, 100.0)]
    pieces = speech_chunks(audio, regions, max_s=30.0, pad_s=0.3)
    # 10.6 + 8.6 fit in 30 s, 15.6 does not fit next to them; 15.6 + 2.6 fit; 40.6 s stays whole
    assert [len(p.offsets) for p in pieces] == [2, 2, 1]
    assert [round(p.audio.size / SR, 1) for p in pieces] == [19.2, 18.2, 40.6]
    for p in pieces:
        for start, offset in zip(p.starts, p.offsets):  # joined time maps back to source samples
            assert p.audio[round(start * SR)] == round(offset * SR)
    # a word in the second piece maps back into the 50-52 s region, not into the pause before it
    assert 49.6 <= pieces[1].to_source(15.8) <= 52.3
    covered = sum(p.audio.size for p in pieces) / SR
    assert covered == pytest.approx(sum(min(120.0, r.end + 0.3) - max(0.0, r.start - 0.3) for r in regions))


def test_back_to_back_repeated_sentence_is_dropped_but_short_repeats_stay() -> None:
    segs = [_seg("Merci beaucoup."), _seg("Merci beaucoup."),  # two words: people do say that twice
            _seg("Je vous invite à vous faire un bon moment !"),
            _seg("je vous invite à vous faire un bon moment"),  # the loop: case/punctuation aside
            _seg("Je vous invite à vous faire un bon moment."),
            _seg("Je vous invite à vous faire un autre moment."),  # not the same sentence: kept
            _seg("Non, c'est tout.")]
    kept, dropped = drop_repeated_segments(segs)
    texts = [s.text for s in kept]
    assert texts.count("Merci beaucoup.") == 2
    assert dropped == 2 and sum("invite" in t for t in texts) == 2
    assert texts[-1] == "Non, c'est tout."
    assert drop_repeated_segments([]) == ([], 0)


def test_both_engines_receive_the_same_decoding_settings() -> None:
    o = TranscribeOptions(beam_size=3, temperatures=(0.0, 0.5), condition_on_previous_text=True)
    d = decoding_settings(o)
    assert d["beam_size"] == 3 and d["temperature"] == [0.0, 0.5]
    assert d["condition_on_previous_text"] is True and d["word_timestamps"] is True
    assert TranscribeOptions().condition_on_previous_text is False
    assert o.fingerprint() != TranscribeOptions().fingerprint()
