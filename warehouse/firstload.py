"""The fast path of the facts loader: the first load of turns or results into their empty lake
table, written by pyarrow on a worker thread (`FirstLoad`, `write_months`).

`warehouse.loaders.start_facts` takes this path when the lake table has no files yet, on the file
path and the bulk path alike; a later load merges through DuckDB (`warehouse.lake.Lake.upsert`).

Why not DuckDB's `COPY ... PARTITION_BY`: its partitioned writer materialises every row into
per-partition buffers, flattening the dictionary-encoded strings it read (contact ids, speakers,
source files and hashes repeat across a contact's rows); for the 20 M benchmark turns that cost
about 2.3x the CPU of writing the same rows to one file (docs/benchmarks.md). Here the Parquet
input is read with those columns kept as dictionaries, each batch is split by month with one
stable argsort, and the pieces go to one `ParquetWriter` per month on two writer threads while
the next batch is read, so encoding and reading overlap on two cores.

The rows and checks are the same as the SQL path: keys are checked exactly here, rows of
unknown contacts are handed back for the quarantine (not written), and each batch's declared
personal-data columns (`LakeTable.pii`) go through the one redaction, `warehouse.pii.redact_pii`.
"""
from __future__ import annotations

import glob
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from meeluister.redaction import merge_counts
from warehouse.contact_lookup import ContactIndex, contact_index
from warehouse.counts import TableCounts
from warehouse.pii import redact_pii
from warehouse.schema import LakeTable, PiiColumn

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


def _conform(batch: pa.RecordBatch | pa.Table, table: LakeTable, month: pa.Array) -> pa.Table:
    """The batch with the lake's columns, in file order and types (dictionaries kept); a missing
    column is NULL or its declared default (`LakeTable.defaults`)."""
    arrays, names = [], []
    n = batch.num_rows
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
            a = pa.nulls(n, at)
        if c in table.defaults and a.null_count:
            a = pc.fill_null(a, pa.scalar(table.defaults[c], at))
        arrays.append(a)
        names.append(c)
    return pa.Table.from_arrays(arrays, names=names)


@dataclass(frozen=True)
class MonthWrite:
    """What `write_months` wrote: rows, redaction counts, and the rows of unknown contacts
    (`unknown`: contact_id, source_file, source_sha256, source_row of the first
    `max_unknown`; `n_unknown`: all of them)."""

    written: int
    redactions: dict[str, int]
    unknown: pa.Table
    n_unknown: int
    collected: pa.Table | None = None  # write_months(collect=...): those columns + contact_row


def write_months(data: pa.Table | str | Path, table: LakeTable, contacts: ContactIndex | Mapping[str, str],
                 out: Path, pii: Sequence[PiiColumn], max_unknown: int = 100_000,
                 collect: Sequence[str] = (), known_names: Mapping[str, Sequence[str]] | None = None) -> MonthWrite:
    """Write `data` (Parquet path/glob or Arrow table, the table's columns minus contact_date)
    under `out/date=<month>/data_0.parquet`. Rows whose contact is not in `contacts` (an index or
    a contact_id -> month mapping) are not written but returned for the quarantine; the `pii`
    columns of the rows written are redacted (`warehouse.pii.redact_pii`, with the customer names
    per contact in `known_names`). The key
    (contact_id, second key column) is checked exactly while streaming: each known row's key packs
    into one int64 (contact's row in `contacts` << 32 | the second column's int32 value or string
    code); after the last batch the keys are sorted and a repeated key raises ValueError (nothing
    has been swapped into the lake yet). `collect`: columns of the written rows to hand back in
    `MonthWrite.collected` (as written, redacted), beside `contact_row` (int32, the contact's row
    in `contacts`): the first-load marts are built from them instead of re-reading the lake."""
    if len(table.key) != 2 or table.key[0] != "contact_id":
        raise ValueError(f"{table.name}: write_months needs a (contact_id, column) key")
    if not isinstance(contacts, ContactIndex):
        contacts = ContactIndex(pa.array(list(contacts), pa.string()), pa.array(list(contacts.values()), pa.string()))
    key2 = table.key[1]
    names = contacts.month_names
    key2_codes: dict[object, int] = {}
    collected: list[pa.Table] = []
    month_dict = pa.array(names, pa.string())
    writers: dict[int, pq.ParquetWriter] = {}
    found: list[Mapping[str, int]] = []
    keys: list[np.ndarray] = []
    unknown: list[pa.Table] = []
    n_unknown = n_kept_unknown = 0
    written = 0

    def write(pieces: list[tuple[int, pa.Table]]) -> None:
        for code, piece in pieces:
            piece = compact_dictionaries(piece)
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
                # Contact row and month code per row (-1: unknown contact), looked up once per
                # distinct id; the extra last entry is a NULL contact id's.
                crow = np.append(contacts.lookup(cid.dictionary), -1)
                cmonth = np.append(contacts.month_of, -1)[crow]
                idx = cid.indices.fill_null(len(crow) - 1).to_numpy(zero_copy_only=False)
                row_codes, row_contact = cmonth[idx], crow[idx]
                # Month codes fit 16 bits (-1: unknown; 32 k months): numpy's stable sort of 16-bit
                # integers is a radix sort, O(n), ~10x faster than on int64 for a 1 M-row batch.
                order = np.argsort(row_codes.astype(np.int16) if len(names) < 32767 else row_codes, kind="stable")
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
                kept = pa.Table.from_batches([batch.take(pa.array(order))])
                if pii:
                    red = redact_pii(kept, pii, known_names)
                    if red.counts:
                        found.append(red.counts)
                    kept = red.table
                month = pa.DictionaryArray.from_arrays(pa.array(sorted_codes.astype(np.int32)), month_dict)
                tb = _conform(kept, table, month)
                if collect:
                    collected.append(tb.select(list(collect)).append_column(
                        "contact_row", pa.array(row_contact[order].astype(np.int32))))
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
    return MonthWrite(written, counts, unknown_rows, n_unknown,
                      pa.concat_tables(collected, promote_options="permissive") if collected else None)


