"""`RedactionOptions`, the one owner of the redaction defaults, and its TOML loader.

A configuration file holds a `[default]` table and one table per organisation, each overriding
the one before it (built-in defaults < `[default]` < `[organisation."<name>"]`):

```toml
[default]
categories = ["bsn", "iban", "phone", "email", "postcode", "dob", "name"]
context_chars = 80

[organisation."gemeente-utrecht"]
categories = ["bsn", "iban", "phone", "email", "postcode", "dob"]   # names kept readable
```

Unknown keys, unknown categories and values of the wrong type are `InputError`s naming the file
and the key (`redaction.toml: organisation.gemeente-utrecht.categories: ...`).
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Mapping

from meeluister.errors import InputError
from meeluister.io import read_toml

# Every category the redactor knows, in the order they take precedence where two overlap.
CATEGORIES: tuple[str, ...] = ("email", "iban", "bsn", "phone", "postcode", "dob", "name")


@dataclass(frozen=True)
class RedactionOptions:
    # Which kinds of personal data are redacted (all by default; an organisation may switch any off).
    categories: frozenset[str] = field(default_factory=lambda: frozenset(CATEGORIES))
    context_chars: int = 80  # how far before or after a number a context word ("BSN", "geboren") may be
    dob_year_min: int = 1900
    dob_year_max: int = 2015  # a full date with a year in this range counts as a birth date without context
    # Keep the agent's own name in their greeting ("u spreekt met Sanne"): it is employee data the
    # coaching needs (the greeting criterion), not customer data.
    own_name_greeting: bool = True

    def __post_init__(self) -> None:
        unknown = set(self.categories) - set(CATEGORIES)
        if unknown:
            raise ValueError(f"unknown redaction categories {sorted(unknown)}; known: {', '.join(CATEGORIES)}")
        if not isinstance(self.categories, frozenset):
            object.__setattr__(self, "categories", frozenset(self.categories))

    def on(self, category: str) -> bool:
        return category in self.categories


_KEYS = {f.name: f for f in fields(RedactionOptions)}


def _override(base: RedactionOptions, table: Any, where: str, src: Path) -> RedactionOptions:
    if not isinstance(table, Mapping):
        raise InputError(src, "must be a table", where=where)
    out: dict[str, Any] = {}
    for k, v in table.items():
        key = f"{where}.{k}"
        if k not in _KEYS:
            raise InputError(src, f"unknown key (known: {', '.join(sorted(_KEYS))})", where=key)
        if k == "categories":
            if not isinstance(v, list) or not all(isinstance(c, str) for c in v):
                raise InputError(src, f"must be a list of category names, not {v!r}", where=key)
            unknown = sorted(set(v) - set(CATEGORIES))
            if unknown:
                raise InputError(src, f"unknown categor{'y' if len(unknown) == 1 else 'ies'} "
                                 f"{', '.join(unknown)} (known: {', '.join(CATEGORIES)})", where=key)
            out[k] = frozenset(v)
            continue
        default = getattr(base, k)
        if isinstance(default, bool):
            if not isinstance(v, bool):
                raise InputError(src, f"must be true or false, not {v!r}", where=key)
        elif not isinstance(v, int) or isinstance(v, bool) or v < 0:
            raise InputError(src, f"must be a whole number >= 0, not {v!r}", where=key)
        out[k] = v
    opts = replace(base, **out)
    if opts.dob_year_min > opts.dob_year_max:
        raise InputError(src, "dob_year_min must be <= dob_year_max", where=f"{where}.dob_year_min")
    return opts


def options_from_dict(data: Mapping[str, Any], src: str | Path = "<config>",
                      organisation: str | None = None) -> RedactionOptions:
    """The options for `organisation` from a parsed configuration (see the module docstring)."""
    src = Path(str(src))
    for k in data:
        if k not in ("default", "organisation"):
            raise InputError(src, "unknown section (known: default, organisation)", where=k)
    opts = RedactionOptions()
    if "default" in data:
        opts = _override(opts, data["default"], "default", src)
    orgs = data.get("organisation", {})
    if not isinstance(orgs, Mapping):
        raise InputError(src, "must be a table of organisations", where="organisation")
    for name, table in orgs.items():  # validate every organisation, not only the one asked for
        o = _override(opts, table, f"organisation.{name}", src)
        if name == organisation:
            chosen = o
    return chosen if organisation in orgs else opts


def load_redaction_options(path: str | Path | None, organisation: str | None = None) -> RedactionOptions:
    """The defaults, overridden by the TOML file at `path` (None: defaults only) and its table for
    `organisation` (an organisation without a table gets `[default]`)."""
    if path is None:
        return RedactionOptions()

    path = Path(path)
    return options_from_dict(read_toml(path), path, organisation)
