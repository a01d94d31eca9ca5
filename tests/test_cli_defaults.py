"""Every CLI default is read from its options dataclass: the command line and the library agree.

Each (command, option) below is compared with the dataclass field that owns its default; a CLI
that writes its own literal drifts the day the dataclass changes, and this test goes red.
"""
from __future__ import annotations

from dataclasses import fields

import pytest
import typer.main

from demo import DemoOptions
from meeluister.cli import app
from qa import ScoreOptions
from signals import ReasonOptions, SignalOptions
from transcription import TranscribeOptions

OWNERS = {
    "score": (ScoreOptions, {"audio": "audio"}),
    "reasons": (ReasonOptions, {"taxonomy": "taxonomy", "model": "model"}),
    "signals": (SignalOptions, {"by": "by", "alpha": "alpha", "correction": "correction"}),
    "demo": (DemoOptions, {"out": "out", "text_contacts": "text_contacts", "audio": "audio",
                           "seed": "seed"}),
    "transcribe": (TranscribeOptions, {"engine": "engine", "model": "model", "language": "language",
                                       "diarization": "diarization", "agent_channel": "agent_channel",
                                       "workers": "workers", "threads": "cpu_threads",
                                       "beam_size": "beam_size", "stereo_recognition": "stereo_recognition",
                                       "parallel_channels": "parallel_channels"}),
}


@pytest.mark.parametrize("command", sorted(OWNERS))
def test_cli_defaults_are_the_dataclass_defaults(command):
    cmd = typer.main.get_command(app).commands[command]  # type: ignore[attr-defined]
    owner, mapping = OWNERS[command]
    field_defaults = {f.name: f.default for f in fields(owner)}
    cli_defaults = {p.name: p.default for p in cmd.params}
    for param, field_name in mapping.items():
        want = field_defaults[field_name]
        got = cli_defaults[param]
        assert str(got) == str(want), \
            f"meeluister {command} --{param.replace('_', '-')}: {got!r}, {owner.__name__}.{field_name}: {want!r}"
