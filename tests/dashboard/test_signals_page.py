"""The signals page (issue 11) over HTTP and its pure builders: management and team leaders get
counts against the baseline, alerts and repeat contacts through signals' public API; an agent and
a trainer are refused; untrusted text in an alert stays text; management sees no contact ids."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from dashcalls import call

ALERTS = "..sg-alerts.children...sg-reasons.children...sg-topic.options...sg-topic.value.."


def _dep(live, s, output):
    return next(d for d in live.deps(s) if d["output"] == output)


@pytest.mark.parametrize("username", ["mgmt", "tl-noord"])
def test_management_and_team_leaders_see_counts_against_the_baseline(live_sqlite, username):
    live = live_sqlite
    s = live.login(username)
    r = call(s, _dep(live, s, ALERTS), {"sg-by.value": "day"}, base=live.url)
    assert r.status_code == 200, r.text[:300]
    out = r.json()["response"]
    reasons = json.dumps(out["sg-reasons"]["children"])
    assert "sg-reasons-table" in reasons and "id_documents" in reasons  # the centre's commonest reason
    topics = [o["value"] for o in out["sg-topic"]["options"]]
    assert "status_inquiry" in topics and out["sg-topic"]["value"] in topics
    fig = call(s, _dep(live, s, "sg-series.figure"), {"sg-topic.value": "id_documents", "sg-by.value": "day"},
               base=live.url).json()["response"]["sg-series"]["figure"]
    names = [d["name"] for d in fig["data"]]
    assert len(names) == 4 and sum(1 for d in fig["data"] if d["y"]) >= 3
    body = r.text + json.dumps(fig)
    if username == "mgmt":
        assert "c-a-0" not in body  # aggregates and redacted text only
    else:  # a team leader's signals count their own team's contacts only
        assert "c-a-03-" not in body and "c-a-04-" not in body


def test_a_team_leader_counts_only_their_team(live_sqlite):
    live = live_sqlite
    counts = {}
    for user in ("mgmt", "tl-noord", "tl-zuid"):
        s = live.login(user)
        r = call(s, _dep(live, s, ALERTS), {"sg-by.value": "day"}, base=live.url)
        rows = r.json()["response"]["sg-reasons"]["children"]["props"]["children"][1]["props"]["children"]
        counts[user] = sum(int(row["props"]["children"][2]["props"]["children"]) for row in rows)
    assert counts["tl-noord"] > 0 and counts["tl-zuid"] > 0
    assert counts["tl-noord"] + counts["tl-zuid"] == counts["mgmt"]


@pytest.mark.parametrize("username", ["anna", "trainer"])
def test_agents_and_trainers_cannot_open_signals(live_sqlite, username):
    live = live_sqlite
    s = live.login(username)
    mg = live.login("mgmt")
    for output in (ALERTS, "sg-series.figure", "sg-repeats.children"):
        r = call(s, _dep(live, mg, output), {"sg-by.value": "day"}, base=live.url)
        assert r.status_code == 403, (username, output)
        assert "id_documents" not in r.text
    page = call(s, _dep(live, mg, "page.children"), {"url.pathname": "/signals"}, base=live.url)
    assert "not-allowed" in page.text and "signals-page" not in page.text


def test_alert_rows_keep_hostile_text_as_text_and_hide_ids_from_management():
    from signals import Alert

    from dashboard.pages.signals import alert_rows, repeat_rows, topic_label

    hostile = "<script>alert(1)</script> {{ 7*7 }}"
    a = Alert(topic="topic:paspoort+verlopen", kind="emerging", terms=("paspoort", "verlopen", hostile), start="2026-11-20",
              end="2026-11-21", periods=2, count=40, expected=8.0, ratio=5.0, pvalue=1e-9, p_adjusted=2e-7, z=9.1,
              first_count=22, first_expected=4.0, channels=("phone",), languages=("nl", "en"),
              by_channel={"phone": 35}, by_language={"nl": 30, "en": 10},
              examples=({"contact_id": "c-9", "started_at": "2026-11-20", "channel": "phone", "language": "nl",
                         "text": hostile},))
    assert topic_label(a.topic, a.terms) == "paspoort · verlopen · " + hostile
    mgmt = alert_rows([a], "nl", with_links=False)[0]
    tl = alert_rows([a], "nl", with_links=True)[0]
    assert mgmt[2] == "2026-11-20" and mgmt[3] == "40 / 8.0 (×5.0)" and mgmt[4] == "2.0e-07"
    assert mgmt[5] == "phone" and mgmt[6] == "nl, en"
    as_json = json.dumps(mgmt[7].to_plotly_json(), default=lambda o: o.to_plotly_json())
    assert hostile.replace("<", "\\u003c") in as_json or hostile in as_json  # a text child, never markup
    assert "c-9" not in as_json and "dangerously" not in as_json
    assert "/contact/c-9" in json.dumps(tl[7].to_plotly_json(), default=lambda o: o.to_plotly_json())
    rep = pd.DataFrame([{"reason": "paspoort", "n": 50, "repeats_7d": 10, "rate_7d": 0.2, "low_7d": 0.11,
                         "high_7d": 0.33, "repeats_14d": 15, "rate_14d": 0.3, "low_14d": 0.19, "high_14d": 0.44,
                         "small_n": False}])
    rep.attrs["windows"] = (7, 14)
    eff = pd.DataFrame([{"reason": "paspoort", "diff": 0.12, "low": 0.01, "high": 0.25, "small_n": False}])
    row = repeat_rows(rep, eff, "nl")[0]
    assert row == ["paspoort", 50, "20% [11%–33%]", "30% [19%–44%]", "12% [1%–25%]"]
