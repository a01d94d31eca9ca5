"""`meeluister demo --no-serve` end to end (text only, a smaller centre): what a user would see.

The coaching reports exist for every agent of the roster and differ by the agent's way of working,
the example library's index links its pages, every demo login signs in to the dashboard over HTTP
(and a wrong password does not), the warehouse holds every contact the demo wrote, and the hostile
chat text shows as text in the report that quotes it."""
from __future__ import annotations

import csv
import re
import stat

import pytest
from typer.testing import CliRunner

from meeluister.cli import app
from synth.centre import DEMO_CENTRE

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo") / "demo-out"
    res = CliRunner().invoke(app, ["demo", "--out", str(out), "--no-audio", "--text-contacts", "480",
                                   "--no-serve"], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    return out, res.output


def _week(out):
    return re.search(r"agent-a-01-(\d{4}-W\d\d)\.html", " ".join(p.name for p in (out / "reports").iterdir())).group(1)


def test_reports_for_every_agent_and_team(demo_out):
    out, printed = demo_out
    week = _week(out)
    for p in DEMO_CENTRE:
        for ext in ("html", "pdf"):
            assert (out / "reports" / f"agent-{p.agent_id}-{week}.{ext}").stat().st_size > 1000
    teams = {p.team for p in DEMO_CENTRE}
    assert {f.name for f in (out / "reports").glob("team-*.html")} == {f"team-{t}-{week}.html" for t in teams}
    # an agent's report names only that agent; Ruud (who rarely says his name) is coached on it
    ruud = (out / "reports" / f"agent-a-02-{week}.html").read_text(encoding="utf-8")
    assert "Ruud Jansen" in ruud and "Sanne de Vries" not in ruud
    assert 'data-criterion="own_name_greeting"' in ruud.split('class="strength"')[0]
    assert "Where everything is" in printed and "demo-teamleader" in printed


def test_example_library_index(demo_out):
    out, _ = demo_out
    index = (out / "examples" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="([^"]+/index\.html)"', index)
    assert {"nivea/index.html", "diminutives/index.html"} <= set(links)
    for link in links:
        assert (out / "examples" / link).exists()


def test_logins_sign_in_to_the_dashboard(demo_out):
    from dashboard import DashboardOptions, create_app

    out, _ = demo_out
    f = out / "logins.txt"
    assert stat.S_IMODE(f.stat().st_mode) == 0o600
    rows = [line.split("\t") for line in f.read_text().splitlines() if not line.startswith("#")]
    assert sorted(r[2] for r in rows) == sorted(["agent", "team_leader", "trainer", "management", "admin"])
    server = create_app(DashboardOptions(db=out / "warehouse" / "meeluister.duckdb",
                                         store_url=f"sqlite:///{out / 'store' / 'operational.db'}")).server

    def login(username, password):
        c = server.test_client()
        page = c.get("/login").get_data(as_text=True)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        return c.post("/login", data={"username": username, "password": password, "csrf_token": token})

    for username, password, *_ in rows:
        assert login(username, password).status_code in (302, 303), username
    assert login(rows[0][0], rows[0][1] + "x").status_code not in (302, 303)


def test_warehouse_holds_every_contact(demo_out):
    from warehouse import Query, contacts, open_snapshot

    out, _ = demo_out
    with (out / "inputs" / "calls.csv").open(encoding="utf-8") as fh:
        written = {r["contact_id"] for r in csv.DictReader(fh)}
    con = open_snapshot(out / "warehouse" / "meeluister.duckdb")
    try:
        got = set(contacts(con, Query())["contact_id"])
    finally:
        con.close()
    assert got == written and len(written) == 480 + 30


def test_hostile_chat_text_is_escaped_in_the_report(demo_out):
    out, _ = demo_out
    report = (out / "reports" / f"agent-a-03-{_week(out)}.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in report and "{{ 7*7 }}" in report
    for page in [*(out / "reports").glob("*.html"), *(out / "examples").rglob("*.html")]:
        text = page.read_text(encoding="utf-8")
        assert "<script>alert(1)" not in text and 'onclick="alert(1)"' not in text, page
