"""The one CLI, `meeluister`, that drives every step.

Each stage contributes its commands through a `register(app)` function in its own `cli.py`, so the
stages stay independent and this module only wires them together. The stages are named in one
list, `STAGE_CLIS`, by module name: the shared package imports no stage (not even lazily; the
import-layer test checks it), the CLI loads them by name when it starts. Only the CLI sets log
handlers.
"""
from __future__ import annotations

import importlib
import logging
import sys
from typing import Any

import typer
from typer.core import TyperGroup


def spread_values(command: Any, args: list[str]) -> list[str]:
    """`--surveys a.csv b.xlsx` as `--surveys a.csv --surveys b.xlsx`: an option that takes
    several values (typer `List[...]` with a metavar ending in `...`, as the help shows it:
    `FILE...`) takes every word after it up to the next option or `--`, as a person types it; the
    repeated-flag form is left as it is. A positional argument therefore goes before such an
    option (or after `--`)."""
    multi: dict[str, Any] = {}
    for p in command.params:
        # duck-typed: typer may carry its own copy of click's classes. Only an option whose help
        # shows `...` (metavar="FILE...") takes several words: a repeatable one without it
        # (`redact --name`) keeps click's one value per flag, so a positional after it stays one.
        if (getattr(p, "param_type_name", "") == "option" and p.multiple and not p.is_flag and not p.count
                and (p.metavar or "").endswith("...")):
            for name in p.opts:
                multi[name] = p
    out: list[str] = []
    i = 0
    while i < len(args):
        a = args[i]
        out.append(a)
        i += 1
        if a == "--":
            out += args[i:]
            break
        name, eq, value = a.partition("=")
        if name not in multi:
            continue
        if not eq:  # the first value is the next word
            if i < len(args):
                out.append(args[i])
                i += 1
        while i < len(args) and not args[i].startswith("-"):
            out += [name, args[i]]
            i += 1
    return out


class MeeluisterGroup(TyperGroup):
    """The `meeluister` group: its subcommands read several values after one flag
    (`spread_values`)."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        return super().parse_args(ctx, spread_in_group(self, args))


def spread_in_group(group: Any, args: list[str]) -> list[str]:
    """`spread_values` for the (sub)command the words name: the first word that names one of
    `group`'s commands; what follows it is that command's (a subgroup's: recursively)."""
    for i, a in enumerate(args):
        cmd = group.commands.get(a) if not a.startswith("-") else None
        if cmd is not None:
            rest = spread_in_group(cmd, args[i + 1:]) if hasattr(cmd, "commands") else spread_values(cmd, args[i + 1:])
            return args[: i + 1] + rest
        if a == "--" or not a.startswith("-"):
            break
    return args


app = typer.Typer(
    name="meeluister",
    help="Listens along to every contact: transcribe, score, ingest, report.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    cls=MeeluisterGroup,
)

# The one registry of command modules, in help order; each is optional so a light install still
# starts. A new stage adds its `cli` module here.
STAGE_CLIS = (
    "transcription.cli",
    "qa.cli",
    "warehouse.cli",
    "warehouse.parts_cli",
    "coaching.cli",
    "dashboard.cli",
    "signals.cli",
    "demo.cli",
    "cluster.cli",  # the Ray backend of transcribe/score (--ray); no command of its own
)


@app.callback()
def _main(
    verbose: int = typer.Option(0, "--verbose", "-v", count=True, help="More log output (-vv: debug)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Only errors."),
) -> None:
    level = logging.ERROR if quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    # A plain stream handler: an error about a bad input stays one line, whatever the terminal
    # width (rich's handler wraps), so it can be grepped and pasted.
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    logging.basicConfig(level=level, handlers=[handler], force=True)


def _register_all() -> None:
    # The shared package's own command first: `meeluister redact` (redaction serves every stage;
    # the module imports the redactor only when the command runs).
    from meeluister import redaction_cli

    redaction_cli.register(app)
    for name in STAGE_CLIS:
        try:
            mod = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name and (exc.name == name or name.startswith(exc.name + ".")):
                continue  # stage not present yet
            raise
        register = getattr(mod, "register", None)
        if register is not None:
            register(app)


_register_all()


def main() -> None:
    app()


if __name__ == "__main__":
    main()
