"""Lake-shaped Parquet partitions: what batch jobs on a cluster (package `cluster`) write and the
bulk path (`warehouse.ingest_tables`) reads, so a cluster's output goes into the warehouse through
its one ingest path (the loaders: redaction, linking, quarantine, upserts).

A parts folder holds one subfolder per lake table, each with Parquet files (any number, written
independently by the workers):

    parts/contacts/part-*.parquet   CONTACTS' t_* family, with `t_caller_id` instead of `t_customer_key`,
                                    and `t_customer_names` (known names, for the redaction)
    parts/turns/part-*.parquet      TURNS without contact_date (text as said: the loader redacts it)
    parts/results/part-*.parquet    RESULTS without contact_date

The rows are built by the same readers as the file path (`warehouse.sources.read_transcript_files`,
`read_results`), so a warehouse loaded from parts equals one loaded from the files
(tests/cluster/test_ray_batch.py). The caller id stays raw in the parts (the transcript JSON beside
them holds it too); the bulk path turns it into the keyed hash with the warehouse's own salt
(`pseudonymise_callers`), so a job needs no secret of the warehouse. `t_redactions` is counted here
with the loaders' redaction function, as the file path counts it.
"""
from __future__ import annotations

import json
import logging
import os
import uuid
from pathlib import Path
from typing import Iterable, Sequence

import pyarrow as pa
import pyarrow.parquet as pq

from meeluister.redaction import merge_counts
from warehouse.pii import redact_pii
from warehouse.run import Reject
from warehouse.schema import CONTACT_TRANSCRIPT_COLUMNS, CONTACTS, RESULTS, TURNS, LakeTable
from warehouse.sources import customer_key, read_results, read_transcript_files

logger = logging.getLogger(__name__)

PART_TABLES = ("contacts", "turns", "results")
CALLER_COLUMN = "t_caller_id"
NAMES_COLUMN = "t_customer_names"  # the customer's names the transcript carries: redacted, never stored

_ARROW = {"VARCHAR": pa.string(), "INTEGER": pa.int32(), "BIGINT": pa.int64(), "DOUBLE": pa.float64(),
          "BOOLEAN": pa.bool_(), "TIMESTAMP": pa.timestamp("us")}


def arrow_schema(table: LakeTable, columns: Sequence[str]) -> pa.Schema:
    """The Arrow schema of `columns` of a lake table (every part file of a table has the same
    schema, whatever its rows: a glob over them reads as one relation)."""
    extra = {CALLER_COLUMN: pa.string(), NAMES_COLUMN: pa.list_(pa.string())}
    return pa.schema([(c, extra[c] if c in extra else _ARROW[table.columns[c]]) for c in columns])


CONTACT_PART_COLUMNS = (*(CALLER_COLUMN if c == "t_customer_key" else c for c in CONTACT_TRANSCRIPT_COLUMNS),
                        NAMES_COLUMN)
TURN_PART_COLUMNS = tuple(c for c in TURNS.columns if c != "contact_date")
RESULT_PART_COLUMNS = tuple(c for c in RESULTS.columns if c != "contact_date")


def contact_redactions(turns: pa.Table, redact: bool = True,
                       names: dict[str, tuple[str, ...]] | None = None) -> dict[str, str]:
    """Per contact, what redaction takes out of its turns (JSON {type: n}, as `t_redactions`
    holds it): the loaders' function over the turns' declared PII columns, with the customers'
    known names."""
    if not redact or not turns.num_rows:
        return {}
    by_row = redact_pii(turns, TURNS.pii, names or None).by_row
    ids = turns["contact_id"].to_pylist()
    per: dict[str, dict[str, int]] = {}
    for i, n in by_row.items():
        per[ids[i]] = merge_counts(per.get(ids[i], {}), n)
    return {cid: json.dumps(c, sort_keys=True) for cid, c in per.items()}


