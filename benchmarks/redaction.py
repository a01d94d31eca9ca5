"""Redaction recall, precision and look-alike survival on the generated set (issue 9, docs/benchmarks.md).

    python benchmarks/redaction.py [--seed 0] [--lang nl] [--category phone] [--json FILE] [--show-misses N]

The set is `synth.pii_set.generate(seed)`: ~1,500 sentences in nl/en/fr/es, written and spoken,
labelled with PII spans (bsn, iban, phone, email, postcode, dob, name) and look-alike `keep`
spans, built from the formats' definitions and not from the redactor's patterns. Each sentence
goes through `meeluister.redaction.redact` (with `known_names=` where the case has a metadata
name and the function accepts it; otherwise without, and those name cases count as misses).

Definitions. Input and output are split into tokens (a `[TAG]`, a word or number with inner
hyphens/apostrophes, or one symbol) and aligned (difflib); a token of the input *survives* when
the alignment keeps it, and the non-tag tokens that replace part of a span count as surviving too.

* A PII span is **redacted** when none of its identifying content is readable in the output:
  - numbers (bsn, iban, phone, postcode): no run of 4 or more of the value's digits survives,
    in digits or in words (number words of the four languages, "dubbel", tens and teens are read
    back as digits; a run is broken by a tag or a removed token);
  - e-mail: neither a word (3+ letters) of the local part nor the domain label survives;
  - names: no name token of 3+ letters survives (particles van, de, der, la, del ... are not
    name tokens);
  - dates of birth: the year does not survive, and day and month do not both survive.
* **Recall** = redacted PII spans / PII spans, per category x language x form.
* **Precision** = redacted PII spans / (redacted PII spans + keep spans altered + tags placed
  over text that is neither PII nor a keep span).
* **Survival** = keep spans intact / keep spans; a keep span is intact when every token is aligned
  unchanged, or (a number in words rewritten as digits) no tag touches it and all its digits are
  still readable in the same order.

Exit status 0 whatever the figures; the table goes to stdout.
"""
from __future__ import annotations

import argparse
import difflib
import inspect
import json
import re
import sys
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from synth import pii_values as pv
from synth.pii_set import CATEGORIES, FORMS, LANGS, PiiCase, Span, generate

NUMERIC = frozenset({"bsn", "iban", "phone", "postcode"})
_TOKEN = re.compile(r"\[[A-Z][A-Z_]*\]|[^\W_]+(?:[-'’][^\W_]+)*|\S")
_TAG = re.compile(r"\[[A-Z][A-Z_]*\]")


def _lexicon() -> dict[tuple[str, ...], str]:
    lex: dict[tuple[str, ...], str] = {}
    for lang in ("nl", "en", "fr", "es"):
        for n in range(100):
            lex[tuple(pv.number_words(n, lang).split())] = f"{n:02d}" if n >= 10 else str(n)
    lex[("oh",)] = "0"
    lex[("één",)] = "1"
    lex[("mille", "neuf", "cent")] = "19"
    lex[("mil", "novecientos")] = "19"
    return lex


_LEX = _lexicon()
_DOUBLE = frozenset({"dubbel", "double", "doble"})


def tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def number_runs(words: list[str | None]) -> list[str]:
    """Digit runs from a token sequence; None (a tag or a removed token) breaks a run."""
    runs, cur, i = [], "", 0
    while i < len(words):
        w = words[i]
        if w is None:
            if cur:
                runs.append(cur)
            cur, i = "", i + 1
            continue
        low = w.lower()
        if any(c.isdigit() for c in low):
            cur += re.sub(r"\D", "", low)
            i += 1
            continue
        times = 1
        if low in _DOUBLE and i + 1 < len(words):
            times, i = 2, i + 1
            low = (words[i] or "").lower()
        for k in (3, 2, 1):
            seq = tuple((x or "").lower() for x in words[i:i + k])
            if len(seq) == k and seq in _LEX:
                cur += _LEX[seq] * times
                i += k
                break
        else:
            i += 1  # a letter or a word: does not break a run
    if cur:
        runs.append(cur)
    return runs


def digits_of(text: str) -> str:
    return "".join(number_runs([t for t, _, _ in tokens(text)]))


