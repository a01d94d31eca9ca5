"""Data checks after every ingest and in the tests, as dbt's schema tests: declared as data in
warehouse/sql/checks.toml (keys unique, columns not null, accepted values), run by `run_checks`,
each result naming relation, column and check.

`warehouse.ingest` and `warehouse.ingest_tables` run them at the end of a load (the lake
relations in the partitions the run rewrote, marts and small tables whole); a failing check
raises `DataCheckError` and no snapshot is published. Values are bound parameters; relation and
column names come from the checks file and are quoted.
"""
from __future__ import annotations

import functools
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

CHECKS_FILE = "checks.toml"
KINDS = ("unique", "not_null", "accepted_values")


@dataclass(frozen=True)
class Check:
    relation: str
    columns: tuple[str, ...]  # one column; several for a unique key
    check: str  # unique | not_null | accepted_values
    values: tuple[Any, ...] = ()  # accepted_values


@dataclass(frozen=True)
class CheckResult:
    relation: str
    column: str  # "a, b" for a unique key over two columns
    check: str
    failing: int  # rows that fail (unique: rows beyond the first of each key)
    examples: tuple[Any, ...] = ()  # a few failing values

    @property
    def passed(self) -> bool:
        return self.failing == 0

    def line(self) -> str:
        ex = f" (e.g. {', '.join(map(repr, self.examples))})" if self.examples else ""
        return f"{self.relation}.{self.column}: {self.check}: {self.failing} failing rows{ex}"


class DataCheckError(RuntimeError):
    """One or more data checks failed after a load; `failures` lists them."""

    def __init__(self, failures: Iterable[CheckResult]) -> None:
        self.failures = tuple(failures)
        super().__init__("data checks failed: " + "; ".join(f.line() for f in self.failures))


def _q(ident: str) -> str:
    return '"' + ident.replace('"', '""') + '"'


@functools.lru_cache(maxsize=1)
def load_checks() -> tuple[Check, ...]:
    """The checks declared in warehouse/sql/checks.toml, validated (errors name file and key)."""
    path = resources.files("warehouse") / "sql" / CHECKS_FILE
    return parse_checks(path.read_text(encoding="utf-8"), f"warehouse/sql/{CHECKS_FILE}")


def accepted_values(relation: str, column: str) -> frozenset[Any] | None:
    """The values checks.toml accepts for `relation.column` (None: any value). The readers use it
    to quarantine one bad input at the edge, so the check after the load never fails a batch for
    what a single file brought in."""
    for c in load_checks():
        if c.check == "accepted_values" and c.relation == relation and c.columns == (column,):
            return frozenset(c.values)
    return None


def parse_checks(text: str, where: str) -> tuple[Check, ...]:
    """Checks from the TOML `text` (of the file `where`, for messages)."""
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{where}: {exc}") from exc
    out: list[Check] = []
    for rel, spec in doc.items():
        if not isinstance(spec, dict):
            raise ValueError(f"{where}: {rel}: must be a table of checks")
        for key in spec:
            if key not in KINDS:
                raise ValueError(f"{where}: {rel}.{key}: unknown check; known: {KINDS}")
        for cols in spec.get("unique", ()):
            if not (isinstance(cols, list) and cols and all(isinstance(c, str) for c in cols)):
                raise ValueError(f"{where}: {rel}.unique: each entry is a list of column names")
            out.append(Check(rel, tuple(cols), "unique"))
        for col in spec.get("not_null", ()):
            if not isinstance(col, str):
                raise ValueError(f"{where}: {rel}.not_null: column names, not {col!r}")
            out.append(Check(rel, (col,), "not_null"))
        for col, values in spec.get("accepted_values", {}).items():
            if not (isinstance(values, list) and values):
                raise ValueError(f"{where}: {rel}.accepted_values.{col}: a non-empty list of values")
            out.append(Check(rel, (col,), "accepted_values", tuple(values)))
    return tuple(out)


def _condition(c: Check) -> tuple[str, list[Any]]:
    col = _q(c.columns[0])
    if c.check == "not_null":
        return f"{col} IS NULL", []
    return f"{col} IS NOT NULL AND {col} NOT IN ({', '.join('?' for _ in c.values)})", list(c.values)


def run_checks(con: Any, scope: Mapping[str, Iterable[str]] | None = None,
               checks: Iterable[Check] | None = None, sources: Mapping[str, str] | None = None) -> list[CheckResult]:
    """Run the checks; one query per relation. `scope`: relation -> partitions (`date` values)
    to check; a relation of the lake (raw_*) not in `scope` is skipped, one in it is checked in
    those partitions only. None: every relation whole. `sources`: relation -> a FROM source to
    check in its place (the rows an ingest wrote: its new lake files, the marts' refreshed
    months), ahead of `scope`."""
    by_rel: dict[str, list[Check]] = {}
    for c in checks if checks is not None else load_checks():
        by_rel.setdefault(c.relation, []).append(c)
    results: list[CheckResult] = []
    for rel, cs in by_rel.items():
        where, wparams = "", []
        if sources and rel in sources:
            pass
        elif scope is not None and rel.startswith("raw_"):
            parts = sorted(scope.get(rel, ()))
            if not parts:
                continue
            where, wparams = f" WHERE date IN ({', '.join('?' for _ in parts)})", parts
        src = f"(SELECT * FROM {sources[rel]})" if sources and rel in sources else f"(SELECT * FROM {_q(rel)}{where})"
        exprs, params = [], []
        for c in cs:
            if c.check == "unique":
                exprs.append(f"count(*) FILTER ({' AND '.join(f'{_q(k)} IS NOT NULL' for k in c.columns)}) - "
                             f"count(DISTINCT hash({', '.join(_q(k) for k in c.columns)})) "
                             f"FILTER ({' AND '.join(f'{_q(k)} IS NOT NULL' for k in c.columns)})")
            else:
                cond, p = _condition(c)
                exprs.append(f"count(*) FILTER ({cond})")
                params += p
        row = con.execute(f"SELECT {', '.join(exprs)} FROM {src}", params + wparams).fetchall()[0]
        for c, n in zip(cs, row):
            n = int(n or 0)
            examples: tuple[Any, ...] = ()
            if c.check == "unique" and n:
                keys = ", ".join(_q(k) for k in c.columns)
                # a hash collision is not a duplicate: count exactly
                n, *_ = con.execute(f"SELECT count(*) - count(DISTINCT ({keys})) FROM {src} "
                                    f"WHERE {' AND '.join(f'{_q(k)} IS NOT NULL' for k in c.columns)}",
                                    wparams).fetchall()[0]
                if n:
                    examples = tuple(r[0] for r in con.execute(
                        f"SELECT CAST(({keys}) AS VARCHAR) FROM {src} GROUP BY {keys} HAVING count(*) > 1 LIMIT 3",
                        wparams).fetchall())
            elif n and c.check == "accepted_values":
                cond, p = _condition(c)
                examples = tuple(r[0] for r in con.execute(
                    f"SELECT DISTINCT {_q(c.columns[0])} FROM {src} WHERE {cond} LIMIT 3", wparams + p).fetchall())
            results.append(CheckResult(rel, ", ".join(c.columns), c.check, n, examples))
    return results
