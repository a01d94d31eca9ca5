"""Fixtures: one generated centre (two teams, six agents, six weeks) ingested with the real
`warehouse.ingest`, and its reports rendered once (HTML and PDF) for the read-only tests."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from centre import Centre, build_centre  # noqa: E402

PERIOD = "2026-W47"


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def pdf_plain(pdf: Path) -> str:
    """The PDF's text with whitespace collapsed (line breaks inside a sentence joined)."""
    return " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split())


needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
                                   reason="poppler-utils (pdftotext, pdftoppm) not installed")


@pytest.fixture(scope="session")
def centre(tmp_path_factory: pytest.TempPathFactory) -> Centre:
    return build_centre(tmp_path_factory.mktemp("centre"), n_agents=6, teams=("T1", "T2"), audio=True)


@pytest.fixture(scope="session")
def rendered(centre: Centre, tmp_path_factory: pytest.TempPathFactory):
    from coaching.reports import write_reports

    out = tmp_path_factory.mktemp("reports")
    summary = write_reports(centre.db, "T1", PERIOD, out, lang="nl", transcripts=centre.root / "transcripts", workers=2)
    return out, summary