def compact_dictionaries(piece: pa.Table) -> pa.Table:
    """The piece with each large dictionary cut to the values its rows use. A month's piece of a
    batch still points at the batch's whole dictionary (contact ids: up to 600 k values for 80 k
    rows), and the Parquet writer stores a dictionary as given, once per row group: measured,
    half the writing time of the results went into dictionary pages of unused ids."""
    for i, col in enumerate(piece.columns):
        if not pa.types.is_dictionary(col.type):
            continue
        chunks = []
        for ch in col.chunks:
            if len(ch.dictionary) <= 1024 or len(ch.dictionary) <= len(ch) // 8:
                chunks.append(ch)
                continue
            idx = ch.indices.to_numpy(zero_copy_only=False) if not ch.null_count else \
                ch.indices.fill_null(0).to_numpy(zero_copy_only=False)
            used, new = np.unique(idx, return_inverse=True)
            mask = ch.is_null() if ch.null_count else None
            chunks.append(pa.DictionaryArray.from_arrays(
                pa.array(new, type=col.type.index_type,
                         mask=None if mask is None else mask.to_numpy(zero_copy_only=False)),
                ch.dictionary.take(pa.array(used))))
        piece = piece.set_column(i, piece.field(i), pa.chunked_array(chunks, col.type))
    return piece


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



class FirstLoad:
    """`write_months` of turns or results into their empty lake table, on a worker thread (no
    DuckDB there, so the caller's connection stays free for other steps meanwhile).

    `finish()`, on the caller's thread, swaps the files into the lake and books counts,
    redactions, quarantine and the ingest log through `run` (a `warehouse.run.IngestRun`), and
    returns the `MonthWrite`; `cancel()` waits and discards the files. `on_unknown(run, table,
    rows, n)` quarantines the rows of unknown contacts (warehouse.loaders)."""

    def __init__(self, run: Any, table: LakeTable, source_name: str, sha: str | None,
                 data: pa.Table | str | Path, pii: Sequence[PiiColumn], on_unknown: Any,
                 rejected: int = 0, collect: Sequence[str] = (), contacts: ContactIndex | None = None) -> None:
        self.run, self.table, self.source_name, self.sha = run, table, source_name, sha
        self.rejected, self.on_unknown = rejected, on_unknown
        # Every contact (read here: the worker never touches DuckDB); `contacts` when the caller
        # already holds it (turns and results of one run share it).
        self.contacts = contacts if contacts is not None else contact_index(run.wh.con)
        self.out = run.wh.lake.stage(table)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"first-load-{table.name}")
        self._future: Future[MonthWrite] = self._pool.submit(
            write_months, data, table, self.contacts, self.out, pii, collect=collect,
            known_names=dict(getattr(run, "known_names", {}) or {}))
        self._done = False

    def finish(self) -> MonthWrite:
        run, name = self.run, self.table.name
        try:
            w = self._future.result()
        except BaseException:
            self.cancel()
            raise
        self._pool.shutdown()
        self._done = True
        run.wh.lake.commit_staged(self.table, self.out, None)
        run.add_redactions(name, w.redactions)
        self.on_unknown(run, name, w.unknown, w.n_unknown)
        c = TableCounts(added=w.written)
        run.add_counts(name, c)
        run.log(self.source_name, self.sha, name, c, self.rejected + w.n_unknown)
        return w

    def cancel(self) -> None:
        if self._done:
            return
        self._done = True
        try:
            self._future.result()
        except BaseException:  # the caller is already handling an error (or this is it)
            pass
        self._pool.shutdown()
        self.run.wh.lake.discard_staged(self.out)
