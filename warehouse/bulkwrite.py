"""First load of a fact table (turns, results) into an empty lake, written by pyarrow.

Why not DuckDB's `COPY ... PARTITION_BY`: its partitioned writer materialises every row into
per-partition buffers, flattening the dictionary-encoded strings it read (contact ids, speakers,
source files and hashes repeat across a contact's rows); for the 20 M benchmark turns that cost
about 2.3x the CPU of writing the same rows to one file (docs/benchmarks.md). Here the Parquet
input is read with those columns kept as dictionaries, each batch is split by month with one
stable argsort, and the pieces go to one `ParquetWriter` per month on two writer threads while
the next batch is read, so encoding and reading overlap on two cores.

The rows and checks are the same as the SQL path: the caller has already counted the rows,
checked key uniqueness and quarantined rows of unknown contacts (those are skipped here); every
text value is tested with RE2 (`pyarrow.compute.match_substring_regex` with
`meeluister.redaction.CANDIDATE_PATTERN`, the same pattern DuckDB's `regexp_matches` uses) and
the matching ones go through `redact()`.
"""
from __future__ import annotations

import glob
from collections.abc import Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from meeluister.redaction import CANDIDATE_PATTERN, merge_counts, redact
from warehouse.schema import LakeTable

_ARROW_TYPES = {"VARCHAR": pa.string(), "INTEGER": pa.int32(), "BIGINT": pa.int64(),
                "DOUBLE": pa.float64(), "BOOLEAN": pa.bool_(), "TIMESTAMP": pa.timestamp("us")}
# String columns whose values repeat across a contact's rows: read (and written) as dictionaries.
_REPEATING = ("contact_id", "speaker", "criterion", "outcome", "scorecard",
              "source_file", "source_sha256")
BATCH_ROWS = 1_000_000  # rows per read batch: ~100 MB of turns, one row group per month per batch


def _batches(data: pa.Table | str | Path, table: LakeTable) -> Iterator[pa.RecordBatch]:
    if isinstance(data, pa.Table):
        yield from data.to_batches(max_chunksize=BATCH_ROWS)
        return
    files = sorted(Path(p) for p in glob.glob(str(data))) or [Path(data)]
    for f in files:
        pf = pq.ParquetFile(f, read_dictionary=[c for c in _REPEATING if c in table.columns])
        cols = [c for c in pf.schema_arrow.names if c in table.columns]
        yield from pf.iter_batches(batch_size=BATCH_ROWS, columns=cols)


def _conform(batch: pa.RecordBatch, table: LakeTable, month: pa.Array) -> pa.Table:
    """The batch with the lake's columns, in file order and types (dictionaries kept)."""
    arrays, names = [], []
    for c, typ in table.columns.items():
        at = _ARROW_TYPES[typ]
        if c == "contact_date":
            a = month
        elif c in batch.schema.names:
            a = batch.column(c)
            if pa.types.is_dictionary(a.type):
                if a.type.value_type != at:
                    a = a.cast(pa.dictionary(a.type.index_type, at))
            elif a.type != at:
                a = a.cast(at)
        else:
            a = pa.nulls(batch.num_rows, at)
        arrays.append(a)
        names.append(c)
    return pa.Table.from_arrays(arrays, names=names)


def _redact_column(col: pa.Array, found: list[Mapping[str, int]]) -> pa.Array:
    if pa.types.is_dictionary(col.type):
        col = col.dictionary_decode()
    mask = pc.fill_null(pc.match_substring_regex(col, CANDIDATE_PATTERN), False)
    idx = np.flatnonzero(mask.to_numpy(zero_copy_only=False))
    if len(idx) == 0:
        return col
    out = []
    for text in col.take(pa.array(idx)).to_pylist():
        r = redact(text)
        if r.counts:
            found.append(r.counts)
        out.append(r.text)
    return pc.replace_with_mask(col, mask, pa.array(out, pa.string()))


@dataclass(frozen=True)
class MonthWrite:
    """What `write_months` wrote: rows, redaction counts, and the rows of unknown contacts
    (`unknown`: contact_id, source_file, source_sha256, source_row of the first
    `max_unknown`; `n_unknown`: all of them)."""

    written: int
    redactions: dict[str, int]
    unknown: pa.Table
    n_unknown: int


