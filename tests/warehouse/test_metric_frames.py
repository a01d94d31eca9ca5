"""The frames of the result and survey metrics (warehouse/metrics.py) as a caller reads them: the
columns in the layer's order, the attrs that name the figure, the rows sorted by their group
columns, counts as integers. Written against the survivors of a mutation run (docs/mutation.md);
the figures themselves are checked against the rows in test_query.py."""
from __future__ import annotations

import numpy as np
import pytest

from warehouse import Query, csat, nps, pass_rates, qa_score
from warehouse.db import connect

LEAD = ["n", "value", "ci_low", "ci_high", "small_n"]
OWN = {
    "csat": ["sd", "topbox_n", "topbox_share", "topbox_low", "topbox_high"],
    "nps": ["promoters", "passives", "detractors"],
    "pass_rates": ["passed", "failed", "not_applicable"],
    "qa_score": ["sd"],
}
METRICS = {"csat": csat, "nps": nps, "pass_rates": pass_rates, "qa_score": qa_score}


@pytest.fixture(scope="module")
def wh(loaded_db):
    w = connect(loaded_db)
    yield w
    w.close()


@pytest.mark.parametrize("name", sorted(METRICS))
def test_each_frame_names_its_figure_and_settings(wh, name):
    df = METRICS[name](wh, Query(group_by=("language",), min_n=3, level=0.9))
    assert df.attrs == {"metric": name, "min_n": 3, "level": 0.9}
    assert list(df.columns) == ["language"] + LEAD + OWN[name]
    assert df["language"].tolist() == sorted(df["language"])
    assert (df["small_n"] == (df["n"] < 3)).all()


@pytest.mark.parametrize("name", sorted(METRICS))
def test_an_ungrouped_frame_is_one_row_of_the_same_shape(wh, name):
    df = METRICS[name](wh, Query())
    assert len(df) == 1 and list(df.columns) == LEAD + OWN[name]
    assert df.attrs["metric"] == name and df.attrs["level"] == 0.95
    assert df["n"].dtype == np.int64
