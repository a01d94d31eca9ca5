"""`meeluister report`: one team report and one report per agent, HTML and PDF.

    from coaching import write_reports
    summary = write_reports("wh.duckdb", "T1", "2026-W47", "reports/", lang="nl", store_url=None)

Data come from `coaching.source.gather` (the warehouse query layer, one set of queries per team);
disputes, reviews, coaching sessions and advisory criteria from the operational store
(`coaching.store.StoreInputs`). Pages are rendered in a small process pool (HTML with plotly,
PDF with weasyprint); files are written atomically, so a re-run replaces them.
"""
from __future__ import annotations

import logging
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Sequence

import pandas as pd

from coaching import charts, focus as fmod
from coaching.levels import Level, compute_levels
from coaching.media import fill_audio
from coaching.options import CoachingOptions, ReportOptions
from coaching.render import criterion_label, criterion_tip, messages, render_html, write_pdf, write_text
from coaching.source import TeamData, driver_weights, gather, teams
from coaching.store import StoreInputs
from meeluister.derived import DerivedFile, record_derived
from meeluister.progress import ProgressHook, null_hook

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReportSummary:
    out_dir: Path
    period: str
    teams: tuple[str, ...]
    team_reports: tuple[Path, ...] = ()
    agent_reports: tuple[Path, ...] = ()
    focus: dict[str, tuple[str, ...]] = field(default_factory=dict)  # agent -> focus criteria
    seconds: float = 0.0

    @property
    def files(self) -> tuple[Path, ...]:
        return self.team_reports + self.agent_reports


def _stat(df: pd.DataFrame, **eq: Any) -> dict[str, Any] | None:
    m = pd.Series(True, index=df.index)
    for k, v in eq.items():
        m &= df[k] == v
    row = df[m]
    if row.empty:
        return None
    r = row.iloc[0]
    return {"value": None if pd.isna(r["value"]) else float(r["value"]), "n": int(r["n"]),
            "ci_low": None if pd.isna(r["ci_low"]) else float(r["ci_low"]),
            "ci_high": None if pd.isna(r["ci_high"]) else float(r["ci_high"]), "small_n": bool(r["small_n"])}


def _table(df: pd.DataFrame, key: str, lang: str | None = None) -> list[dict[str, Any]]:
    out = []
    for _, r in df.iterrows():
        out.append({"key": criterion_label(lang, str(r[key])) if lang else str(r[key]), "id": str(r[key]),
                    "value": None if pd.isna(r["value"]) else float(r["value"]), "n": int(r["n"]),
                    "ci_low": None if pd.isna(r["ci_low"]) else float(r["ci_low"]),
                    "ci_high": None if pd.isna(r["ci_high"]) else float(r["ci_high"]),
                    "small_n": bool(r["small_n"])})
    return out


def _trend_rows(trend: pd.DataFrame, lang: str) -> list[dict[str, Any]]:
    return [{"label": criterion_label(lang, str(c)), "id": str(c), "values": [None if pd.isna(v) else float(v) for v in row]}
            for c, row in trend.iterrows()]


def _level_opts(opts: CoachingOptions, td: TeamData) -> dict[str, Any]:
    lv = opts.levels
    return {"window": f"{td.periods[0]} – {td.periods[-1]}","gold_pass": lv.gold_pass, "silver_pass": lv.silver_pass, "gold_csat": lv.gold_csat,
            "silver_csat": lv.silver_csat, "min_n": lv.min_n, "areas": {a: list(c) for a, c in lv.areas}}


def _levels_ctx(levels: Sequence[Level]) -> list[dict[str, Any]]:
    return [asdict(lv) for lv in levels]


def _reviewed_rows(td: TeamData, agent_id: str | None, lang: str) -> list[dict[str, Any]]:
    r = td.results
    if "reviewed" not in r.columns:
        return []
    r = r[r["reviewed"].fillna(False).astype(bool)]
    if agent_id is not None:
        own = set(td.contacts.loc[td.contacts["agent_id"] == agent_id, "contact_id"])
        r = r[r["contact_id"].isin(own)]
    return [{"contact_id": str(x.contact_id), "criterion": criterion_label(lang, str(x.criterion)),
             "auto": str(x.auto_outcome), "reviewed": str(x.outcome)} for x in r.itertuples(index=False)]


