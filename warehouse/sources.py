"""Read the ingest inputs into lake batches: call metadata, transcripts, QA results, roster.

Each reader returns a `SourceBatch`: rows shaped like a lake table (key + the columns this source
owns, with provenance: file, sha256, row) and `Reject`s for rows that cannot go in, each with a
reason code and a one-line reason. Nothing is dropped without a reject. The readers do not
redact: the table loaders do, for every path (warehouse/loaders.py, warehouse/pii.py).
"""
from __future__ import annotations

import csv
import hashlib
import hmac
import io
import json
import logging
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Iterable

from meeluister.errors import InputError
from meeluister.io import csv_dict_reader, file_sha256, read_csv_rows, read_text_any, to_utc_local
from meeluister.metadata import CallMetadata, read_metadata
from meeluister.records import OUTCOMES, ContactReason, CriterionResult, load_transcript
from meeluister.redaction import answered_names, known_names_from
from warehouse.audio import resolve_audio, silence_json, transcript_silence
from warehouse.checks import CHECKS_FILE, accepted_values
from warehouse.run import Reject

logger = logging.getLogger(__name__)

CUSTOMER_ID_COLUMNS = ("customer_id", "caller_id", "ani", "klant_id", "klantnummer")
# The customer's name in a metadata CSV (first present column): only used to redact it.
CUSTOMER_NAME_COLUMNS = ("customer_name", "klantnaam", "caller_name", "client_name", "naam_klant")


@dataclass
class SourceBatch:
    table: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)  # path -> sha256
    # contact_id -> customer names the source carries (redacted in that contact's text, not stored)
    names: dict[str, tuple[str, ...]] = field(default_factory=dict)


def customer_salt(con: Any) -> str:
    """The warehouse's secret for customer keys (settings table), made on first use."""
    rows = con.execute("SELECT value FROM settings WHERE key = 'customer_key_salt'").fetchall()
    if rows:
        return rows[0][0]
    salt = secrets.token_hex(16)
    con.execute("INSERT INTO settings VALUES ('customer_key_salt', ?)", [salt])
    return salt


def customer_key(raw: str | None, salt: str) -> str | None:
    """Keyed hash of a caller id: repeat contacts can be found, the number cannot be read back."""
    if raw is None or not str(raw).strip():
        return None
    norm = "".join(ch for ch in str(raw).lower() if ch.isalnum())
    return hmac.new(salt.encode(), norm.encode(), hashlib.sha256).hexdigest()[:32]


# --- call metadata ----------------------------------------------------------------------------


def _metadata_rows(path: Path) -> tuple[list[tuple[int, CallMetadata]], list[tuple[int, InputError]]]:
    """Parse with the shared reader; if it rejects the file, retry row by row so that one bad
    row is quarantined and the other rows still go in."""
    try:
        return [(i + 2, r) for i, r in enumerate(read_metadata(path))], []
    except InputError as first:
        if first.where in (None, "header"):
            raise
    lines = read_csv_rows(path)
    header, good, bad = lines[0], [], []
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        one = Path(tmp) / path.name
        for i, line in enumerate(lines[1:], start=2):
            buf = io.StringIO()
            csv.writer(buf).writerows([header, line])
            one.write_text(buf.getvalue(), encoding="utf-8")
            try:
                good.extend((i, r) for r in read_metadata(one))
            except InputError as exc:
                bad.append((i, InputError(path, exc.cause, where=(exc.where or "").replace("row 2", f"row {i}"))))
    return good, bad


def _extra_column(path: Path, names: Iterable[str]) -> dict[int, str]:
    """Values of the first present column among `names`, by row number (the shared reader keeps
    only its own columns)."""
    text = read_text_any(path)
    reader = csv_dict_reader(text)
    fields = {(h or "").strip().lower(): h for h in reader.fieldnames or []}
    col = next((fields[n] for n in names if n in fields), None)
    if col is None:
        return {}
    return {i: (row.get(col) or "").strip() for i, row in enumerate(reader, start=2)}


