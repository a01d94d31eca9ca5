"""The query layer's examples in docs/warehouse.md run, as written, on the test warehouse."""
from __future__ import annotations

import re
from pathlib import Path

DOC = Path(__file__).resolve().parents[2] / "docs" / "warehouse.md"


def test_query_layer_examples_run(loaded_db, monkeypatch):
    text = DOC.read_text(encoding="utf-8")
    section = text[text.index("## Query layer"):]
    block = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    assert "open_snapshot(\"wh.duckdb\")" in block
    monkeypatch.chdir(loaded_db.parent)  # the example opens "wh.duckdb"
    env: dict = {}
    exec(compile(block, str(DOC), "exec"), env)
    # the example's review moved nivea's pass count by exactly one
    from warehouse import pass_rates

    week = env["week"]
    before = pass_rates(loaded_db, week.but(group_by=("criterion",))).set_index("criterion")
    after = pass_rates(loaded_db, week.but(group_by=("criterion",), reviews=env["decided"])).set_index("criterion")
    assert after.loc["nivea", "passed"] == before.loc["nivea", "passed"] + 1
    assert len(env["c"]) > 0 and set(env["c"]["agent_id"]) <= {"a-03", "a-04"}