@dataclass(frozen=True)
class CaseScore:
    redacted: tuple[bool, ...]  # one per PII span
    intact: tuple[bool, ...]  # one per keep span
    stray_tags: int  # tags over text that is neither PII nor a keep span


def _overlap(a0: int, a1: int, span: Span) -> bool:
    return a0 < span.end and span.start < a1


def score(case: PiiCase, output: str) -> CaseScore:
    src, out = tokens(case.text), tokens(output)
    sm = difflib.SequenceMatcher(None, [t for t, _, _ in src], [t for t, _, _ in out], autojunk=False)
    status: list[str] = ["gone"] * len(src)
    repl: list[int] = [-1] * len(src)
    ops = sm.get_opcodes()
    stray = 0
    for k, (op, i1, i2, j1, j2) in enumerate(ops):
        if op == "equal":
            for i in range(i1, i2):
                status[i] = "same"
            continue
        for i in range(i1, i2):
            repl[i] = k
        tags = sum(1 for t, _, _ in out[j1:j2] if _TAG.fullmatch(t))
        if tags:
            c0 = src[i1][1] if i1 < len(src) else len(case.text)
            c1 = src[i2 - 1][2] if i2 > i1 else c0
            if not any(_overlap(c0, max(c1, c0 + 1), s) for s in case.pii + case.keep):
                stray += tags

    def words_in(span: Span) -> list[str | None]:
        seq: list[str | None] = []
        seen: set[int] = set()
        for i, (t, s, e) in enumerate(src):
            if not (s < span.end and span.start < e):
                continue
            if status[i] == "same":
                seq.append(t)
            elif repl[i] >= 0 and repl[i] not in seen:
                seen.add(repl[i])
                _, _, _, j1, j2 = ops[repl[i]]
                seq.extend(None if _TAG.fullmatch(t2) else t2 for t2, _, _ in out[j1:j2])
                seq.append(None)
            elif repl[i] < 0:
                seq.append(None)
        return seq

    def part_survives(a: int, b: int) -> bool:
        piece = case.text[a:b].lower()
        idx = [i for i, (_, s, e) in enumerate(src) if s < b and a < e]
        if idx and all(status[i] == "same" for i in idx):
            return True
        for i in idx:
            if repl[i] >= 0:
                _, _, _, j1, j2 = ops[repl[i]]
                if any(piece in t.lower() for t, _, _ in out[j1:j2] if not _TAG.fullmatch(t)):
                    return True
        return False

    redacted = []
    for span in case.pii:
        if span.category in NUMERIC:
            value = digits_of(case.text[span.start:span.end])
            grams = {value[i:i + 4] for i in range(len(value) - 3)} or {value}
            runs = number_runs(words_in(span))
            redacted.append(not any(g in r for g in grams for r in runs))
        elif span.category == "dob":
            alive = {role for role, a, b in span.parts if part_survives(a, b)}
            redacted.append("year" not in alive and not {"day", "month"} <= alive)
        else:  # email, name: every part is identifying
            redacted.append(not any(part_survives(a, b) for _, a, b in span.parts))
    def kept(k: Span) -> bool:
        if all(status[i] == "same" for i, (_, s, e) in enumerate(src) if _overlap(s, e, k)):
            return True
        seq = words_in(k)
        touched = {repl[i] for i, (_, s, e) in enumerate(src) if _overlap(s, e, k) and repl[i] >= 0}
        tagged = any(_TAG.fullmatch(t) for o in touched for t, _, _ in out[ops[o][3]:ops[o][4]])
        value = digits_of(case.text[k.start:k.end])
        return not tagged and bool(value) and value in "".join(number_runs([w for w in seq if w is not None]))

    intact = tuple(kept(k) for k in case.keep)
    return CaseScore(tuple(redacted), intact, stray)


