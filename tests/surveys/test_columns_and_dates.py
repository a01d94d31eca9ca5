"""Which column is which field, the date order, unanswered answers and refused files."""
from __future__ import annotations

from datetime import datetime

import pytest

from meeluister.errors import InputError
from surveys import SurveyRefused, infer_date_order, load_mapping, read_survey
from synth.survey_exports import sample_answers, with_answers, write_google_forms, write_typeform


def _csv(tmp_path, text, name="export.csv", encoding="utf-8"):
    p = tmp_path / name
    p.write_bytes(text.encode(encoding))
    return p


def _mapping(tmp_path, text):
    p = tmp_path / "mapping.toml"
    p.write_text(text, encoding="utf-8")
    return load_mapping(p)


def test_ambiguous_dates_are_read_with_the_tools_habit_and_reported(tmp_path):
    answers = with_answers(sample_answers(12, csat_scale=5, ambiguous_days=True), bad_date=False)
    path = write_google_forms(tmp_path / "gf.csv", answers)
    imp = read_survey(path)
    assert imp.date_order.source == "tool" and imp.date_order.order == "mdy" and imp.date_order.ambiguous == 11
    (w,) = [w for w in imp.warnings if "ambiguous" in w]
    assert str(path) in w and "'Timestamp'" in w and 'options.date_order = "dmy"' in w and "--survey-mapping" in w
    assert [r.submitted_local.day for r in imp.responses if r.submitted_local] == \
        [a.submitted.day for a in answers if not a.bad_date]
    # forced the other way: every month and day swapped, no ambiguity warning
    forced = read_survey(path, mapping=_mapping(tmp_path, '[options]\ndate_order = "dmy"\n'))
    assert forced.date_order.source == "forced" and not [w for w in forced.warnings if "ambiguous" in w]
    swapped = [(r.submitted_local.month, r.submitted_local.day) for r in forced.responses if r.submitted_local]
    assert swapped == [(a.submitted.day, a.submitted.month) for a in answers if not a.bad_date]


def test_a_column_mixing_orders_quarantines_the_minority_not_swapping_it(tmp_path):
    rows = "\n".join(f"c-{i},{d},8" for i, d in enumerate(
        ["23-11-2026 10:00", "25-11-2026 11:00", "04-11-2026 12:00", "11-28-2026 09:00"]))
    imp = read_survey(_csv(tmp_path, "contact_id,datum,rapportcijfer\n" + rows + "\n"))
    assert imp.date_order.order == "dmy" and imp.date_order.source == "mixed"
    assert [r.submitted_local for r in imp.responses] == [datetime(2026, 11, 23, 10), datetime(2026, 11, 25, 11),
                                                          datetime(2026, 11, 4, 12), None]
    assert [(r.source_row, r.field) for r in imp.rejected_values] == [(5, "submitted_at")]
    assert imp.responses[3].csat == 8  # the bad date did not take the score with it
    assert any("mixes date orders" in w and "2 values only day/month" in w and "1 only month/day" in w
               for w in imp.warnings)


def test_date_order_rules():
    assert infer_date_order(["1/2/2026", "25/2/2026"]).order == "dmy"
    assert infer_date_order(["1/2/2026", "2/25/2026"]).order == "mdy"
    assert infer_date_order(["1/2/2026"], hint="mdy").source == "tool"
    assert infer_date_order(["1/2/2026"]).source == "default"
    twelve = infer_date_order(["12/5/2026", "5/12/2026", "7/7/2026"])  # 12 can be a month: no proof
    assert (twelve.source, twelve.dmy, twelve.mdy, twelve.ambiguous) == ("default", 0, 0, 2)
    assert infer_date_order(["25/2/2026"], forced="mdy").warning("f.csv", "d") is not None


def test_two_recommend_columns_that_both_fit_warn_naming_both(tmp_path):
    text = ("contact_id,How likely are you to recommend us to a friend?,How likely are you to recommend this agent?\n"
            + "".join(f"c-{i},{i % 11},{(i * 3) % 11}\n" for i in range(12)))
    imp = read_survey(_csv(tmp_path, text))
    assert imp.columns["nps"] == "How likely are you to recommend us to a friend?"
    (w,) = [w for w in imp.warnings if "two columns" in w]
    assert "to a friend?' (used)" in w and "this agent?' (not used)" in w and "--survey-mapping" in w
    # naming one exactly settles it
    imp2 = read_survey(imp.path, mapping=_mapping(
        tmp_path, '[columns]\nnps = ["=How likely are you to recommend this agent?"]\n'))
    assert imp2.columns["nps"] == "How likely are you to recommend this agent?" and not imp2.warnings
    assert [r.nps for r in imp2.responses] == [(i * 3) % 11 for i in range(12)]


