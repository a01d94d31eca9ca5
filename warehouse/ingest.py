"""`meeluister ingest`: load roster, call metadata, transcripts, QA results and surveys (the file path).

Idempotent: rows have deterministic keys and are upserted (warehouse.lake), so ingesting the same
input twice adds nothing; a changed input updates what changed. Every lake row carries its source
file, that file's sha256 and its row. Rejected rows go to the `quarantine` table (and the JSONL
report beside the database) with a reason code; the summary counts them per reason.

The files are parsed here (warehouse/sources.py, surveys/) and handed to the same table loaders
the bulk path uses (warehouse/loaders.py), which redact, link, quarantine and upsert.
Order within one run: roster, metadata, transcripts, results, reasons, surveys (surveys link to contacts).
"""
from __future__ import annotations

import json
import logging
from datetime import datetime
from pathlib import Path
from typing import Any, Sequence

import pyarrow as pa

from meeluister.errors import InputError
from meeluister.progress import ProgressHook, null_hook
from meeluister.redaction import merge_counts
from warehouse.counts import TableCounts
from warehouse.db import Warehouse, connect
from warehouse.loaders import load_contacts, load_facts, load_surveys, prepare
from warehouse.publish import finish_run
from warehouse.run import IngestOptions, IngestRun, IngestSummary, Reject
from warehouse.schema import CONTACT_REASONS, RESULTS, TURNS
from warehouse.sources import (
    customer_salt,
    file_sha256,
    read_call_metadata,
    read_reasons,
    read_results,
    read_roster,
    read_transcripts,
)
from warehouse.table_ingest import ingest_tables

__all__ = ["IngestOptions", "IngestSummary", "ingest", "ingest_tables"]

logger = logging.getLogger(__name__)


def _salt(wh: Warehouse) -> str:
    return customer_salt(wh.con)


# --- roster -------------------------------------------------------------------------------------


def _ingest_roster(run: IngestRun, path: Path) -> None:
    batch = read_roster(path)
    run.clear_quarantine(batch.files)
    con = run.wh.con
    good, rejects = [], list(batch.rejects)
    existing = con.execute("SELECT agent_id, valid_from, valid_to FROM roster").fetchall()
    spans: dict[str, list[tuple[Any, Any]]] = {}
    for a, f, t in existing:
        spans.setdefault(a, []).append((f, t))
    far = datetime(9999, 12, 31).date()
    for r in batch.rows:
        own = [(f, t) for f, t in spans.get(r["agent_id"], []) if f != r["valid_from"]]
        hit = next(((f, t) for f, t in own if f <= (r["valid_to"] or far) and r["valid_from"] <= (t or far)), None)
        if hit:
            rejects.append(Reject("roster", r["source_file"], r["source_sha256"], r["source_row"], "overlap",
                                  f"{r['source_file']}: row {r['source_row']}: agent {r['agent_id']} "
                                  f"{r['valid_from']}..{r['valid_to'] or 'open'} overlaps {hit[0]}..{hit[1] or 'open'}"))
            continue
        spans.setdefault(r["agent_id"], []).append((r["valid_from"], r["valid_to"]))
        good.append(r)
    added = updated = unchanged = 0
    for r in good:
        old = con.execute("SELECT agent_name, team, valid_to FROM roster WHERE agent_id = ? AND valid_from = ?",
                          [r["agent_id"], r["valid_from"]]).fetchone()
        if old is None:
            added += 1
        elif old == (r["agent_name"], r["team"], r["valid_to"]):
            unchanged += 1
            continue
        else:
            updated += 1
        con.execute("INSERT OR REPLACE INTO roster VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [r["agent_id"], r["agent_name"], r["team"], r["valid_from"], r["valid_to"],
                     r["source_file"], r["source_sha256"], r["source_row"]])
    run.reject(rejects)
    c = TableCounts(added, updated, unchanged)
    run.rebuild_marts = run.rebuild_marts or bool(added or updated)
    run.add_counts("roster", c)
    run.log(str(path), batch.files.get(str(path)), "roster", c, len(rejects))


# --- surveys ------------------------------------------------------------------------------------


