"""Mutation score per module from a finished `mutmut run` (mutmut 3.x), run in the repository root.

    mutmut run "warehouse*"
    python scripts/mutation_score.py [PREFIX ...]      # default: every module mutmut knows
    python scripts/mutation_score.py --sample 40 --seed 20261201 > sample.txt   # names to run
    mutmut run $(cat sample.txt); python scripts/mutation_score.py --names sample.txt

Prints, per module: mutants, killed (incl. timeouts), survived, without a covering test, the
survivors that are *equivalent* mutants, and the score killed / (mutants - equivalent).
Equivalent here means exactly one kind: mutmut upper- or lower-cased a string literal that is
SQL text (it holds an SQL keyword, or is an `alias.column` reference), which DuckDB reads the same
(keywords and identifiers are case-insensitive), so no test can tell the mutant apart. Every other
survivor counts against the score; `--list` prints them with their diffs. Mutants not (yet)
checked are left out of the score and counted in `unchecked`. With `--names FILE` only those
mutants count (a seeded random sample per module, `--sample K`: where running every mutant takes
hours, the sample's score is reported with its 95% Wilson interval).
"""
from __future__ import annotations

import argparse
import io
import re
import subprocess
import sys
import tokenize
from collections import Counter, defaultdict

MUTMUT = [sys.executable, "-m", "mutmut"]
SQL_WORD = re.compile(r"\b(SELECT|FROM|WHERE|JOIN|USING|CASE|WHEN|THEN|ELSE|END|CAST|GROUP BY|ORDER BY|UNION ALL|"
                      r"HAVING|DESCRIBE|INSERT|AS|AND|OR|NOT|NULL|IN|IS|ON|LEFT|ASC|NULLS LAST|DISTINCT|"
                      r"INTEGER|BIGINT|DOUBLE|VARCHAR|BOOLEAN|TRUE|FALSE)\b", re.IGNORECASE)
COLUMN_REF = re.compile(r"^\s*,?\s*[a-z_]+\.[a-z_]+(\s*,\s*[a-z_]+\.[a-z_]+)*\s*$")


def _strings(line: str) -> list[str]:
    try:
        toks = list(tokenize.generate_tokens(io.StringIO(line.strip() + "\n").readline))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return re.findall(r'"[^"]*"', line)
    out = []
    for t in toks:
        if t.type == tokenize.STRING or t.type == getattr(tokenize, "FSTRING_MIDDLE", -1):
            out.append(t.string)
    return out


def is_equivalent(diff: str) -> bool:
    """True for a case-only change of an SQL string literal (one line changed)."""
    minus = [ln[1:] for ln in diff.splitlines() if ln.startswith("-") and not ln.startswith("---")]
    plus = [ln[1:] for ln in diff.splitlines() if ln.startswith("+") and not ln.startswith("+++")]
    if len(minus) != 1 or len(plus) != 1 or minus[0] == plus[0] or minus[0].lower() != plus[0].lower():
        return False
    old, new = _strings(minus[0]), _strings(plus[0])
    if len(old) != len(new):
        return False
    changed = [(o, n) for o, n in zip(old, new) if o != n]
    if len(changed) != 1:
        return False
    o = changed[0][0].strip("\"'fr")
    return bool(SQL_WORD.search(o)) or bool(COLUMN_REF.match(o))


def _wilson(k: int, n: int, z: float = 1.959963984540054) -> tuple[float, float]:
    if n == 0:
        return float("nan"), float("nan")
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * ((p * (1 - p) / n + z * z / (4 * n * n)) ** 0.5) / (1 + z * z / n)
    return centre - half, centre + half


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("prefix", nargs="*", help="module prefixes, e.g. warehouse.stats")
    ap.add_argument("--list", action="store_true", help="print the survivors that count, with diffs")
    ap.add_argument("--names", help="file of mutant names: score only these")
    ap.add_argument("--sample", type=int, help="print a random sample of K mutant names per module and exit")
    ap.add_argument("--seed", type=int, default=20261201)
    args = ap.parse_args()
    out = subprocess.run(MUTMUT + ["results", "--all", "true"], capture_output=True, text=True, check=True).stdout
    status: dict[str, str] = {}
    for line in out.splitlines():
        if "__mutmut_" in line and ":" in line:
            name, st = line.strip().rsplit(":", 1)
            status[name.strip()] = st.strip()
    if args.sample:
        import random

        rng = random.Random(args.seed)
        mods: dict[str, list[str]] = defaultdict(list)
        for name in status:
            mods[name.split(".x", 1)[0]].append(name)
        for module, names in sorted(mods.items()):
            if not args.prefix or any(module.startswith(p) for p in args.prefix):
                print("\n".join(sorted(rng.sample(sorted(names), min(args.sample, len(names))))))
        return
    wanted = set(open(args.names, encoding="utf-8").read().split()) if args.names else None
    per: dict[str, Counter] = defaultdict(Counter)
    counted: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for name, st in sorted(status.items()):
        module = name.split(".x", 1)[0]
        if args.prefix and not any(module.startswith(p) for p in args.prefix):
            continue
        if wanted is not None and name not in wanted:
            continue
        if st == "not checked":
            per[module]["unchecked"] += 1
            continue
        per[module]["mutants"] += 1
        if st in ("killed", "timeout", "segfault", "suspicious"):
            per[module]["killed"] += 1
        elif st == "survived":
            diff = subprocess.run(MUTMUT + ["show", name], capture_output=True, text=True).stdout
            if is_equivalent(diff):
                per[module]["equivalent"] += 1
            else:
                per[module]["survived"] += 1
                counted[module].append((name, diff))
        elif st == "no tests":
            per[module]["no tests"] += 1
            counted[module].append((name, "(no test covers it)"))
        else:
            per[module][st] += 1
    print(f"{'module':<26} {'checked':>8} {'killed':>7} {'survived':>9} {'no tests':>9} {'equiv.':>7} "
          f"{'score':>7}  95% interval  unchecked")
    for module, c in sorted(per.items()):
        denom = c["mutants"] - c["equivalent"]
        score = c["killed"] / denom if denom else float("nan")
        lo, hi = _wilson(c["killed"], denom)
        other = {k: v for k, v in c.items()
                 if k not in ("mutants", "killed", "survived", "no tests", "equivalent", "unchecked")}
        print(f"{module:<26} {c['mutants']:>8} {c['killed']:>7} {c['survived']:>9} {c['no tests']:>9} "
              f"{c['equivalent']:>7} {score:>7.1%}  {lo:.0%}-{hi:.0%}  {c['unchecked']:>9}"
              + (f"  {other}" if other else ""))
    if args.list:
        for module, items in sorted(counted.items()):
            for name, diff in items:
                print(f"\n== {name}\n" + "\n".join(ln for ln in diff.splitlines()
                                                  if ln.startswith(("-", "+")) and not ln.startswith(("---", "+++"))))


if __name__ == "__main__":
    main()