def test_words_inside_other_questions_do_not_take_the_field(tmp_path):
    text = ("contact_id,What programming languages have you used besides R?,Why did you pick us?,"
            "How likely are you to recommend us?,Would you recommend us to your manager?,Any other comments?\n"
            + "".join(f"c-{i},{('ex', 'c/', 'py')[i % 3]},{('Price', 'Service')[i % 2]},{i % 11},"
                      f"{('Yes', 'No')[i % 2]},Comment number {i}\n" for i in range(12)))
    imp = read_survey(_csv(tmp_path, text))
    assert "language" not in imp.columns
    assert imp.columns["comment"] == "Any other comments?"
    assert imp.columns["nps"] == "How likely are you to recommend us?"
    assert all(r.survey_language is None for r in imp.responses)
    assert not imp.warnings


def test_unanswered_in_four_languages_is_not_an_error(tmp_path):
    text = "contact_id;rapportcijfer;nps;opmerking\nc-1;N/A;9;x\nc-2;8;n.v.t.;y\nc-3;no aplica;7;z\n" \
           "c-4;ne sait pas;N/A;\nc-5;7;ne sait pas;N/A\n"
    imp = read_survey(_csv(tmp_path, text))
    assert [(r.contact_id, r.csat, r.nps, r.comment) for r in imp.responses] == [
        ("c-1", None, 9, "x"), ("c-2", 8.0, None, "y"), ("c-3", None, 7, "z"), ("c-5", 7.0, None, None)]
    assert [(r.source_row, r.code) for r in imp.rejects] == [(5, "empty")]  # nothing answered at all


@pytest.mark.parametrize("header_csat,header_nps", [
    ("¿Qué tan satisfecho está con la atención? (1-10)", "¿Qué tan probable es que recomiendes nuestro servicio a un amigo?"),
    ("Êtes-vous satisfait de notre service ? (1-10)", "Quelle est la probabilité que vous recommandiez notre service à un ami ?"),
    ("Hoe tevreden bent u over ons contact? (1-10)", "Hoe waarschijnlijk is het dat u ons zou aanbevelen aan vrienden?"),
    ("How satisfied are you with our service? (1-10)", "How likely is it that you would recommend us to a friend?"),
])
def test_csat_and_nps_wording_in_four_languages(tmp_path, header_csat, header_nps):
    text = f'contact_id;"{header_csat}";"{header_nps}"\nc-1;8;9\nc-2;6;3\n'
    imp = read_survey(_csv(tmp_path, text, encoding="cp1252"))
    assert imp.columns["csat"] == header_csat and imp.columns["nps"] == header_nps
    assert [(r.csat, r.nps) for r in imp.responses] == [(8.0, 9), (6.0, 3)] and imp.csat_scale == 10


def test_a_file_without_scores_is_refused_naming_file_field_and_the_option(tmp_path):
    p = _csv(tmp_path, "contact_id,Q7\nc-1,8\n")
    with pytest.raises(SurveyRefused) as e:
        read_survey(p)
    line = e.value.line()
    assert line.startswith(f"{p}: nps/csat: no CSAT or NPS column") and "'Q7'" in line
    assert "--survey-mapping" in line and "surveys/data" not in line and "\n" not in line
    imp = read_survey(p, mapping=_mapping(tmp_path, '[columns]\nnps = ["=Q7"]\n'))
    assert [r.nps for r in imp.responses] == [8]


def test_a_file_without_a_link_column_is_refused(tmp_path):
    p = _csv(tmp_path, "Timestamp,How likely are you to recommend us?\n11/23/2026 10:14:55,9\n")
    with pytest.raises(SurveyRefused, match=r"contact_id/agent: no contact id and no agent column.*--survey-mapping"):
        read_survey(p)


def test_a_reader_chosen_by_name_and_an_unknown_name(tmp_path):
    path = write_typeform(tmp_path / "tf.csv", sample_answers(6))
    assert read_survey(path, reader="typeform").tool == "typeform"
    assert read_survey(path, reader="auto").tool == "typeform"
    with pytest.raises(InputError, match=r"--survey-format: unknown survey format 'excel' \(known: auto, qualtrics"):
        read_survey(path, reader="excel")
