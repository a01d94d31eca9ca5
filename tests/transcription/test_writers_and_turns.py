"""WebVTT/RTTM output and turn building (fast, no models)."""
from __future__ import annotations

from meeluister.records import Transcript, Turn, Word
from transcription.pipeline import StreamWord, build_turns
from transcription.writers import to_rttm, to_vtt


def _t() -> Transcript:
    return Transcript(
        contact_id="c-1", channel="phone", language="nl",
        turns=(Turn("agent", 0.5, 3.25, "Goedemorgen, <u> spreekt met Sanne", (Word("Goedemorgen,", 0.5, 1.0),)),
               Turn("customer", 3661.0, 3662.5, "Hallo")),
    )


def test_vtt_has_voice_tags_timestamps_and_escapes() -> None:
    vtt = to_vtt(_t())
    assert vtt.startswith("WEBVTT\n")
    assert "00:00:00.500 --> 00:00:03.250\n<v agent>Goedemorgen, &lt;u&gt; spreekt met Sanne" in vtt
    assert "01:01:01.000 --> 01:01:02.500\n<v customer>Hallo" in vtt


def test_rttm_one_line_per_turn_with_duration() -> None:
    lines = to_rttm(_t()).splitlines()
    assert lines == ["SPEAKER c-1 1 0.500 2.750 <NA> <NA> agent <NA> <NA>",
                     "SPEAKER c-1 1 3661.000 1.500 <NA> <NA> customer <NA> <NA>"]


def _w(text: str, s: float, e: float, lab: str) -> tuple[str, StreamWord]:
    return (lab, StreamWord(text, s, e, 0.9, lab))


def test_turns_split_on_long_pause_and_on_the_other_party_but_keep_overlap() -> None:
    words = sorted([
        _w(" Goedemorgen", 0.0, 0.8, "A"), _w(" Sanne.", 0.9, 1.4, "A"),
        _w(" Hallo", 2.5, 3.0, "B"), _w(" daar.", 3.1, 3.5, "B"),
        _w(" Momentje.", 4.5, 5.0, "A"),
        _w(" Bedankt", 30.0, 30.6, "A"),  # after a hold: a new turn
        _w(" voor", 30.7, 31.0, "A"), _w(" het", 31.1, 31.3, "A"),
        _w(" Fijn", 31.0, 31.5, "B"),  # overtalk: starts while A is still speaking
    ], key=lambda lw: lw[1].start)
    turns = build_turns(words, {"A": "agent", "B": "customer"}, max_gap=2.0)
    assert [(t.speaker, t.text) for t in turns] == [
        ("agent", "Goedemorgen Sanne."), ("customer", "Hallo daar."), ("agent", "Momentje."),
        ("agent", "Bedankt voor het"), ("customer", "Fijn")]
    assert turns[4].start < turns[3].end  # the overlap stays visible
