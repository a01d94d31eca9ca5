"""Redaction speed on turn texts (issue 9, docs/benchmarks.md "Redaction (issue 9)").

    python benchmarks/redaction_speed.py [--n 100000] [--old PATH_TO_OLD_redaction.py]

Builds N turn texts the way `benchmarks/warehouse.py` does (its sentence pool, 0.2 % with PII)
and, as a harder mix, N turn texts drawn from the dev transcripts (../shared/eval/dev, when
present: real dialogue, many numbers and names), then times `warehouse.pii.redact_values` (RE2
pre-filter + `redact()` on the candidates) and reports the share of texts the pre-filter passes (identical values in a batch are redacted
once), and `redact()`'s cost per distinct candidate text of the dev transcripts.
`--old FILE`: the same with a single-module redactor from before issue 9 (its CANDIDATE_PATTERN
and redact), for a before/after figure.
"""
from __future__ import annotations

import argparse
import glob
import importlib.util
import json
import re
import sys
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def pools(n: int) -> dict[str, list[str]]:
    spec = importlib.util.spec_from_file_location("bench_warehouse", Path(__file__).with_name("warehouse.py"))
    wb = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(wb)  # type: ignore[union-attr]
    SENTENCES, PII_SENTENCES = wb.SENTENCES, wb.PII_SENTENCES
    rng = np.random.default_rng(1)
    pick = rng.integers(0, len(SENTENCES), n)
    pii = rng.random(n) < 0.002
    bench = [PII_SENTENCES[rng.integers(0, len(PII_SENTENCES))] if p else SENTENCES[i] for i, p in zip(pick, pii)]
    out = {"warehouse benchmark pool": bench}
    dev = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "dev"
    texts = []
    for f in sorted(glob.glob(str(dev / "*.json"))):
        try:
            texts += [t["text"] for t in json.loads(Path(f).read_text(encoding="utf-8"))["turns"]]
        except (KeyError, ValueError, TypeError):
            continue
    if texts:
        out["dev transcripts"] = [texts[i] for i in rng.integers(0, len(texts), n)]
    return out


def time_new(texts: list[str]) -> tuple[float, float]:
    from warehouse.pii import candidate_mask, redact_values
    from warehouse.schema import PiiColumn

    col = pa.array(texts, pa.string())
    share = float(candidate_mask(col).mean())
    t0 = time.perf_counter()
    redact_values(col, PiiColumn("text"))
    return time.perf_counter() - t0, share


def time_old(texts: list[str], path: Path) -> tuple[float, float]:
    mod = _old(path)
    col = pa.array(texts, pa.string())
    t0 = time.perf_counter()
    mask = pc.fill_null(pc.match_substring_regex(col, mod.CANDIDATE_PATTERN), False).to_numpy(zero_copy_only=False)
    for i in np.flatnonzero(mask).tolist():
        mod.redact(texts[i])
    return time.perf_counter() - t0, float(mask.mean())


def per_text(texts: list[str], fn, pattern: str) -> tuple[float, int]:
    """Microseconds per distinct candidate text for `fn` (no batching, no repeats)."""
    cand = sorted({t for t in texts if re.search(pattern, t)})
    t0 = time.perf_counter()
    for _ in range(5):
        for t in cand:
            fn(t)
    return (time.perf_counter() - t0) / (5 * max(1, len(cand))) * 1e6, len(cand)


def _old(path: Path):
    spec = importlib.util.spec_from_file_location("old_redaction", path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules["old_redaction"] = mod
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--old", type=Path, default=None)
    a = ap.parse_args()
    from meeluister.redaction import CANDIDATE_PATTERN, redact

    print("| texts | redactor | pre-filter passes | seconds | texts/s |\n|---|---|---|---|---|")
    for name, texts in pools(a.n).items():
        runs = [("issue 9", time_new)] + ([("before", lambda t: time_old(t, a.old))] if a.old else [])
        for label, fn in runs:
            fn(texts[:2000])  # warm up
            secs, share = fn(texts)
            print(f"| {name} ({a.n:,}) | {label} | {share:.1%} | {secs:.2f} | {a.n / secs:,.0f} |")
    dev = pools(1000).get("dev transcripts")
    if dev is not None:
        texts = sorted(set(pools(a.n)["dev transcripts"]))
        us, n = per_text(texts, redact, CANDIDATE_PATTERN)
        line = f"\nredact() per distinct candidate text of the dev transcripts ({n} texts): {us:.0f} us"
        if a.old:
            old = _old(a.old)
            us_old, n_old = per_text(texts, old.redact, old.CANDIDATE_PATTERN)
            line += f"; before: {us_old:.0f} us ({n_old} texts)"
        print(line)


if __name__ == "__main__":
    main()
