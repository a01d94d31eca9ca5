from __future__ import annotations

import json
from pathlib import Path

import pytest

from meeluister import InputError, Quarantine, load_transcript, transcript_to_dict
from meeluister.records import CriterionResult, Evidence, dump_transcript, transcript_from_dict

SHARED_DEV = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "dev"


def _doc(**over):
    doc = {
        "schema": "meeluister.transcript/1",
        "contact_id": "c-1",
        "channel": "phone",
        "language": "nl",
        "turns": [
            {"speaker": "agent", "start": 0.0, "end": 1.5, "text": "Goedemorgen",
             "words": [{"w": "Goedemorgen", "start": 0.0, "end": 1.5, "p": 0.9}]},
            {"speaker": "customer", "start": 2.0, "end": 3.0, "text": "Hallo"},
        ],
    }
    doc.update(over)
    return doc


def test_round_trip_keeps_everything(tmp_path):
    doc = _doc(team="t-1", recogniser={"engine": "faster-whisper"})
    t = transcript_from_dict(doc)
    assert t.turns[0].words[0].p == 0.9
    assert t.extra == {"recogniser": {"engine": "faster-whisper"}}
    path = dump_transcript(t, tmp_path / "c-1.json")
    back = load_transcript(path)
    assert back == t
    assert transcript_to_dict(back)["recogniser"] == {"engine": "faster-whisper"}


def test_bad_speaker_names_file_and_field(tmp_path):
    doc = _doc()
    doc["turns"][1]["speaker"] = "caller"
    p = tmp_path / "bad.json"
    p.write_text(json.dumps(doc))
    with pytest.raises(InputError) as ei:
        load_transcript(p)
    msg = str(ei.value)
    assert "bad.json" in msg and "turns[1].speaker" in msg
    assert "\n" not in msg


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda d: d.pop("schema"), "schema"),
        (lambda d: d.update(schema="other/2"), "schema"),
        (lambda d: d.update(channel="fax"), "channel"),
        (lambda d: d.pop("contact_id"), "contact_id"),
        (lambda d: d["turns"][0].update(start=5.0, end=1.0), "turns[0]"),
    ],
)
def test_schema_errors_name_the_field(mutate, field):
    doc = _doc()
    mutate(doc)
    with pytest.raises(InputError) as ei:
        transcript_from_dict(doc, source="x.json")
    assert str(ei.value).startswith(f"x.json: {field}")


def test_not_json(tmp_path):
    p = tmp_path / "broken.json"
    p.write_text("{not json")
    with pytest.raises(InputError, match="broken.json: not valid JSON"):
        load_transcript(p)


def test_email_turns_have_no_timing():
    doc = _doc(channel="email")
    for t in doc["turns"]:
        t["start"] = t["end"] = None
    t = transcript_from_dict(doc)
    assert not t.has_timing


@pytest.mark.skipif(not SHARED_DEV.exists(), reason="shared/eval/dev not present")
def test_every_dev_transcript_validates():
    files = sorted(SHARED_DEV.glob("dev-*.json"))
    assert len(files) == 36
    for f in files:
        assert load_transcript(f).contact_id == f.stem


def test_criterion_result_round_trip():
    r = CriterionResult("c-1", "diminutives", "fail", score=0.0, count=1,
                        evidence=(Evidence(3, 1.0, 2.0, "Momentje.", "Momentje"),),
                        reason="1 diminutive", measures={"n": 1.0})
    assert CriterionResult.from_dict(json.loads(json.dumps(r.to_dict()))) == r


def test_quarantine_rerun_replaces_own_stage(tmp_path):
    path = tmp_path / "quarantine.jsonl"
    q = Quarantine(path, "transcribe")
    q.add(InputError("a.wav", "empty file"))
    Quarantine(path, "score").add(InputError("b.json", "bad"))
    q2 = Quarantine(path, "transcribe")  # a re-run of the transcribe stage
    q2.add(InputError("a.wav", "empty file"))
    lines = [json.loads(x) for x in path.read_text().splitlines()]
    assert sorted((x["stage"], x["source"]) for x in lines) == [("score", "b.json"), ("transcribe", "a.wav")]


def test_input_error_survives_pickling():
    import pickle

    err = pickle.loads(pickle.dumps(InputError("a.wav", "empty file", where="channel 1")))
    assert isinstance(err, InputError)
    assert (err.source, err.cause, err.where) == ("a.wav", "empty file", "channel 1")
    assert str(err) == "a.wav: channel 1: empty file"
