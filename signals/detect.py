"""Spike detection over reasons and emerging topics: `detect_frames` (pure, on DataFrames) and
`detect` (on the warehouse, through its query layer). docs/signals.md.

    from signals import detect, SignalOptions
    report = detect("wh.duckdb", since=date(2026, 11, 1), until=date(2026, 11, 30))
    for a in report.alerts: print(a.topic, a.start, a.count, a.expected, a.p_adjusted, a.channels)

Counts per period (day or hour) for every reason a contact has and for every emerging topic
(`signals.topics`) are tested against the weekday/hour baseline of `signals.baseline`. False
alarms are controlled over all topics x tested periods of the run: Bonferroni (the chance of any
false alarm in the run is at most `alpha`) or Benjamini-Hochberg (the expected share of false
alerts is at most `alpha`). An alert also needs `min_count` contacts and `min_ratio` times the
expected count. Consecutive alerted periods of a topic are one alert.
"""
from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any, Callable

import numpy as np
import pandas as pd

from meeluister.progress import ProgressHook, null_hook
from signals.baseline import AlarmRule, BaselineOptions, fit_sequential, upper_tail
from signals.taxonomy import OTHER
from signals.topics import TopicModel, TopicOptions, discover

logger = logging.getLogger(__name__)

PERIODS = ("day", "hour")
CORRECTIONS = ("bonferroni", "bh")


@dataclass(frozen=True)
class SignalOptions:
    """Every default of the spike detection (the CLI and the dashboard read them from here)."""

    by: str = "day"  # day | hour
    alpha: float = 0.05  # false-alarm level over all topics x tested periods of a run
    correction: str = "bonferroni"  # bonferroni | bh
    min_count: int = 5  # an alert needs at least this many contacts in the period
    min_ratio: float = 1.5  # ... and this many times the expected count
    topics: bool = True  # discover emerging topics
    max_examples: int = 3
    example_chars: int = 240
    baseline: BaselineOptions = field(default_factory=BaselineOptions)
    topic: TopicOptions = field(default_factory=TopicOptions)

    def __post_init__(self) -> None:
        if self.by not in PERIODS:
            raise ValueError(f"by: choose from {PERIODS}, not {self.by!r}")
        if self.correction not in CORRECTIONS:
            raise ValueError(f"correction: choose from {CORRECTIONS}, not {self.correction!r}")
        if not 0 < self.alpha < 1:
            raise ValueError(f"alpha must be in (0, 1), not {self.alpha}")


@dataclass(frozen=True)
class Alert:
    topic: str  # a reason id, or "topic:<terms>" for an emerging topic
    kind: str  # reason | emerging
    terms: tuple[str, ...]  # an emerging topic's top terms (empty for a reason)
    start: str  # first alerted period (ISO date, or date and hour)
    end: str  # last alerted period of the run of consecutive alerts
    periods: int
    count: int  # contacts in the alerted periods
    expected: float  # their expected number under the baseline
    ratio: float
    pvalue: float  # the smallest tail probability of the alerted periods
    p_adjusted: float  # ... after the correction over topics x periods
    z: float  # (count - expected) / sd in the first period
    first_count: int  # contacts in the first period
    first_expected: float
    channels: tuple[str, ...]  # channels whose own excess is significant, largest first
    languages: tuple[str, ...]
    by_channel: dict[str, int]
    by_language: dict[str, int]
    examples: tuple[dict[str, Any], ...]  # contact_id, started_at, channel, language, text (redacted)
    explained_by: tuple[str, ...] = ()  # for "other": emerging topics alerted in the same period

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["terms"] = list(self.terms)
        d["channels"] = list(self.channels)
        d["languages"] = list(self.languages)
        d["examples"] = list(self.examples)
        d["explained_by"] = list(self.explained_by)
        return d


@dataclass
class SignalReport:
    by: str
    since: str
    until: str
    options: SignalOptions
    series: pd.DataFrame  # topic, kind, period, count, expected, limit, pvalue, alert
    alerts: list[Alert]
    topics: list[dict[str, Any]]  # emerging topics: id, terms, size, coherence, languages
    contacts: int
    threshold: float  # the per-test level: alpha / tests (Bonferroni), alpha * k / tests (BH, k alerts)
    membership: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["contact_id", "topic"]))


def _period_index(ts: pd.Series, by: str) -> pd.Series:
    t = pd.to_datetime(ts)
    if getattr(t.dt, "tz", None) is not None:
        t = t.dt.tz_convert("Europe/Amsterdam").dt.tz_localize(None)
    return t.dt.floor("h") if by == "hour" else t.dt.floor("D")


