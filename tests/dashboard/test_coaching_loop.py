"""The coaching loop through the dashboard over HTTP (store on SQLite and PostgreSQL): an agent
contests a result, only their own team leader can decide it, the decision reaches the figures;
a coaching session is logged and acknowledged by its own agent only."""
from __future__ import annotations

import json

from dashcalls import call


def _dep(live, s, output):
    return next(d for d in live.deps(s) if d["output"] == output)


def test_dispute_decided_by_own_team_leader_reaches_the_figures(live):
    import warehouse

    con = warehouse.open_snapshot(live.centre.db)
    res = warehouse.results(con, warehouse.Query(filters={"agent_id": "a-01", "criterion": "next_steps"}))
    failed = res[res["outcome"] == "fail"]["contact_id"].tolist()
    assert failed, "the centre has a failed next_steps result of a-01"
    cid = max(failed, key=lambda c: live.centre.days[c])  # the newest: inside the dispute window
    n = int(warehouse.pass_rates(con, warehouse.Query(filters={"agent_id": "a-01", "criterion": "next_steps"}))["n"].iloc[0])
    con.close()

    anna = live.login("anna")
    before = _agent_pass_rate(live, anna, "next_steps")
    dep = _dep(live, anna, "ct-msg.children")
    vals = {"ct-submit.n_clicks": 1, "url.pathname": f"/contact/{cid}", "ct-criterion.value": "next_steps",
            "ct-comment.value": "Ik noemde wel een termijn"}
    r = call(anna, dep, vals, base=live.url)
    assert r.status_code == 200 and ("Bezwaar ingediend" in r.text or "Dispute opened" in r.text), r.text
    # a colleague's contact cannot be contested, whatever the form says
    r = call(anna, dep, dict(vals, **{"url.pathname": "/contact/c-a-02-001"}), base=live.url)
    assert "Bezwaar ingediend" not in r.text
    from opstore.disputes import list_disputes

    [d] = [x for x in list_disputes(live.store) if x.contact_id == cid]
    assert d.agent_id == "a-01" and d.status == "open"

    # the other team's leader does not see it, and cannot decide it by forging the button id
    tl_zuid = live.login("tl-zuid")
    tdep = _dep(live, tl_zuid, "..tl-disputes.children...tl-sessions.children...tl-s-agent.options...tl-reports.children..")
    trig = {"type": "tl-decide", "id": d.id, "decision": "overturn"}
    r = _forge_decide(live, tl_zuid, tdep, {"tl-team.value": ["team-zuid", "team-noord"]}, trig, d.id)
    assert cid not in r.text
    assert [x.status for x in list_disputes(live.store) if x.id == d.id] == ["open"]

    tl = live.login("tl-noord")
    r = _forge_decide(live, tl, tdep, {"tl-team.value": ["team-noord"], "tl-s-msg.children": None},
                      None, d.id)
    assert cid in r.text  # listed for its own team leader
    r = _forge_decide(live, tl, tdep, {"tl-team.value": ["team-noord"], "tl-s-msg.children": None}, trig, d.id)
    assert r.status_code == 200
    [d2] = [x for x in list_disputes(live.store) if x.id == d.id]
    assert d2.status != "open"

    # the reviewed outcome now counts in the agent's own pass rate (figures through the query layer)
    after = _agent_pass_rate(live, anna, "next_steps")
    assert abs(after - before - 100.0 / n) < 1e-6   # one fail turned pass: +1/n