def summarise(cases: list[PiiCase], scores: list[CaseScore]) -> dict:
    cells: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0])
    keep: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    tp = altered = stray = 0
    for case, sc in zip(cases, scores):
        for span, ok in zip(case.pii, sc.redacted):
            cell = cells[(span.category, case.lang, case.form)]
            cell[0] += 1
            cell[1] += ok
            tp += ok
        for span, ok in zip(case.keep, sc.intact):
            keep[span.category][0] += 1
            keep[span.category][1] += ok
            altered += not ok
        stray += sc.stray_tags
    n_pii = sum(c[0] for c in cells.values())
    n_keep = sum(k[0] for k in keep.values())
    return {
        "cells": [{"category": c, "lang": lang, "form": f, "n": v[0], "recall": v[1] / v[0]} for (c, lang, f), v in sorted(cells.items())],
        "recall": {c: _ratio(sum(v[1] for k, v in cells.items() if k[0] == c), sum(v[0] for k, v in cells.items() if k[0] == c)) for c in CATEGORIES},
        "recall_overall": _ratio(tp, n_pii),
        "precision": _ratio(tp, tp + altered + stray),
        "keep_altered": altered, "stray_tags": stray, "redacted": tp, "pii_spans": n_pii,
        "survival": _ratio(n_keep - altered, n_keep),
        "survival_by_kind": {k: {"n": v[0], "survival": v[1] / v[0]} for k, v in sorted(keep.items())},
    }


def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def redactor() -> Callable[[str, tuple[str, ...]], str]:
    from meeluister.redaction import redact
    takes_names = "known_names" in inspect.signature(redact).parameters

    def run(text: str, names: tuple[str, ...]) -> str:
        if names and takes_names:
            return redact(text, known_names=names).text
        return redact(text).text
    return run


def evaluate(cases: list[PiiCase], fn: Callable[[str, tuple[str, ...]], str]) -> tuple[list[str], list[CaseScore]]:
    outs = [fn(c.text, c.known_names) for c in cases]
    return outs, [score(c, o) for c, o in zip(cases, outs)]


def _fmt(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def print_report(res: dict) -> None:
    print("| category | " + " | ".join(f"{lang} {f[0]}" for lang in LANGS for f in FORMS) + " | all |")
    print("|---" * (2 + len(LANGS) * len(FORMS)) + "|")
    by = {(c["category"], c["lang"], c["form"]): c for c in res["cells"]}
    for cat in CATEGORIES:
        row = []
        for lang in LANGS:
            for f in FORMS:
                c = by.get((cat, lang, f))
                row.append("-" if c is None else f"{c['recall']:.2f} ({c['n']})")
        print(f"| {cat} | " + " | ".join(row) + f" | **{_fmt(res['recall'][cat])}** |")
    print()
    print(f"recall overall {_fmt(res['recall_overall'])} ({res['redacted']}/{res['pii_spans']}); precision {_fmt(res['precision'])} "
          f"(keep spans altered {res['keep_altered']}, stray tags {res['stray_tags']}); look-alike survival {_fmt(res['survival'])}")
    print()
    print("| look-alike | n | survival |")
    print("|---|---|---|")
    for k, v in res["survival_by_kind"].items():
        print(f"| {k} | {v['n']} | {v['survival']:.3f} |")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--lang", choices=LANGS)
    ap.add_argument("--category", choices=CATEGORIES)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--show-misses", type=int, default=0, metavar="N")
    a = ap.parse_args(argv)
    cases = [c for c in generate(a.seed) if (a.lang is None or c.lang == a.lang)
             and (a.category is None or any(s.category == a.category for s in c.pii))]
    outs, scores = evaluate(cases, redactor())
    res = summarise(cases, scores)
    print(f"{len(cases)} sentences, seed {a.seed}")
    print_report(res)
    if a.show_misses:
        misses: dict[str, list[str]] = defaultdict(list)
        for c, o, sc in zip(cases, outs, scores):
            for span, ok in zip(c.pii, sc.redacted):
                if not ok:
                    misses[span.category].append(f"  {c.id} [{c.variant}]\n    in : {c.text}\n    out: {o}")
            for span, ok in zip(c.keep, sc.intact):
                if not ok:
                    misses["keep:" + span.category].append(f"  {c.id}\n    in : {c.text}\n    out: {o}")
        for cat, lines in sorted(misses.items()):
            print(f"\nmisses {cat} ({len(lines)}):")
            print("\n".join(lines[:a.show_misses]))
    if a.json:
        a.json.write_text(json.dumps(res, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
