"""The labelled dev set (skipped when absent): every labelled criterion at >= 0.90."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
from qa_accuracy import DEFAULT_DATA, evaluate  # noqa: E402

pytestmark = pytest.mark.skipif(not (DEFAULT_DATA / "labels.jsonl").exists(), reason="no dev set")


def test_dev_set_accuracy():
    out = evaluate(DEFAULT_DATA)
    for crit, rows in out["per"].items():
        acc = sum(w == g for _, w, g in rows) / len(rows)
        assert acc >= 0.9, (crit, acc)
    assert out["tp"] / max(1, out["tp"] + out["fp"]) >= 0.9
    assert out["tp"] / max(1, out["tp"] + out["fn"]) >= 0.9