def _forge_decide(live, s, dep, values, trig, dispute_id):
    from dashcalls import payload

    body = payload(dep, values)
    ids = [{"type": "tl-decide", "id": dispute_id, "decision": "overturn"},
           {"type": "tl-decide", "id": dispute_id, "decision": "uphold"}]
    inputs = []
    for i in dep["inputs"]:
        if i["id"].startswith("{"):
            inputs.append([{"id": x, "property": "n_clicks", "value": 1 if trig == x else None} for x in ids])
        else:
            inputs.append({"id": i["id"], "property": i["property"], "value": values.get(f"{i['id']}.{i['property']}")})
    state = [[{"id": {"type": "tl-reason", "id": dispute_id}, "property": "value", "value": "klopt"}],
             [{"id": {"type": "tl-reason", "id": dispute_id}, "property": "id",
               "value": {"type": "tl-reason", "id": dispute_id}}]]
    changed = [json.dumps(trig, separators=(",", ":"), sort_keys=True) + ".n_clicks"] if trig else ["tl-team.value"]
    body = {"output": dep["output"], "outputs": body["outputs"], "inputs": inputs, "state": state,
            "changedPropIds": changed}
    return s.post(live.url + "/_dash-update-component", data=json.dumps(body), headers={"Content-Type": "application/json"})


def _agent_pass_rate(live, s, criterion):
    """The agent's pass rate for `criterion` as the dashboard's own figure shows it (percent)."""
    from dashboard.pages.common import criterion_label

    dep = _dep(live, s, "..ag-qa-trend.figure...ag-csat-trend.figure...ag-pass.figure...ag-focus.children..")
    r = call(s, dep, {"ag-period.value": "week"}, base=live.url)
    assert r.status_code == 200
    bars = r.json()["response"]["ag-pass"]["figure"]["data"][0]
    label = criterion_label(criterion, "nl")
    [i] = [k for k, y in enumerate(bars["y"]) if y.startswith(label + " ")]
    x = bars["x"]
    if isinstance(x, dict):  # plotly's typed-array encoding
        import base64

        import numpy as np

        x = np.frombuffer(base64.b64decode(x["bdata"]), dtype=x["dtype"]).tolist()
    return float(x[i])


def test_session_logged_for_own_team_and_acknowledged_by_its_agent_only(live):
    from opstore.coaching_sessions import list_sessions

    tl = live.login("tl-noord")
    dep = _dep(live, tl, "tl-s-msg.children")
    base = {"tl-s-log.n_clicks": 1, "tl-s-criterion.value": "nivea", "tl-s-date.date": "2026-11-30",
            "tl-s-note.value": "Samen geluisterd"}
    r = call(tl, dep, dict(base, **{"tl-s-agent.value": "a-03"}), base=live.url)  # not in team-noord
    assert "a-03" not in [s.agent_id for s in list_sessions(live.store)]
    r = call(tl, dep, dict(base, **{"tl-s-agent.value": "a-01"}), base=live.url)
    assert r.status_code == 200
    [sess] = [s for s in list_sessions(live.store) if s.agent_id == "a-01" and s.note == "Samen geluisterd"]

    adep_name = "..ag-ack.children...ag-disputes.children.."
    chris = live.login("chris")
    adep = _dep(live, chris, adep_name)
    _ack(live, chris, adep, sess.id)
    assert [s.acknowledged_at for s in list_sessions(live.store) if s.id == sess.id] == [None]
    anna = live.login("anna")
    r = _ack(live, anna, adep, sess.id)
    assert r.status_code == 200
    [done] = [s for s in list_sessions(live.store) if s.id == sess.id]
    assert done.acknowledged_by == "a-01" and done.acknowledged_at


def _ack(live, s, dep, session_id):
    trig = {"type": "ag-ack", "id": session_id}
    inputs = [[{"id": trig, "property": "n_clicks", "value": 1}],
              {"id": "ag-dates", "property": "start_date", "value": None}]
    body = {"output": dep["output"], "outputs": [{"id": "ag-ack", "property": "children"},
                                                 {"id": "ag-disputes", "property": "children"}],
            "inputs": inputs, "state": [],
            "changedPropIds": [json.dumps(trig, separators=(",", ":"), sort_keys=True) + ".n_clicks"]}
    return s.post(live.url + "/_dash-update-component", data=json.dumps(body), headers={"Content-Type": "application/json"})
