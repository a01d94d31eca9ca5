"""Ingest inputs written the way their producers write them.

* transcripts: the 36 labelled dev conversations (real `meeluister.transcript/1` files), plus one
  chat transcript carrying PII (BSN, IBAN, phone, e-mail, postcode) and one malformed file;
* call metadata: a `;`-separated cp1252 CSV (Dutch Excel) with wait/handle times, a caller id, and
  two abandoned calls without a transcript;
* QA results: JSONL lines of `CriterionResult.to_dict()` built from the dev labels, one 'overall'
  line per contact, plus a malformed line and a result for an unknown contact;
* roster: agent a-03 moves from team "KCC Noord" to "KCC Zuid" on 2026-11-20;
* surveys: a Qualtrics CSV (contact ids) and a Dutch cp1252 CSV without contact ids (agent + time).
"""
from __future__ import annotations

import csv
import fcntl
import hashlib
import io
import json
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import statsmodels.api  # noqa: F401  (see below)

from meeluister.records import CriterionResult, Evidence
from synth.surveys import FakeResponse, write_dutch_csv, write_qualtrics_csv

# statsmodels is imported here once: mutation testing forks one test run per mutant from the
# collecting process, and the drivers' lazy import would otherwise be paid in every fork.

# The labelled dev set lives beside the repository (../shared/eval/dev; MEELUISTER_EVAL_DEV
# overrides; a copy of the repository inside it, such as mutmut's mutants/, finds it further up).
# Tests that need it skip cleanly where it is absent (a checkout with only the repo).
def _find_dev() -> Path:
    if os.environ.get("MEELUISTER_EVAL_DEV"):
        return Path(os.environ["MEELUISTER_EVAL_DEV"])
    repo = Path(__file__).resolve().parents[2]
    for up in repo.parents:
        if (up / "shared" / "eval" / "dev").is_dir():
            return up / "shared" / "eval" / "dev"
    return repo.parent / "shared" / "eval" / "dev"


DEV = _find_dev()
CRITERIA = ("own_name_greeting", "nivea", "clarifying_questions", "hold_etiquette", "next_steps",
            "room_for_emotion", "diminutives")

PII_TRANSCRIPT = {
    "schema": "meeluister.transcript/1", "contact_id": "pii-001", "channel": "chat", "language": "nl",
    "organisation": "Gemeente Breda", "agent_id": "a-03", "agent_name": "Sanne de Vries",
    "started_at": "2026-11-21T10:00:00+01:00", "duration_s": 300.0, "customer_id": "0612345678",
    "turns": [
        {"speaker": "agent", "start": 0.0, "end": 5.0, "text": "Goedemorgen, u spreekt met Sanne van de gemeente Breda."},
        {"speaker": "customer", "start": 6.0, "end": 20.0,
         "text": "Mijn BSN is 111222333, mijn rekening NL91ABNA0417164300 en mijn postcode 4811 AB."},
        {"speaker": "customer", "start": 21.0, "end": 30.0,
         "text": "Bel me op nul zes een twee drie vier vijf zes zeven acht of mail piet@example.nl."},
    ],
}


@dataclass(frozen=True)
class Inputs:
    root: Path
    transcripts: Path
    metadata: Path
    results: Path
    roster: Path
    surveys_qualtrics: Path
    surveys_dutch: Path
    contacts: dict[str, dict]