def read_call_metadata(path: Path, salt: str, seen: dict[str, str] | None = None) -> SourceBatch:
    """`seen`: contact id -> file, shared by the files of one run (a contact in two is a duplicate)."""
    batch = SourceBatch("contacts")
    sha = file_sha256(path)
    batch.files[str(path)] = sha
    try:
        rows, bad = _metadata_rows(path)
    except InputError as exc:
        batch.rejects.append(Reject("contacts", str(path), sha, None, "unparseable", exc.line()))
        return batch
    for lineno, exc in bad:
        batch.rejects.append(Reject("contacts", str(path), sha, lineno, "invalid", exc.line()))
    callers = _extra_column(path, CUSTOMER_ID_COLUMNS)
    customer_names = _extra_column(path, CUSTOMER_NAME_COLUMNS)
    seen = {} if seen is None else seen
    for lineno, r in rows:
        cid = r.contact_id or Path(r.file or "").stem
        if cid in seen:
            where = "appears twice" if seen[cid] == str(path) else f"is also in {seen[cid]}"
            batch.rejects.append(
                Reject("contacts", str(path), sha, lineno, "duplicate", f"{path}: row {lineno}: contact {cid!r} {where}")
            )
            continue
        seen[cid] = str(path)
        if customer_names.get(lineno):
            batch.names[cid] = (customer_names[lineno],)
        utc, local = to_utc_local(r.started_at)
        batch.rows.append({
            "contact_id": cid,
            "m_agent_id": r.agent_id, "m_agent_name": r.agent_name, "m_team": r.team,
            "m_channel": r.channel, "m_language": r.language,
            "m_started_utc": utc, "m_started_local": local,
            "m_organisation": r.organisation, "m_queue": r.queue,
            "m_wait_s": r.wait_s, "m_handle_s": r.handle_s, "m_abandoned": r.abandoned,
            "m_customer_key": customer_key(callers.get(lineno), salt),
            "m_source_file": str(path), "m_source_sha256": sha, "m_source_row": lineno,
        })
    return batch


# --- transcripts ------------------------------------------------------------------------------


def read_transcripts(folder: Path, salt: str | None, seen: dict[str, str] | None = None) -> tuple[SourceBatch, SourceBatch]:
    """All `*.json` transcripts under `folder` (or the one file) -> (contacts batch, turns
    batch). The turn text is as said (the turns loader redacts it; `t_redactions` is filled
    from its counts). `seen`: contact id -> file, shared by the folders of one run."""
    files = sorted(folder.rglob("*.json")) if folder.is_dir() else [folder]
    return read_transcript_files(files, salt, seen)


def read_transcript_files(files: Iterable[Path], salt: str | None,
                          seen: dict[str, str] | None = None) -> tuple[SourceBatch, SourceBatch]:
    """As `read_transcripts`, for the given files (warehouse/partitions.py writes them as lake
    partitions). `salt` None: the caller id is kept as `t_caller_id`, for the bulk path to turn
    into `t_customer_key` with the warehouse's own salt (`pseudonymise_callers`)."""
    contacts, turns = SourceBatch("contacts"), SourceBatch("turns")
    seen = {} if seen is None else seen
    for path in files:
        sha = file_sha256(path)
        contacts.files[str(path)] = sha
        try:
            t = load_transcript(path)
        except InputError as exc:
            contacts.rejects.append(Reject("contacts", str(path), sha, None, "unparseable", exc.line()))
            continue
        if t.contact_id in seen:
            contacts.rejects.append(Reject(
                "contacts", str(path), sha, None, "duplicate",
                f"{path}: contact {t.contact_id!r} is also in {seen[t.contact_id]}",
            ))
            continue
        languages = accepted_values("mart_contacts", "language")
        if languages is not None and t.language not in languages:
            contacts.rejects.append(Reject(
                "contacts", str(path), sha, None, "unsupported_language",
                f"{path}: language {t.language!r} is not one the warehouse accepts ({', '.join(sorted(languages))};"
                f" add it under mart_contacts.accepted_values in warehouse/sql/{CHECKS_FILE})",
            ))
            continue
        seen[t.contact_id] = str(path)
        # Known from metadata, or given as the answer to "mag ik uw naam?" (the turn texts are
        # redacted one by one, without the question before them).
        names = tuple(dict.fromkeys([*known_names_from(t.extra), *answered_names(t)]))
        if names:
            contacts.names[t.contact_id] = names
        for i, turn in enumerate(t.turns):
            turns.rows.append({
                "contact_id": t.contact_id, "turn_idx": i, "speaker": turn.speaker,
                "start_s": turn.start, "end_s": turn.end, "text": turn.text,
                "source_file": str(path), "source_sha256": sha, "source_row": i,
            })
        utc, local = to_utc_local(t.started_at)
        caller = next((t.extra.get(k) for k in CUSTOMER_ID_COLUMNS if t.extra.get(k)), None)
        row: dict[str, Any] = {
            "contact_id": t.contact_id,
            "t_agent_id": t.agent_id, "t_agent_name": t.agent_name, "t_team": t.team,
            "t_channel": t.channel, "t_language": t.language,
            "t_started_utc": utc, "t_started_local": local,
            "t_organisation": t.organisation, "t_queue": t.queue,
            "t_duration_s": t.duration_s, "t_n_turns": len(t.turns),
        }
        if salt is None:
            row["t_caller_id"] = None if caller is None else str(caller)
        else:
            row["t_customer_key"] = customer_key(caller, salt)
        row.update({
            "t_redactions": "{}",  # filled by the file ingest from the turns' redaction counts
            "t_audio": resolve_audio(path, t.audio),
            "t_silence": silence_json(transcript_silence(t)),
            "t_source_file": str(path), "t_source_sha256": sha,
        })
        contacts.rows.append(row)
    return contacts, turns


