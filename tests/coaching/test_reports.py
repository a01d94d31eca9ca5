"""Reports as a person sees them: PDFs turned into text and images, HTML read back; the numbers
equal the query layer's, an agent sees only their own contacts, hostile text stays text."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import numpy as np
import pytest
from centre import PERIOD, needs_poppler, pdf_plain

from coaching import focus as fmod
from coaching.render import criterion_label
from warehouse import Query, csat, nps, open_snapshot, pass_rates

T1 = ("a-01", "a-03", "a-05")  # teams alternate: a-01 T1, a-02 T2, ...


def _q(**kw):
    return Query.for_period(PERIOD, filters={"team": "T1"}, **kw)


def test_files_written_per_agent_and_team(rendered):
    out, s = rendered
    names = sorted(p.name for p in out.iterdir() if p.suffix in (".html", ".pdf"))
    expected = sorted([f"agent-{a}-{PERIOD}.{x}" for a in T1 for x in ("html", "pdf")]
                      + [f"team-T1-{PERIOD}.html", f"team-T1-{PERIOD}.pdf"])
    assert names == expected
    assert set(s.focus) == set(T1)


@needs_poppler
def test_agent_pdf_shows_focus_point_with_own_failing_quotes(rendered, centre):
    out, s = rendered
    assert s.focus["a-01"][0] == "next_steps"  # the generated weak spot, far below the team
    text = pdf_plain(out / f"agent-a-01-{PERIOD}.pdf")
    assert criterion_label("nl", "next_steps") in text and "Probeer" in text
    focus_part = text.split("Sterke punten")[0]
    quotes = re.findall(r"“([^”]+)”", focus_part)
    assert len(quotes) >= 2
    own_fails = {r["evidence"][0]["quote"] for (cid, crit), r in centre.results.items()
                 if centre.contacts[cid]["agent_id"] == "a-01" and r["outcome"] == "fail" and r["evidence"]}
    for q in quotes:
        assert " ".join(q.split()) in {" ".join(x.split()) for x in own_fails}
    # the rate printed beside the focus point is the query layer's
    con = open_snapshot(centre.db)
    pr = pass_rates(con, _q(group_by=("agent_id", "criterion")))
    v = pr[(pr.agent_id == "a-01") & (pr.criterion == "next_steps")].iloc[0]
    assert f"jouw score {100 * v.value:.1f}% (n={int(v.n)})" in text
    # the time in the call is shown, no audio player in the PDF
    assert re.search(r"tijd \d+:\d\d", focus_part)


@needs_poppler
def test_pdf_numbers_equal_query_layer(rendered, centre):
    out, _ = rendered
    con = open_snapshot(centre.db)
    cs = csat(con, _q(group_by=("agent_id",)))
    nn = nps(con, _q(group_by=("agent_id",)))
    for a in T1:
        text = pdf_plain(out / f"agent-{a}-{PERIOD}.pdf")
        c = cs[cs.agent_id == a].iloc[0]
        assert f"{c.value:.1f} (95%-interval {c.ci_low:.1f}–{c.ci_high:.1f}, n={int(c.n)})" in text
        n = nn[nn.agent_id == a].iloc[0]
        assert f"{n.value:.1f} (95%-interval {n.ci_low:.1f}–{n.ci_high:.1f}, n={int(n.n)})" in text
        assert ("weinig antwoorden" in text) == bool(c.small_n or n.small_n)
    team = pdf_plain(out / f"team-T1-{PERIOD}.pdf")
    pr = pass_rates(con, _q(group_by=("criterion",)))
    for r in pr.itertuples():
        assert f"{criterion_label('nl', r.criterion)} {100 * r.value:.1f}% {100 * r.ci_low:.1f}%–{100 * r.ci_high:.1f}% {int(r.n)}" in team


@needs_poppler
def test_pdf_pages_render_as_images(rendered, tmp_path):
    out, _ = rendered
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(out / f"agent-a-01-{PERIOD}.pdf"), str(tmp_path / "p")], check=True)
    pages = sorted(tmp_path.glob("p-*.png"))
    assert pages
    import matplotlib.image as mpimg

    img = mpimg.imread(str(pages[0]))
    assert img.std() > 0.05  # not a blank page
    # the trend chart is an image in the PDF (static), a plotly figure in the HTML (interactive),
    # drawn by the shared plotly.min.js beside the reports (the default "directory" mode)
    html = (out / f"agent-a-01-{PERIOD}.html").read_text(encoding="utf-8")
    assert 'class="plotly-figure"' in html and '<script src="plotly.min.js" defer>' in html


def test_agent_report_holds_no_other_agents_contacts_or_quotes(rendered, centre):
    out, _ = rendered
    others_codes = {}
    for cid, d in centre.contacts.items():
        codes = set(re.findall(r"KQ-[A-Z]{3}", json_text(d)))
        others_codes.setdefault(d["agent_id"], set()).update(codes | {cid})
    for a in T1:
        html = (out / f"agent-{a}-{PERIOD}.html").read_text(encoding="utf-8")
        text = pdf_plain(out / f"agent-{a}-{PERIOD}.pdf")
        assert set(re.findall(r"KQ-[A-Z]{3}", html)) <= others_codes[a]
        assert set(re.findall(r"KQ-[A-Z]{3}", html))  # the agent's own quotes are there
        for other, ids in others_codes.items():
            if other == a:
                continue
            leaked = [x for x in ids if x in html or x in text]
            assert not leaked, f"{a}'s report shows {other}'s {leaked[:3]}"
            assert centre.agents[other][0] not in html  # no named colleague


def json_text(d: dict) -> str:
    return " ".join(t["text"] for t in d["turns"])


def test_hostile_text_is_escaped_everywhere(rendered):
    out, _ = rendered
    seen = 0
    for p in out.glob("*.html"):
        html = p.read_text(encoding="utf-8")
        body = html.split("</script>", 1)[-1] if "Plotly" in html else html  # after the inline plotly.js
        assert "<script>alert" not in html and "<b>vet</b>" not in body
        seen += html.count("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &lt;b&gt;vet&lt;/b&gt; {{ 7*7 }}")
    assert seen >= 1  # the hostile quotes are shown, as text


@needs_poppler
def test_hostile_text_shows_literally_in_pdf(rendered):
    out, _ = rendered
    texts = [pdf_plain(p) for p in out.glob("agent-*.pdf")]
    assert any("<script>alert('x')</script> <b>vet</b> {{ 7*7 }}" in t for t in texts)


def test_trend_covers_previous_periods_with_query_values(rendered, centre):
    out, _ = rendered
    html = (out / f"agent-a-01-{PERIOD}.html").read_text(encoding="utf-8")
    table = html.split('class="trend"')[1].split("</table>")[0]
    heads = re.findall(r"<th>(20\d\d-W\d\d)</th>", table)
    assert heads[-1] == PERIOD and len(heads) >= 5  # >= 4 previous periods
    con = open_snapshot(centre.db)
    q = Query.for_period(heads[0], filters={"team": "T1", "agent_id": "a-01", "criterion": "next_steps"})
    q = q.but(date_to=Query.for_period(PERIOD).date_to, period="week", group_by=("criterion",))
    pr = pass_rates(con, q)
    row = [r for r in table.split("<tr>") if criterion_label("nl", "next_steps") in r][0]
    cells = re.findall(r'<td class="num">([^<]*)</td>', row)
    expect = {str(w): f"{100 * v:.0f}%" for w, v in zip(pr["week"], pr["value"])}
    for head, cell in zip(heads, cells):
        wk = [k for k in expect if _iso(k) == head]
        assert cell == (expect[wk[0]] if wk else "–")


def _iso(d: str) -> str:
    from datetime import date

    y, w, _ = date.fromisoformat(str(d)[:10]).isocalendar()
    return f"{y}-W{w:02d}"


def test_english_report_is_worded_as_coaching(centre, tmp_path):
    from coaching.reports import write_reports

    s = write_reports(centre.db, "T1", PERIOD, tmp_path, agent="a-01", lang="en", formats=("html",), workers=1)
    assert [p.name for p in s.files] == [f"agent-a-01-{PERIOD}.html"]
    html = s.files[0].read_text(encoding="utf-8")
    assert "<b>Try</b>" in html and "Well done:" in html and "Probeer" not in html


def test_team_report_lists_attention_and_agent_links(rendered):
    out, s = rendered
    html = (out / f"team-T1-{PERIOD}.html").read_text(encoding="utf-8")
    att = html.split("Medewerkers die aandacht nodig hebben")[1].split("</table>")[0]
    assert f'href="agent-a-01-{PERIOD}.html"' in att and "Vervolgstappen" in att


def _td(agent_pass, team_pass, drivers, contacts):
    import pandas as pd

    from coaching.source import TeamData

    e = pd.DataFrame(columns=["n", "value", "ci_low", "ci_high", "small_n"])
    return TeamData("T", PERIOD, "week", [PERIOD], None, None, contacts,
                    pd.DataFrame(columns=["contact_id", "criterion", "outcome", "confidence", "evidence"]),
                    team_pass, agent_pass, agent_pass, e, e, e, e, e, e, e, e, e, e, drivers,
                    pd.DataFrame({"agent_id": ["a"], "agent_name": ["A"]}), agent_pass, e)


def test_focus_impact_weighs_gap_by_driver_weight_and_needs_n():
    import pandas as pd

    from coaching.options import FocusOptions

    ap = pd.DataFrame({"agent_id": ["a"] * 3, "criterion": ["x", "y", "z"], "n": [20, 20, 3],
                       "value": [0.6, 0.5, 0.0], "ci_low": 0, "ci_high": 1, "small_n": False})
    tp = pd.DataFrame({"criterion": ["x", "y", "z"], "n": [200] * 3, "value": [0.8, 0.8, 0.9],
                       "ci_low": 0, "ci_high": 1, "small_n": False})
    contacts = pd.DataFrame({"contact_id": ["c1", "c2"], "agent_id": ["a", "a"], "language": ["nl", "en"],
                             "channel": ["phone", "phone"], "started_at": ["", ""]})
    dr = pd.DataFrame({"dim": ["language"] * 4 + ["channel"] * 2, "group": ["nl", "en", "nl", "en", "phone", "phone"],
                       "criterion": ["x", "x", "y", "y", "x", "y"], "weight": [0.4, 0.2, 0.1, 0.1, 0.3, 0.1]})
    td = _td(ap, tp, dr, contacts)
    # x: gap .2, weight mean(.5*.4+.5*.2, .3) = .3 -> .06; y: gap .3, weight .1 -> .03; z: n 3 < min_n
    fps = fmod.focus_points(td, "a", FocusOptions(min_n=8))
    assert [f.criterion for f in fps] == ["x", "y"]
    assert fps[0].impact == pytest.approx(0.2 * 0.3) and fps[1].impact == pytest.approx(0.3 * 0.1)
    # without driver weights the bigger gap wins
    td2 = _td(ap, tp, dr.iloc[0:0], contacts)
    assert [f.criterion for f in fmod.focus_points(td2, "a", FocusOptions(min_n=8))] == ["y", "x"]
    # z (gap .9, no measured weight: floor .1 x mean weight) counts only once n=3 is enough
    assert [f.criterion for f in fmod.focus_points(td, "a", FocusOptions(min_n=2, max_points=3))] == ["x", "y", "z"]
    assert np.isclose(fmod.driver_weight(td, "a", "x"), 0.3)


def test_report_levels_pool_the_trend_window(rendered, centre):
    out, _ = rendered
    html = (out / f"agent-a-01-{PERIOD}.html").read_text(encoding="utf-8")
    heads = re.findall(r"<th>(20\d\d-W\d\d)</th>", html.split('class="trend"')[1].split("</table>")[0])
    con = open_snapshot(centre.db)
    q = Query.for_period(heads[0], filters={"team": "T1", "agent_id": "a-01"}, group_by=("criterion",))
    pr = pass_rates(con, q.but(date_to=Query.for_period(PERIOD).date_to))
    sub = pr[pr.criterion.isin(["hold_etiquette", "next_steps"])]
    n = int(sub.n.sum())
    rate = (sub.value * sub.n).round().sum() / n
    row = html.split("<td>process</td>")[1].split("</tr>")[0]
    assert f"{100 * rate:.1f}%" in row and f'<td class="num">{n}</td>' in row and "brons" in row
    assert f"Over {heads[0]} – {PERIOD}" in html
