"""The copies of purged text outside the warehouse (`meeluister purge --sources --outputs DIR...`).

The warehouse knows every file it read (`source_file`, `source_sha256` on every lake row), so a
purge can follow its contacts back to their sources:

* transcripts (category transcripts): the transcript JSON keeps its turns and timings, the turn
  text and word list become empty and `customer_name` goes; its WebVTT beside it keeps the cues
  without their text (so `meeluister transcribe` still sees the contact as done and does not
  transcribe the recording again);
* results JSONL and contact-reason JSONL (category quotes): only the lines of purged contacts
  change: a result's `reason`, every evidence `quote` and `term` emptied; other lines stay byte
  for byte;
* survey exports (category comments) are the survey tool's own files, in its own layout: they are
  not rewritten, but every export that still holds a purged contact's response (the file is there
  with the checksum the warehouse read) is named in the summary (`kept`), to delete or export again.

Written outputs that quote contacts record them in a manifest (`meeluister.derived`): every file
under `--outputs` folders that quotes a purged contact (reports, example pages: transcripts or
quotes; example clips: audio) is deleted and dropped from its manifest; the figures stay in the
warehouse, so a report written again shows them without the text.

The plan is made from the warehouse before its purge (`plan_copies`, the same scope) and carried
out after the warehouse's purge is committed (`apply_copies`): each file is rewritten temp file +
rename, so a purge killed halfway leaves every file whole, and a second run finishes the rest.
"""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from meeluister.derived import find_manifests, read_derived, write_derived
from meeluister.io import file_sha256, read_text_any, write_atomic

logger = logging.getLogger(__name__)

PERSONAL_KEYS = ("customer_name",)  # transcript fields that name the customer
_PAGE_WHAT = ("transcripts", "quotes")


@dataclass(frozen=True)
class CopyPlan:
    transcripts: dict[str, frozenset[str]]  # transcript JSON -> its contacts to blank
    results: dict[str, frozenset[str]]  # results JSONL -> contacts whose reason/quotes go
    reasons: dict[str, frozenset[str]]  # contact-reason JSONL -> contacts whose quotes go
    surveys: dict[str, int]  # survey export still as read -> responses of purged contacts
    scope: dict[str, frozenset[str]]  # category -> contacts in scope for it
    outputs: tuple[Path, ...]


def _by_file(con: Any, sql: str) -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for f, cid in con.execute(sql).fetchall():
        out.setdefault(f, set()).add(cid)
    return {f: frozenset(v) for f, v in sorted(out.items())}


def plan_copies(con: Any, *, sources: bool, outputs: Sequence[str | Path] = ()) -> CopyPlan:
    """What to change outside the warehouse for the contacts in `_purge_scope` (warehouse.retention)."""
    scope = {w: frozenset(r[0] for r in con.execute(f"SELECT contact_id FROM _purge_scope WHERE {w}").fetchall())
             for w in ("audio", "transcripts", "quotes", "comments")}
    tr: dict[str, frozenset[str]] = {}
    res: dict[str, frozenset[str]] = {}
    rea: dict[str, frozenset[str]] = {}
    srv: dict[str, int] = {}
    if sources:
        tr = _by_file(con, "SELECT DISTINCT c.t_source_file, c.contact_id FROM raw_contacts c "
                           "JOIN _purge_scope p USING (contact_id) WHERE p.transcripts AND c.t_source_file IS NOT NULL")
        # Every raw_* view exists (an empty typed relation while its table has no files).
        res = _by_file(con, "SELECT DISTINCT r.source_file, r.contact_id FROM raw_results r "
                            "JOIN _purge_scope p USING (contact_id) WHERE p.quotes AND r.source_file IS NOT NULL")
        rea = _by_file(con, "SELECT DISTINCT r.source_file, r.contact_id FROM raw_contact_reasons r "
                            "JOIN _purge_scope p USING (contact_id) WHERE p.quotes AND r.source_file IS NOT NULL")
        for f, sha, n in con.execute(
                "SELECT s.source_file, s.source_sha256, count(*) FROM raw_surveys s JOIN _purge_scope p "
                "USING (contact_id) WHERE p.comments AND s.source_file IS NOT NULL GROUP BY 1, 2 ORDER BY 1").fetchall():
            p = Path(f)
            if p.is_file() and file_sha256(p) == sha:
                srv[f] = srv.get(f, 0) + int(n)
    return CopyPlan(tr, res, rea, srv, scope, tuple(Path(o) for o in outputs))


