"""First load of a fact table (turns, results) into an empty lake, written by pyarrow.

Why not DuckDB's `COPY ... PARTITION_BY`: its partitioned writer materialises every row into
per-partition buffers, flattening the dictionary-encoded strings it read (contact ids, speakers,
source files and hashes repeat across a contact's rows); for the 20 M benchmark turns that cost
about 2.3x the CPU of writing the same rows to one file (docs/benchmarks.md). Here the Parquet
input is read with those columns kept as dictionaries, each batch is split by month with one
stable argsort, and the pieces go to one `ParquetWriter` per month on two writer threads while
the next batch is read, so encoding and reading overlap on two cores.

The rows and checks are the same as the SQL path: keys are checked exactly here, rows of
unknown contacts are handed back for the quarantine (not written), and every text value is
tested against `meeluister.redaction.CANDIDATE_PATTERN` with RE2 (`candidate_mask`, the pattern
DuckDB's `regexp_matches` uses in a merge); the matching ones go through `redact()`.
"""
from __future__ import annotations

import glob
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from meeluister.redaction import CANDIDATE_PATTERN, merge_counts, redact
from warehouse.contactindex import ContactIndex
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


# RE2 pre-filter in two steps. Testing 1 M short turns one by one costs mostly per-string
# overhead, so blocks of BLOCK consecutive strings (the same bytes, every BLOCK-th offset: no
# copy) are tested first with the pattern minus its \b assertions: a row's match is a substring
# of its block, and dropping assertions only widens the pattern, so every candidate row lies in a
# matching block. The rows of matching blocks then get the exact CANDIDATE_PATTERN: the mask is
# the same as testing every row (tests/warehouse/test_bulkwrite.py), at ~0.6x the CPU.
BLOCK = 16
_BLOCK_PATTERN = CANDIDATE_PATTERN.replace(r"\b", "")


def _blocks(col: pa.Array, size: int) -> pa.Array:
    """`col` (string or large_string, no copy) as strings of `size` consecutive values each."""
    large = pa.types.is_large_string(col.type)
    width, typ = (8, np.int64) if large else (4, np.int32)
    off = np.frombuffer(col.buffers()[1], typ, len(col) + 1, col.offset * width)
    cuts = np.append(off[::size], off[-1]) if len(col) % size else off[::size]
    data = col.buffers()[2] or pa.py_buffer(b"")
    cls = pa.LargeStringArray if large else pa.StringArray
    return cls.from_buffers(len(cuts) - 1, pa.py_buffer(np.ascontiguousarray(cuts, typ)), data)


def candidate_mask(col: pa.Array) -> np.ndarray:
    """bool per row: the text matches CANDIDATE_PATTERN (NULL: False)."""
    if pa.types.is_dictionary(col.type):
        col = col.dictionary_decode()
    if not (pa.types.is_string(col.type) or pa.types.is_large_string(col.type)):
        col = col.cast(pa.string())
    n = len(col)
    mask = np.zeros(n, bool)
    if n == 0:
        return mask
    hit_blocks = pc.match_substring_regex(_blocks(col, BLOCK), _BLOCK_PATTERN).to_numpy(zero_copy_only=False)
    rows = np.flatnonzero(np.repeat(hit_blocks, BLOCK)[:n])
    if len(rows):
        exact = pc.fill_null(pc.match_substring_regex(col.take(pa.array(rows)), CANDIDATE_PATTERN), False)
        mask[rows[exact.to_numpy(zero_copy_only=False)]] = True
    return mask


def redact_text_column(col: pa.Array | pa.ChunkedArray) -> tuple[pa.Array, dict[str, int]]:
    """Redact a string column: the RE2 pre-filter picks the candidates, `redact()` rewrites them.
    Returns the column (dictionaries decoded) and the redaction counts per kind."""
    if isinstance(col, pa.ChunkedArray):
        col = col.combine_chunks()
    if pa.types.is_dictionary(col.type):
        col = col.dictionary_decode()
    mask = candidate_mask(col)
    idx = np.flatnonzero(mask)
    if len(idx) == 0:
        return col, {}
    counts: Counter[str] = Counter()
    out = []
    for text in col.take(pa.array(idx)).to_pylist():
        r = redact(text)
        counts.update(r.counts)
        out.append(r.text)
    return pc.replace_with_mask(col, pa.array(mask), pa.array(out, col.type)), dict(counts)


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
                 out: Path, redact_column: str | None, max_unknown: int = 100_000,
                 collect: Sequence[str] = ()) -> MonthWrite:
    """Write `data` (Parquet path/glob or Arrow table, the table's columns minus contact_date)
    under `out/date=<month>/data_0.parquet`. Rows whose contact is not in `contacts` (an index or
    a contact_id -> month mapping) are not written but returned for the quarantine. The key
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
            piece = _compact_dictionaries(piece)
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
                kept = batch.take(pa.array(order))
                if redact_column:
                    i = kept.schema.get_field_index(redact_column)
                    redacted, counts = redact_text_column(kept.column(i))
                    if counts:
                        found.append(counts)
                    kept = kept.set_column(i, redact_column, redacted)
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


def _compact_dictionaries(piece: pa.Table) -> pa.Table:
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


def contact_months(con: object) -> ContactIndex:
    """Every contact in the lake with its partition month (warehouse.contactindex)."""
    from warehouse.contactindex import contact_index

    return contact_index(con)