def transcript_tables(files: Iterable[Path], *, redact: bool = True) -> tuple[pa.Table, pa.Table, list[Reject]]:
    """Transcript files -> (contacts part, turns part, rejects): the file path's rows."""
    cb, tb = read_transcript_files(files, salt=None)
    turns = pa.Table.from_pylist(tb.rows, schema=arrow_schema(TURNS, TURN_PART_COLUMNS))
    red = contact_redactions(turns, redact, cb.names)
    for row in cb.rows:
        row["t_redactions"] = red.get(row["contact_id"], "{}")
        row[NAMES_COLUMN] = list(cb.names[row["contact_id"]]) if row["contact_id"] in cb.names else None
    contacts = pa.Table.from_pylist(cb.rows, schema=arrow_schema(CONTACTS, CONTACT_PART_COLUMNS))
    return contacts, turns, cb.rejects


def results_tables(path: Path, rows_per_part: int = 500_000) -> tuple[list[pa.Table], list[Reject]]:
    """A results.jsonl file -> its rows in parts of at most `rows_per_part`, and its rejects."""
    b = read_results(path)
    schema = arrow_schema(RESULTS, RESULT_PART_COLUMNS)
    parts = [pa.Table.from_pylist(b.rows[i:i + rows_per_part], schema=schema)
             for i in range(0, len(b.rows), rows_per_part)]
    return parts, b.rejects


def write_part(parts_dir: Path, table: str, name: str, data: pa.Table) -> Path:
    """Write `data` as `parts_dir/<table>/<name>.parquet`, atomically (a reader or a re-run never
    sees half a file; writing the same name again replaces it)."""
    if table not in PART_TABLES:
        raise ValueError(f"{table!r}: parts hold {', '.join(PART_TABLES)}")
    d = Path(parts_dir) / table
    d.mkdir(parents=True, exist_ok=True)
    out = d / f"{name}.parquet"
    tmp = d / f".{name}.{uuid.uuid4().hex[:8]}.tmp"
    pq.write_table(data, tmp, compression="zstd")
    os.replace(tmp, out)
    return out


def clear_parts(parts_dir: Path, table: str, keep: Iterable[str] = ()) -> None:
    """Remove `table`'s part files except those named in `keep` (a re-run with fewer inputs
    leaves no stale part behind)."""
    d = Path(parts_dir) / table
    keep = set(keep)
    for f in d.glob("*.parquet") if d.is_dir() else ():
        if f.stem not in keep:
            f.unlink()


def part_sources(parts_dir: Path) -> dict[str, str]:
    """The Parquet globs of the tables present in `parts_dir`, for `ingest_tables`."""
    out = {}
    for t in PART_TABLES:
        d = Path(parts_dir) / t
        if d.is_dir() and any(d.glob("*.parquet")):
            out[t] = str(d / "*.parquet")
    return out


def known_names_of(contacts: pa.Table) -> tuple[pa.Table, dict[str, tuple[str, ...]]]:
    """The parts' `t_customer_names` as the loaders' known names (contact_id -> names), and the
    table without that column (names are redacted, never stored)."""
    if NAMES_COLUMN not in contacts.column_names:
        return contacts, {}
    names = {c: tuple(n) for c, n in zip(contacts["contact_id"].to_pylist(), contacts[NAMES_COLUMN].to_pylist()) if n}
    return contacts.drop_columns([NAMES_COLUMN]), names


def pseudonymise_callers(contacts: pa.Table, salt: str) -> pa.Table:
    """`t_caller_id` replaced by `t_customer_key` (the keyed hash, `warehouse.sources.customer_key`)."""
    if CALLER_COLUMN not in contacts.column_names:
        return contacts
    raw = contacts[CALLER_COLUMN].to_pylist()
    memo = {v: customer_key(v, salt) for v in set(raw) if v is not None}
    keys = [None if v is None else memo[v] for v in raw]
    i = contacts.column_names.index(CALLER_COLUMN)
    return contacts.set_column(i, "t_customer_key", pa.array(keys, pa.string()))
