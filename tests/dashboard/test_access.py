"""The data-access layer's scoping rules and the pure helpers (no server)."""
from __future__ import annotations

import pandas as pd
import pytest

from dashboard.access import DataAccess, Forbidden, Scope, pseudonymise_customer_text, scoped_filters
from dashboard.pages.agent import focus_points, good_moments
from dashboard.pages.contact import highlight, marks_by_turn
from dashboard.pages.team import attention_rows
from opstore.users import User

ANNA = User(1, "anna", "agent", "a-01")
TL = User(2, "tl", "team_leader", None, ("team-noord", "team-west"))
MGMT = User(3, "m", "management")


def test_agent_scope_is_always_their_own_agent_id():
    s = Scope.of(ANNA)
    assert scoped_filters(s, None) == {"agent_id": ("a-01",)}
    assert scoped_filters(s, {"agent_id": "a-03"}) is None            # someone else: nothing
    assert scoped_filters(s, {"agent_id": ["a-03", "a-01"]}) == {"agent_id": ("a-01",)}
    assert scoped_filters(s, {"team": "team-zuid"}) == {"team": ("team-zuid",), "agent_id": ("a-01",)}
    assert scoped_filters(Scope.of(User(9, "x", "agent", None)), None) is None  # no agent id: nothing


def test_team_leader_scope_intersects_teams():
    s = Scope.of(TL)
    assert scoped_filters(s, {}) == {"team": ("team-noord", "team-west")}
    assert scoped_filters(s, {"team": ["team-zuid"]}) is None
    assert scoped_filters(s, {"team": ["team-zuid", "team-west"]}) == {"team": ("team-west",)}
    assert scoped_filters(s, {"agent_id": "a-03"}) == {"agent_id": ("a-03",), "team": ("team-noord", "team-west")}


def test_unknown_browser_keys_are_dropped_and_management_is_unrestricted():
    s = Scope.of(MGMT)
    assert scoped_filters(s, {"team": "team-zuid", "contact_id": "x", "1=1; DROP": "y", "language": ""}) == \
        {"team": ("team-zuid",)}


class _NoWarehouse:
    """Fails the test if the layer reaches the warehouse when it should refuse first."""

    def __getattr__(self, name):
        raise AssertionError(f"warehouse.{name} called")


def test_roles_refused_before_any_query():
    for user, call in ((MGMT, lambda a: a.contacts()), (MGMT, lambda a: a.contact("c-1")),
                       (MGMT, lambda a: a.scorecard()), (User(4, "t", "trainer"), lambda a: a.csat()),
                       (User(5, "ad", "admin"), lambda a: a.pass_rates()), (ANNA, lambda a: a.drivers())):
        with pytest.raises(Forbidden):
            call(DataAccess(user, None, _NoWarehouse()))
    out_of_scope = DataAccess(TL, None, _NoWarehouse())
    assert out_of_scope.contacts({"team": "team-zuid"}).empty   # nothing asked of the warehouse


def test_pseudonymise_customer_names():
    assert pseudonymise_customer_text("Hallo, met Jan de Vries, ik bel over mijn paspoort.", "customer") == \
        "Hallo, met [naam], ik bel over mijn paspoort."
    assert pseudonymise_customer_text("Dank u wel meneer Jansen.", "agent") == "Dank u wel meneer [naam]."
    assert pseudonymise_customer_text("Goedemorgen, u spreekt met Sanne.", "agent") == \
        "Goedemorgen, u spreekt met Sanne."  # the agent's own introduction stays


def test_highlight_marks_terms_and_keeps_text_as_text():
    marks = [{"criterion": "diminutives", "outcome": "fail", "term": "momentje", "quote": None}]
    parts = highlight("Een Momentje <b>graag</b>", marks, "nl")
    assert parts[0] == "Een " and parts[1].children == "Momentje" and parts[1].className == "ev ev-fail"
    assert parts[2] == " <b>graag</b>"  # a string child: React shows it as typed
    assert highlight("geen treffer", marks, "nl") == ["geen treffer"]


def test_marks_focus_points_good_moments_attention():
    res = pd.DataFrame({"contact_id": ["c1", "c1", "c2"], "criterion": ["nivea", "next_steps", "nivea"],
                        "outcome": ["fail", "pass", "pass"],
                        "evidence": [[{"turn": 2, "term": None, "quote": "u bedoelt zeker"}],
                                     [{"turn": 4, "quote": "U krijgt binnen vijf werkdagen een brief", "start": 3.0}],
                                     []]})
    assert sorted(marks_by_turn(res)) == [2, 4]
    assert good_moments(res) == [{"contact_id": "c1", "criterion": "next_steps",
                                  "quote": "U krijgt binnen vijf werkdagen een brief", "start": 3.0}]
    pr = pd.DataFrame({"criterion": ["a", "b", "c", "d"], "n": [10, 10, 2, 10], "value": [0.5, 0.9, 0.1, 1.0]})
    assert focus_points(pr)["criterion"].tolist() == ["a", "b"]  # c has too few results, d is perfect
    card = pd.DataFrame({"agent_id": ["a-1", "a-2"], "agent_name": ["A", "B"], "value": [0.5, 0.9],
                         "small_n": [False, False], "weakest_criterion": ["nivea", "tone"],
                         "weakest_pass_rate": [0.8, 0.4], "csat": [8.0, 6.0], "csat_small_n": [False, True]})
    rows = attention_rows(card, "en")
    assert [(a, len(why)) for a, _, why in rows] == [("a-1", 1), ("a-2", 1)]  # B's low CSAT is a small group


def test_figure_cache_computes_once_for_concurrent_callers():
    import threading
    import time

    from dashboard.cache import FigureCache

    cache, calls = FigureCache(size=2), []

    def slow():
        calls.append(1)
        time.sleep(0.2)
        return len(calls)

    out = []
    threads = [threading.Thread(target=lambda: out.append(cache.get_or_compute("k", slow))) for _ in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert out == [1] * 5 and len(calls) == 1
    cache.get_or_compute("a", lambda: 1)
    cache.get_or_compute("b", lambda: 2)   # size 2: "k" is evicted
    assert cache.get_or_compute("k", lambda: 99) == 99
