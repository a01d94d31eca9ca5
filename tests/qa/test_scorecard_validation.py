"""Scorecard loading and the weighted overall, down to the exact message a quality team reads.

Every error is checked as the whole line (`file: key: cause`), so a lost file name, key or cause
turns a test red; every accepted value is checked as parsed (types, defaults, nested tables)."""
from __future__ import annotations

from pathlib import Path

import pytest

from meeluister.errors import InputError
from qa import REGISTRY, load_scorecard, score
from qa.scorecard import DEFAULT_SCORECARD, SCORECARD_ROOT, scorecard_from_dict, shipped_scorecards
from qa_helpers import convo

HEAD = 'name = "team"\nversion = "3"\n'
KNOWN = ", ".join(sorted(REGISTRY))


def _error(tmp_path: Path, body: str) -> tuple[Path, InputError]:
    f = tmp_path / "sc.toml"
    f.write_text(body, encoding="utf-8")
    with pytest.raises(InputError) as ei:
        load_scorecard(f)
    return f, ei.value


@pytest.mark.parametrize("body,where,cause", [
    (HEAD + "colour = 1\n", "colour",
     "unknown key (expected one of ['criteria', 'description', 'findings', 'lexicon_dirs', 'name', "
     "'pass_mark', 'review_below', 'version'])"),
    ('version = "1"\n', "name", "missing or empty"),
    ('name = "  "\nversion = "1"\n', "name", "missing or empty"),
    ('name = "x"\n', "version", "missing or empty"),
    ('name = "x"\nversion = []\n', "version", "missing or empty"),
    (HEAD + "pass_mark = 1.01\n", "pass_mark", "must be a number between 0 and 1"),
    (HEAD + "pass_mark = -0.1\n", "pass_mark", "must be a number between 0 and 1"),
    (HEAD + "pass_mark = true\n", "pass_mark", "must be a number between 0 and 1"),
    (HEAD + 'pass_mark = "0.7"\n', "pass_mark", "must be a number between 0 and 1"),
    (HEAD + 'lexicon_dirs = "lex"\n', "lexicon_dirs", "must be a list of directory names"),
    (HEAD + "lexicon_dirs = [1]\n", "lexicon_dirs", "must be a list of directory names"),
    (HEAD + "criteria = 3\n", "criteria", "must be a table of criteria"),
    (HEAD + "[criteria.politeness]\nweight = 1\n", "criteria.politeness", f"unknown criterion (known: {KNOWN})"),
    (HEAD + "[criteria]\nnivea = 2\n", "criteria.nivea", "must be a table"),
    (HEAD + '[criteria.nivea]\nenabled = "yes"\n', "criteria.nivea.enabled", "must be true or false"),
    (HEAD + "[criteria.nivea]\nweight = -1\n", "criteria.nivea.weight", "must be a number >= 0"),
    (HEAD + "[criteria.nivea]\nweight = true\n", "criteria.nivea.weight", "must be a number >= 0"),
    (HEAD + '[criteria.nivea]\nweight = "2"\n', "criteria.nivea.weight", "must be a number >= 0"),
    (HEAD + "[criteria.nivea]\nmax_fill = 1\n", "criteria.nivea.max_fill",
     "unknown key (expected one of ['enabled', 'max_fills', 'review_below', 'weight'])"),
    (HEAD + "review_below = 1.5\n", "review_below", "must be a number between 0 and 1"),
    (HEAD + "[criteria.nivea]\nreview_below = -0.1\n", "criteria.nivea.review_below",
     "must be a number between 0 and 1"),
    (HEAD + "[criteria.nivea]\noverlap_s = 0.4\n", "criteria.nivea.overlap_s",
     "moved: set it as findings.overlap_s (a setting shared by several criteria)"),
    (HEAD + '[criteria.nivea]\nmax_fills = "one"\n', "criteria.nivea.max_fills", "must be int, got str"),
    (HEAD + "[criteria.nivea]\nmax_fills = 1.5\n", "criteria.nivea.max_fills", "must be int, got float"),
    (HEAD + "[criteria.hold_etiquette]\nrequire_thanks = 1\n", "criteria.hold_etiquette.require_thanks",
     "must be bool, got int"),
    (HEAD + "[criteria.own_name_greeting]\nna_channels = \"email\"\n", "criteria.own_name_greeting.na_channels",
     "must be list, got str"),
    (HEAD + "[criteria.tone]\nnorms = 3\n", "criteria.tone.norms", "must be a table, got int"),
    (HEAD + "[criteria.tone.norms.nl]\npitch = 1\n", "criteria.tone.norms.nl.pitch",
     "unknown key (expected one of ['energy_min_db', 'pitch_range_min_st', 'speech_rate_max_syl_s', "
     "'speech_rate_min_syl_s'])"),
    (HEAD + '[criteria.tone.norms.nl]\nenergy_min_db = "loud"\n', "criteria.tone.norms.nl.energy_min_db",
     "must be float, got str"),
    (HEAD + '[criteria.tone.norms.de]\nenergy_min_db = "loud"\n', "criteria.tone.norms.de.energy_min_db",
     "must be float, got str"),
    (HEAD + "[criteria.tone.norms.de]\nloudness = 1\n", "criteria.tone.norms.de.loudness",
     "unknown key (expected one of ['energy_min_db', 'pitch_range_min_st', 'speech_rate_max_syl_s', "
     "'speech_rate_min_syl_s'])"),
    (HEAD + "findings = 2\n", "findings", "must be a table"),
    (HEAD + "[findings]\noverlap = 1\n", "findings.overlap",
     "unknown key (expected one of ['emotion_min_points', 'emotion_model', 'overlap_s'])"),
    (HEAD + '[findings]\nemotion_min_points = "2"\n', "findings.emotion_min_points", "must be int, got str"),
    (HEAD + '[findings]\nemotion_model = "always"\n', "findings.emotion_model", "must be one of 'off', 'fallback', 'only'"),
    (HEAD + '[findings]\nemotion_model = 1\n', "findings.emotion_model", "must be str, got int"),
])
def test_every_bad_value_names_file_key_and_cause(tmp_path, body, where, cause):
    f, err = _error(tmp_path, body)
    assert err.line() == f"{f}: {where}: {cause}"
    assert err.where == where and err.source == str(f)