def agent_context(td: TeamData, agent_id: str, opts: CoachingOptions, lang: str, store: StoreInputs,
                  levels: Sequence[Level], sessions: Sequence[dict[str, Any]]) -> dict[str, Any]:
    fps = fmod.focus_points(td, agent_id, opts.focus)
    sts = fmod.strengths(td, agent_id, opts.focus, {f.criterion for f in fps})
    names = dict(zip(td.agents["agent_id"], td.agents["agent_name"]))
    trend = fmod.trend(td, agent_id)
    auto = _stat(td.auto_agent_qa, agent_id=agent_id)
    return {
        "kind": "agent", "lang": lang, "m": messages(lang), "period": td.period, "team": td.team,
        "focus_points": fps,
        "agent_id": agent_id, "agent_name": str(names.get(agent_id, agent_id)),
        "n_contacts": int((td.contacts["agent_id"] == agent_id).sum()),
        "focus": [{"criterion": f.criterion, "label": criterion_label(lang, f.criterion),
                   "tip": criterion_tip(lang, f.criterion), "rate": f.agent_rate, "n": f.agent_n,
                   "team_rate": f.team_rate, "moments": [asdict(m) | {"time": m.time_label} for m in f.moments]}
                  for f in fps],
        "strengths": [{"criterion": s.criterion, "label": criterion_label(lang, s.criterion), "rate": s.agent_rate,
                       "n": s.agent_n, "moments": [asdict(m) | {"time": m.time_label} for m in s.moments]}
                      for s in sts],
        "periods": td.periods, "trend": _trend_rows(trend, lang), "trend_frame": trend,
        "csat": _stat(td.agent_csat, agent_id=agent_id), "nps": _stat(td.agent_nps, agent_id=agent_id),
        "qa": _stat(td.agent_qa, agent_id=agent_id), "qa_auto": auto,
        "reviewed": _reviewed_rows(td, agent_id, lang),
        "levels": _levels_ctx([lv for lv in levels if lv.agent_id == agent_id]),
        "level_opts": _level_opts(opts, td),
        "advisory": [criterion_label(lang, c) for c in td.excluded],
        "sessions": [s for s in sessions if s["agent_id"] == agent_id],
        "generated": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    }


def team_context(td: TeamData, opts: CoachingOptions, lang: str, store: StoreInputs, levels: Sequence[Level],
                 focus: dict[str, list[fmod.FocusPoint]], sessions: Sequence[dict[str, Any]],
                 agent_files: dict[str, str]) -> dict[str, Any]:
    team_ids = set(td.agents["agent_id"])
    trend = fmod.trend(td, None)
    disputes = [d for d in store.open_disputes if d.get("agent_id") in team_ids]
    return {
        "kind": "team", "lang": lang, "m": messages(lang), "period": td.period, "team": td.team,
        "n_contacts": len(td.contacts),
        "pass_rates": _table(td.team_pass.sort_values("criterion"), "criterion", lang),
        "csat_language": _table(td.csat_language, "language"), "csat_channel": _table(td.csat_channel, "channel"),
        "nps_language": _table(td.nps_language, "language"), "nps_channel": _table(td.nps_channel, "channel"),
        "attention": [{"agent_id": a, "agent_name": n, "reasons": r, "file": agent_files.get(a)}
                      for a, n, r in fmod.attention(td, focus, lambda c: criterion_label(lang, c))],
        "disputes": disputes,
        "agents": [{"agent_id": a, "agent_name": n, "file": agent_files.get(a),
                    "focus": [criterion_label(lang, f.criterion) for f in focus.get(a, [])]}
                   for a, n in zip(td.agents["agent_id"], td.agents["agent_name"])],
        "periods": td.periods, "trend": _trend_rows(trend, lang), "trend_frame": trend,
        "levels": _levels_ctx(levels), "level_opts": _level_opts(opts, td),
        "advisory": [criterion_label(lang, c) for c in td.excluded], "advisory_ids": list(td.excluded),
        "reviewed": _reviewed_rows(td, None, lang),
        "sessions": list(sessions),
        "generated": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    }


