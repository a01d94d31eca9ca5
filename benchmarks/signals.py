"""Spike detection on a generated 90-day stream whose answer is known (docs/benchmarks.md).

    python benchmarks/signals.py [--contacts 1000000] [--seed 0] [--by day|hour] [--out DIR]

20 topics (16 labelled reasons from 10 to 2,000 contacts a day, one of them around the clock; 4
latent topics in "other" that only their words in nl/en/fr/es tell apart, two of them new),
background "other" contacts, weekday and office-hour patterns, daily over-dispersion, a holiday
(every topic at 30 % for four days), one topic quiet for ten days, and injected spikes of known
start, size, languages and channels. The stream is written to a DuckDB file (tables contacts and
contact_reasons); the timed part reads it back and runs `signals.detect_frames` (reasons, topic
discovery, baselines, alerts). Targets (issue 11): recall >= 0.90 for spikes >= 3x baseline on
topics with >= 10 contacts expected that day, detected on the first day; <= 1 false alarm per 30
days over the 20 topics; 1,000,000 contacts in <= 60 s. Run under `flock /tmp/bench.lock`.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from signals.detect import SignalOptions, detect_frames  # noqa: E402
from signals.synth import Quiet, Spike, StreamSpec, TopicSpec, generate_stream, score_alerts  # noqa: E402

START = date(2026, 9, 1)
RATES = (2000, 1500, 1200, 1000, 800, 700, 600, 500, 400, 300, 200, 120, 60, 30, 15, 10)
LATENT = {
    "brexit": ({"nl": ("brexit", "britten", "verblijfsdocument", "britse"), "en": ("brexit", "british", "settled", "residence"),
                "fr": ("brexit", "britannique", "séjour", "britanniques"), "es": ("brexit", "británico", "residencia", "británicos")}, 40),
    "app_outage": ({"nl": ("app", "storing", "digid", "inloggen"), "en": ("app", "outage", "digid", "crash"),
                    "fr": ("app", "panne", "digid", "bug"), "es": ("app", "caída", "digid", "fallo")}, 15),
    "nepal": ({"nl": ("nepal", "aardbeving", "kathmandu"), "en": ("nepal", "earthquake", "kathmandu"),
               "fr": ("népal", "séisme", "katmandou"), "es": ("nepal", "terremoto", "katmandú")}, 0),
    "lunetten": ({"nl": ("lunetten", "verkeer", "file", "afgesloten"), "en": ("lunetten", "traffic", "jam", "closed"),
                  "fr": ("lunetten", "circulation", "bouchon", "fermé"), "es": ("lunetten", "tráfico", "atasco", "cerrado")}, 0),
}


def make_spec(total: int, seed: int) -> StreamSpec:
    scale = total / 1_000_000
    topics = [TopicSpec(f"reason_{i:02d}", max(r * scale, 10.0 if r == 10 else 1.0), flat=(i == 9))
              for i, r in enumerate(RATES)]
    topics += [TopicSpec(k, rate * scale, latent=True, terms=terms) for k, (terms, rate) in LATENT.items()]
    rng = np.random.default_rng(seed + 1)
    spikes = []
    day0 = 30  # after the first window
    starts = rng.choice(np.arange(day0, 88), 22, replace=False)
    names = [t.name for t in topics if not t.latent] + ["brexit", "app_outage"]
    for k, d in enumerate(sorted(starts)):
        name = names[k % len(names)]
        factor = (3.0, 3.0, 4.0, 5.0, 2.0)[k % 5]
        days = int(rng.integers(1, 4))
        langs = (None, ("fr", "es"), None, ("en",))[k % 4]
        chans = (None, None, ("whatsapp", "social"), ("email",))[k % 4]
        spikes.append(Spike(name, START + timedelta(days=int(d)), days, factor, languages=langs, channels=chans))
    # two topics that did not exist before
    spikes.append(Spike("nepal", START + timedelta(days=70), 2, extra=max(int(60 * scale), 12), languages=("nl", "en", "fr", "es")))
    spikes.append(Spike("lunetten", START + timedelta(days=81), 1, extra=max(int(40 * scale), 10), languages=("nl",),
                        channels=("whatsapp", "social")))
    quiet = (Quiet(START + timedelta(days=55), 4, 0.3), Quiet(START + timedelta(days=40), 10, 0.2, ("reason_05",)))
    # spikes do not fall in the holiday (their size would be relative to a holiday's base)
    spikes = [s for s in spikes if not any(q.start - timedelta(days=s.days) < s.start < q.start + timedelta(days=q.days)
                                           and (q.topics is None or s.topic in q.topics) for q in quiet)]
    return StreamSpec(tuple(topics), START, 90, tuple(spikes), quiet, other_rate=1600 * scale, seed=seed)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--contacts", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--by", default="day")
    ap.add_argument("--alpha", type=float, default=SignalOptions().alpha)
    ap.add_argument("--correction", default=SignalOptions().correction)
    ap.add_argument("--out", type=Path, default=None, help="also write the report (alerts.jsonl, signals.html)")
    args = ap.parse_args(argv)
    import duckdb

    t0 = time.perf_counter()
    spec = make_spec(args.contacts, args.seed)
    contacts, reasons, truth = generate_stream(spec)
    gen_s = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "stream.duckdb"
        con = duckdb.connect(str(db))
        con.register("c", contacts)
        con.register("r", reasons)
        con.execute("CREATE TABLE contacts AS SELECT * FROM c")
        con.execute("CREATE TABLE contact_reasons AS SELECT * FROM r")
        con.close()
        t1 = time.perf_counter()
        con = duckdb.connect(str(db), read_only=True)
        c = con.execute("SELECT contact_id, started_at, channel, language, text FROM contacts").df()
        r = con.execute("SELECT contact_id, reason, confidence FROM contact_reasons").df()
        read_s = time.perf_counter() - t1
        opts = SignalOptions(by=args.by, alpha=args.alpha, correction=args.correction)
        t2 = time.perf_counter()
        cpu0 = time.process_time()
        rep = detect_frames(c, r, opts, since=START + timedelta(days=28), until=START + timedelta(days=89))
        detect_s = time.perf_counter() - t2
        detect_cpu = time.process_time() - cpu0
    total_s = read_s + detect_s
    sc = score_alerts(rep, spec, truth)
    out = {"contacts": int(len(contacts)), "generate_s": round(gen_s, 1), "read_s": round(read_s, 2),
           "detect_s": round(detect_s, 2), "detect_cpu_s": round(detect_cpu, 2), "total_s": round(total_s, 2), "alerts": len(rep.alerts),
           "emerging_topics": len(rep.topics), "by": args.by}
    if sc is not None:
        elig = [o for o in sc.outcomes if (o.spike.factor >= 3 or o.spike.extra) and o.expected_first_day >= 10
                and o.spike.extra is None]
        new = [o for o in sc.outcomes if o.spike.extra is not None]
        small = [o for o in sc.outcomes if o not in elig and o not in new]
        out.update({
            "spikes": len(sc.outcomes), "eligible": len(elig),
            "recall_first_day_eligible": round(sum(o.first_day for o in elig) / max(len(elig), 1), 3),
            "recall_any_day_eligible": round(sum(o.detected for o in elig) / max(len(elig), 1), 3),
            "new_topics_first_day": f"{sum(o.first_day for o in new)}/{len(new)}",
            "other_spikes_detected": f"{sum(o.detected for o in small)}/{len(small)}",
            "false_alarms": len(sc.false_alarms), "tested_days": sc.tested_days,
            "false_alarms_per_30_days": round(len(sc.false_alarms) * 30 / max(sc.tested_days, 1), 2),
            "channels_right": f"{sum(set(o.channels) == set(o.spike.channels) for o in sc.outcomes if o.detected and o.spike.channels)}"
                              f"/{sum(1 for o in sc.outcomes if o.detected and o.spike.channels)}",
            "languages_right": f"{sum(set(o.languages) == set(o.spike.languages) for o in sc.outcomes if o.detected and o.spike.languages)}"
                               f"/{sum(1 for o in sc.outcomes if o.detected and o.spike.languages)}",
            "composition_wrong": [(o.spike.topic, o.spike.start.isoformat(), o.spike.channels, o.channels,
                                   o.spike.languages, o.languages) for o in sc.outcomes if o.detected and (
                (o.spike.channels and set(o.channels) != set(o.spike.channels))
                or (o.spike.languages and set(o.languages) != set(o.spike.languages)))],
            "missed": [(o.spike.topic, o.spike.start.isoformat(), o.spike.factor, round(o.expected_first_day, 1),
                        o.detected) for o in sc.outcomes if not o.first_day],
            "false": [(a.topic, a.start, a.count, a.expected, f"{a.p_adjusted:.2g}") for a in sc.false_alarms],
        })
    if args.out:
        from signals.report import write_report

        write_report(rep, args.out)
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