def test_unreadable_and_invalid_files(tmp_path):
    f, err = _error(tmp_path, "name = \n")
    assert err.where is None and err.source == str(f) and err.cause.startswith("not valid TOML: ")
    d = tmp_path / "dir.toml"
    d.mkdir()
    with pytest.raises(InputError) as ei:
        load_scorecard(d)
    assert ei.value.source == str(d) and ei.value.cause.startswith("cannot read: ")
    with pytest.raises(InputError) as ei:
        load_scorecard("nosuchcard")
    assert ei.value.line() == ("nosuchcard: no such scorecard file, and not a shipped name "
                               f"({', '.join(shipped_scorecards())})")


def test_accepted_values_are_parsed_with_defaults(tmp_path):
    (tmp_path / "ours").mkdir()
    f = tmp_path / "sc.toml"
    f.write_text(HEAD + 'description = "Team Oost"\npass_mark = 1\nlexicon_dirs = ["ours"]\n'
                 "[criteria.nivea]\nmax_fills = 2\n"
                 '[criteria.own_name_greeting]\nna_channels = ["email", "chat"]\n'
                 "[criteria.hold_etiquette]\nmin_gap_s = 30\nenabled = false\nweight = 0\n"
                 "[criteria.tone.norms.nl]\nenergy_min_db = -40\n"
                 "[criteria.tone.norms.de]\nenergy_min_db = -50\n"
                 "[findings]\noverlap_s = 1\nemotion_min_points = 3\n", encoding="utf-8")
    sc = load_scorecard(f)
    assert (sc.name, sc.version, sc.id, sc.description) == ("team", "3", "team@3", "Team Oost")
    assert sc.pass_mark == 1.0 and isinstance(sc.pass_mark, float)
    assert sc.source == str(f) and sc.lexicon_dirs == (str((tmp_path / "ours").resolve()),)
    nivea = sc.config("nivea")
    assert nivea.enabled is True and nivea.weight == 1.0 and nivea.params["max_fills"] == 2
    hold = sc.config("hold_etiquette")
    assert hold.enabled is False and hold.weight == 0.0
    assert hold.params["min_gap_s"] == 30.0 and isinstance(hold.params["min_gap_s"], float)
    assert hold.params["require_thanks"] is False  # a default kept beside the set value
    norms = sc.config("tone").params["norms"]
    assert norms["nl"]["energy_min_db"] == -40.0 and isinstance(norms["nl"]["energy_min_db"], float)
    assert norms["nl"]["pitch_range_min_st"] == REGISTRY["tone"].defaults["norms"]["nl"]["pitch_range_min_st"]
    # a new language takes a sibling's shape and values, overlaid with its own
    assert norms["de"] == {**REGISTRY["tone"].defaults["norms"]["nl"], "energy_min_db": -50.0}
    assert norms["fr"] == REGISTRY["tone"].defaults["norms"]["fr"]
    assert sc.findings.overlap_s == 1.0 and isinstance(sc.findings.overlap_s, float)
    assert sc.findings.emotion_min_points == 3
    assert sc.config("own_name_greeting").params["na_channels"] == ["email", "chat"]
    assert [c.id for c in sc.enabled()] == ["nivea", "own_name_greeting", "tone"]
    assert sc.config("next_steps") is None
    # defaults of a minimal card
    bare = scorecard_from_dict({"name": "b", "version": 2})
    assert bare.pass_mark == 0.7 and bare.version == "2" and bare.description == "" and bare.criteria == ()
    assert bare.source == "<dict>" and bare.lexicon_dirs == ()
    # a card that is not a file resolves its lexicon directories from the working directory
    loose = scorecard_from_dict({"name": "b", "version": 2, "lexicon_dirs": ["lx"]}, tmp_path / "none.toml")
    assert loose.lexicon_dirs == (str((Path.cwd() / "lx").resolve()),)