def render_page(job: dict[str, Any]) -> list[str]:
    """Render one report (HTML and/or PDF); runs in a worker process."""
    ctx = dict(job["ctx"])
    trend = ctx.pop("trend_frame")
    lang = ctx["lang"]
    labels = {r["id"]: r["label"] for r in ctx["trend"]}
    written = []
    template = f"{ctx['kind']}.html.j2"
    if "html" in job["formats"]:
        embed = "json" if job.get("plotly_js") == "directory" else "script"  # directory: no inline script
        ctx["trend_chart"] = charts.trend_figure(trend, labels, messages(lang)["trend"], embed) if len(trend) else ""
        ctx["bars_chart"] = (charts.bars_figure([r["key"] for r in ctx["pass_rates"]], [r["value"] for r in ctx["pass_rates"]],
                                                [r["ci_low"] for r in ctx["pass_rates"]], [r["ci_high"] for r in ctx["pass_rates"]],
                                                messages(lang)["pass_rates"], embed) if ctx.get("pass_rates") else "")
        from markupsafe import Markup

        ctx["trend_chart"], ctx["bars_chart"] = Markup(ctx["trend_chart"]), Markup(ctx["bars_chart"])
        ctx["plotly_src"] = "plotly.min.js" if job.get("plotly_js") == "directory" else None
        html = render_html(template, ctx, with_plotly=ctx["plotly_src"] is None)
        written.append(str(write_text(Path(job["stem"] + ".html"), html)))
    if "pdf" in job["formats"]:
        ctx["trend_chart"] = charts.trend_png(trend, labels) if len(trend) else ""
        ctx["bars_chart"] = (charts.bars_png([r["key"] for r in ctx["pass_rates"]], [r["value"] for r in ctx["pass_rates"]])
                             if ctx.get("pass_rates") else "")
        ctx["plotly_src"] = None
        written.append(str(write_pdf(render_html(template, ctx, pdf=True), Path(job["stem"] + ".pdf"))))
    return written


SHARED_ASSETS = ("plotly.min.js", "report-charts.js")  # beside the HTML reports in "directory" mode


def write_shared_assets(out: Path) -> list[Path]:
    """plotly.min.js (once, 4.6 MB) and report-charts.js (draws each report's JSON chart blocks)
    beside the reports; rewritten only when their content changed."""
    from importlib import resources

    from coaching.render import plotly_js as _js

    written = []
    for name, text in (("plotly.min.js", _js()),
                       ("report-charts.js", (resources.files("coaching") / "data" / "report-charts.js").read_text("utf-8"))):
        p = out / name
        if not p.is_file() or p.read_text(encoding="utf-8") != text:
            write_text(p, text)
        written.append(p)
    return written


def _session_rows(con: Any, td: TeamData, store: StoreInputs, lang: str) -> list[dict[str, Any]]:
    """Coaching sessions of the team's agents with the criterion's pass rate before and after."""
    from warehouse import Query, pass_rates

    out = []
    team_ids = set(td.agents["agent_id"])
    for s in store.sessions:
        if s["agent_id"] not in team_ids:
            continue
        d = date.fromisoformat(str(s["session_date"])[:10])
        row = dict(s) | {"label": criterion_label(lang, s["criterion"])}
        for key, q in (("before", Query(date_to=d, date_from=date.fromordinal(d.toordinal() - 28))),
                       ("after", Query(date_from=date.fromordinal(d.toordinal() + 1), date_to=td.date_to))):
            if q.date_from and q.date_to and q.date_from > q.date_to:
                row[key] = None
                continue
            df = pass_rates(con, q.but(filters={"agent_id": s["agent_id"], "criterion": s["criterion"]},
                                       group_by=("criterion",), reviews=td.reviews, exclude_criteria=td.excluded))
            row[key] = _stat(df, criterion=s["criterion"])
        out.append(row)
    return out


