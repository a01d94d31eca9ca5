"""Survey exports written the way the tools write them, read back with the right columns."""
from __future__ import annotations

from datetime import datetime

import pytest

from meeluister.errors import InputError
from surveys import load_mapping, read_survey
from synth.surveys import (
    FakeResponse,
    write_dutch_csv,
    write_qualtrics_csv,
    write_surveymonkey_csv,
    write_surveymonkey_xlsx,
)

ROWS = [
    FakeResponse("c-1", "a-03", datetime(2026, 11, 16, 10, 2, 11), 9, 10, "Heel goed geholpen, één keer bellen",
                 {"deskundigheid": 5, "snelheid": 4}, "R_1"),
    FakeResponse("c-2", "a-04", datetime(2026, 11, 3, 11, 0), 7.5, 6, "Te lang gewacht", {}, "R_2"),
    FakeResponse("c-3", "a-04", datetime(2026, 11, 3, 11, 0), 11, 6, "", {}, "R_3"),
    FakeResponse("c-4", "a-04", datetime(2026, 11, 3, 11, 0), "acht", 6, "", {}, "R_4"),
    FakeResponse(None, "a-04", datetime(2026, 11, 3, 11, 0), None, None, "alleen tekst", {}, "R_5"),
    FakeResponse("c-6", "a-04", datetime(2026, 11, 3, 11, 0), 8, 7.5, "", {}, "R_6"),
]
ROWS.append(ROWS[0])  # exported twice: same id, same content (exports without ids hash the content)
EXPECTED_CODES = ["out_of_range", "unparseable", "empty", "out_of_range", "duplicate"]


@pytest.mark.parametrize("writer,tool,kw", [
    (write_qualtrics_csv, "qualtrics", {"csat_scale": 10}),
    (write_surveymonkey_csv, "surveymonkey", {"csat_scale": 10}),
    (write_surveymonkey_xlsx, "surveymonkey", {"csat_scale": 10}),
    (write_dutch_csv, "generic", {"encoding": "cp1252"}),
    (write_dutch_csv, "generic", {"encoding": "utf-8-sig"}),
])
def test_each_export_layout(tmp_path, writer, tool, kw):
    suffix = ".xlsx" if writer is write_surveymonkey_xlsx else ".csv"
    path = writer(tmp_path / f"export{suffix}", ROWS, **kw)
    imp = read_survey(path)
    assert imp.tool == tool and imp.csat_scale == 10 and not imp.csat_scale_guessed
    assert [r.code for r in imp.rejects] == EXPECTED_CODES
    # a bad CSAT or NPS drops that value only: R_3, R_4 and R_6 keep their other score
    assert [r.field for r in imp.rejects] == ["csat", "csat", None, "nps", None]
    assert [(r.csat, r.nps) for r in imp.responses[2:]] == [(None, 6), (None, 6), (8.0, None)]
    first, second = imp.responses[:2]
    assert first.contact_id == "c-1" and first.csat == 9 and first.nps == 10
    assert first.submitted_local == datetime(2026, 11, 16, 10, 2, 11 if tool != "generic" else 0)
    assert second.csat == 7.5 and abs(second.csat_norm - 6.5 / 9) < 1e-9  # decimal comma read
    assert second.submitted_local.month == 11 and second.submitted_local.day == 3  # not 11 March
    assert first.items == {"deskundigheid": 5.0, "snelheid": 4.0}
    if "comment" in imp.columns:
        assert first.comment == "Heel goed geholpen, één keer bellen"  # cp1252 / UTF-8 decoded


def test_five_point_scale_from_header_and_labels(tmp_path):
    rows = [FakeResponse("c-1", None, None, 5, None), FakeResponse("c-2", None, None, "Zeer tevreden", None),
            FakeResponse("c-3", None, None, 6, None)]
    imp = read_survey(write_surveymonkey_csv(tmp_path / "sm.csv", rows, csat_scale=5))
    assert imp.csat_scale == 5
    assert [r.csat for r in imp.responses] == [5.0, 5.0]
    assert imp.rejects[0].code == "out_of_range" and "1..5" in imp.rejects[0].reason


def test_scale_guessed_from_data_is_reported(tmp_path):
    p = tmp_path / "plain.csv"
    p.write_text("contact_id;score\nc-1;8\nc-2;10\n", encoding="utf-8")
    mapping_file = tmp_path / "m.toml"
    mapping_file.write_text('[csat]\npatterns = ["score"]\n', encoding="utf-8")
    imp = read_survey(p, mapping=load_mapping(mapping_file))
    assert imp.csat_scale == 10 and imp.csat_scale_guessed and imp.warnings


def test_mapping_errors_name_file_and_key(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[csat]\nscale = 7\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.toml: csat.scale"):
        load_mapping(bad)
    bad.write_text('[columns]\ncustomer = ["x"]\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"columns.customer"):
        load_mapping(bad)


def test_file_without_scores_is_a_clear_error(tmp_path):
    p = tmp_path / "x.csv"
    p.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(InputError, match="no CSAT or NPS column"):
        read_survey(p)