def write_months(data: pa.Table | str | Path, table: LakeTable, contact_month: Mapping[str, str],
                 out: Path, redact_column: str | None, max_unknown: int = 100_000) -> MonthWrite:
    """Write `data` (Parquet path/glob or Arrow table, the table's columns minus contact_date)
    under `out/date=<month>/data_0.parquet`. Rows whose contact is not in `contact_month` are not
    written but returned for the quarantine. The key (contact_id, second key column) is checked
    exactly while streaming: each known row's key packs into one int64 (contact's index << 32 |
    the second column's int32 value or string code); after the last batch the keys are sorted
    and a repeated key raises ValueError (nothing has been swapped into the lake yet)."""
    if len(table.key) != 2 or table.key[0] != "contact_id":
        raise ValueError(f"{table.name}: write_months needs a (contact_id, column) key")
    key2 = table.key[1]
    names = sorted(set(contact_month.values()))
    code_of = {m: i for i, m in enumerate(names)}
    # contact_id -> (month code, contact index): the index is the contact's part of the packed key.
    cid_info = {cid: (code_of[m], i) for i, (cid, m) in enumerate(contact_month.items())}
    key2_codes: dict[object, int] = {}
    month_dict = pa.array(names, pa.string())
    writers: dict[int, pq.ParquetWriter] = {}
    found: list[Mapping[str, int]] = []
    keys: list[np.ndarray] = []
    unknown: list[pa.Table] = []
    n_unknown = n_kept_unknown = 0
    written = 0

    def write(pieces: list[tuple[int, pa.Table]]) -> None:
        for code, piece in pieces:
            w = writers.get(code)
            if w is None:
                d = out / f"date={names[code]}"
                d.mkdir(parents=True, exist_ok=True)
                w = writers[code] = pq.ParquetWriter(
                    d / "data_0.parquet", piece.schema, compression="zstd", compression_level=1,
                    use_dictionary=[c for c in _REPEATING if c in piece.column_names] + ["contact_date"],
                    store_schema=False)
            w.write_table(piece, row_group_size=BATCH_ROWS)

    pending: list[Future[None]] = []
    # Two writer threads, each owning the months of one parity within a batch (a month's writer is
    # only ever used by one thread at a time; batches are handed over one after the other), so
    # Parquet encoding overlaps itself and the reading of the next batch.
    with ThreadPoolExecutor(max_workers=2) as pool:
        try:
            for batch in _batches(data, table):
                cid = _as_dictionary(batch.column("contact_id"))
                # Month code and contact index per row (-1: unknown contact), looked up once per
                # distinct id.
                info = np.array([cid_info.get(v, (-1, -1)) for v in cid.dictionary.to_pylist()],
                                np.int64).reshape(-1, 2)
                idx = cid.indices.fill_null(len(info)).to_numpy(zero_copy_only=False)
                info = np.vstack([info, [[-1, -1]]])  # the row for a NULL contact id
                row_codes, row_contact = info[idx, 0], info[idx, 1]
                order = np.argsort(row_codes, kind="stable")
                sorted_codes = row_codes[order]
                start = int(np.searchsorted(sorted_codes, 0))  # unknown contacts (code -1) first
                if start:
                    n_unknown += start
                    if n_kept_unknown < max_unknown:
                        take = order[:min(start, max_unknown - n_kept_unknown)]
                        u = batch.select(["contact_id", "source_file", "source_sha256", "source_row"]).take(pa.array(take))
                        unknown.append(pa.Table.from_batches([u]))
                        n_kept_unknown += len(take)
                if start == len(order):
                    continue
                order, sorted_codes = order[start:], sorted_codes[start:]
                keys.append((row_contact[order] << 32) | _key2_values(batch.column(key2), order, key2_codes))
                kept = batch.take(pa.array(order))
                if redact_column:
                    i = kept.schema.get_field_index(redact_column)
                    kept = kept.set_column(i, redact_column, _redact_column(kept.column(i), found))
                month = pa.DictionaryArray.from_arrays(pa.array(sorted_codes.astype(np.int32)), month_dict)
                tb = _conform(kept, table, month)
                cuts = np.r_[0, np.flatnonzero(np.diff(sorted_codes)) + 1, len(sorted_codes)]
                pieces = [(int(sorted_codes[a]), tb.slice(a, b - a)) for a, b in zip(cuts[:-1], cuts[1:])]
                written += tb.num_rows
                for f in pending:
                    f.result()
                pending = [pool.submit(write, [p for p in pieces if p[0] % 2 == par]) for par in (0, 1)]
            for f in pending:
                f.result()
        finally:
            for w in writers.values():
                w.close()
    if keys:
        k = np.concatenate(keys)
        k.sort()
        dup = int(np.count_nonzero(k[1:] == k[:-1]))
        if dup:
            raise ValueError(f"{table.name}: batch has {dup} duplicate keys")
    counts: dict[str, int] = {}
    if found:
        counts = merge_counts(counts, *(dict(c) for c in found))
    unknown_rows = (pa.concat_tables([_decoded(u) for u in unknown]) if unknown else
                    pa.table({"contact_id": pa.array([], pa.string()), "source_file": pa.array([], pa.string()),
                              "source_sha256": pa.array([], pa.string()), "source_row": pa.array([], pa.int64())}))
    return MonthWrite(written, counts, unknown_rows, n_unknown)


def _as_dictionary(col: pa.Array) -> pa.DictionaryArray:
    return col if pa.types.is_dictionary(col.type) else col.dictionary_encode()


def _decoded(t: pa.Table) -> pa.Table:
    return pa.table({c: (t[c].cast(t[c].type.value_type) if pa.types.is_dictionary(t[c].type) else t[c])
                     for c in t.column_names})


def _key2_values(col: pa.Array, order: np.ndarray, codes: dict[object, int]) -> np.ndarray:
    """The second key column of the rows `order` as uint32 bit patterns in an int64: an integer
    column's int32 value, a string column's code (numbered in order of first appearance)."""
    if pa.types.is_integer(col.type):
        v = col.cast(pa.int32()).fill_null(np.iinfo(np.int32).min).to_numpy(zero_copy_only=False)
        return v[order].astype(np.int64) & 0xFFFFFFFF
    d = _as_dictionary(col)
    m = np.fromiter((codes.setdefault(v, len(codes)) for v in d.dictionary.to_pylist()), np.int64, len(d.dictionary))
    m = np.append(m, codes.setdefault(None, len(codes)))  # NULL
    return m[d.indices.fill_null(len(d.dictionary)).to_numpy(zero_copy_only=False)[order]]


def contact_months(con: object) -> dict[str, str]:
    """contact_id -> partition month of every contact in the lake."""
    from warehouse.lake import fetch_arrow

    t = fetch_arrow(con.execute("SELECT contact_id, date FROM raw_contacts"))  # type: ignore[attr-defined]
    return dict(zip(t["contact_id"].to_pylist(), t["date"].to_pylist()))