def _labels() -> dict[str, dict]:
    out = {}
    for line in (DEV / "labels.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            out[d["contact_id"]] = d
    return out


def write_results(path: Path, contacts: dict[str, dict], extra_lines: list[str] = ()) -> Path:
    labels = _labels()
    lines = []
    for cid in sorted(contacts):
        lab = labels.get(cid, {})
        outcomes = []
        for crit in CRITERIA:
            v = lab.get(crit, "n/a")
            if crit == "diminutives":
                found = v if isinstance(v, list) else []
                outcome = "fail" if found else "pass"
                ev = tuple(Evidence(turn=0, start=None, end=None, quote=f"... {w} ...", term=w) for w in found)
                r = CriterionResult(cid, crit, outcome, 1.0 if not found else 0.0, len(found), ev,
                                    scorecard="default@1")
            else:
                outcome = v if v in ("pass", "fail", "n/a") else "n/a"
                r = CriterionResult(cid, crit, outcome, {"pass": 1.0, "fail": 0.0}.get(outcome), None,
                                    reason=f"{crit}: {outcome}", scorecard="default@1")
            outcomes.append(outcome)
            lines.append(json.dumps(r.to_dict(), ensure_ascii=False))
        applicable = [o for o in outcomes if o != "n/a"]
        score = sum(o == "pass" for o in applicable) / len(applicable) if applicable else None
        lines.append(json.dumps(CriterionResult(cid, "overall", "pass" if (score or 0) >= .7 else "fail", score,
                                                scorecard="default@1").to_dict()))
    lines.extend(extra_lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def build_inputs(root: Path) -> Inputs:
    tdir = root / "transcripts"
    tdir.mkdir(parents=True)
    contacts: dict[str, dict] = {}
    for f in sorted(DEV.glob("*.json")):
        shutil.copy(f, tdir / f.name)
        d = json.loads(f.read_text(encoding="utf-8"))
        contacts[d["contact_id"]] = d
    (tdir / "pii-001.json").write_text(json.dumps(PII_TRANSCRIPT, ensure_ascii=False), encoding="utf-8")
    contacts["pii-001"] = PII_TRANSCRIPT
    (tdir / "broken.json").write_text('{"schema": "meeluister.transcript/1", "contact_id": "x", "turns": [', encoding="utf-8")

    # Call metadata, as a Dutch Excel saves it: cp1252, ';', decimal commas.
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow(["contact_id", "agent_id", "agent_name", "team", "channel", "language", "started_at",
                "queue", "wait_s", "handle_s", "abandoned", "customer_id"])
    for i, (cid, d) in enumerate(sorted(contacts.items())):
        w.writerow([cid, d["agent_id"], d["agent_name"], "", d["channel"], d["language"], d["started_at"],
                    "algemeen", f"{10 + i % 7 * 9},5", str(d.get("duration_s") or 600).replace(".", ","),
                    "false", f"+31 6 {10000000 + i // 2}"])  # pairs of contacts share a caller
    w.writerow(["abandoned-001", "", "", "", "phone", "nl", "2026-11-16T09:30:00+01:00", "algemeen", "95", "", "true", ""])
    w.writerow(["abandoned-002", "", "", "", "phone", "en", "2026-11-17T09:30:00+01:00", "algemeen", "120", "", "ja", ""])
    w.writerow(["bad-001", "", "", "", "phone", "nl", "gisteren", "algemeen", "1", "", "false", ""])
    meta = root / "metadata.csv"
    meta.write_bytes(buf.getvalue().encode("cp1252", errors="replace"))

    results = write_results(root / "results.jsonl", contacts, [
        '{"contact_id": "dev-nl-001", "criterion": "tone", "outcome": "maybe"}',
        '{this is not json',
        json.dumps(CriterionResult("ghost-999", "nivea", "pass", 1.0).to_dict()),
    ])

    roster = root / "roster.csv"
    rows = [["agent_id", "agent_name", "team", "valid_from", "valid_to"]]
    for cid, d in sorted(contacts.items()):
        if d["agent_id"] != "a-03" and d["agent_id"] not in {r[0] for r in rows}:
            rows.append([d["agent_id"], d["agent_name"], "KCC " + ("Noord" if int(d["agent_id"][2:]) < 25 else "Zuid"),
                         "2026-01-01", ""])
    rows += [["a-03", "Sanne de Vries", "KCC Noord", "2026-01-01", "2026-11-19"],
             ["a-03", "Sanne de Vries", "KCC Zuid", "2026-11-20", ""],
             ["a-03", "Sanne de Vries", "KCC West", "2026-11-01", "2026-11-30"],  # overlaps: rejected
             ["a-99", "Nobody", "KCC Noord", "2026-12-01", "2026-11-01"]]  # ends before it starts
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    roster.write_text(buf.getvalue(), encoding="utf-8")

    def start(cid: str) -> datetime:
        return datetime.fromisoformat(contacts[cid]["started_at"]).replace(tzinfo=None)

    ids = sorted(c for c in contacts if c.startswith("dev-"))
    q_rows = []
    for i, cid in enumerate(ids[:24]):
        csat = (9, 8, 10, 6, 7, 9, 4, 8)[i % 8]
        nps = (10, 8, 9, 5, 7, 10, 2, 9)[i % 8]
        q_rows.append(FakeResponse(cid, None, start(cid) + timedelta(hours=2), csat, nps,
                                   "Heel vriendelijk geholpen" if csat >= 8 else "Duurde lang, bel 020-5551234",
                                   {"deskundigheid": 4 + (csat > 7), "snelheid": 3 + (csat > 8)},
                                   response_id=f"R_{i:04d}"))
    q_rows.append(FakeResponse(ids[0], None, start(ids[0]) + timedelta(hours=3), 7, 7, "nog een keer", {}, "R_9000"))
    q_rows.append(FakeResponse("ghost-999", None, datetime(2026, 11, 20, 12), 8, 9, "", {}, "R_9001"))
    # rows whose only score is bad (a bad value beside a good score drops only that value)
    q_rows.append(FakeResponse(ids[1], None, datetime(2026, 11, 20, 12), 12, None, "", {}, "R_9002"))
    q_rows.append(FakeResponse(ids[2], None, datetime(2026, 11, 20, 12), None, 11, "", {}, "R_9003"))
    q_rows.append(FakeResponse(ids[3], None, datetime(2026, 11, 20, 12), "goed", None, "", {}, "R_9004"))
    q_rows.append(FakeResponse(ids[4], None, datetime(2026, 11, 20, 12), 8, 9, "", {}, "R_0004"))  # duplicate id
    qualtrics = write_qualtrics_csv(root / "qualtrics.csv", q_rows, csat_scale=10)

    d_rows = []
    for cid in ids[24:32]:
        d = contacts[cid]
        ended = start(cid) + timedelta(seconds=(d.get("duration_s") or 600))
        d_rows.append(FakeResponse(None, d["agent_name"] if cid.endswith(("5", "7")) else d["agent_id"],
                                   ended + timedelta(hours=5), 8.5, 9, "Prima", {}))
    d_rows.append(FakeResponse(None, "a-03", datetime(2026, 10, 1, 12), 7.0, 7, "lang geleden"))  # no contact in window
    dutch = write_dutch_csv(root / "enquete.csv", d_rows, encoding="cp1252", with_items=False)
    return Inputs(root, tdir, meta, results, roster, qualtrics, dutch, contacts)


def _need_dev() -> None:
    if not (DEV / "labels.jsonl").exists():
        pytest.skip(f"needs the dev set at {DEV} (../shared/eval/dev beside the repository)")


@pytest.fixture()
def inputs(tmp_path: Path) -> Inputs:
    _need_dev()
    return build_inputs(tmp_path / "in")


@pytest.fixture(scope="module")
def module_inputs(tmp_path_factory: pytest.TempPathFactory) -> Inputs:
    """The same inputs, built once per test module (for read-only tests)."""
    _need_dev()
    return build_inputs(tmp_path_factory.mktemp("inputs") / "in")


# The query layer's modules: their code does not shape what an ingest writes, so a warehouse
# built by the code below them can be reused while only they change (mutation testing runs the
# query tests once per mutant; an ingest per run would be most of the time).
_QUERY_LAYER = ("warehouse.query", "warehouse.metrics", "warehouse.results_sql", "warehouse.rows",
                "warehouse.analytics", "warehouse.drivers", "warehouse.stats", "warehouse.cli")


def _build_key(surveys: tuple[str, ...]) -> str:
    root = Path(__file__).resolve().parents[2]
    h = hashlib.sha256(repr(surveys).encode())
    for pkg in ("warehouse", "surveys", "meeluister"):
        for f in sorted((root / pkg).rglob("*")):
            mod = ".".join(f.relative_to(root).with_suffix("").parts)
            if f.suffix in (".py", ".sql", ".toml") and mod not in _QUERY_LAYER:
                h.update(str(f.relative_to(root)).encode() + f.read_bytes())
    h.update(__file__.encode() + Path(__file__).read_bytes())
    h.update((DEV / "labels.jsonl").read_bytes())
    active = os.environ.get("MUTANT_UNDER_TEST", "")  # mutmut: the mutant a run switches on
    if active and not active.startswith(_QUERY_LAYER):
        h.update(active.encode())
    return h.hexdigest()[:20]


def loaded_warehouse(dest: Path, surveys: tuple[str, ...] = ("qualtrics", "dutch")) -> Path:
    """The fixture inputs ingested by `warehouse.ingest` (with the named survey exports) into
    `dest/wh.duckdb`: built once per version of the ingest code in the temp folder, then copied
    (a test may change its copy). Returns the `.duckdb` path."""
    from warehouse.db import lake_dir_for
    from warehouse.ingest import ingest

    _need_dev()
    cache = Path(tempfile.gettempdir()) / "meeluister-test-warehouses" / _build_key(surveys)
    cache.parent.mkdir(parents=True, exist_ok=True)
    with open(str(cache) + ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (cache / "done").exists():
            shutil.rmtree(cache, ignore_errors=True)
            inputs = build_inputs(cache / "in")
            level = logging.root.manager.disable
            logging.disable(logging.ERROR)
            try:
                ingest(cache / "wh.duckdb", transcripts=inputs.transcripts, results=inputs.results,
                       metadata=inputs.metadata, roster=inputs.roster,
                       surveys=[{"qualtrics": inputs.surveys_qualtrics, "dutch": inputs.surveys_dutch}[s]
                                for s in surveys])
            finally:
                logging.disable(level)
            (cache / "done").write_text("ok")
    dest.mkdir(parents=True, exist_ok=True)
    db = dest / "wh.duckdb"
    shutil.copy2(cache / "wh.duckdb", db)
    shutil.copytree(lake_dir_for(cache / "wh.duckdb"), lake_dir_for(db), ignore=shutil.ignore_patterns(".snapshots"))
    from warehouse.db import connect
    from warehouse.publish import publish

    with connect(db) as wh:  # the copy's own snapshot, over the copy's lake (open_snapshot reads it)
        publish(wh)
    return db


@pytest.fixture(scope="module")
def loaded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the fixture warehouse (both survey exports) for this test module."""
    return loaded_warehouse(tmp_path_factory.mktemp("wh"))


@pytest.fixture(scope="module")
def loaded_db_qualtrics(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the fixture warehouse with only the Qualtrics export (contact ids, no window)."""
    return loaded_warehouse(tmp_path_factory.mktemp("whq"), ("qualtrics",))


@pytest.fixture()
def qualtrics_db(tmp_path: Path) -> Path:
    """A fresh copy of the Qualtrics-only fixture warehouse (a test may change it)."""
    return loaded_warehouse(tmp_path / "whf", ("qualtrics",))
