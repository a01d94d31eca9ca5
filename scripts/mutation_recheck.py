"""pytest plugin: run the collected tests once per mutant, in one process (mutmut 3.x trampolines).

Used two ways. To re-check survivors after new tests were written against a
`scripts/mutation_module.py` run (without mutmut's per-mutant start-up, ~10-120 s each on the
loaded 2-core machine):

    cd /tmp/mut-next_steps && mutmut results | grep -E ": (survived|no tests)" | cut -d: -f1 > names.txt
    cp /path/to/repo/tests/qa/test_next_steps_rules.py mutants/tests/qa/
    cd mutants && MUTANTS_FILE=../names.txt MUTANTS_OUT=../recheck.txt PYTHONPATH=/path/to/repo/scripts \
        pytest -q -p mutation_recheck -m "not slow" tests/qa/test_next_steps_rules.py ...

and for a whole module's run (`scripts/mutation_module.py --in-process`: mutmut only generates the
mutants, this plugin runs all of them).

Writes one line per mutant to MUTANTS_OUT: "killed NAME by TEST" (or "by timeout", after
MUTANT_TIMEOUT seconds, default 120: counted as killed, as mutmut counts time-outs), "survived
NAME", "no-tests NAME" (no collected test calls the mutated function) or, with MUTANT_BUDGET set,
"unresolved NAME" (no test failed within that many seconds; the rest were not run: a first pass
over a slow runner, whose unresolved mutants are run again without a budget, or against new tests),
with the seconds taken.

How it stays cheap:
* the trampoline reads MUTANT_UNDER_TEST at every call, so setting it between tests switches the
  mutant; the caches of the mutated module (functools caches and the dicts named `*_CACHE`, such
  as next_steps' `_DEADLINE_CACHE`, and emotion_rules' `_LONG`) are cleared before each mutant,
  so that a value built under one mutant never serves the next;
* every test is first run once with mutmut's "stats" mutant (the original code, recording which
  mutated functions each test calls): a mutant then runs only the tests that call its function
  (a test that fails on the original code is dropped and reported on stderr);
* the tests that killed the last mutants run first for the next one (mutants of one function tend
  to die by the same test), then the others, quickest first (the coverage run's times);
* module- and session-scoped fixtures are kept between tests and mutants (only the nodes the next
  test does not share are torn down; everything after a failed setup, whose error pytest would
  otherwise keep for the node's other tests): the fixture warehouses are built once per test module, not
  once per test and mutant. Safe because the mutated modules must not shape what those fixtures
  build (true of the query layer and the QA rules; tests/warehouse/conftest.py keys its cached
  warehouse on the ingest code);
* a failing test's report carries no formatted traceback (`repr_failure` is replaced): pytest's
  traceback and assertion rendering of a DataFrame cost more than many a test.
Recorded in docs/mutation.md.
"""
from __future__ import annotations

import os
import signal
import sys
import time

from _pytest.runner import runtestprotocol

try:  # the hits of the "stats" run: wrap mutmut's recorder (it needs mutmut's config otherwise)
    import mutmut.mutation.trampoline as _tramp
except ImportError:  # pragma: no cover (mutmut not installed)
    _tramp = None

_HITS: set[str] = set()


def _record(name: str, caller: str | None = None) -> None:  # noqa: ARG001 (mutmut's signature)
    _HITS.add(name)


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


class _Keep:
    """Stands in for pytest's `nextitem`: tear down only the nodes outside `chain`."""

    def __init__(self, chain: list) -> None:
        self._chain = chain

    def listchain(self) -> list:
        return self._chain


def _setup_state(session):
    """pytest's SetupState (the stack of set-up nodes): pytest has no public handle on it, and
    keeping fixtures between tests needs one."""
    return getattr(session, "_setupstate")


def _run(session, item) -> bool:
    """Run one test, keeping the fixtures of the nodes above it; True when it failed."""
    state = _setup_state(session)
    chain = item.listchain()
    stack = list(state.stack.keys())
    keep = 0
    while keep < min(len(stack), len(chain)) and stack[keep] is chain[keep]:
        keep += 1
    if keep < len(stack):
        state.teardown_exact(_Keep(chain[:keep]))
    reports = runtestprotocol(item, nextitem=_Keep(chain[:-1]), log=False)
    if any(r.failed and r.when == "setup" for r in reports):
        state.teardown_exact(None)  # pytest keeps a failed setup's error for the node's other tests
    return any(r.failed for r in reports)


def _function_of(mutant: str) -> str:
    return mutant.rsplit("__mutmut_", 1)[0]


def pytest_runtestloop(session) -> bool:
    names = [n.strip() for n in open(os.environ["MUTANTS_FILE"], encoding="utf-8") if n.strip()]
    for item in session.items:
        item.repr_failure = lambda excinfo, style=None: "failed"  # noqa: ARG005
    # the coverage run: which mutated functions each test calls (and the tests that pass)
    os.environ["MUTANT_UNDER_TEST"] = "stats"
    calls: dict[str, list] = {}
    took: dict = {}
    if _tramp is not None:
        _tramp.record_trampoline_hit = _record
    t0 = time.time()
    for item in session.items:
        _HITS.clear()
        t1 = time.time()
        failed = _run(session, item)
        took[item] = time.time() - t1
        if failed:
            print(f"mutation_recheck: {item.nodeid} fails on the original code: dropped", file=sys.stderr)
            continue
        for fn in _HITS:
            calls.setdefault(fn, []).append(item)
    print(f"mutation_recheck: coverage run of {len(session.items)} tests in {time.time() - t0:.0f} s",
          file=sys.stderr)
    for fn in calls:  # the quick tests first
        calls[fn].sort(key=took.__getitem__)
    order: list = []  # the last killers first
    with open(os.environ.get("MUTANTS_OUT", "/dev/stdout"), "a", encoding="utf-8") as out:
        for name in names:
            os.environ["MUTANT_UNDER_TEST"] = name
            _clear_caches(name)
            tests = calls.get(_function_of(name), [])
            first = [t for t in order if t in tests]
            tests = first + [t for t in tests if t not in first]
            killed = ""
            t0 = time.time()
            budget = float(os.environ.get("MUTANT_BUDGET", "0"))
            cut = False
            signal.signal(signal.SIGALRM, _timeout)
            signal.alarm(int(os.environ.get("MUTANT_TIMEOUT", "120")))
            try:
                for item in tests:
                    if budget and time.time() - t0 > budget:
                        cut = True
                        break
                    if _run(session, item):
                        killed = item.nodeid
                        if item in order:
                            order.remove(item)
                        order.insert(0, item)
                        break
            except _Timeout:
                killed = "timeout"
            finally:
                signal.alarm(0)
            if killed:
                verdict = f"killed {name} by {killed}"
            else:
                verdict = f"unresolved {name}" if cut else f"survived {name}" if tests else f"no-tests {name}"
            print(f"{verdict}  {time.time() - t0:.1f}s", file=out, flush=True)
    os.environ["MUTANT_UNDER_TEST"] = ""
    _setup_state(session).teardown_exact(None)
    return True
