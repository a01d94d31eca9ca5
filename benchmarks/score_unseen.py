"""Score a labelled set (dev-set format: labels.jsonl beside transcript JSON) ONCE with the engine
of a given checkout and print per-criterion accuracy by language and style, diminutive P/R/F1, and
the confidence reliability table. The protocol (docs/evaluation.md): an unseen set is scored once,
before it informs any change, and that first score is what is reported.

    python benchmarks/score_unseen.py REPO SETDIR [--json OUT] [--half odd|even]

--half keeps only the contacts whose number (the digits at the end of the id) is odd or even: the
development/held-out split used after a set has been scored once (docs/evaluation.md).
"""
from __future__ import annotations
import json, sys, re
from collections import Counter, defaultdict
from pathlib import Path

repo, data = Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()
opts = dict(zip(sys.argv[3::2], sys.argv[4::2]))
sys.path.insert(0, str(repo))
from meeluister.records import load_transcript  # noqa
from qa.engine import score  # noqa

CRIT = ("own_name_greeting", "concise_opening", "nivea", "clarifying_questions", "hold_etiquette",
        "next_steps", "room_for_emotion", "no_repeat_questions")
labels = [json.loads(l) for l in (data / "labels.jsonl").read_text(encoding="utf-8").splitlines() if l.strip()]
if "--half" in opts:
    parity = {"odd": 1, "even": 0}[opts["--half"]]
    labels = [l for l in labels if int(re.search(r"(\d+)$", l["contact_id"]).group(1)) % 2 == parity]
per = defaultdict(lambda: [0, 0])
bylang = defaultdict(lambda: [0, 0])
bystyle = defaultdict(lambda: [0, 0])
misses = []
conf = []
tp = fp = fn = 0
dimrows = []
def style(t):
    if t.channel != "phone":
        return t.channel if t.channel != "whatsapp" else "whatsapp"
    txt = " ".join(x.text for x in t.turns)
    return "phone-asr" if not re.search(r"[.?!,]", txt) and txt == txt.lower() else "phone-punct"
for lab in labels:
    cid = lab["contact_id"]
    t = load_transcript(data / f"{cid}.json")
    res = score(t)
    st = style(t)
    for c in CRIT:
        if c not in lab:
            continue
        r = res.result(c)
        got = r.outcome if r else "missing"
        ok = got == lab[c]
        per[c][0] += ok; per[c][1] += 1
        bylang[(c, t.language)][0] += ok; bylang[(c, t.language)][1] += 1
        bystyle[(c, st)][0] += ok; bystyle[(c, st)][1] += 1
        if r is not None and getattr(r, "confidence", None) is not None:
            conf.append((r.confidence, ok))
        if not ok:
            misses.append((c, cid, lab[c], got))
    r = res.result("diminutives")
    got = [e.term.lower() for e in r.evidence] if r else []
    want = [w.lower() for w in lab.get("diminutives", [])]
    cg, cw = Counter(got), Counter(want)
    k = sum((cg & cw).values())
    tp, fp, fn = tp + k, fp + sum(cg.values()) - k, fn + sum(cw.values()) - k
    if cg != cw:
        dimrows.append((cid, sorted(want), sorted(got)))
print(f"set {data} ({len(labels)} contacts), engine {repo}")
print(f"{'criterion':<22}{'acc':>7}{'n':>5}   " + "  ".join(f"{l:>7}" for l in ("nl", "en", "fr", "es")) + "   by style")
for c in CRIT:
    ok, n = per[c]
    if not n:
        continue
    langs = "  ".join(f"{(bylang[(c,l)][0]/bylang[(c,l)][1]) if bylang[(c,l)][1] else float('nan'):>7.2f}" for l in ("nl","en","fr","es"))
    styles = " ".join(f"{s}={bystyle[(c,s)][0]}/{bystyle[(c,s)][1]}" for s in sorted({s for (cc, s) in bystyle if cc == c}))
    print(f"{c:<22}{ok/n:>7.3f}{n:>5}   {langs}   {styles}")
p = tp / (tp + fp) if tp + fp else 1.0
rc = tp / (tp + fn) if tp + fn else 1.0
f1 = 2 * p * rc / (p + rc) if p + rc else 0.0
print(f"diminutives (words): P {p:.3f} R {rc:.3f} F1 {f1:.3f} (tp {tp} fp {fp} fn {fn})")
if conf:
    print("reliability (confidence bin: n, share right):")
    for lo in (0.0, 0.5, 0.6, 0.7, 0.8, 0.9):
        hi = {0.0: 0.5, 0.5: 0.6, 0.6: 0.7, 0.7: 0.8, 0.8: 0.9, 0.9: 1.01}[lo]
        b = [ok for c_, ok in conf if lo <= c_ < hi]
        if b:
            print(f"  [{lo:.1f},{min(hi,1.0):.1f}) n={len(b):4d} right={sum(b)/len(b):.3f}")
print("misses:")
for m in misses:
    print("  ", *m)
for d in dimrows:
    print("  diminutives", *d)
if "--json" in opts:
    Path(opts["--json"]).write_text(json.dumps({"per": {c: per[c] for c in CRIT}, "dim": [tp, fp, fn]}))