def _bh(p: np.ndarray, alpha: float) -> tuple[np.ndarray, np.ndarray, float]:
    """Benjamini-Hochberg over the finite p-values: (reject, adjusted, largest accepted p)."""
    flat = p.ravel()
    ok = np.isfinite(flat)
    m = int(ok.sum())
    adj = np.full(flat.shape, np.nan)
    rej = np.zeros(flat.shape, dtype=bool)
    if m == 0:
        return rej.reshape(p.shape), adj.reshape(p.shape), alpha
    pv = flat[ok]
    order = np.argsort(pv)
    ranked = pv[order] * m / np.arange(1, m + 1)
    a = np.minimum.accumulate(ranked[::-1])[::-1].clip(max=1.0)
    adj_ok = np.empty(m)
    adj_ok[order] = a
    adj[ok] = adj_ok
    rej[ok] = adj_ok <= alpha
    k = int(rej[ok].sum())
    thr = alpha * max(k, 1) / m  # the BH critical value (Bonferroni's when nothing is rejected)
    return rej.reshape(p.shape), adj.reshape(p.shape), thr


def _affected(obs: pd.Series, base: pd.Series, expected_total: float, share_of_excess: float = 0.1) -> tuple[str, ...]:
    """Values (channels, languages) whose count in the alert exceeds their baseline share of the
    expected total beyond chance (one-sided, 1 % Bonferroni-corrected over the values) and that
    carry at least `share_of_excess` of the alert's excess, largest excess first."""
    if obs.empty:
        return ()
    if base.sum() == 0:  # a topic without history: every value it arrives through
        return tuple(str(k) for k, o in obs.sort_values(ascending=False).items() if o >= 2)
    share = base / base.sum()
    excess_total = max(float(obs.sum()) - expected_total, 1.0)
    level = 0.01 / max(len(set(obs.index) | set(base.index)), 1)
    out = []
    for k, o in obs.sort_values(ascending=False).items():
        e = float(share.get(k, 0.0)) * expected_total
        e_s = max(e, 0.5)
        p = float(upper_tail(np.array([o]), np.array([e_s]), np.array([e_s + e_s ** 2 / max(base.sum(), 1)]))[0])
        if p < level and o - e >= max(2.0, share_of_excess * excess_total):
            out.append((o - e, str(k)))
    return tuple(k for _, k in sorted(out, reverse=True))


