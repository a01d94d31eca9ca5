"""Speech pieces for the recogniser and the decoder-loop filter (no models needed)."""
from __future__ import annotations

import numpy as np
import pytest

from meeluister.io import SAMPLE_RATE
from transcription.engines.base import RecognisedSegment, decoding_settings
from transcription.options import TranscribeOptions
from transcription.pipeline import drop_repeated_segments
from transcription.vad import Region, interleaved_chunks, speech_chunks

SR = SAMPLE_RATE


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


def _two_channel_audio(seconds: int = 20) -> np.ndarray:
    idx = np.arange(1, seconds * SR + 1, dtype=np.float32)
    return np.stack([idx, -idx])  # left = +sample index + 1, right = -(index + 1): cuts are checkable


def test_interleaved_chunks_order_both_channels_in_time_with_gaps() -> None:
    audio = _two_channel_audio()
    regions = [[Region(1.0, 3.0), Region(8.0, 10.0)],  # left (agent)
               [Region(2.5, 5.0), Region(12.0, 13.0)]]  # right: starts while the left still speaks
    (piece,) = interleaved_chunks(audio, regions, max_s=30.0, pad_s=0.3, gap_s=0.4)
    assert piece.channels.tolist() == [0, 1, 0, 1]  # by start time, the overlap kept for both
    assert np.allclose(piece.offsets, [0.7, 2.2, 7.7, 11.7])
    assert np.allclose(piece.lengths, [2.6, 3.1, 2.6, 1.6])
    assert np.allclose(piece.starts, [0.0, 3.0, 6.5, 9.5])  # 0.4 s of silence between chunks
    for start, offset, length, ch in zip(piece.starts, piece.offsets, piece.lengths, piece.channels):
        a = round(start * SR)
        sign = 1 if ch == 0 else -1
        assert piece.audio[a] == sign * (round(offset * SR) + 1)  # each chunk from its own channel
        assert piece.audio[a + round(length * SR) - 1] == sign * round((offset + length) * SR)
    assert not piece.audio[round(2.6 * SR): round(3.0 * SR)].any()  # the gap is silence
    assert piece.audio.size == round(11.1 * SR)


def test_interleaved_words_map_back_to_channel_and_source_time() -> None:
    audio = _two_channel_audio()
    regions = [[Region(1.0, 3.0), Region(8.0, 10.0)], [Region(2.5, 5.0), Region(12.0, 13.0)]]
    (piece,) = interleaved_chunks(audio, regions, max_s=30.0, pad_s=0.3, gap_s=0.4)
    # the speech inside each chunk (the VAD regions, without the 0.3 s context padding)
    assert np.allclose(piece.speech, [[0.3, 2.3], [3.3, 5.8], [6.8, 8.8], [9.8, 10.8]])
    i, s, e = piece.locate(3.4, 3.8)  # inside the right channel's first chunk
    assert (int(piece.channels[i]), round(s, 3), round(e, 3)) == (1, 2.6, 3.0)
    i, s, e = piece.locate(2.0, 2.9)  # runs into the gap, midpoint nearer the left chunk: clipped
    assert (int(piece.channels[i]), round(s, 3), round(e, 3)) == (0, 2.7, 3.0)  # to its speech
    i, s, e = piece.locate(2.9, 3.5)  # starts in the gap, midpoint in the right chunk: clipped there
    assert (int(piece.channels[i]), round(s, 3), round(e, 3)) == (1, 2.5, 2.7)
    i, s, e = piece.locate(10.0, 10.4)  # the last chunk: right channel, 12.0-13.0 s speech
    assert int(piece.channels[i]) == 1 and 11.7 <= s <= e <= 13.3


def test_interleaved_pieces_count_the_gaps_against_the_limit() -> None:
    audio = _two_channel_audio()
    regions = [[Region(1.0, 3.0), Region(8.0, 10.0)], [Region(2.5, 5.0), Region(12.0, 13.0)]]
    pieces = interleaved_chunks(audio, regions, max_s=6.5, pad_s=0.3, gap_s=0.4)
    # 2.6 + 0.4 + 3.1 = 6.1 fits; adding 0.4 + 2.6 would not
    assert [p.channels.tolist() for p in pieces] == [[0, 1], [0, 1]]
    assert all(p.audio.size / SR <= 6.5 for p in pieces)
    one = speech_chunks(audio[1], regions[1], max_s=30.0, channel=1)
    assert [p.channels.tolist() for p in one] == [[1, 1]] and np.allclose(one[0].starts, [0.0, 3.1])
