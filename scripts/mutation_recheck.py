"""pytest plugin: run the collected tests once per mutant, in one process (mutmut 3.x trampolines).

After new tests are written against the survivors of a `scripts/mutation_module.py` run, check each
survivor again without mutmut's per-mutant start-up (on the loaded 2-core machine ~10-120 s each):

    cd /tmp/mut-next_steps && mutmut results | grep -E ": (survived|no tests)" | cut -d: -f1 > names.txt
    cp /path/to/repo/tests/qa/test_next_steps_rules.py mutants/tests/qa/
    cd mutants && MUTANTS_FILE=../names.txt MUTANTS_OUT=../recheck.txt PYTHONPATH=/path/to/repo/scripts \
        pytest -q -p mutation_recheck -m "not slow" tests/qa/test_next_steps_rules.py ...

Writes one line per mutant to MUTANTS_OUT: "killed NAME by TEST" (or "by timeout", after
MUTANT_TIMEOUT seconds, default 120: counted as killed, as mutmut counts time-outs) or "survived
NAME", with the seconds taken. The trampoline reads MUTANT_UNDER_TEST at every call, so setting it
between tests switches the mutant; the caches of the mutated module (functools caches and
the dicts named `*_CACHE`, such as next_steps' `_DEADLINE_CACHE`, and emotion_rules' `_LONG`) are
cleared before each mutant, so that a value built under one mutant never serves the next.
Recorded in docs/mutation.md.
"""
from __future__ import annotations

import os
import signal
import sys
import time

from _pytest.runner import runtestprotocol


def _clear_caches(name: str) -> None:
    modname = name.split(".x_")[0].split(".x\u01c1")[0]
    mod = sys.modules.get(modname)
    if mod is None:
        return
    for attr, v in list(vars(mod).items()):
        if hasattr(v, "cache_clear"):
            v.cache_clear()
        elif isinstance(v, dict) and (attr.endswith("_CACHE") or attr == "_LONG"):  # not constant tables
            v.clear()


class _Timeout(BaseException):
    pass


def _timeout(signum, frame):  # noqa: ARG001 (signal handler signature)
    raise _Timeout()


def pytest_runtestloop(session) -> bool:
    names = [n.strip() for n in open(os.environ["MUTANTS_FILE"], encoding="utf-8") if n.strip()]
    with open(os.environ.get("MUTANTS_OUT", "/dev/stdout"), "a", encoding="utf-8") as out:
        for name in names:
            os.environ["MUTANT_UNDER_TEST"] = name
            _clear_caches(name)
            killed = ""
            t0 = time.time()
            signal.signal(signal.SIGALRM, _timeout)
            signal.alarm(int(os.environ.get("MUTANT_TIMEOUT", "120")))
            try:
                for item in session.items:
                    if any(r.failed for r in runtestprotocol(item, nextitem=None, log=False)):
                        killed = item.nodeid
                        break
            except _Timeout:
                killed = "timeout"
            finally:
                signal.alarm(0)
            verdict = f"killed {name} by {killed}" if killed else f"survived {name}"
            print(f"{verdict}  {time.time() - t0:.1f}s", file=out, flush=True)
    os.environ["MUTANT_UNDER_TEST"] = ""
    return True