def detect_frames(contacts: pd.DataFrame, reasons: pd.DataFrame, options: SignalOptions | None = None,
                  since: date | None = None, until: date | None = None,
                  example_text: Callable[[str], str] | None = None,
                  hook: ProgressHook = null_hook) -> SignalReport:
    """Spike alerts from a contacts frame (contact_id, started_at, channel, language, text) and a
    reasons frame (contact_id, reason, confidence; one row per contact and reason).

    The contacts should reach `baseline.window_days` before `since`, so the first tested period
    has its history. `example_text(contact_id)` gives an example's redacted text (default: the
    frame's `text`)."""
    o = options or SignalOptions()
    c = contacts.reset_index(drop=True).copy()
    c["period"] = _period_index(c["started_at"], o.by)
    c = c[c["period"].notna()].reset_index(drop=True)
    per_day = 24 if o.by == "hour" else 1
    step = pd.Timedelta(hours=1) if o.by == "hour" else pd.Timedelta(days=1)
    first = c["period"].min() if len(c) else pd.Timestamp(since or date.today())
    last_data = c["period"].max() if len(c) else first
    p_until = pd.Timestamp(until) + pd.Timedelta(days=1) - step if until else last_data
    p_since = pd.Timestamp(since) if since else first + pd.Timedelta(days=o.baseline.min_history_days)
    grid = pd.date_range(min(first, p_since), max(p_until, p_since), freq=step)
    c = c[(c["period"] >= grid[0]) & (c["period"] <= grid[-1])].reset_index(drop=True)
    P = len(grid)
    pidx = ((c["period"] - grid[0]) // step).astype(np.int64).to_numpy()
    hook("signals", completed=1, total=5)

    # topics: every reason present, then the emerging topics
    r = reasons[reasons["contact_id"].isin(c["contact_id"])]
    row_of = pd.Series(np.arange(len(c)), index=c["contact_id"].to_numpy())
    row_of = row_of[~row_of.index.duplicated()]
    r_rows = row_of.reindex(r["contact_id"].to_numpy()).to_numpy()
    reason_ids = sorted(r["reason"].unique().tolist())
    model = TopicModel([], np.full(len(c), -1), np.zeros(len(c)))
    if o.topics and len(c):
        if o.topic.population == "other":
            # contacts no reason fits (only "other", or not classified)
            has_reason = r.loc[r["reason"] != OTHER, "contact_id"].unique()
            pop = np.flatnonzero(~c["contact_id"].isin(has_reason).to_numpy())
        else:
            pop = np.arange(len(c))
        texts = c["text"].fillna("").to_numpy(dtype=object)[pop].tolist() if "text" in c else [""] * len(pop)
        langs = c["language"].fillna("nl").to_numpy(dtype=object)[pop].tolist()
        day_no = ((c["period"].dt.floor("D") - grid[0].floor("D")) // pd.Timedelta(days=1)).to_numpy()[pop]
        sub = discover(texts, langs, o.topic, days=day_no)
        model.topics = sub.topics
        model.assignment[pop] = sub.assignment
        model.similarity[pop] = sub.similarity
    hook("signals", completed=2, total=5)
    names = reason_ids + [t.id for t in model.topics]
    kinds = ["reason"] * len(reason_ids) + ["emerging"] * len(model.topics)
    T = len(names)
    counts = np.zeros((T, P))
    rid = pd.Series(np.arange(len(reason_ids)), index=reason_ids)
    if len(r):
        np.add.at(counts, (rid.reindex(r["reason"]).to_numpy(), pidx[r_rows]), 1.0)
    a = model.assignment
    if len(model.topics):
        m = a >= 0
        np.add.at(counts, (len(reason_ids) + a[m], pidx[m]), 1.0)
    volume = np.bincount(pidx, minlength=P).astype(float)
    weekday = grid.weekday.to_numpy()
    hour = grid.hour.to_numpy() if o.by == "hour" else None
    test_from = int(np.searchsorted(grid, p_since))
    n_tested = T * max(P - max(test_from, o.baseline.min_history_days * per_day), 1)
    thr = o.alpha / max(n_tested, 1)
    fit, flags = fit_sequential(counts, volume, weekday, hour, per_day, test_from,
                                AlarmRule(thr, o.min_count, o.min_ratio), o.baseline)
    hook("signals", completed=3, total=5)
    with np.errstate(invalid="ignore"):
        padj = np.minimum(fit.pvalue * n_tested, 1.0)
    if o.correction == "bh":
        rej, padj, thr = _bh(fit.pvalue, o.alpha)
        flags = rej & (counts >= o.min_count) & (counts >= o.min_ratio * np.nan_to_num(fit.expected))
    limit = _limit(fit.expected, fit.variance, thr)

    alerts = _alerts(c, r, r_rows, pidx, names, kinds, model, counts, fit, padj, flags, grid, o, example_text)
    hook("signals", completed=4, total=5)
    tested = ~np.isnan(fit.expected)
    ti, pi = np.nonzero(tested)
    series = pd.DataFrame({
        "topic": np.array(names, dtype=object)[ti], "kind": np.array(kinds, dtype=object)[ti],
        "period": grid[pi], "count": counts[ti, pi].astype(int), "expected": fit.expected[ti, pi],
        "limit": limit[ti, pi], "pvalue": fit.pvalue[ti, pi], "p_adjusted": padj[ti, pi],
        "alert": flags[ti, pi]})
    topics = [{"id": t.id, "terms": list(t.terms), "size": t.size, "coherence": t.coherence,
               "languages": t.languages} for t in model.topics]
    hook("signals", completed=5, total=5)
    fmt = "%Y-%m-%dT%H:00" if o.by == "hour" else "%Y-%m-%d"
    m = model.assignment >= 0
    membership = pd.DataFrame({"contact_id": c["contact_id"].to_numpy()[m],
                               "topic": np.array([t.id for t in model.topics] or [""], dtype=object)[model.assignment[m]]
                               if m.any() else np.array([], dtype=object)})
    return SignalReport(o.by, p_since.strftime(fmt), p_until.strftime(fmt), o, series, alerts, topics,
                        int(len(c)), float(thr), membership)


def _limit(mu: np.ndarray, var: np.ndarray, level: float) -> np.ndarray:
    """The control limit: the smallest count whose tail probability is below `level`."""
    from scipy import stats

    out = np.full(mu.shape, np.nan)
    ok = np.isfinite(mu)
    if not ok.any() or level <= 0:
        return out
    m = np.maximum(mu[ok], 1e-9)
    v = np.maximum(var[ok], m * (1 + 1e-6))
    rr = m ** 2 / (v - m)
    out[ok] = stats.nbinom.isf(level, rr, m / v) + 1
    return out


def _alerts(c: pd.DataFrame, r: pd.DataFrame, r_rows: np.ndarray, pidx: np.ndarray, names: list[str],
            kinds: list[str], model: TopicModel, counts: np.ndarray, fit: Any, padj: np.ndarray,
            flags: np.ndarray, grid: pd.DatetimeIndex, o: SignalOptions,
            example_text: Callable[[str], str] | None) -> list[Alert]:
    fmt = "%Y-%m-%dT%H:00" if o.by == "hour" else "%Y-%m-%d"
    n_reasons = sum(k == "reason" for k in kinds)
    W = o.baseline.window_days * (24 if o.by == "hour" else 1)
    out: list[Alert] = []
    conf = r["confidence"].to_numpy() if "confidence" in r else np.ones(len(r))
    for t, name in enumerate(names):
        ps = np.flatnonzero(flags[t])
        if not len(ps):
            continue
        runs = np.split(ps, np.flatnonzero(np.diff(ps) > 1) + 1)
        if kinds[t] == "reason":
            sel = r["reason"].to_numpy() == name
            rows, score = r_rows[sel], conf[sel]
            terms: tuple[str, ...] = ()
        else:
            rows = np.flatnonzero(model.assignment == t - n_reasons)
            score = model.similarity[rows]
            terms = model.topics[t - n_reasons].terms
        rp = pidx[rows]
        for run in runs:
            p0, p1 = int(run[0]), int(run[-1])
            in_alert = (rp >= p0) & (rp <= p1)
            in_base = (rp >= p0 - W) & (rp < p0) & ~np.isin(rp, np.flatnonzero(flags[t]))
            ac = c.iloc[rows[in_alert]]
            bc = c.iloc[rows[in_base]]
            exp_total = float(np.nansum(fit.expected[t, p0:p1 + 1]))
            cnt = int(counts[t, p0:p1 + 1].sum())
            # examples: the first period's most typical contacts
            first = rows[(rp == p0)]
            fscore = score[rp == p0]
            ex_rows = first[np.argsort(-fscore, kind="stable")][: o.max_examples]
            examples = []
            for i in ex_rows:
                row = c.iloc[int(i)]
                text = example_text(str(row["contact_id"])) if example_text else str(row.get("text") or "")
                examples.append({"contact_id": str(row["contact_id"]), "started_at": str(row["started_at"]),
                                 "channel": str(row["channel"]), "language": str(row["language"]),
                                 "text": text[: o.example_chars]})
            out.append(Alert(
                topic=name, kind=kinds[t], terms=terms, start=grid[p0].strftime(fmt), end=grid[p1].strftime(fmt),
                periods=p1 - p0 + 1, count=cnt, expected=round(exp_total, 3),
                ratio=round(cnt / max(exp_total, 1e-9), 3),
                pvalue=float(np.nanmin(fit.pvalue[t, p0:p1 + 1])), p_adjusted=float(np.nanmin(padj[t, p0:p1 + 1])),
                z=round(float(fit.z[t, p0]), 2), first_count=int(counts[t, p0]),
                first_expected=round(float(fit.expected[t, p0]), 3),
                channels=_affected(ac["channel"].value_counts(), bc["channel"].value_counts(), exp_total),
                languages=_affected(ac["language"].value_counts(), bc["language"].value_counts(), exp_total),
                by_channel={str(k): int(v) for k, v in ac["channel"].value_counts().items()},
                by_language={str(k): int(v) for k, v in ac["language"].value_counts().items()},
                examples=tuple(examples)))
    # "other" spikes that emerging topics explain
    emerging_starts: dict[str, list[str]] = {}
    for a in out:
        if a.kind == "emerging":
            emerging_starts.setdefault(a.start, []).append(a.topic)
    out = [replace(a, explained_by=tuple(emerging_starts.get(a.start, ()))) if a.topic == OTHER else a
           for a in out]
    out.sort(key=lambda a: (a.start, a.p_adjusted))
    return out


def detect(con: Any, since: date | None = None, until: date | None = None, options: SignalOptions | None = None,
           filters: dict[str, Any] | None = None, hook: ProgressHook = null_hook) -> SignalReport:
    """Spike alerts on the warehouse (a path, a `warehouse.Warehouse` or a connection), read
    through its query layer: contacts, their reasons and customer text (all redacted at ingest);
    the examples' text through `warehouse.turns`. `filters` narrow the contacts (organisation,
    queue, team, channel, language) before counting."""
    from signals.source import example_text, load_frames

    o = options or SignalOptions()
    contacts, reasons, since, until = load_frames(con, since, until, o, filters)
    return detect_frames(contacts, reasons, o, since, until,
                         example_text=lambda cid: example_text(con, cid), hook=hook)