def _ingest_survey_file(run: IngestRun, path: Path, mapping: Any) -> None:
    from surveys import read_survey

    sha = file_sha256(path)
    run.clear_quarantine([str(path)])
    try:
        imp = read_survey(path, mapping=mapping, reader=run.options.survey_reader)
    except InputError as exc:
        # The whole file is refused (unreadable, or a required column not mapped): quarantined
        # with the reason; the batch goes on and the CLI exits non-zero naming it.
        run.refused.append(exc.line())
        run.reject([Reject("surveys", str(path), sha, None, "refused", exc.line())])
        run.log(str(path), sha, "surveys", TableCounts(), 1)
        return
    run.warnings.extend(imp.warnings)
    # Whole rows to `surveys`; single values (the response kept without them) to `survey_values`.
    run.reject([Reject("surveys" if r.field is None else "survey_values", str(path), sha, r.source_row,
                       r.code, r.reason, r.raw) for r in imp.rejects])
    rows, items = [], []
    for r in imp.responses:
        rows.append({
            "response_id": r.response_id, "contact_id": r.contact_id, "tool": imp.tool,
            "submitted_utc": r.submitted_utc, "submitted_local": r.submitted_local,
            "agent_ref": r.agent_ref, "survey_language": r.survey_language,
            "csat": r.csat, "csat_scale": r.csat_scale, "csat_norm": r.csat_norm, "nps": r.nps,
            "comment": r.comment, "redactions": "{}",
            "source_file": str(path), "source_sha256": sha, "source_row": r.source_row,
        })
        items.extend({"response_id": r.response_id, "item": k, "score": v, "scale": r.item_scale,
                      "source_file": str(path), "source_sha256": sha, "source_row": r.source_row}
                     for k, v in r.items.items())
    schema = pa.schema([("response_id", pa.string()), ("contact_id", pa.string()), ("tool", pa.string()),
                        ("submitted_utc", pa.timestamp("us")), ("submitted_local", pa.timestamp("us")),
                        ("agent_ref", pa.string()), ("survey_language", pa.string()), ("csat", pa.float64()),
                        ("csat_scale", pa.int32()), ("csat_norm", pa.float64()), ("nps", pa.int32()),
                        ("comment", pa.string()), ("redactions", pa.string()), ("source_file", pa.string()),
                        ("source_sha256", pa.string()), ("source_row", pa.int64())])
    table = pa.Table.from_pylist(rows, schema=schema)
    item_table = pa.Table.from_pylist(items) if items else None
    load_surveys(run, table, item_table, str(path), sha)


# --- entry points -------------------------------------------------------------------------------


def _paths(v: str | Path | Sequence[str | Path] | None) -> list[Path]:
    """One path or several, as given (None: none)."""
    if v is None:
        return []
    if isinstance(v, (str, Path)):
        return [Path(v)]
    return [Path(p) for p in v]


def ingest(
    db: str | Path,
    *,
    transcripts: str | Path | Sequence[str | Path] | None = None,
    results: str | Path | Sequence[str | Path] | None = None,
    metadata: str | Path | Sequence[str | Path] | None = None,
    reasons: str | Path | Sequence[str | Path] | None = None,
    surveys: str | Path | Sequence[str | Path] = (),
    roster: str | Path | Sequence[str | Path] | None = None,
    options: IngestOptions | None = None,
    progress: ProgressHook = null_hook,
) -> IngestSummary:
    """Every input takes one path or several (folders or files of transcripts; results, reasons,
    metadata, roster and survey files). A contact (or result, reason) in two of them is a
    duplicate: quarantined where it comes the second time."""
    options = options or IngestOptions()
    roster, metadata, transcripts, results, reasons, surveys = (
        _paths(roster), _paths(metadata), _paths(transcripts), _paths(results), _paths(reasons), _paths(surveys))
    steps = [s for s, v in (("roster", roster), ("metadata", metadata), ("transcripts", transcripts),
                            ("results", results), ("reasons", reasons), ("surveys", surveys)) if v]
    with connect(db, options.db) as wh:
        run = IngestRun(wh, options)
        run.begin()  # all or nothing: a run that dies or fails leaves the warehouse as it was
        try:
            return _ingest_files(run, steps, roster, metadata, transcripts, results, reasons, surveys,
                                 progress)
        except BaseException:
            run.abort()
            raise


