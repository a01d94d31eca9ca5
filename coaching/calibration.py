"""Calibration of the automatic grades against a quality analyst's (human) grades.

Input CSV (documented in docs/coaching.md), one row per human grade:

    contact_id,criterion,outcome,grader
    c-000012,nivea,fail,qa-anna

`outcome` is pass, fail or n/a. Each row is paired with the warehouse's *automatic* outcome of
that contact and criterion (`warehouse.results`: `auto_outcome`, before any review). Per
criterion, and per criterion x language and criterion x channel: n, observed agreement, Cohen's
kappa with its asymptotic 95% interval (statsmodels `cohens_kappa`), the confusion table
(automatic rows x human columns) and the contacts where they disagree. A criterion whose overall
kappa is below `CalibrationOptions.kappa_floor` (with at least `min_n` pairs) turns advisory: the
run is stored in the operational store, and `advisory_criteria(store)` feeds
`Query(exclude_criteria=...)`, so the criterion is shown with evidence but not counted.
"""
from __future__ import annotations

import csv
import io
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

import numpy as np
import pandas as pd

from coaching.options import CalibrationOptions
from meeluister.errors import InputError

logger = logging.getLogger(__name__)

OUTCOMES = ("pass", "fail", "n/a")
COLUMNS = ("contact_id", "criterion", "outcome", "grader")


@dataclass(frozen=True)
class Agreement:
    criterion: str
    language: str  # '*' = all
    channel: str  # '*' = all
    n: int
    agreement: float | None
    kappa: float | None
    kappa_low: float | None
    kappa_high: float | None
    confusion: tuple[tuple[int, ...], ...]  # rows: automatic pass/fail/n-a; columns: human
    disagreements: tuple[tuple[str, str, str, str], ...]  # (contact_id, automatic, human, grader)
    advisory: bool = False


@dataclass(frozen=True)
class CalibrationReport:
    rows: tuple[Agreement, ...]
    unmatched: tuple[str, ...] = ()  # input lines without an automatic result (one line each)
    rejected: tuple[str, ...] = ()  # malformed input lines
    advisory: tuple[str, ...] = field(default=())


def read_human(path: str | Path) -> tuple[pd.DataFrame, list[str]]:
    """The human grades; malformed rows are listed (file, line, cause), not fatal."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, f"cannot read: {exc}") from None
    dialect = csv.Sniffer().sniff(text.splitlines()[0]) if text.strip() else csv.excel
    reader = csv.DictReader(io.StringIO(text), delimiter=dialect.delimiter)
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in COLUMNS[:3] if c not in header]
    if missing:
        raise InputError(path, f"missing column(s) {missing}; expected {', '.join(COLUMNS)}", where="header")
    rows, bad = [], []
    for lineno, raw in enumerate(reader, start=2):
        r = {k.strip().lower(): (v or "").strip() for k, v in raw.items() if k}
        out = r.get("outcome", "").lower()
        if not r.get("contact_id") or not r.get("criterion"):
            bad.append(f"{path}: line {lineno}: contact_id and criterion are required")
            continue
        if out not in OUTCOMES:
            bad.append(f"{path}: line {lineno}: outcome {r.get('outcome')!r} is not one of {OUTCOMES}")
            continue
        rows.append({"contact_id": r["contact_id"], "criterion": r["criterion"], "human": out,
                     "grader": r.get("grader") or "?"})
    return pd.DataFrame(rows, columns=["contact_id", "criterion", "human", "grader"]), bad


def kappa(table: np.ndarray, level: float = 0.95) -> tuple[float | None, float | None, float | None]:
    """Cohen's kappa of a square confusion table with its asymptotic interval (statsmodels)."""
    from statsmodels.stats.inter_rater import cohens_kappa

    t = np.asarray(table, dtype=float)
    keep = (t.sum(axis=0) + t.sum(axis=1)) > 0  # categories neither side used
    t = t[np.ix_(keep, keep)]
    n = t.sum()
    if n == 0:
        return None, None, None
    if t.shape[0] < 2:
        return 1.0, 1.0, 1.0  # one category on both sides: perfect but uninformative agreement
    pe = float((t.sum(axis=0) * t.sum(axis=1)).sum() / n**2)
    if pe >= 1:
        return None, None, None
    from statistics import NormalDist

    with np.errstate(invalid="ignore", divide="ignore"):  # its z test divides by 0 at perfect agreement
        r = cohens_kappa(t)  # kappa and its asymptotic standard error (Fleiss, Cohen & Everitt 1969)
    z = NormalDist().inv_cdf(0.5 + level / 2)
    k, se = float(r.kappa), float(r.std_kappa)
    return k, max(-1.0, k - z * se), min(1.0, k + z * se)


