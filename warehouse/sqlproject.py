"""The warehouse's SQL project: warehouse/sql/manifest.toml lists every view and mart, one per
file, in build order; each file is one SELECT naming the relations it reads as `${name}`.

`relations()` loads and checks the project (every `${name}` is a source or an earlier relation,
so the order in the manifest is a valid build order); `Relation.render(overrides)` substitutes
the names, with `overrides` reading some relations from elsewhere (string.Template: no SQL text
is rewritten by pattern). Names are identifiers from the manifest, never user input.
"""
from __future__ import annotations

import functools
import string
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any, Mapping

KINDS = ("view", "mart")
MANIFEST = "manifest.toml"


@dataclass(frozen=True)
class Relation:
    name: str
    kind: str  # view | mart
    file: str  # path under warehouse/sql/
    template: str  # the SELECT, relations as ${name}
    refs: tuple[str, ...]  # the relations it reads, in order of first use

    def render(self, overrides: Mapping[str, str] | None = None) -> str:
        """The SELECT with each `${name}` replaced by the relation's name, or by
        `overrides[name]` (another relation with the same columns)."""
        names = {r: r for r in self.refs}
        for k, v in (overrides or {}).items():
            if k in names:
                names[k] = v
        return string.Template(self.template).substitute(names)


class SqlProjectError(ValueError):
    """The manifest or a file is wrong: the message names the file and the cause."""


def _refs(template: str, where: str) -> tuple[str, ...]:
    out: list[str] = []
    for m in string.Template.pattern.finditer(template):
        if m.group("invalid") is not None:
            raise SqlProjectError(f"warehouse/sql/{where}: a '$' that is not ${{relation}} at offset {m.start()}")
        name = m.group("named") or m.group("braced")
        if name and name not in out:
            out.append(name)
    return tuple(out)


@functools.lru_cache(maxsize=1)
def _load() -> tuple[tuple[str, ...], tuple[Relation, ...]]:
    return load_project(resources.files("warehouse") / "sql")


def load_project(folder: Any) -> tuple[tuple[str, ...], tuple[Relation, ...]]:
    """(sources, relations in build order) of the SQL project in `folder` (a path or an
    importlib Traversable holding manifest.toml), checked; errors name the file and cause."""
    try:
        manifest = tomllib.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise SqlProjectError(f"warehouse/sql/{MANIFEST}: {exc}") from exc
    sources = tuple(manifest.get("sources", ()))
    known = set(sources)
    out: list[Relation] = []
    for i, entry in enumerate(manifest.get("relations", ())):
        where = f"{MANIFEST}: relations[{i}]"
        name, kind, file = entry.get("name"), entry.get("kind"), entry.get("file")
        if not (isinstance(name, str) and name.isidentifier()):
            raise SqlProjectError(f"warehouse/sql/{where}: name must be an identifier, not {name!r}")
        if kind not in KINDS:
            raise SqlProjectError(f"warehouse/sql/{where}: kind must be one of {KINDS}, not {kind!r}")
        if name in known:
            raise SqlProjectError(f"warehouse/sql/{where}: {name} is listed twice")
        try:
            template = (folder / file).read_text(encoding="utf-8")
        except (OSError, TypeError) as exc:
            raise SqlProjectError(f"warehouse/sql/{where}: cannot read file {file!r}: {exc}") from exc
        refs = _refs(template, file)
        later = [r for r in refs if r not in known]
        if later:
            raise SqlProjectError(f"warehouse/sql/{file}: reads {later}, which are neither sources nor "
                                  f"listed before {name} in {MANIFEST}")
        out.append(Relation(name, kind, file, template, refs))
        known.add(name)
    return sources, tuple(out)


def relations(kind: str | None = None) -> list[Relation]:
    """The project's relations in build order (only those of `kind` if given)."""
    return [r for r in _load()[1] if kind is None or r.kind == kind]


def sources() -> tuple[str, ...]:
    return _load()[0]