# --- QA results -------------------------------------------------------------------------------


def read_results(path: Path, seen: dict[tuple[str, str], str] | None = None) -> SourceBatch:
    """A JSONL file of `CriterionResult.to_dict()` lines (plus 'overall' lines); reason and
    evidence as given (the results loader redacts them)."""
    batch = SourceBatch("results")
    sha = file_sha256(path)
    batch.files[str(path)] = sha
    seen = {} if seen is None else seen  # (contact, criterion) -> file, shared by a run's files
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        batch.rejects.append(Reject("results", str(path), sha, None, "unparseable", f"{path}: cannot read: {exc}"))
        return batch
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        row = result_row(line, str(path), sha, lineno, seen)
        if isinstance(row, Reject):
            batch.rejects.append(row)
        else:
            batch.rows.append(row)
    return batch


def result_row(line: str, source_file: str, sha: str, lineno: int,
               seen: dict[tuple[str, str], str]) -> dict[str, Any] | Reject:
    """One results.jsonl line as a lake row, or its `Reject` (`seen`: keys so far -> their file,
    updated)."""

    def rej(code: str, cause: str) -> Reject:
        return Reject("results", source_file, sha, lineno, code, f"{source_file}: line {lineno}: {cause}", line[:2000])

    try:
        d = json.loads(line)
        r = CriterionResult.from_dict(d)
    except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        return rej("unparseable", f"not a criterion result: {exc}")
    if r.outcome not in OUTCOMES:
        return rej("invalid", f"outcome {r.outcome!r} is not one of {OUTCOMES}")
    if r.score is not None and not (isinstance(r.score, (int, float)) and 0.0 <= r.score <= 1.0):
        return rej("out_of_range", f"score {r.score!r} is not in 0..1")
    key = (r.contact_id, r.criterion)
    if key in seen:
        return rej("duplicate", f"{r.contact_id}/{r.criterion} "
                   + ("appears twice" if seen[key] == source_file else f"is also in {seen[key]}"))
    seen[key] = source_file
    ev = [dict(e) for e in d.get("evidence") or []]
    return {
        "contact_id": r.contact_id, "criterion": r.criterion, "outcome": r.outcome,
        "score": None if r.score is None else float(r.score), "count": r.count,
        "reason": r.reason, "evidence": json.dumps(ev, ensure_ascii=False),
        "measures": json.dumps(dict(r.measures), sort_keys=True), "scorecard": r.scorecard,
        "confidence": r.confidence, "needs_review": r.needs_review,
        "source_file": source_file, "source_sha256": sha, "source_row": lineno,
    }


