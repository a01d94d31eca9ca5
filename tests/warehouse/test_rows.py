"""Row readers (warehouse/rows.py) on the fixture warehouse: exact refusals, evidence in its
accepted forms, and surveyed contacts kept beside their outcomes even without any
(docs/mutation.md)."""
from __future__ import annotations

import pytest

from warehouse import Query, behaviour_satisfaction, contacts, dimension_values, results
from warehouse.db import connect
from warehouse.query import GROUP_COLUMNS
from warehouse.rows import parse_evidence


@pytest.fixture(scope="module")
def wh(loaded_db):
    w = connect(loaded_db)
    yield w
    w.close()


def test_row_readers_name_themselves_when_refusing(wh):
    for reader, name in ((contacts, "contacts"), (results, "results"),
                         (behaviour_satisfaction, "behaviour_satisfaction")):
        with pytest.raises(ValueError, match=rf"^{name}: a row reader takes no group_by or period$"):
            reader(wh, Query(period="week"))
    with pytest.raises(ValueError, match=r"^contacts: newest must be an integer >= 0 or None, not 2.5$"):
        contacts(wh, Query(), newest=2.5)
    choices = tuple(c for c in GROUP_COLUMNS if c != "reason")  # every contact dimension but reason
    assert "reason" in GROUP_COLUMNS and len(choices) == len(GROUP_COLUMNS) - 1
    with pytest.raises(ValueError) as err:
        dimension_values(wh, "reason")
    assert str(err.value) == f"dimension_values: 'reason' is not one of {choices}"


def test_evidence_as_a_list_of_several_items():
    items = [{"turn": 1, "quote": "a"}, {"turn": 2, "start": 0.5, "end": 1.0, "quote": "b", "term": "t"}]
    assert parse_evidence(items) == [
        {"turn": 1, "start": None, "end": None, "quote": "a", "term": None},
        {"turn": 2, "start": 0.5, "end": 1.0, "quote": "b", "term": "t"}]
    assert parse_evidence(tuple(items)) == parse_evidence(items)


def test_dimension_values_are_sorted_distinct_and_follow_the_query(wh):
    everyone = contacts(wh, Query())
    for column in ("channel", "language", "team", "agent_id"):
        assert dimension_values(wh, column) == sorted(everyone[column].dropna().astype(str).unique().tolist())
    nl = contacts(wh, Query(filters={"language": "nl"}))
    assert dimension_values(wh, "agent_id", Query(filters={"language": "nl"})) == sorted(nl["agent_id"].dropna().unique())


def test_a_surveyed_contact_without_outcomes_is_kept(loaded_db):
    w = connect(loaded_db)
    try:
        db = w.con.execute("SELECT current_database()").fetchone()[0]
        first = w.con.execute(f"SELECT min(contact_id) FROM {db}.main.rpt_contact_satisfaction").fetchone()[0]
        quoted = first.replace("'", "''")  # a view cannot take a bound parameter
        w.con.execute("CREATE TEMP VIEW rpt_behaviour_satisfaction AS SELECT * FROM "
                      f"{db}.main.rpt_behaviour_satisfaction WHERE contact_id <> '{quoted}'")
        bs = behaviour_satisfaction(w, Query()).set_index("contact_id")
        n = w.con.execute(f"SELECT count(*) FROM {db}.main.rpt_contact_satisfaction").fetchone()[0]
        assert len(bs) == n and first in bs.index
        crit = [c for c in bs.columns if c.startswith("crit_")]
        assert crit and bs.loc[first, crit].isna().all()
    finally:
        w.close()


def test_newest_contacts_come_newest_first_and_zero_is_allowed(wh):
    everyone = contacts(wh, Query())
    ref = everyone.dropna(subset=["started_at"]).sort_values(["started_at", "contact_id"], ascending=False)
    assert contacts(wh, Query(), newest=3)["contact_id"].tolist() == ref["contact_id"].head(3).tolist()
    none = contacts(wh, Query(), newest=0)
    assert none.empty and list(none.columns) == list(everyone.columns)
    two = tuple(everyone["contact_id"].iloc[:2])
    assert set(contacts(wh, Query(filters={"contact_id": two}))["contact_id"]) == set(two)


def test_results_have_the_documented_columns_and_boolean_flags(wh):
    r = results(wh, Query())
    assert len(r) and list(r.columns) == ["contact_id", "criterion", "outcome", "auto_outcome", "reviewed", "reviewer",
                                          "review_reason", "score", "count", "reason", "confidence", "needs_review",
                                          "evidence"]
    assert r["reviewed"].dtype == bool and r["needs_review"].dtype == bool
    assert list(r.index) == list(range(len(r)))
