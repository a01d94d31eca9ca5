"""Mutation score per module from a finished `mutmut run` (mutmut 3.x), run in the repository root.

    mutmut run "warehouse*"
    python scripts/mutation_score.py [PREFIX ...]      # default: every module mutmut knows

Prints, per module: mutants, killed (incl. timeouts), survived, without a covering test, the
survivors that are *equivalent* mutants, and the score killed / (mutants - equivalent).
Equivalent here means exactly one kind: mutmut upper- or lower-cased a string literal that is
SQL text (it holds an SQL keyword, or is an `alias.column` reference), which DuckDB reads the same
(keywords and identifiers are case-insensitive), so no test can tell the mutant apart. Every other
survivor counts against the score; `--list` prints them with their diffs.
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
                      r"INTEGER|BIGINT|DOUBLE|VARCHAR|BOOLEAN)\b")
COLUMN_REF = re.compile(r"^\s*,?\s*[a-z_]+\.[a-z_]+\s*$")


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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("prefix", nargs="*", help="module prefixes, e.g. warehouse.stats")
    ap.add_argument("--list", action="store_true", help="print the survivors that count, with diffs")
    args = ap.parse_args()
    out = subprocess.run(MUTMUT + ["results", "--all", "true"], capture_output=True, text=True, check=True).stdout
    status: dict[str, str] = {}
    for line in out.splitlines():
        if "__mutmut_" in line and ":" in line:
            name, st = line.strip().rsplit(":", 1)
            status[name.strip()] = st.strip()
    per: dict[str, Counter] = defaultdict(Counter)
    counted: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for name, st in sorted(status.items()):
        module = name.split(".x", 1)[0]
        if args.prefix and not any(module.startswith(p) for p in args.prefix):
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
    print(f"{'module':<26} {'mutants':>8} {'killed':>7} {'survived':>9} {'no tests':>9} {'equiv.':>7} {'score':>7}")
    for module, c in sorted(per.items()):
        denom = c["mutants"] - c["equivalent"]
        score = c["killed"] / denom if denom else float("nan")
        other = {k: v for k, v in c.items() if k not in ("mutants", "killed", "survived", "no tests", "equivalent")}
        print(f"{module:<26} {c['mutants']:>8} {c['killed']:>7} {c['survived']:>9} {c['no tests']:>9} "
              f"{c['equivalent']:>7} {score:>7.1%}" + (f"  {other}" if other else ""))
    if args.list:
        for module, items in sorted(counted.items()):
            for name, diff in items:
                print(f"\n== {name}\n" + "\n".join(ln for ln in diff.splitlines()
                                                  if ln.startswith(("-", "+")) and not ln.startswith(("---", "+++"))))


if __name__ == "__main__":
    main()
