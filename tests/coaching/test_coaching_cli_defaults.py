"""The coaching commands read their defaults from the options dataclasses that own them."""
from __future__ import annotations

import typer.main

from coaching.examples import ExampleOptions
from coaching.options import ReportOptions
from meeluister.cli import app


def _defaults(*path: str) -> dict:
    cmd = typer.main.get_command(app)
    for p in path:
        cmd = cmd.commands[p]  # type: ignore[attr-defined]
    return {p.name: p.default for p in cmd.params}


def test_report_and_examples_defaults_come_from_their_options():
    r, e = ReportOptions(), ExampleOptions()
    assert _defaults("report")["lang"] == r.lang
    assert _defaults("report")["fmt"] == r.formats
    assert _defaults("report")["plotly_js"] == r.plotly_js
    ex = _defaults("examples")
    assert (ex["limit"], ex["outcome"], ex["lang"]) == (e.limit, e.outcome, r.lang)
