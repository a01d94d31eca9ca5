"""Property tests (hypothesis) of the transcript schema at every edge that reads it: the reader
(`meeluister.records.load_transcript`), `meeluister score` and `meeluister ingest` (through the
real CLI). Generated files: valid documents, then missing fields, wrong types, extra fields,
wrong schema versions, odd times, empty and huge turns, odd encodings (BOM, UTF-16, cp1252),
non-UTF-8 and random bytes, truncated JSON, JSON that is not an object.

Every input either loads (with every turn) or is quarantined with one line naming the file;
nothing crashes; nothing is dropped without a word: inputs == loaded + quarantined, and the
turns loaded are the turns written.
"""
from __future__ import annotations

import json
import logging
import math
import tempfile
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from meeluister.cli import app
from meeluister.errors import InputError
from meeluister.records import load_transcript

SPEAKERS = ("agent", "customer", "other")
CHANNELS = ("phone", "chat", "email", "whatsapp", "social", "webform")
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
ODD = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True),
                st.text(max_size=8), st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))
FIELDS = ("schema", "contact_id", "channel", "language", "organisation", "agent_id", "agent_name", "started_at",
          "duration_s", "team", "queue", "audio", "turns")
TURN_FIELDS = ("speaker", "start", "end", "text", "words")


@st.composite
def valid_doc(draw, cid: str) -> dict:
    n = draw(st.integers(0, 6))
    t, turns = 0.0, []
    for _ in range(n):
        length = draw(st.floats(0, 30, allow_nan=False))
        turn = {"speaker": draw(st.sampled_from(SPEAKERS)), "start": round(t, 3), "end": round(t + length, 3),
                "text": draw(TEXT)}
        if draw(st.booleans()):
            turn["words"] = [{"w": w, "start": round(t, 3), "end": round(t + 0.1, 3), "p": 0.9} for w in turn["text"].split()[:5]]
        turns.append(turn)
        t += length + 0.5
    return {"schema": "meeluister.transcript/1", "contact_id": cid, "channel": draw(st.sampled_from(CHANNELS)),
            "language": draw(st.sampled_from(("nl", "en", "fr", "es"))), "organisation": draw(st.none() | TEXT),
            "agent_id": draw(st.none() | st.sampled_from(("a-01", "a-02"))), "agent_name": draw(st.none() | TEXT),
            "started_at": draw(st.none() | st.sampled_from(("2026-11-16T09:14:03+01:00", "2026-11-16T09:14:03Z",
                                                              "2026-11-16T09:14:03"))),
            "duration_s": round(t, 3), "turns": turns}


@st.composite
def mutated(draw, doc: dict) -> tuple[dict | list | str | int, str]:
    """The document with zero or more things wrong, and what was done (for the message)."""
    kinds = draw(st.lists(st.sampled_from((
        "drop", "wrong_type", "extra", "schema", "turn_drop", "turn_wrong", "times", "started_at", "duration",
        "empty_turns", "huge_turn", "many_turns", "not_object", "language", "speaker")), max_size=3))
    done = []
    for k in kinds:
        turns = doc.get("turns") if isinstance(doc.get("turns"), list) else []
        if k == "drop":
            f = draw(st.sampled_from(FIELDS))
            doc.pop(f, None)
        elif k == "wrong_type":
            f = draw(st.sampled_from(FIELDS))
            doc[f] = draw(ODD)
        elif k == "extra":
            doc[draw(st.text(min_size=1, max_size=12))] = draw(ODD)
        elif k == "schema":
            doc["schema"] = draw(st.sampled_from(("meeluister.transcript/2", "", "MEELUISTER.TRANSCRIPT/1",
                                                  "meeluister.transcript/1 ", 1, None)))
        elif k == "turn_drop" and turns:
            draw(st.sampled_from(turns)).pop(draw(st.sampled_from(TURN_FIELDS)), None)
        elif k == "turn_wrong" and turns:
            draw(st.sampled_from(turns))[draw(st.sampled_from(TURN_FIELDS))] = draw(ODD)
        elif k == "times" and turns:
            turn = draw(st.sampled_from(turns))
            turn["start"], turn["end"] = draw(st.sampled_from(
                ((math.nan, 1.0), (0.0, math.inf), (-5.0, 1.0), (3.0, 1.0), ("1.5", "2.5"), (None, None), (1e308, 1e308))))
        elif k == "started_at":
            doc["started_at"] = draw(st.sampled_from(("gisteren", "2026-13-40T25:00:00", "", "16-11-2026 09:14",
                                                      "2026-11-16", "2026-11-16T09:14:03+25:00")))
        elif k == "duration":
            doc["duration_s"] = draw(st.sampled_from((math.nan, -1.0, math.inf, "12", 0)))
        elif k == "empty_turns":
            doc["turns"] = []
        elif k == "huge_turn":
            doc["turns"] = turns + [{"speaker": "customer", "start": None, "end": None, "text": "woord " * 30000}]
        elif k == "many_turns":
            doc["turns"] = [{"speaker": SPEAKERS[i % 2], "start": float(i), "end": i + 0.5, "text": f"zin {i}"}
                            for i in range(1500)]
        elif k == "not_object":
            done.append(k)
            return draw(st.sampled_from(([doc], "transcript", 42, None))), "+".join(done)
        elif k == "language":
            doc["language"] = draw(st.sampled_from(("xx", "dutch", "", "NL", "de")))
        elif k == "speaker" and turns:
            draw(st.sampled_from(turns))["speaker"] = draw(st.sampled_from(("Agent", "klant", "", "robot")))
        done.append(k)
    return doc, "+".join(done)