def _ingest_files(run: IngestRun, steps: list[str], roster: list[Path], metadata: list[Path],
                  transcripts: list[Path], results: list[Path], reasons: list[Path], surveys: list[Path],
                  progress: ProgressHook) -> IngestSummary:
    wh, options = run.wh, run.options
    salt = _salt(wh)
    done = 0
    for path in roster:
        _ingest_roster(run, path)
    if roster:
        done += 1
        progress("roster", completed=done, total=len(steps))
    seen_contacts: dict[str, str] = {}
    for path in metadata:
        b = read_call_metadata(path, salt, seen_contacts)
        run.add_known_names(b.names)
        run.clear_quarantine(b.files)
        run.reject(b.rejects)
        load_contacts(run, pa.Table.from_pylist(b.rows), str(path), b.files.get(str(path)), len(b.rejects))
    if metadata:
        done += 1
        progress("metadata", completed=done, total=len(steps))
    seen_transcripts: dict[str, str] = {}
    for path in transcripts:
        _ingest_transcripts(run, path, salt, seen_transcripts)
    if transcripts:
        done += 1
        progress("transcripts", completed=done, total=len(steps))
    run.refresh_contact_marts()
    seen_results: dict[tuple[str, str], str] = {}
    for path in results:
        rb = read_results(path, seen_results)
        run.clear_quarantine(rb.files)
        run.reject(rb.rejects)
        if rb.rows:
            load_facts(run, RESULTS, pa.Table.from_pylist(rb.rows), str(path), rb.files.get(str(path)),
                       rejected=len(rb.rejects))
    if results:
        done += 1
        progress("results", completed=done, total=len(steps))
    seen_reasons: dict[tuple[str, str], str] = {}
    ranks: dict[str, int] = {}
    for path in reasons:
        # contact reasons (signals): evidence redacted, unknown contacts quarantined by the loader
        rr = read_reasons(path, seen_reasons, ranks)
        run.clear_quarantine(rr.files)
        run.reject(rr.rejects)
        if rr.rows:
            load_facts(run, CONTACT_REASONS, pa.Table.from_pylist(rr.rows), str(path),
                       rr.files.get(str(path)), rejected=len(rr.rejects))
    if reasons:
        done += 1
        progress("reasons", completed=done, total=len(steps))
    if surveys:
        from surveys import load_mapping

        mapping = load_mapping(options.survey_mapping)
        for p in surveys:
            _ingest_survey_file(run, p, mapping)
        done += 1
        progress("surveys", completed=done, total=len(steps))
    run.refresh_fact_marts()
    return finish_run(run)


def _ingest_transcripts(run: IngestRun, folder: Path, salt: str, seen: dict[str, str]) -> None:
    """Contacts (t_* family) and turns of every transcript under `folder`. The turns are redacted
    first, so each contact's `t_redactions` holds what was redacted from its turns."""
    cb, tb = read_transcripts(folder, salt, seen)
    run.add_known_names(cb.names)
    run.clear_quarantine(cb.files)
    run.reject(cb.rejects)
    turns = pa.Table.from_pylist(tb.rows) if tb.rows else None
    prepared = prepare(run, TURNS, turns) if turns is not None else None
    if prepared is not None and prepared.by_row:
        per_contact: dict[str, dict[str, int]] = {}
        ids = turns["contact_id"].to_pylist()
        for i, n in prepared.by_row.items():
            per_contact[ids[i]] = merge_counts(per_contact.get(ids[i], {}), n)
        for row in cb.rows:
            row["t_redactions"] = json.dumps(per_contact.get(row["contact_id"], {}), sort_keys=True)
    load_contacts(run, pa.Table.from_pylist(cb.rows), str(folder), None, len(cb.rejects))
    if prepared is not None:
        load_facts(run, TURNS, prepared, str(folder), None)


