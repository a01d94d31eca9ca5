"""The generated centre: each agent's way of working shows in their scores, the call scripts follow
the behaviour they are drawn for, and the demo's weeks end before this week."""
from __future__ import annotations

import random
from dataclasses import replace
from datetime import date

from demo.data import iso_week, weeks_before
from qa import score
from synth.calls import compose_script
from synth.centre import DEMO_CENTRE, GOOD
from synth.contacts import Behaviour, generate_centre_contacts


def _rate(personas, criterion, n=240):
    out: dict[str, list[int]] = {}
    for t in generate_centre_contacts(personas, n, seed=1):
        r = score(t, "municipality").result(criterion)
        if r.outcome in ("pass", "fail"):
            out.setdefault(t.agent_id, []).append(r.outcome == "pass")
    return {a: sum(v) / len(v) for a, v in out.items()}


def test_profiles_show_in_the_scores():
    by_id = {p.agent_id: p for p in DEMO_CENTRE}
    greet = _rate([by_id["a-01"], by_id["a-02"]], "own_name_greeting")
    assert greet["a-01"] > 0.8 and greet["a-02"] < 0.3  # Ruud rarely says his name
    nivea = _rate([by_id["a-01"], by_id["a-04"]], "nivea")
    assert nivea["a-01"] > 0.85 and nivea["a-04"] < 0.65  # Thomas fills in for the customer
    dim = _rate([by_id["a-01"], by_id["a-03"]], "diminutives")
    assert dim["a-01"] > 0.85 and dim["a-03"] < 0.75


def test_compose_script_follows_the_behaviour():
    always = Behaviour(greets_with_name=1.0, fills_in=1.0, upset_customers=1.0, acknowledges_upset=0.0,
                       holds=1.0, announces_hold=1.0, diminutives=1.0, clarifies=0.0, clear_next_step=1.0)
    s = compose_script("nl", always, random.Random(3), agent="Thomas", organisation="gemeente Utrecht",
                       customer="Henk de Wit")
    texts = [t[1] for t in s["turns"]]
    assert "Thomas" in texts[0]
    # the agent cuts in (an overlap) with an assumption before the customer said what it is about
    cut = next(t for t in s["turns"] if t[0] == "agent" and len(t) > 2 and "overlap_s" in t[2])
    assert "zeker" in cut[1] or cut[1].startswith("Dus u wilt")
    assert any(len(t) > 2 and t[2].get("hold_s", 0) >= 20 for t in s["turns"])  # a hold long enough to count
    never = replace(GOOD, greets_with_name=0.0, fills_in=0.0, holds=0.0, upset_customers=0.0)
    s2 = compose_script("nl", never, random.Random(3), agent="Thomas", organisation="gemeente Utrecht",
                        customer="Henk de Wit")
    assert "Thomas" not in s2["turns"][0][1]
    assert not any(len(t) > 2 and ("hold_s" in t[2] or (t[0] == "agent" and "overlap_s" in t[2])) for t in s2["turns"])


def test_weeks_end_before_this_week():
    mondays = weeks_before(date(2026, 12, 1), 6)  # a Tuesday in 2026-W49
    assert [iso_week(m) for m in (mondays[0], mondays[-1])] == ["2026-W43", "2026-W48"]
    assert all(m.weekday() == 0 for m in mondays)
