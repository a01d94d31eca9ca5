"""Batch: transcripts + VTT + RTTM per call, metadata, quarantine, resume without duplicates."""
from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from meeluister.records import load_transcript
from transcription.batch import transcribe_batch
from transcription.options import TranscribeOptions
from synth.calls import make_bad_files

pytestmark = pytest.mark.slow


def test_batch_quarantines_bad_files_and_resumes(short_call, tmp_path) -> None:  # type: ignore[no-untyped-def]
    rec = tmp_path / "in"
    rec.mkdir()
    good = rec / "call-20261116-091403.wav"
    shutil.copyfile(short_call.stereo, good)
    bad = make_bad_files(rec)
    meta = tmp_path / "meta.csv"
    with meta.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(["file", "contact_id", "agent_id", "agent_name", "language", "organisation"])
        w.writerow([good.name, "c-77", "a-01", "Emma Clarke", "en", "City of Leeds"])
    out = tmp_path / "out"
    steps: list[tuple[int, int | None]] = []
    files = [good, *bad.values()]
    res = transcribe_batch(files, out, TranscribeOptions(), metadata=meta,
                           hook=lambda s, completed, total=None: steps.append((completed, total)))
    assert [p.name for p in res.done] == ["c-77.json"]
    assert len(res.failed) == 4 and not res.all_failed
    assert steps[-1] == (5, 5)
    q = [json.loads(line) for line in (out / "quarantine.jsonl").read_text().splitlines()]
    assert {e["source"] for e in q} == {str(p) for p in bad.values()}
    t = load_transcript(out / "c-77.json")
    assert (t.agent_id, t.agent_name, t.language, t.organisation) == ("a-01", "Emma Clarke", "en", "City of Leeds")
    assert t.extra["recognition"]["source"]["size"] == good.stat().st_size
    assert (out / "c-77.vtt").read_text().count("<v agent>") >= 1
    assert (out / "c-77.rttm").read_text().startswith("SPEAKER c-77 1 ")
    mtime = (out / "c-77.json").stat().st_mtime_ns

    # re-run: the finished call is skipped, nothing is duplicated, quarantine is not doubled
    res2 = transcribe_batch(files, out, TranscribeOptions(), metadata=meta)
    assert not res2.done and [p.name for p in res2.skipped] == ["c-77.json"]
    assert (out / "c-77.json").stat().st_mtime_ns == mtime
    assert len((out / "quarantine.jsonl").read_text().splitlines()) == 4
    assert sorted(p.name for p in out.iterdir()) == ["c-77.json", "c-77.rttm", "c-77.vtt", "quarantine.jsonl"]

    # an interrupted write (no .json yet) or a changed recording is redone
    (out / "c-77.json").unlink()
    assert [p.name for p in transcribe_batch([good], out, TranscribeOptions(), metadata=meta).done] == ["c-77.json"]


def test_all_failed_and_defaults_from_file_name(tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = make_bad_files(tmp_path / "in")
    res = transcribe_batch(list(bad.values()), tmp_path / "out")
    assert res.all_failed and not res.done


def test_recording_is_found_from_the_transcript_when_paths_are_relative(short_call, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Relative paths on the command line are relative to the working directory; the transcript
    stores the recording relative to itself, so QA (run from anywhere) measures tone from it."""
    from qa.batch import score_files

    (tmp_path / "work" / "recordings").mkdir(parents=True)
    shutil.copyfile(short_call.stereo, tmp_path / "work" / "recordings" / "c-5.wav")
    monkeypatch.chdir(tmp_path / "work")
    res = transcribe_batch([Path("recordings/c-5.wav")], Path("out/transcripts"), TranscribeOptions(language="en"))
    t = load_transcript(res.done[0])
    assert t.audio == "../../recordings/c-5.wav"
    monkeypatch.chdir(tmp_path)
    scored = tmp_path / "results.jsonl"
    score_files([tmp_path / "work" / "out" / "transcripts"], scored)
    tone = next(r for r in map(json.loads, scored.read_text().splitlines()) if r["criterion"] == "tone")
    assert tone["reason"].endswith("(audio and words)") and tone["measures"], tone
