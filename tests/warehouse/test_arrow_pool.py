"""A writing connection puts Arrow on the allocator its options name (peak memory of the load)."""
from __future__ import annotations

import pyarrow as pa
import pytest

from warehouse.db import DbOptions, connect


@pytest.fixture()
def restore_pool():
    before = pa.default_memory_pool()
    yield
    pa.set_memory_pool(before)


def test_a_writer_uses_the_system_pool_by_default_and_none_leaves_it(tmp_path, restore_pool):
    pa.set_memory_pool(pa.mimalloc_memory_pool())
    connect(tmp_path / "a.duckdb", DbOptions(arrow_memory_pool=None)).close()
    assert pa.default_memory_pool().backend_name == "mimalloc"
    connect(tmp_path / "b.duckdb").close()
    assert pa.default_memory_pool().backend_name == "system"


def test_an_unknown_pool_is_refused_naming_the_option(tmp_path, restore_pool):
    with pytest.raises(ValueError, match=r"DbOptions.arrow_memory_pool: 'tcmalloc' is not one of"):
        connect(tmp_path / "c.duckdb", DbOptions(arrow_memory_pool="tcmalloc"))
