"""Decoding: telephony and compressed formats, odd rates, windows; bad files get one clear cause."""
from __future__ import annotations

import numpy as np
import pytest

from meeluister.errors import InputError
from transcription.audio import SAMPLE_RATE, iter_windows, probe, read_audio
from synth.calls import make_bad_files, make_format_variants


@pytest.fixture(scope="module")
def variants(short_call, tmp_path_factory):  # type: ignore[no-untyped-def]
    return make_format_variants(short_call.stereo, tmp_path_factory.mktemp("formats"))


@pytest.mark.parametrize("kind", ["ulaw8k.wav", "alaw8k.wav", "mp3", "opus.ogg", "flac", "m4a", "44k1.wav"])
def test_every_format_decodes_to_16k_float32_per_channel(short_call, variants, kind: str) -> None:
    ref = read_audio(short_call.stereo)
    audio = read_audio(variants[kind])
    assert audio.dtype == np.float32 and audio.shape[0] == 2
    # same duration within codec padding (MP3/AAC add up to ~50 ms)
    assert abs(audio.shape[1] - ref.shape[1]) / SAMPLE_RATE < 0.1
    # the agent stays on the left: left channel carries the energy where the reference left does
    n = min(audio.shape[1], ref.shape[1])
    corr = np.corrcoef(np.abs(audio[0, :n]), np.abs(ref[0, :n]))[0, 1]
    assert corr > 0.5
    info = probe(variants[kind])
    assert info.channels == 2


def test_windows_cover_the_file_exactly_and_stay_bounded(short_call) -> None:  # type: ignore[no-untyped-def]
    whole = read_audio(short_call.mono)
    wins = list(iter_windows(short_call.mono, window_s=4.0, search_s=1.0))
    assert len(wins) >= 3
    assert all(w.samples.shape[1] <= 6 * SAMPLE_RATE for w in wins)  # window + search
    joined = np.concatenate([w.samples for w in wins], axis=1)
    np.testing.assert_array_equal(joined, whole)
    starts = [w.start_s for w in wins]
    assert starts[0] == 0.0 and all(b > a for a, b in zip(starts, starts[1:]))


@pytest.mark.parametrize(
    ("kind", "cause"),
    [("empty", "empty file"), ("corrupt", "corrupt"), ("silent", "silent recording"),
     ("unsupported", "not a recognised audio format")],
)
def test_bad_files_raise_one_line_error_naming_file_and_cause(tmp_path, kind: str, cause: str) -> None:
    path = make_bad_files(tmp_path)[kind]
    with pytest.raises(InputError) as exc:
        list(iter_windows(path))
    line = str(exc.value)
    assert str(path) in line and cause in line and "\n" not in line


def test_missing_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match="file not found"):
        probe(tmp_path / "nope.wav")
