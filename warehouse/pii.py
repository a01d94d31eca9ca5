"""The one redaction of personal data on its way into the warehouse.

Every lake table declares its personal-data text columns (`LakeTable.pii` in warehouse/schema.py:
turn text; result reason and evidence quotes and terms; survey comments; and `QUARANTINE_PII`,
the quarantine's reason and raw row). `redact_pii` redacts those columns of an Arrow table with
`meeluister.redaction.redact` and returns the counts per type; every ingest path calls it:

* the file path (`warehouse.ingest`) on the rows it parsed, before they are loaded;
* the first bulk load (`warehouse.firstload`) on each streamed batch;
* a bulk re-load that DuckDB merges (`redacting_view`: DuckDB hands each vector of the column to
  `redact_values` through an Arrow UDF);
* the quarantine, on the rejected rows.

Most text holds nothing to redact, so each value is first tested against
`meeluister.redaction.CANDIDATE_PATTERN` with RE2 (`candidate_mask`); only matching values go
through `redact()`, each distinct value once per batch. A JSON column (evidence) has only its declared keys' string values redacted,
each on its own, so the JSON stays valid and the counts equal redacting the values one by one.
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from meeluister.redaction import BLOCK_PATTERN, CANDIDATE_PATTERN, merge_counts, redact
from warehouse.lake import q
from warehouse.schema import PiiColumn

# RE2 pre-filter in two steps. Testing 1 M short turns one by one costs mostly per-string
# overhead, so blocks of BLOCK consecutive strings (the same bytes, every BLOCK-th offset: no
# copy) are tested first with BLOCK_PATTERN (the pattern minus its word-boundary parts): a row's match is a substring
# of its block, and dropping assertions only widens the pattern, so every candidate row lies in a
# matching block. The rows of matching blocks then get the exact CANDIDATE_PATTERN: the mask is
# the same as testing every row (tests/warehouse/test_firstload.py), at ~0.6x the CPU.
BLOCK = 16
_BLOCK_PATTERN = BLOCK_PATTERN


def _blocks(col: pa.Array, size: int) -> pa.Array:
    """`col` (string or large_string, no copy) as strings of `size` consecutive values each."""
    large = pa.types.is_large_string(col.type)
    width, typ = (8, np.int64) if large else (4, np.int32)
    off = np.frombuffer(col.buffers()[1], typ, len(col) + 1, col.offset * width)
    cuts = np.append(off[::size], off[-1]) if len(col) % size else off[::size]
    data = col.buffers()[2] or pa.py_buffer(b"")
    cls = pa.LargeStringArray if large else pa.StringArray
    return cls.from_buffers(len(cuts) - 1, pa.py_buffer(np.ascontiguousarray(cuts, typ)), data)


def _plain(col: pa.Array | pa.ChunkedArray) -> pa.Array:
    if isinstance(col, pa.ChunkedArray):
        col = col.combine_chunks() if col.num_chunks != 1 else col.chunk(0)
    if pa.types.is_dictionary(col.type):
        col = col.dictionary_decode()
    if not (pa.types.is_string(col.type) or pa.types.is_large_string(col.type)):
        col = col.cast(pa.string())
    return col


def candidate_mask(col: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """bool per row: the text matches CANDIDATE_PATTERN (NULL: False)."""
    col = _plain(col)
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


@dataclass(frozen=True)
class RedactedValues:
    """A redacted column: the values, the counts per type, and the counts per row that had any
    (row number -> {type: n})."""

    values: pa.Array
    counts: dict[str, int]
    by_row: dict[int, dict[str, int]] = field(default_factory=dict)


def _redact_json(text: str, keys: Sequence[str], found: Counter[str], names: Sequence[str] = ()) -> str:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError:  # not JSON after all: the whole text is free text
        r = redact(text, known_names=names)
        found.update(r.counts)
        return r.text
    items = doc if isinstance(doc, list) else [doc]
    for item in items:
        if not isinstance(item, dict):
            continue
        for k in keys:
            v = item.get(k)
            if isinstance(v, str) and v:
                r = redact(v, known_names=names)
                found.update(r.counts)
                item[k] = r.text
    return json.dumps(doc, ensure_ascii=False)


def redact_values(col: pa.Array | pa.ChunkedArray, column: PiiColumn = PiiColumn("text"),
                  speakers: pa.Array | pa.ChunkedArray | None = None,
                  names: Sequence[Sequence[str] | None] | None = None) -> RedactedValues:
    """Redact one text column (dictionaries decoded): the RE2 pre-filter picks the candidates,
    `redact()` rewrites them (a JSON column: its `json_keys` values one by one). `speakers`: who
    said each text (turns), passed on so an agent's greeting keeps their own name. `names`: per
    row, the customer names known from metadata (rows with any skip the pre-filter: a name needs
    no digit)."""
    col = _plain(col)
    mask = candidate_mask(col)
    if names is not None:
        named = np.fromiter((bool(n) for n in names), bool, len(col))
        mask |= named & ~col.is_null().to_numpy(zero_copy_only=False)
    idx = np.flatnonzero(mask)
    if len(idx) == 0:
        return RedactedValues(col, {})
    total: Counter[str] = Counter()
    by_row: dict[int, dict[str, int]] = {}
    out = []
    take = pa.array(idx)
    who = _plain(speakers).take(take).to_pylist() if speakers is not None else [None] * len(idx)
    # The same value (a quote repeats its turn, "Ja." is said a million times) is redacted once.
    done: dict[tuple[Any, ...], tuple[str, Counter[str]]] = {}
    for i, text, speaker in zip(idx.tolist(), col.take(take).to_pylist(), who):
        known = tuple(names[i] or ()) if names is not None else ()
        key = (text, speaker, known)
        if key in done:
            new, found = done[key]
        else:
            found = Counter()
            if column.json_keys:
                new = _redact_json(text, column.json_keys, found, known)
            else:
                r = redact(text, speaker=speaker, known_names=known)
                found.update(r.counts)
                new = r.text
            done[key] = (new, found)
        out.append(new)
        if found:
            by_row[i] = dict(found)
            total.update(found)
    return RedactedValues(pc.replace_with_mask(col, pa.array(mask), pa.array(out, col.type)), dict(total), by_row)


@dataclass(frozen=True)
class Redaction:
    """`redact_pii`'s answer: the table with its PII columns redacted, the counts per type, and
    per row (row number -> {type: n}, summed over the columns) for the rows that had any."""

    table: pa.Table
    counts: dict[str, int]
    by_row: dict[int, dict[str, int]] = field(default_factory=dict)


KnownNames = Mapping[str, Sequence[str]]  # contact_id -> the customer's names (metadata)


def names_per_row(table: pa.Table, known_names: KnownNames | None, every_row: Sequence[str] = ()) -> list | None:
    """Each row's known customer names: by its contact_id, or `every_row` for all rows (the
    quarantine, whose rows need not name their contact)."""
    if every_row:
        return [tuple(every_row)] * table.num_rows
    if not known_names or "contact_id" not in table.column_names:
        return None
    return [known_names.get(c) if c is not None else None for c in table["contact_id"].to_pylist()]


def redact_pii(data: pa.Table | pa.RecordBatch, columns: Sequence[PiiColumn],
               known_names: KnownNames | None = None, *, every_row_names: Sequence[str] = ()) -> Redaction:
    """Redact the declared personal-data `columns` of `data` (those it has); `known_names`: the
    customer names per contact_id, `every_row_names`: names to look for in every row."""
    table = pa.Table.from_batches([data]) if isinstance(data, pa.RecordBatch) else data
    total: dict[str, int] = {}
    by_row: dict[int, dict[str, int]] = {}
    names = names_per_row(table, known_names, every_row_names)
    for c in columns:
        if c.name not in table.column_names:
            continue
        speakers = table[c.speaker] if c.speaker and c.speaker in table.column_names else None
        r = redact_values(table[c.name], c, speakers, names)
        if not r.counts:
            continue
        table = table.set_column(table.schema.get_field_index(c.name), c.name, r.values)
        total = merge_counts(total, r.counts)
        for i, n in r.by_row.items():
            by_row[i] = merge_counts(by_row.get(i, {}), n)
    return Redaction(table, total, by_row)


class SqlRedactor:
    """The same redaction for a source DuckDB streams into a merge: `view(source, columns)` is a
    temp view of `source` whose PII columns pass through `redact_values` (an Arrow UDF per
    column, given the text, the speaker and the contact id: DuckDB hands it whole vectors).
    `known_names`: the customer names per contact id. Counts gather in `counts()`; `close()`
    unregisters."""

    def __init__(self, con: Any, name: str = "pii", known_names: KnownNames | None = None) -> None:
        self.con = con
        self.name = name
        self.known_names = known_names or {}
        self._found: list[Mapping[str, int]] = []  # list.append is atomic: DuckDB calls from threads
        self._udfs: list[str] = []

    def view(self, source: str, columns: Sequence[PiiColumn], present: Sequence[str]) -> str:
        cols = [c for c in columns if c.name in present]
        if not cols:
            return source
        replace = []
        contact = "s.contact_id" if self.known_names and "contact_id" in present else "NULL::VARCHAR"
        for c in cols:
            udf = f"_meeluister_redact_{self.name}_{c.name}"
            self._drop(udf)
            self.con.create_function(udf, self._udf(c), ["VARCHAR", "VARCHAR", "VARCHAR"], "VARCHAR", type="arrow",
                                     side_effects=False, null_handling="special")
            speaker = f"s.{q(c.speaker)}" if c.speaker and c.speaker in present else "NULL::VARCHAR"
            replace.append(f"{udf}(s.{q(c.name)}, {speaker}, {contact}) AS {q(c.name)}")
            self._udfs.append(udf)
        view = f"_redacted_{self.name}"
        self.con.execute(f"CREATE OR REPLACE TEMP VIEW {view} AS SELECT s.* REPLACE ({', '.join(replace)}) "
                         f"FROM {source} s")
        return view

    def _udf(self, column: PiiColumn) -> Any:
        def fn(values: pa.Array, speakers: pa.Array, contacts: pa.Array) -> pa.Array:
            names = None
            if self.known_names:
                names = [self.known_names.get(c) if c is not None else None for c in contacts.to_pylist()]
            has_speaker = speakers.null_count < len(speakers)
            r = redact_values(values, column, speakers if has_speaker else None, names)
            if r.counts:
                self._found.append(r.counts)
            return r.values

        return fn

    def counts(self) -> dict[str, int]:
        return merge_counts(*self._found)

    def _drop(self, udf: str) -> None:
        try:
            self.con.remove_function(udf)
        except Exception:  # duckdb raises InvalidInputException when it is not registered
            pass

    def close(self) -> None:
        for u in self._udfs:
            self._drop(u)
        self._udfs.clear()
