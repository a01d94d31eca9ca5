"""The labelled dev set (skipped when absent): every labelled criterion at >= 0.90."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from qa.evaluation import evaluate

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA = Path(os.environ.get("MEELUISTER_EVAL_DEV") or ROOT.parent / "shared" / "eval" / "dev")

pytestmark = pytest.mark.skipif(not (DEFAULT_DATA / "labels.jsonl").exists(), reason="no dev set")


def test_dev_set_accuracy():
    out = evaluate(DEFAULT_DATA)
    for crit, rows in out["per"].items():
        acc = sum(w == g for _, w, g in rows) / len(rows)
        assert acc >= 0.9, (crit, acc)
    assert out["tp"] / max(1, out["tp"] + out["fp"]) >= 0.9
    assert out["tp"] / max(1, out["tp"] + out["fn"]) >= 0.9