def test_shipped_default_is_municipality_and_the_list_is_sorted():
    assert DEFAULT_SCORECARD == "municipality"
    assert load_scorecard(None).id == load_scorecard("municipality").id == "municipality@2026.1"
    assert load_scorecard(SCORECARD_ROOT / "ministry.toml").id == "ministry@2026.1"
    names = shipped_scorecards()
    assert names == sorted(names) and {"commercial", "ministry", "municipality"} <= set(names)


# the weighted overall --------------------------------------------------------------------------

def _card(weights: dict[str, float], pass_mark: float):
    return scorecard_from_dict({"name": "w", "version": "1", "pass_mark": pass_mark,
                                "criteria": {c: {"weight": w} for c, w in weights.items()}})


def _contact():
    # next_steps passes (a timeframe), no_repeat_questions fails (postcode asked twice),
    # hold_etiquette is n/a (no hold)
    return convo([("agent", "Goedemiddag, met Bram."),
                  ("customer", "Met Karin, postcode 3512 AB, mijn container is niet geleegd."),
                  ("agent", "Wat is uw postcode? U krijgt binnen twee werkdagen een nieuwe container.")])


def test_overall_is_the_weighted_mean_of_applicable_criteria():
    t = _contact()
    res = score(t, _card({"next_steps": 3.0, "no_repeat_questions": 1.0, "hold_etiquette": 5.0}, 0.5))
    assert [r.outcome for r in res.results] == ["n/a", "pass", "fail"]
    assert res.score == 0.75 and res.outcome == "pass"
    res = score(t, _card({"next_steps": 1.0, "no_repeat_questions": 3.0}, 0.5))
    assert res.score == 0.25 and res.outcome == "fail"
    # weight 0: scored and reported, but not counted
    res = score(t, _card({"next_steps": 0.0, "no_repeat_questions": 1.0}, 0.5))
    assert res.result("next_steps").outcome == "pass" and res.score == 0.0
    over = res.overall()
    assert over.criterion == "overall" and over.outcome == "fail" and over.score == 0.0
    assert over.reason == "1 of 2 applicable criteria passed; pass mark 0.5"
    assert over.measures == {"criteria_scored": 2.0, "pass_mark": 0.5}


@pytest.mark.parametrize("pass_mark,outcome", [(0.75, "pass"), (0.7501, "fail"), (0.0, "pass")])
def test_pass_mark_is_inclusive(pass_mark, outcome):
    res = score(_contact(), _card({"next_steps": 3.0, "no_repeat_questions": 1.0}, pass_mark))
    assert res.score == 0.75 and res.outcome == outcome


def test_only_na_criteria_give_no_overall():
    res = score(_contact(), _card({"hold_etiquette": 1.0}, 0.5))
    assert res.score is None and res.outcome == "n/a"
    assert res.records()[-1]["outcome"] == "n/a"
