"""contact_id -> row of the contact table, looked up for whole Arrow arrays at once.

The first bulk load of turns and results needs, for every distinct contact id of every read
batch, the contact's partition month and its position (the packed-key check and the in-memory
marts use it). A Python dict did that at 1.5-3 µs per id on the benchmark machine (a 1 M-entry
hash table is a cache and TLB miss per lookup; ~4 M lookups for turns + results, 12 s CPU with
the GIL held). Here the ids are hashed in numpy from their zero-padded bytes, the needles sorted
so the binary search walks the sorted contact hashes in order, and every hit is confirmed by
comparing the bytes and the length: exact, never a false match. A hash collision between two
contacts (or an id longer than every contact id) is settled by an exact dict lookup.
"""
from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

_MUL = np.uint64(0x9E3779B97F4A7C15)  # 64-bit golden-ratio multiplier (Fibonacci hashing)
_SHIFT = np.uint64(29)


def _string_parts(arr: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """(value offsets [n + 1], data bytes) of a string/large_string array, slices honoured."""
    if pa.types.is_large_string(arr.type):
        width, typ = 8, np.int64
    else:
        if not pa.types.is_string(arr.type):
            arr = arr.cast(pa.string())
        width, typ = 4, np.int32
    bufs = arr.buffers()
    off = np.frombuffer(bufs[1], typ, len(arr) + 1, arr.offset * width).astype(np.int64)
    data = np.frombuffer(bufs[2], np.uint8) if bufs[2] is not None and len(bufs[2]) else np.zeros(1, np.uint8)
    return off, data


def _padded(arr: pa.Array, width: int) -> tuple[np.ndarray, np.ndarray]:
    """The values as rows of `width` bytes (zero-padded, cut at width) and their byte lengths."""
    off, data = _string_parts(arr)
    lens = np.diff(off)
    out = np.zeros((len(arr), width), np.uint8)
    cols = np.arange(width)
    mask = cols[None, :] < np.minimum(lens, width)[:, None]
    out[mask] = data[(off[:-1, None] + cols[None, :])[mask]]
    return out, lens


def _hash(rows: np.ndarray) -> np.ndarray:
    """64-bit hash of each row of a [n, 8k] uint8 matrix."""
    words = rows.view(np.uint64)
    h = np.zeros(len(rows), np.uint64)
    for i in range(words.shape[1]):
        h ^= words[:, i]
        h *= _MUL
        h ^= h >> _SHIFT
    return h


class ContactIndex:
    """The contact ids `ids` (unique) with their partition months; `lookup` maps ids to rows."""

    def __init__(self, ids: pa.Array, months: pa.Array) -> None:
        ids = ids.combine_chunks() if isinstance(ids, pa.ChunkedArray) else ids
        months = months.combine_chunks() if isinstance(months, pa.ChunkedArray) else months
        if ids.null_count:
            raise ValueError("contact ids must not be null")
        self.ids = ids.cast(pa.string()) if ids.type != pa.string() else ids
        names = pc.unique(months).sort() if len(months) else pa.array([], pa.string())
        self.month_names: list[str] = names.to_pylist()
        self.month_of = pc.index_in(months, value_set=names).to_numpy(zero_copy_only=False).astype(np.int64) \
            if len(months) else np.zeros(0, np.int64)  # [n contacts] month code
        lens = pc.binary_length(self.ids).to_numpy(zero_copy_only=False) if len(self.ids) else np.zeros(0)
        self._width = max(8, -(-int(lens.max(initial=0)) // 8) * 8)  # bytes per padded id, multiple of 8
        rows, self._lens = _padded(self.ids, self._width)
        h = _hash(rows)
        self._order = np.argsort(h, kind="stable")
        self._hashes = h[self._order]
        self._rows = rows[self._order]  # hash order: the checks below read it in order
        self._lens_sorted = self._lens[self._order]
        self._exact: dict[str, int] | None = None  # built only if a collision needs it

    def __len__(self) -> int:
        return len(self.ids)

    def as_dict(self) -> dict[str, str]:
        """contact_id -> month (tests, small callers)."""
        return dict(zip(self.ids.to_pylist(), (self.month_names[m] for m in self.month_of)))

    def lookup(self, values: pa.Array) -> np.ndarray:
        """Row of each value in `ids` as int64; -1 for an unknown id or a null."""
        values = values.combine_chunks() if isinstance(values, pa.ChunkedArray) else values
        n = len(values)
        out = np.full(n, -1, np.int64)
        if n == 0 or len(self.ids) == 0:
            return out
        rows, lens = _padded(values, self._width)
        h = _hash(rows)
        q = np.argsort(h, kind="stable")  # sorted needles: the search and checks walk memory in order
        hq = h[q]
        pos = np.minimum(np.searchsorted(self._hashes, hq), len(self._hashes) - 1)
        hit = (self._hashes[pos] == hq) & (self._lens_sorted[pos] == lens[q]) & (lens[q] <= self._width)
        cand = np.flatnonzero(hit)
        hit[cand] = (self._rows[pos[cand]] == rows[q[cand]]).all(axis=1)
        out[q[hit]] = self._order[pos[hit]]
        valid = values.is_valid().to_numpy(zero_copy_only=False) if values.null_count else None
        # A miss whose hash equals some contact's: a collision (or an id cut at the width).
        # Settle those exactly.
        doubt = q[~hit & (self._hashes[pos] == hq)]
        if len(doubt):
            if self._exact is None:
                self._exact = {v: i for i, v in enumerate(self.ids.to_pylist())}
            vals = values.take(pa.array(doubt)).to_pylist()
            out[doubt] = [self._exact.get(v, -1) if v is not None else -1 for v in vals]
        if valid is not None:
            out[~valid] = -1
        return out


def contact_index(con: object) -> ContactIndex:
    """Every contact in the lake (raw_contacts) with its partition month."""
    from warehouse.lake import fetch_arrow

    t = fetch_arrow(con.execute("SELECT contact_id, date FROM raw_contacts"))  # type: ignore[attr-defined]
    return ContactIndex(t["contact_id"], t["date"])