def _blank_transcript(path: Path, ids: frozenset[str], dry_run: bool) -> bool:
    data = json.loads(read_text_any(path))
    if not isinstance(data, dict) or str(data.get("contact_id")) not in ids:
        return False  # the file holds another contact now: not ours to change
    changed = False
    for t in data.get("turns") or ():
        if isinstance(t, dict):
            if t.get("text"):
                t["text"], changed = "", True
            if t.get("words"):
                t["words"], changed = [], True
    for k in PERSONAL_KEYS:
        if data.get(k):
            data.pop(k)
            changed = True
    if changed and not dry_run:
        write_atomic(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return changed


def _blank_vtt(path: Path, dry_run: bool) -> bool:
    """Cue payloads emptied (a voice tag `<v agent>` kept); header, notes and timings stay."""
    out, changed, in_cue = [], False, False
    for line in path.read_text(encoding="utf-8").splitlines():
        if "-->" in line:
            in_cue = True
        elif not line.strip():
            in_cue = False
        elif in_cue:
            kept = line[: line.index(">") + 1] if line.startswith("<v ") and ">" in line else ""
            changed |= kept != line
            line = kept
        out.append(line)
    if changed and not dry_run:
        write_atomic(path, "\n".join(out) + "\n")
    return changed


def _blank_evidence(d: dict, *, reason: bool) -> bool:
    changed = False
    if reason and d.get("reason"):
        d["reason"], changed = None, True
    for e in d.get("evidence") or ():
        if isinstance(e, dict):
            if e.get("quote"):
                e["quote"], changed = "", True
            if e.get("term"):
                e["term"], changed = None, True
    return changed


def _blank_jsonl(path: Path, ids: frozenset[str], *, reason: bool, dry_run: bool) -> int:
    """Rewrite the lines of `ids` in a JSONL file; returns the lines changed."""
    lines = read_text_any(path).splitlines(keepends=True)
    n = 0
    for i, line in enumerate(lines):
        try:
            d = json.loads(line)
        except ValueError:
            continue  # the ingest quarantined it (its raw text is the quarantine's to purge)
        if isinstance(d, dict) and str(d.get("contact_id")) in ids and _blank_evidence(d, reason=reason):
            lines[i] = json.dumps(d, ensure_ascii=False) + ("\n" if line.endswith("\n") else "")
            n += 1
    if n and not dry_run:
        write_atomic(path, "".join(lines))
    return n


def _outputs(plan: CopyPlan, dry_run: bool, removed: dict[str, int]) -> None:
    pages = plan.scope["transcripts"] | plan.scope["quotes"]
    for root in plan.outputs:
        if not root.is_dir():
            logger.warning("purge: %s: no such folder (--outputs); skipped", root)
            continue
        for folder in find_manifests(root):
            keep = []
            for e in read_derived(folder):
                hit = plan.scope["audio"] if e.kind.endswith("clip") else pages
                if not hit.intersection(e.contacts):
                    keep.append(e)
                    continue
                f = folder / e.file
                key = "outputs.files" if f.is_file() else "outputs.missing"
                removed[key] = removed.get(key, 0) + 1
                if not dry_run:
                    f.unlink(missing_ok=True)
                logger.info("purge: %s: %s quotes a purged contact%s", f, e.kind, " (dry run)" if dry_run else "; deleted")
            if not dry_run:
                write_derived(folder, keep)


def apply_copies(plan: CopyPlan, *, dry_run: bool = False) -> dict[str, int]:
    """Carry out `plan`; returns counts ("sources.transcripts" files, "sources.vtt" files,
    "sources.results"/"sources.reasons" lines, "sources.missing" files, "outputs.files" deleted)."""
    removed: dict[str, int] = {}

    def add(k: str, n: int) -> None:
        removed[k] = removed.get(k, 0) + n

    for f, ids in plan.transcripts.items():
        p = Path(f)
        if not p.is_file():
            add("sources.missing", 1)
            continue
        try:
            add("sources.transcripts", int(_blank_transcript(p, ids, dry_run)))
            vtt = p.with_suffix(".vtt")
            if vtt.is_file():
                add("sources.vtt", int(_blank_vtt(vtt, dry_run)))
        except (OSError, ValueError) as exc:
            logger.error("purge: %s: cannot rewrite the transcript: %s", p, exc)
            add("sources.failed", 1)
    for key, files, reason in (("sources.results", plan.results, True), ("sources.reasons", plan.reasons, False)):
        for f, ids in files.items():
            p = Path(f)
            if not p.is_file():
                add("sources.missing", 1)
                continue
            try:
                add(key, _blank_jsonl(p, ids, reason=reason, dry_run=dry_run))
            except (OSError, ValueError) as exc:
                logger.error("purge: %s: cannot rewrite: %s", p, exc)
                add("sources.failed", 1)
    for f, n in plan.surveys.items():
        logger.warning("purge: %s: this survey export still holds %d response(s) of purged contacts; "
                       "it is the survey tool's file and is not rewritten: delete it or export again", f, n)
    _outputs(plan, dry_run, removed)
    return removed


__all__ = ["CopyPlan", "PERSONAL_KEYS", "apply_copies", "plan_copies"]