def write_reports(db: Any, team: str | None, period: str, out_dir: str | Path, *, agent: str | None = None,
                  lang: str | None = None, store: StoreInputs | None = None, options: CoachingOptions | None = None,
                  formats: Sequence[str] | None = None, workers: int | None = None,
                  progress: ProgressHook = null_hook, recordings: str | Path | None = None,
                  transcripts: str | Path | None = None, plotly_js: str | None = None) -> ReportSummary:
    """Write the team report(s) and agent reports for `period` into `out_dir`. `team=None`: every
    team with contacts in the period. `agent`: only that agent's report (and no team report).
    `recordings`/`transcripts`: where recordings are when the warehouse has no audio path
    (coaching.media). `plotly_js`: "inline" (every HTML file opens offline on its own) or
    "directory" (one plotly.min.js beside them). `workers`: render processes (default: the CPU
    count, at most 4; 1 renders in this process). Pages of a team go to the workers as soon as its
    data are read, so reading the next team overlaps with rendering."""
    import time

    from warehouse import open_snapshot

    t0 = time.perf_counter()
    ro = ReportOptions()
    lang = lang or ro.lang
    formats = tuple(formats) if formats else tuple(f.strip() for f in ro.formats.split(","))
    plotly_js = plotly_js or ro.plotly_js
    opts = options or CoachingOptions()
    store = store or StoreInputs()
    messages(lang)  # validates lang
    if plotly_js not in ("inline", "directory"):
        raise ValueError(f"plotly_js must be 'inline' or 'directory', not {plotly_js!r}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if plotly_js == "directory" and "html" in formats:
        write_shared_assets(out)
    con = open_snapshot(db) if isinstance(db, (str, Path)) else db
    summary_focus: dict[str, tuple[str, ...]] = {}
    kinds: list[str] = []
    quoted: list[tuple[str, ...]] = []  # per submitted page: the contacts it may quote (retention)
    with _Renderer(workers, progress) as render:
        try:
            team_list = [team] if team else teams(con, period)
            # The key-driver fit (the slowest query) runs in a worker while this process reads the teams.
            weights_job = render.call(_driver_job, str(db), period, store.reviews, store.advisory) \
                if isinstance(db, (str, Path)) else None
            datas = [gather(con, tm, period, reviews=store.reviews, exclude=store.advisory,
                            trend_periods=opts.focus.trend_periods, weights=_EMPTY_WEIGHTS) for tm in team_list]
            weights = weights_job.result() if weights_job is not None else \
                driver_weights(con, period, reviews=store.reviews, exclude=store.advisory)
            for tm, td in zip(team_list, datas):
                td.drivers = weights
                td.contacts = fill_audio(td.contacts, recordings, transcripts)
                if td.agents.empty:
                    logger.warning("team %s has no contacts in %s", tm, period)
                if agent is not None and agent not in set(td.agents["agent_id"]):
                    continue
                # Levels over the whole trend window: one week is too few contacts per area.
                levels = compute_levels(td.window_pass, td.window_csat, td.agents, opts.levels, td.excluded)
                sessions = _session_rows(con, td, store, lang)
                focus, files = {}, {}
                for a in td.agents["agent_id"]:
                    if agent is not None and a != agent:
                        continue
                    ctx = agent_context(td, a, opts, lang, store, levels, sessions)
                    focus[a] = ctx.pop("focus_points")
                    summary_focus[a] = tuple(f.criterion for f in focus[a])
                    stem = f"agent-{_safe(a)}-{period}"
                    files[a] = stem + ".html"
                    kinds.append("agent")
                    quoted.append(_contact_ids(td.contacts, a))
                    render.submit({"ctx": ctx, "stem": str(out / stem), "formats": tuple(formats),
                                   "plotly_js": plotly_js})
                if agent is None:
                    ctx = team_context(td, opts, lang, store, levels, focus, sessions, files)
                    kinds.append("team")
                    quoted.append(_contact_ids(td.contacts, None))
                    render.submit({"ctx": ctx, "stem": str(out / f"team-{_safe(tm)}-{period}"),
                                   "formats": tuple(formats), "plotly_js": plotly_js})
        finally:
            if isinstance(db, (str, Path)):
                con.close()
        written = render.results()
    record_derived(out, [DerivedFile(str(Path(p).resolve().relative_to(out.resolve())), f"{k}_report", ids)
                         for k, ps, ids in zip(kinds, written, quoted) for p in ps])
    team_files = tuple(Path(p) for k, ps in zip(kinds, written) if k == "team" for p in ps)
    agent_files = tuple(Path(p) for k, ps in zip(kinds, written) if k == "agent" for p in ps)
    return ReportSummary(out, period, tuple(team_list), team_files, agent_files, summary_focus,
                         time.perf_counter() - t0)


def _contact_ids(contacts: pd.DataFrame, agent: str | None) -> tuple[str, ...]:
    c = contacts if agent is None or contacts.empty else contacts[contacts["agent_id"] == agent]
    return tuple(sorted(map(str, c["contact_id"]))) if not c.empty else ()


_EMPTY_WEIGHTS = pd.DataFrame(columns=["dim", "group", "criterion", "weight"])


def _driver_job(db: str, period: str, reviews: Any, exclude: Any) -> pd.DataFrame:
    from warehouse import open_snapshot

    con = open_snapshot(db)
    try:
        return driver_weights(con, period, reviews=reviews, exclude=exclude)
    finally:
        con.close()


def _warm() -> None:
    """Worker start-up: import the renderers while the main process reads the warehouse."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot  # noqa: F401
    import plotly.graph_objects  # noqa: F401
    import weasyprint  # noqa: F401

    from coaching.render import environment, plotly_js

    environment()
    plotly_js()


class _Done:
    def __init__(self, value: Any) -> None:
        self.value = value

    def result(self) -> Any:
        return self.value


class _Renderer:
    """Renders pages in this process (workers <= 1) or in a forkserver process pool."""

    def __init__(self, workers: int | None, progress: ProgressHook) -> None:
        self.workers = workers if workers is not None else min(os.cpu_count() or 1, 4)
        self.progress = progress
        self.pending: list[Any] = []
        self.ex: ProcessPoolExecutor | None = None

    def __enter__(self) -> _Renderer:
        if self.workers > 1:
            import multiprocessing as mp

            self.ex = ProcessPoolExecutor(self.workers, mp_context=mp.get_context("forkserver"), initializer=_warm)
        return self

    def call(self, fn: Any, *args: Any) -> Any:
        """Run `fn(*args)` in a worker (or here, without workers); `.result()` gives its value."""
        return self.ex.submit(fn, *args) if self.ex else _Done(fn(*args))

    def submit(self, job: dict[str, Any]) -> None:
        self.pending.append(self.ex.submit(render_page, job) if self.ex else job)

    def results(self) -> list[list[str]]:
        out = []
        for i, p in enumerate(self.pending):
            out.append(p.result() if self.ex else render_page(p))
            self.progress("reports", completed=i + 1, total=len(self.pending))
        return out

    def __exit__(self, *exc: Any) -> None:
        if self.ex is not None:
            self.ex.shutdown(wait=True, cancel_futures=exc[0] is not None)


def _safe(s: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in str(s))


def write_all(db: Any, out_dir: str | Path, period: str, store_url: str | None = None, *, lang: str | None = None,
              options: CoachingOptions | None = None) -> ReportSummary:
    """Every team's reports for `period` (the demo calls this)."""
    from coaching.store import load_store_inputs

    store = load_store_inputs(store_url) if store_url else StoreInputs()
    return write_reports(db, None, period, out_dir, lang=lang, store=store, options=options)
