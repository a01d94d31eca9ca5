"""One module's full mutation run (mutmut 3.x) in a scratch copy of the working tree.

    python scripts/mutation_module.py qa/criteria/tone.py tests/qa/test_tone_rules.py \
        tests/qa/test_criteria_exact.py tests/qa/test_criteria.py [--dir /tmp/mut-tone] [--children 1]

Copies the files git knows (tracked and untracked-not-ignored) to `--dir`, sets `[tool.mutmut]`
there to mutate only MODULE and to run only TESTS (plus `-m "not slow"`), runs every mutant, and
prints mutmut's count per status; `mutmut results` / `mutmut show NAME` in `--dir` give the
survivors. The repository itself is never touched. Warehouse tests need the dev set: set
MEELUISTER_EVAL_DEV (a copy under /tmp cannot find ../shared). `--in-process`: mutmut only
generates the mutants and one pytest process runs them (scripts/mutation_recheck.py; verdicts
in DIR/inproc.txt, `MUTANT_BUDGET=S` for a first pass over a slow runner). Scores and the equivalent mutants
are recorded in docs/mutation.md.
"""
from __future__ import annotations

import argparse
import collections
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _copy(dest: Path) -> None:
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                           check=True, capture_output=True).stdout.split(b"\0")
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for f in filter(None, files):
        src = ROOT / f.decode()
        if src.is_file():
            (dest / f.decode()).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / f.decode())


def _configure(pyproject: Path, module: str, tests: list[str]) -> None:
    text = pyproject.read_text(encoding="utf-8")
    text = re.sub(r"only_mutate = \[.*?\]\n", f"only_mutate = [{module!r}]\n".replace("'", '"'), text, count=1,
                  flags=re.DOTALL)
    sel = ", ".join(f'"{t}"' for t in [*tests, "-m", "not slow", "-p", "no:cacheprovider"])
    text, n = re.subn(r"pytest_add_cli_args_test_selection = \[.*?\]\n(?=\n)",
                      f"pytest_add_cli_args_test_selection = [{sel}]\n", text, count=1, flags=re.DOTALL)
    if n != 1:
        sys.exit("pyproject.toml: [tool.mutmut] pytest_add_cli_args_test_selection not found")
    pyproject.write_text(text, encoding="utf-8")


_GENERATE = """
import os
os.environ["MUTANT_UNDER_TEST"] = "mutant_generation"
from mutmut.__main__ import copy_also_copy_files, copy_src_dir, create_mutants, setup_source_paths
from mutmut.mutation.data import SourceFileMutationData
from mutmut.utils.file_utils import walk_mutatable_files
copy_src_dir(); copy_also_copy_files(); setup_source_paths(); create_mutants(1)
with open("names.txt", "w") as f:
    for path in walk_mutatable_files():
        m = SourceFileMutationData(path=path)
        m.load()
        f.writelines(k + "\\n" for k in m.exit_code_by_key)
"""


def _in_process(dest: Path, tests: list[str]) -> None:
    """Generate the mutants with mutmut, then run them in one pytest process (mutation_recheck)."""
    subprocess.run([sys.executable, "-c", _GENERATE], cwd=dest, check=True, capture_output=True)
    names = (dest / "names.txt").read_text(encoding="utf-8").split()
    print(f"{len(names)} mutants; verdicts in {dest / 'inproc.txt'}", flush=True)
    (dest / "inproc.txt").unlink(missing_ok=True)
    env = {**os.environ, "MUTANTS_FILE": str(dest / "names.txt"), "MUTANTS_OUT": str(dest / "inproc.txt"),
           "PYTHONPATH": os.pathsep.join([str(dest / "mutants"), str(ROOT / "scripts")]), "MUTANT_UNDER_TEST": ""}
    subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "mutation_recheck", "-p", "no:cacheprovider",
                    "-m", "not slow", *tests], cwd=dest / "mutants", env=env, check=False)
    verdicts = collections.Counter(line.split()[0] for line in (dest / "inproc.txt").read_text().splitlines())
    print(f"{len(names)} mutants, " + ", ".join(f"{v} {k}" for k, v in verdicts.most_common()))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("module", help="file to mutate, e.g. qa/criteria/tone.py")
    ap.add_argument("tests", nargs="+", help="test files (or node ids) that run for each mutant")
    ap.add_argument("--dir", help="scratch copy (default /tmp/mut-<module name>)")
    ap.add_argument("--children", type=int, default=1, help="mutmut --max-children (default 1)")
    ap.add_argument("--in-process", action="store_true",
                    help="mutmut only generates the mutants; one pytest process runs them all "
                         "(scripts/mutation_recheck.py); the verdicts go to DIR/inproc.txt")
    args = ap.parse_args()
    dest = Path(args.dir or f"/tmp/mut-{Path(args.module).stem}")
    _copy(dest)
    _configure(dest / "pyproject.toml", args.module, args.tests)
    name = args.module.removesuffix(".py").replace("/", ".")
    if args.in_process:
        _in_process(dest, args.tests)
        return
    mutmut = [sys.executable, "-m", "mutmut"]
    subprocess.run(mutmut + ["run", "--max-children", str(args.children), f"{name}*"], cwd=dest,
                   env={**os.environ}, check=False)
    out = subprocess.run(mutmut + ["results", "--all", "true"], cwd=dest, capture_output=True, text=True,
                         check=True).stdout
    counts = collections.Counter(line.rsplit(":", 1)[1].strip() for line in out.splitlines() if "__mutmut_" in line)
    print(f"{args.module}: {sum(counts.values())} mutants, " + ", ".join(f"{v} {k}" for k, v in counts.most_common()))


if __name__ == "__main__":
    main()