def read_reasons(path: Path, seen: dict[tuple[str, str], str] | None = None,
                 rank: dict[str, int] | None = None) -> SourceBatch:
    """A JSONL file of `ContactReason.to_dict()` lines (`meeluister reasons`), a contact's lines
    best first (rank 0 is its primary reason); evidence as given (the loader redacts it)."""
    batch = SourceBatch("contact_reasons")
    sha = file_sha256(path)
    batch.files[str(path)] = sha
    seen = {} if seen is None else seen  # (contact, reason) -> file, shared by a run's files
    rank = {} if rank is None else rank  # a contact's reasons in the files' order
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        batch.rejects.append(Reject("contact_reasons", str(path), sha, None, "unparseable", f"{path}: cannot read: {exc}"))
        return batch
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue

        def rej(code: str, cause: str) -> None:
            batch.rejects.append(Reject("contact_reasons", str(path), sha, lineno, code,
                                        f"{path}: line {lineno}: {cause}", line[:2000]))

        try:
            d = json.loads(line)
            r = ContactReason.from_dict(d)
        except (json.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError) as exc:
            rej("unparseable", f"not a contact reason: {exc}")
            continue
        if not r.reason.strip():
            rej("invalid", "empty reason")
            continue
        if not 0.0 <= r.confidence <= 1.0:
            rej("out_of_range", f"confidence {r.confidence!r} is not in 0..1")
            continue
        if (r.contact_id, r.reason) in seen:
            prev = seen[(r.contact_id, r.reason)]
            rej("duplicate", f"{r.contact_id}/{r.reason} " + ("appears twice" if prev == str(path) else f"is also in {prev}"))
            continue
        seen[(r.contact_id, r.reason)] = str(path)
        k = rank.get(r.contact_id, 0)
        rank[r.contact_id] = k + 1
        batch.rows.append({
            "contact_id": r.contact_id, "reason": r.reason, "rank": k, "confidence": float(r.confidence),
            "evidence": json.dumps([dict(e) for e in d.get("evidence") or []], ensure_ascii=False),
            "taxonomy": r.taxonomy, "source_file": str(path), "source_sha256": sha, "source_row": lineno,
        })
    return batch


# --- roster -----------------------------------------------------------------------------------

ROSTER_COLUMNS = ("agent_id", "agent_name", "team", "valid_from", "valid_to")
# A row without valid_from is valid from the start: stored as this day, since the roster's key
# is (agent_id, valid_from); without valid_to it stays valid (NULL).
OPEN_START = date(1, 1, 1)


def parse_day(v: str) -> date:
    v = v.strip()
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(v, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"not a date (YYYY-MM-DD or DD-MM-YYYY): {v!r}")


def read_roster(path: Path) -> SourceBatch:
    """Roster CSV: agent_id, and any of agent_name, team, valid_from, valid_to (docs/warehouse.md).
    Validity dates are optional: without valid_from a row holds from the start (`OPEN_START`),
    without valid_to until further notice."""
    batch = SourceBatch("roster")
    sha = file_sha256(path)
    batch.files[str(path)] = sha
    text = read_text_any(path)
    reader = csv_dict_reader(text)
    header = {(h or "").strip().lower(): h for h in reader.fieldnames or []}
    if "agent_id" not in header:
        batch.rejects.append(Reject("roster", str(path), sha, None, "unparseable",
                                    f"{path}: header: no agent_id column (found: {', '.join(reader.fieldnames or []) or 'none'})"))
        return batch
    for lineno, raw in enumerate(reader, start=2):
        rec = {c: (raw.get(header[c]) or "").strip() if c in header else "" for c in ROSTER_COLUMNS}
        try:
            if not rec["agent_id"]:
                raise ValueError("agent_id is empty")
            vf = parse_day(rec["valid_from"]) if rec["valid_from"] else OPEN_START
            vt = parse_day(rec["valid_to"]) if rec["valid_to"] else None
            if vt is not None and vt < vf:
                raise ValueError(f"valid_to {vt} is before valid_from {vf}")
        except ValueError as exc:
            batch.rejects.append(Reject("roster", str(path), sha, lineno, "invalid", f"{path}: row {lineno}: {exc}", json.dumps(rec)))
            continue
        batch.rows.append({
            "agent_id": rec["agent_id"], "agent_name": rec["agent_name"] or None,
            "team": rec["team"] or None, "valid_from": vf, "valid_to": vt,
            "source_file": str(path), "source_sha256": sha, "source_row": lineno,
        })
    return batch
