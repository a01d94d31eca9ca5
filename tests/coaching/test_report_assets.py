"""Coaching HTML reports without plotly.js inside each file: one shared plotly.min.js and
report-charts.js beside the reports, each report small and free of inline scripts, its charts
drawn in a real browser (headless Debian chromium) from the file itself; `inline` still embeds
plotly.js in every file; the PDF path is untouched (static images)."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from centre import PERIOD

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "dashboard"))
import dash_browser as browser  # noqa: E402

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.IGNORECASE)


def test_directory_mode_writes_small_reports_and_one_shared_plotly(rendered):
    out, summary = rendered
    html = sorted(out.glob("*.html"))
    assert len(html) >= 4
    plotly = out / "plotly.min.js"
    assert plotly.stat().st_size > 3_000_000 and (out / "report-charts.js").is_file()
    for p in html:
        text = p.read_text(encoding="utf-8")
        assert p.stat().st_size < 200_000, (p.name, p.stat().st_size)  # was 4.8 MB with plotly.js inside
        assert INLINE_SCRIPT.search(text) is None, p.name  # only external scripts and JSON data blocks
        for block in re.findall(r'<script type="application/json" class="plotly-figure"[^>]*>(.*?)</script>', text, re.S):
            fig = json.loads(block)
            assert fig["data"] and "<" not in block
    agent = (out / f"agent-a-01-{PERIOD}.html").read_text(encoding="utf-8")
    team = (out / f"team-T1-{PERIOD}.html").read_text(encoding="utf-8")
    assert agent.count('class="plotly-figure"') == 1  # the trend
    assert team.count('class="plotly-figure"') == 2  # the pass rates and the trend


def test_inline_mode_still_embeds_plotly_in_each_file(centre, tmp_path):
    from coaching.reports import write_reports

    s = write_reports(centre.db, "T1", PERIOD, tmp_path, agent="a-01", formats=("html",), workers=1, plotly_js="inline")
    [p] = s.files
    assert p.stat().st_size > 3_000_000 and not (tmp_path / "plotly.min.js").exists()
    assert "Plotly.newPlot" in p.read_text(encoding="utf-8")


@pytest.mark.slow
@pytest.mark.skipif(browser.missing() is not None, reason=browser.missing() or "")
def test_charts_draw_in_a_browser_from_the_shared_asset(rendered):
    out, _ = rendered
    d = browser.make_driver()
    try:
        d.get((out / f"team-T1-{PERIOD}.html").as_uri())
        browser.wait_for(d, ".plotly-chart .main-svg", 30)
        drawn = d.execute_script("return document.querySelectorAll('.plotly-chart.js-plotly-plot').length")
        traces = d.execute_script("return document.querySelectorAll('.plotly-chart .scatterlayer .trace, "
                                  ".plotly-chart .barlayer .trace').length")
        assert drawn == 2 and traces >= 2
        d.save_screenshot(str(browser.artefacts_dir(Path(__file__).resolve().parents[2]) / "report-directory-mode.png"))
    finally:
        d.quit()
