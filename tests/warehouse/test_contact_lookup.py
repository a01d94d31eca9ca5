"""warehouse.contact_lookup: vectorised contact_id -> row lookup, exact (hash hits are confirmed)."""
from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest

import warehouse.contact_lookup as ci
from warehouse.contact_lookup import ContactIndex


def _ids(n: int) -> list[str]:
    # varied lengths, multi-byte characters, a shared prefix longer than 8 bytes
    return [f"contact-{i:07d}" if i % 3 else f"c{i}é" for i in range(n)]


def test_lookup_equals_a_dict_for_known_unknown_null_and_prefixes():
    ids = _ids(5000)
    months = [f"2026-{1 + i % 12:02d}" for i in range(5000)]
    index = ContactIndex(pa.array(ids), pa.array(months))
    rng = np.random.default_rng(3)
    queries = [ids[i] for i in rng.integers(0, 5000, 3000)]
    queries += ["nope", "", None, "contact-000000", "contact-00000011", ids[1] + "x", ids[1][:-1]]
    got = index.lookup(pa.array(queries, pa.string()))
    want = {v: i for i, v in enumerate(ids)}
    assert got.tolist() == [want.get(q, -1) if q is not None else -1 for q in queries]
    assert [index.month_names[index.month_of[r]] for r in got[:10]] == [months[want[q]] for q in queries[:10]]
    # sliced and large_string input
    sl = pa.array(queries, pa.large_string()).slice(5, 100)
    assert index.lookup(sl).tolist() == got[5:105].tolist()


def test_hash_collisions_are_settled_exactly(monkeypatch):
    # A hash that maps everything to a handful of values: every lookup collides.
    monkeypatch.setattr(ci, "_hash", lambda rows: (rows.sum(axis=1) % 4).astype(np.uint64))
    ids = _ids(300)
    index = ContactIndex(pa.array(ids), pa.array(["2026-01"] * 300))
    queries = ids[::-1] + ["unknown-id"]
    assert index.lookup(pa.array(queries)).tolist() == list(range(299, -1, -1)) + [-1]


def test_null_contact_ids_are_refused():
    with pytest.raises(ValueError):
        ContactIndex(pa.array(["a", None]), pa.array(["2026-01", "2026-01"]))
