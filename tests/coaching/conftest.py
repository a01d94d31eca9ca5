"""Fixtures: one generated centre (two teams, six agents, six weeks) ingested with the real
`warehouse.ingest`, and its reports rendered once (HTML and PDF) for the read-only tests."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from centre import PERIOD, Centre, build_centre  # noqa: E402


@pytest.fixture(scope="session")
def centre(tmp_path_factory: pytest.TempPathFactory) -> Centre:
    return build_centre(tmp_path_factory.mktemp("centre"), n_agents=6, teams=("T1", "T2"), audio=True)


@pytest.fixture(scope="session")
def rendered(centre: Centre, tmp_path_factory: pytest.TempPathFactory):
    from coaching.reports import write_reports

    out = tmp_path_factory.mktemp("reports")
    summary = write_reports(centre.db, "T1", PERIOD, out, lang="nl", transcripts=centre.root / "transcripts", workers=2)
    return out, summary
