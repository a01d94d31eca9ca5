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

import typer

app = typer.Typer(
    name="meeluister",
    help="Listens along to every contact: transcribe, score, ingest, report.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
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