def _as_utf8(raw: bytes) -> object:
    """What a reader must make of cp1252 bytes: JSON must be UTF-8, so bytes that happen to be valid
    UTF-8 (ASCII, or cp1252 pairs such as "Ã©") are read as UTF-8; any other is refused."""
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None


@st.composite
def transcript_file(draw, cid: str) -> tuple[bytes, object, str]:
    """(the file's bytes, the JSON value written or None, what was done)."""
    value, what = draw(mutated(draw(valid_doc(cid))))
    enc = draw(st.sampled_from(("utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16", "cp1252", "random", "truncated", "empty")))
    text = json.dumps(value, ensure_ascii=False, indent=draw(st.sampled_from((None, 1))))
    if enc == "random":
        return draw(st.binary(max_size=200)), None, what + "/random bytes"
    if enc == "empty":
        return b"", None, what + "/empty file"
    if enc == "truncated":
        raw = text.encode("utf-8")
        return raw[: draw(st.integers(0, max(0, len(raw) - 1)))], None, what + "/truncated"
    if enc == "cp1252":
        raw = text.encode("cp1252", errors="replace")
        return raw, _as_utf8(raw), what + "/cp1252"
    return text.encode(enc), value, what + "/" + enc


def _check_line(line: str, path: Path) -> None:
    assert "\n" not in line and line.startswith(str(path) + ":"), line


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(transcript_file("c-1"))
def test_the_reader_loads_every_turn_or_says_in_one_line_why_not(f):
    raw, value, what = f
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "c-1.json"
        path.write_bytes(raw)
        try:
            t = load_transcript(path)
        except InputError as exc:
            _check_line(exc.line(), path)
            assert what.split("/")[0] or value is None or what.split("/")[1] not in ("utf-8", "utf-8-sig", "utf-16"), \
                f"a valid document was refused: {exc.line()}"
            return
        assert isinstance(value, dict), f"{what}: loaded something that is not a JSON object"
        assert len(t.turns) == len(value["turns"])
        assert [x.text for x in t.turns] == [x["text"] for x in value["turns"]]
        for turn in t.turns:
            for v in (turn.start, turn.end):
                assert v is None or (math.isfinite(v) and v >= 0)


def _write_batch(folder: Path, files: list[tuple[bytes, object, str]]) -> list[Path]:
    paths = []
    for i, (raw, _, _) in enumerate(files):
        p = folder / f"c-{i}.json"
        p.write_bytes(raw)
        paths.append(p)
    return paths


BATCH = st.integers(1, 5).flatmap(lambda n: st.tuples(*(transcript_file(f"c-{i}") for i in range(n))))


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(BATCH)
def test_score_scores_or_quarantines_every_file(files):
    logging.disable(logging.ERROR)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "tx"
            folder.mkdir()
            paths = _write_batch(folder, list(files))
            out = Path(tmp) / "results.jsonl"
            res = CliRunner().invoke(app, ["score", str(folder), "--out", str(out), "--no-audio"])
            assert res.exit_code == 0, (res.output, res.exception)
            scored = {json.loads(line)["contact_id"] for line in out.read_text(encoding="utf-8").splitlines()}
            q = [json.loads(line) for line in (Path(tmp) / "quarantine.jsonl").read_text().splitlines()] \
                if (Path(tmp) / "quarantine.jsonl").exists() else []
            quarantined = {e["source"] for e in q}
            loaded = set()
            for p in paths:
                try:
                    loaded.add(load_transcript(p).contact_id)
                except InputError:
                    assert str(p) in quarantined
            assert loaded == scored  # every loaded file scored, nothing else
            assert len(loaded) + len(quarantined) == len(paths)
            for e in q:
                _check_line(f"{e['source']}: {e['cause']}", Path(e["source"]))
    finally:
        logging.disable(logging.NOTSET)


@pytest.mark.slow
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(BATCH)
def test_ingest_loads_or_quarantines_every_file_and_every_turn(files):
    logging.disable(logging.ERROR)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "tx"
            folder.mkdir()
            paths = _write_batch(folder, list(files))
            db = Path(tmp) / "wh.duckdb"
            res = CliRunner().invoke(app, ["ingest", "--db", str(db), "--transcripts", str(folder)])
            assert res.exit_code == 0, (res.output, res.exception)
            with duckdb.connect(str(db), read_only=True) as con:
                contacts = dict(con.execute("SELECT t_source_file, t_n_turns FROM raw_contacts").fetchall())
                turns = dict(con.execute("SELECT source_file, count(*) FROM raw_turns GROUP BY 1").fetchall())
                rejected = con.execute("SELECT source_file, reason FROM quarantine WHERE tbl = 'contacts'").fetchall()
            assert len(contacts) + len(rejected) == len(paths)
            assert set(contacts) | {r[0] for r in rejected} == {str(p) for p in paths}
            for f, reason in rejected:
                _check_line(reason, Path(f))
            for f, n in contacts.items():
                assert turns.get(f, 0) == n == len(load_transcript(f).turns)  # every turn, once
    finally:
        logging.disable(logging.NOTSET)
