"""Each survey tool's export, written as the tool writes it (synth/survey_exports.py), read back
into exactly the responses that went in: ids, times, scores, comments, languages; the bad date
quarantined alone (the response keeps its scores); "N/A" counted as unanswered."""
from __future__ import annotations

from datetime import datetime

import pytest

from surveys import read_survey
from synth.survey_exports import (
    NA,
    sample_answers,
    surveymonkey_ids,
    write_google_forms,
    write_limesurvey,
    write_qualtrics,
    write_qualtrics_legacy,
    write_surveymonkey,
    write_typeform,
)

ANSWERS = sample_answers(24)
ANSWERS_5 = sample_answers(24, csat_scale=5)  # Google Forms' 1-5 linear scale

# name: (writer, kwargs, suffix, tool, header rows, answers, csat scale, ids, language read, seconds kept)
CASES = {
    "qualtrics": (write_qualtrics, {}, ".csv", "qualtrics", 3, ANSWERS, 10, "own", True, True),
    "qualtrics-legacy": (write_qualtrics_legacy, {}, ".csv", "qualtrics", 2, ANSWERS, 10, "own", False, True),
    "surveymonkey-csv": (write_surveymonkey, {}, ".csv", "surveymonkey", 2, ANSWERS, 10, "sm", True, True),
    "surveymonkey-xlsx": (write_surveymonkey, {"xlsx": True}, ".xlsx", "surveymonkey", 2, ANSWERS, 10, "sm", True, True),
    "typeform-csv": (write_typeform, {}, ".csv", "typeform", 2, ANSWERS, 10, "own", True, True),
    "typeform-xlsx": (write_typeform, {"xlsx": True}, ".xlsx", "typeform", 2, ANSWERS, 10, "own", True, True),
    "typeform-no-groups": (write_typeform, {"groups": False}, ".csv", "typeform", 1, ANSWERS, 10, "own", True, True),
    "google-forms-en-csv": (write_google_forms, {}, ".csv", "google-forms", 1, ANSWERS_5, 5, "hash", False, True),
    "google-forms-en-2digit": (write_google_forms, {"two_digit_years": True}, ".csv", "google-forms", 1, ANSWERS_5, 5,
                               "hash", False, False),
    "google-forms-en-xlsx": (write_google_forms, {"xlsx": True}, ".xlsx", "google-forms", 1, ANSWERS_5, 5, "hash",
                             False, True),
    "google-forms-es-csv": (write_google_forms, {"lang": "es"}, ".csv", "google-forms", 1, ANSWERS_5, 5, "hash",
                            False, True),
    "google-forms-es-xlsx": (write_google_forms, {"lang": "es", "xlsx": True}, ".xlsx", "google-forms", 1, ANSWERS_5,
                             5, "hash", False, True),
    "limesurvey-dated": (write_limesurvey, {"anonymized": False}, ".csv", "limesurvey", 1, ANSWERS, 10, "seq", True,
                         True),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_export_reads_back_exactly(tmp_path, case):
    writer, kw, suffix, tool, header_rows, answers, scale, ids, has_language, seconds = CASES[case]
    path = writer(tmp_path / f"export{suffix}", answers, **kw)
    imp = read_survey(path)
    assert imp.tool == tool and imp.csat_scale == scale and imp.n_rows == len(answers)
    assert imp.rejected_rows == ()
    assert len(imp.responses) == len(answers)
    bad_rows = [header_rows + i + 1 for i, a in enumerate(answers) if a.bad_date]
    # only the impossible date is quarantined; nothing for the "N/A" answers
    assert [(r.source_row, r.field, r.code) for r in imp.rejected_values] == [(n, "submitted_at", "unparseable")
                                                                               for n in bad_rows]
    assert "value dropped" in imp.rejected_values[0].reason and str(path) in imp.rejected_values[0].reason
    want_ids = {"own": [a.response_id for a in answers], "sm": surveymonkey_ids(answers),
                "seq": [str(i + 1) for i in range(len(answers))]}.get(ids)
    for i, (a, r) in enumerate(zip(answers, imp.responses)):
        assert r.source_row == header_rows + i + 1
        if want_ids:
            assert r.response_id == want_ids[i]
        else:
            assert r.response_id.startswith("h-")  # no id column: the content's hash
        assert (r.contact_id, r.agent_ref) == (a.contact_id, a.agent)
        when = a.submitted if seconds else a.submitted.replace(second=0)
        assert r.submitted_local == (None if a.bad_date else when), (i, r.submitted_local)
        assert r.csat == (None if a.csat == NA else float(a.csat))  # N/A: unanswered
        assert r.csat_scale == (None if a.csat == NA else scale)
        assert r.nps == a.nps and r.comment == a.comment
        assert r.survey_language == (a.language if has_language else None)
    # the noise columns were passed over: no multiple-choice "why" as the comment, no Yes/No
    # "recommend" as the NPS, no programming languages as the survey language
    assert "why" not in imp.columns["comment"].lower() and "por qu" not in imp.columns["comment"].lower()
    assert "likely" in imp.columns["nps"].lower() or "probable" in imp.columns["nps"].lower() \
        or imp.columns["nps"] in ("Q2", "NPS")
    assert "programming" not in imp.columns.get("language", "")
    assert not [w for w in imp.warnings if "two columns" in w]  # the noise does not even compete


def test_typeform_times_are_utc_and_the_group_row_is_not_the_header(tmp_path):
    path = write_typeform(tmp_path / "tf.csv", ANSWERS)
    imp = read_survey(path, reader="typeform")
    assert imp.columns["submitted_at"] == "Submit Date (UTC)"
    assert any("group-title row" in n for n in imp.notes)
    r = imp.responses[0]
    a = ANSWERS[0]
    assert r.submitted_local == a.submitted
    assert (r.submitted_local - r.submitted_utc).total_seconds() == 3600  # November: CET = UTC+1


def test_qualtrics_time_zone_comes_from_the_importid(tmp_path):
    path = write_qualtrics(tmp_path / "q.csv", ANSWERS, time_zone="America/New_York")
    r = read_survey(path).responses[0]
    assert r.submitted_local == ANSWERS[0].submitted  # written in New York time, read back as local


def test_limesurvey_placeholder_date_is_no_date(tmp_path):
    path = write_limesurvey(tmp_path / "ls.csv", ANSWERS, anonymized=True)
    imp = read_survey(path)
    assert imp.tool == "limesurvey" and len(imp.responses) == len(ANSWERS) and imp.rejects == ()
    assert all(r.submitted_utc is None and r.submitted_local is None for r in imp.responses)
    assert all(r.contact_id == a.contact_id for r, a in zip(imp.responses, ANSWERS))  # the link: the id
    assert any("1980-01-01 placeholder" in n and f"{len(ANSWERS)} responses" in n for n in imp.notes)


def test_google_forms_month_day_year_gives_the_right_month_for_every_row(tmp_path):
    answers = sample_answers(40, csat_scale=5)
    imp = read_survey(write_google_forms(tmp_path / "gf.csv", answers))
    assert imp.date_order.order == "mdy" and imp.date_order.source == "data"
    got = [(r.submitted_local.month, r.submitted_local.day) for r in imp.responses if r.submitted_local]
    want = [(a.submitted.month, a.submitted.day) for a in answers if not a.bad_date]
    assert got == want and len(got) == 39
    assert not imp.warnings  # days above 12 decide it: nothing to warn about


def test_two_digit_years_as_excel_resaves_them(tmp_path):
    p = tmp_path / "gf.csv"
    p.write_text("Timestamp,Contact ID,How likely are you to recommend us to a friend?\n"
                 "8/25/22 15:47,c-1,9\n8/3/22 9:05,c-2,7\n", encoding="utf-8")
    imp = read_survey(p)
    assert [r.submitted_local for r in imp.responses] == [datetime(2022, 8, 25, 15, 47), datetime(2022, 8, 3, 9, 5)]