def _agreement(crit: str, lang: str, chan: str, df: pd.DataFrame, opts: CalibrationOptions) -> Agreement:
    idx = {o: i for i, o in enumerate(OUTCOMES)}
    t = np.zeros((3, 3), dtype=int)
    for a, h in zip(df["auto"], df["human"]):
        t[idx[a], idx[h]] += 1
    n = int(t.sum())
    k, lo, hi = kappa(t, opts.level)
    dis = df[df["auto"] != df["human"]]
    return Agreement(crit, lang, chan, n, float(np.trace(t)) / n if n else None, k, lo, hi,
                     tuple(tuple(int(x) for x in row) for row in t),
                     tuple((str(r.contact_id), str(r.auto), str(r.human), str(r.grader)) for r in dis.itertuples()),
                     advisory=bool(lang == "*" and chan == "*" and n >= opts.min_n and (k is None or k < opts.kappa_floor)))


def calibrate(con: Any, human: str | Path | pd.DataFrame, options: CalibrationOptions | None = None) -> CalibrationReport:
    """Compare human grades with the warehouse's automatic outcomes (see the module docstring)."""
    from warehouse import Query, contacts, results

    opts = options or CalibrationOptions()
    bad: list[str] = []
    if isinstance(human, pd.DataFrame):
        h = human
    else:
        h, bad = read_human(human)
    if h.empty:
        return CalibrationReport((), (), tuple(bad))
    crits = tuple(sorted(h["criterion"].unique()))
    auto = results(con, Query(filters={"criterion": crits}))[["contact_id", "criterion", "auto_outcome"]]
    auto = auto[auto["contact_id"].isin(set(h["contact_id"]))]
    meta = contacts(con, Query())[["contact_id", "language", "channel"]]
    m = h.merge(auto, on=["contact_id", "criterion"], how="left").merge(meta, on="contact_id", how="left")
    unmatched = tuple(f"{r.contact_id}/{r.criterion}: no automatic result in the warehouse"
                      for r in m[m["auto_outcome"].isna()].itertuples())
    m = m.dropna(subset=["auto_outcome"]).rename(columns={"auto_outcome": "auto"})
    rows: list[Agreement] = []
    for crit, g in m.groupby("criterion", sort=True):
        rows.append(_agreement(str(crit), "*", "*", g, opts))
        for lang, gl in g.groupby("language", sort=True):
            rows.append(_agreement(str(crit), str(lang), "*", gl, opts))
        for chan, gc in g.groupby("channel", sort=True):
            rows.append(_agreement(str(crit), "*", str(chan), gc, opts))
    advisory = tuple(r.criterion for r in rows if r.advisory)
    return CalibrationReport(tuple(rows), unmatched, tuple(bad), advisory)


def save(store: Any, report: CalibrationReport, *, source: str, options: CalibrationOptions | None = None,
         by: str = "calibrate") -> int:
    """Store the run; its overall rows decide which criteria are advisory from now on."""
    from opstore import calibration as cal

    opts = options or CalibrationOptions()
    return cal.save_run(store, [cal.CalibrationRow(r.criterion, r.language, r.channel, r.n, r.agreement, r.kappa,
                                                   r.kappa_low, r.kappa_high, r.advisory) for r in report.rows],
                        source=source, kappa_floor=opts.kappa_floor, by=by)


def advisory_criteria(store: Any) -> list[str]:
    from opstore import calibration as cal

    return cal.advisory_criteria(store)


def confusion_text(r: Agreement) -> str:
    lines = ["auto \\ human  " + "  ".join(f"{o:>5}" for o in OUTCOMES)]
    for o, row in zip(OUTCOMES, r.confusion):
        lines.append(f"{o:>12}  " + "  ".join(f"{x:>5}" for x in row))
    return "\n".join(lines)


def rows_frame(rows: Sequence[Agreement]) -> pd.DataFrame:
    return pd.DataFrame([{"criterion": r.criterion, "language": r.language, "channel": r.channel, "n": r.n,
                          "agreement": r.agreement, "kappa": r.kappa, "kappa_low": r.kappa_low,
                          "kappa_high": r.kappa_high, "advisory": r.advisory, "disagreements": len(r.disagreements)}
                         for r in rows])
