"""The redaction API other stages use: spans in the original text, categories per organisation
and their TOML loader, `redact_transcript` (words, silence spans, input untouched), the
`meeluister redact` command and the bulk pre-filter's superset promise."""
from __future__ import annotations

import itertools
import json
import random
import re
from dataclasses import FrozenInstanceError

import pyarrow as pa
import pyarrow.compute as pc
import pytest
from typer.testing import CliRunner

from meeluister import Transcript, Turn, Word
from meeluister.errors import InputError
from meeluister.redaction import (
    BLOCK_PATTERN,
    CANDIDATE_PATTERN,
    CATEGORIES,
    Redacted,
    RedactedSpan,
    RedactionOptions,
    known_names_from,
    load_redaction_options,
    redact,
    redact_transcript,
)
from meeluister.redaction_cli import run_redact

TEXT = "Bel nul zes twaalf vierendertig zesenvijftig achtenzeventig of mail jan@example.nl, BSN 111222333."


def test_spans_are_offsets_in_the_original_text_sorted():
    r = redact(TEXT)
    assert r.spans == tuple(sorted(r.spans, key=lambda s: s.start))
    said = [TEXT[s.start:s.end] for s in r.spans]
    assert said == ["nul zes twaalf vierendertig zesenvijftig achtenzeventig", "jan@example.nl", "111222333"]
    assert [s.kind for s in r.spans] == ["phone", "email", "bsn"]
    assert r.text == "Bel [PHONE] of mail [EMAIL], BSN [BSN]."
    assert r.counts == {"phone": 1, "email": 1, "bsn": 1}
    assert redact("") == Redacted("", {}, ()) and redact(None).text == ""  # type: ignore[arg-type]
    with pytest.raises(FrozenInstanceError):
        r.spans[0].kind = "x"  # type: ignore[misc]


def test_overlaps_go_to_the_detector_first_in_priority():
    # an IBAN's digits are never also a phone number or a BSN
    r = redact("NL91ABNA0417164300 is mijn rekening, geen BSN")
    assert r.spans == (RedactedSpan(0, 18, "iban"),)
    # an e-mail address with digits is one e-mail, not a phone number inside it
    assert redact("0612345678@example.nl").counts == {"email": 1}


def test_categories_switch_kinds_off():
    only = RedactionOptions(categories=frozenset({"email"}))
    r = redact(TEXT, only)
    assert r.counts == {"email": 1} and "111222333" in r.text and "nul zes" in r.text
    none = RedactionOptions(categories=frozenset())
    assert redact(TEXT, none).text == TEXT
    assert RedactionOptions().categories == frozenset(CATEGORIES)
    with pytest.raises(ValueError, match="unknown redaction categories"):
        RedactionOptions(categories=frozenset({"bsn", "shoe size"}))
    assert RedactionOptions(categories={"bsn"}).categories == frozenset({"bsn"})  # type: ignore[arg-type]


def test_load_options_default_and_per_organisation(tmp_path):
    cfg = tmp_path / "redaction.toml"
    cfg.write_text('[default]\ncontext_chars = 40\n\n[organisation."gemeente-utrecht"]\n'
                   'categories = ["bsn", "iban"]\nown_name_greeting = false\n', encoding="utf-8")
    base = load_redaction_options(cfg)
    assert base.context_chars == 40 and base.categories == frozenset(CATEGORIES)
    utr = load_redaction_options(cfg, "gemeente-utrecht")
    assert utr.categories == frozenset({"bsn", "iban"}) and utr.context_chars == 40 and not utr.own_name_greeting
    assert load_redaction_options(cfg, "elders") == base  # no table of its own: [default]
    assert load_redaction_options(None) == RedactionOptions()
    assert redact("mail a@b.nl", utr).counts == {}


@pytest.mark.parametrize("body, where", [
    ('[default]\ncategories = ["bsn", "shoes"]\n', "default.categories: unknown category shoes"),
    ('[default]\ncontext = 3\n', "default.context: unknown key"),
    ('[default]\ncontext_chars = "veel"\n', "default.context_chars: must be a whole number"),
    ('[default]\nown_name_greeting = 1\n', "default.own_name_greeting: must be true or false"),
    ('[organisation."x"]\ncategories = "bsn"\n', "organisation.x.categories: must be a list"),
    ('[defaults]\n', "defaults: unknown section"),
    ('organisation = 3\n', "organisation: must be a table of organisations"),
    ('[default]\ndob_year_min = 2000\ndob_year_max = 1990\n', "default.dob_year_min: dob_year_min must be <="),
    ('[default\n', "not valid TOML"),
])
def test_bad_options_files_name_file_and_key(tmp_path, body, where):
    cfg = tmp_path / "r.toml"
    cfg.write_text(body, encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_redaction_options(cfg, "x")
    line = err.value.line()
    assert line.startswith(str(cfg)) and where in line and "\n" not in line


def _transcript() -> Transcript:
    greeting = "Goedemorgen, u spreekt met Sanne."
    said = "Met Jan de Vries, mijn nummer is nul zes twaalf vierendertig zesenvijftig achtenzeventig."
    tokens = said.split()
    times = [(5.0 + i * 0.5, 5.4 + i * 0.5) for i in range(len(tokens))]
    words = tuple(Word(w, a, b, 0.9) for w, (a, b) in zip(tokens, times))
    return Transcript(
        contact_id="c-1", channel="phone", language="nl", organisation="gemeente-x",
        turns=(Turn("agent", 0.0, 3.0, greeting, tuple(Word(w) for w in greeting.split())),
               Turn("customer", 5.0, 12.0, said, words),
               Turn("customer", 13.0, 15.0, "Mijn BSN is 111222333."),  # no words: the whole turn is silenced
               Turn("customer", None, None, "Mail jan@example.nl")),
        extra={"customer_name": "Jan de Vries", "recogniser": "whisper"})


def test_redact_transcript_tags_words_keeps_timings_and_gives_silence():
    t = _transcript()
    r = redact_transcript(t)
    assert t.turns[1].text.startswith("Met Jan de Vries")  # the input is not changed
    turns = r.transcript.turns
    assert turns[0].text == t.turns[0].text  # the agent's own name stays
    assert turns[1].text == "Met [NAME], mijn nummer is [PHONE]."
    ws = turns[1].words
    assert [w.w for w in ws[:4]] == ["Met", "[NAME]", "[NAME]", "[NAME]"]
    assert all(w.w == "[PHONE]" for w in ws[-6:]) and ws[4].w == "mijn"
    assert [(w.start, w.end) for w in ws] == [(w.start, w.end) for w in t.turns[1].words]
    assert r.counts == {"name": 1, "phone": 1, "bsn": 1, "email": 1}
    # name: words 1-3, phone: the last six words (said numbers), BSN: turn 2 whole; turn 3 untimed
    assert r.silence == ((1, 5.5, 6.9), (1, 8.5, 11.4), (2, 13.0, 15.0))
    assert r.transcript.extra == {"customer_name": "[NAME]", "recogniser": "whisper"}
    assert known_names_from(t.extra) == ("Jan de Vries",)


def test_redact_transcript_uses_the_known_names_given_and_words_that_do_not_spell_the_text():
    t = _transcript()
    odd = Turn("customer", 20.0, 24.0, "Vries hier, nogmaals.",
               (Word("vries", 20.0, 20.5), Word("hier", 20.5, 21.0), Word("nog maals", 21.0, 22.0)))
    t2 = Transcript(**{**t.__dict__, "turns": (odd,), "extra": {}})
    r = redact_transcript(t2, known_names=("Jan de Vries",))
    assert r.transcript.turns[0].text == "[NAME] hier, nogmaals."
    # "nog maals" is not in the text: the words are redacted as a text of their own
    assert [w.w for w in r.transcript.turns[0].words] == ["[NAME]", "hier", "nog maals"]
    assert r.silence == ((0, 20.0, 20.5),)
    assert redact_transcript(t2).counts == {}  # without the name nothing is found


def test_redact_transcript_respects_categories():
    r = redact_transcript(_transcript(), RedactionOptions(categories=frozenset({"bsn"})))
    assert r.counts == {"bsn": 1} and r.silence == ((2, 13.0, 15.0),)


def test_cli_text_lines_counts_and_json(tmp_path):
    f = tmp_path / "zinnen.txt"
    f.write_text("Mijn BSN is 111222333.\nDat kost 12,50 euro.\nmail a@b.nl of c@d.nl\n", encoding="utf-8")
    out, counts = run_redact(str(f))
    assert out == "Mijn BSN is [BSN].\nDat kost 12,50 euro.\nmail [EMAIL] of [EMAIL]\n"
    assert counts == {"bsn": 1, "email": 2}
    js, _ = run_redact(str(f), as_json=True)
    rows = [json.loads(x) for x in js.splitlines()]
    assert rows[0] == {"text": "Mijn BSN is [BSN].", "counts": {"bsn": 1},
                       "spans": [{"start": 12, "end": 21, "kind": "bsn"}]}
    assert rows[1]["spans"] == [] and rows[2]["counts"] == {"email": 2}


def test_cli_transcript_json_and_organisation_options(tmp_path):
    from meeluister import transcript_to_dict

    doc = transcript_to_dict(_transcript())
    f = tmp_path / "call.json"
    f.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    out, counts = run_redact(str(f))
    red = json.loads(out)
    assert red["turns"][1]["text"] == "Met [NAME], mijn nummer is [PHONE]." and red["customer_name"] == "[NAME]"
    assert counts["phone"] == 1
    js = json.loads(run_redact(str(f), as_json=True)[0])
    assert js["silence"][0] == {"turn": 1, "start": 5.5, "end": 6.9} and js["counts"]["bsn"] == 1
    cfg = tmp_path / "r.toml"
    cfg.write_text('[organisation."gemeente-x"]\ncategories = ["email"]\n', encoding="utf-8")
    # the transcript's own organisation picks its options; --org overrides
    assert run_redact(str(f), config=cfg)[1] == {"email": 1}
    assert run_redact(str(f), config=cfg, org="elders")[1]["bsn"] == 1


def test_cli_command_registered_with_stdin_stderr_counts_and_one_line_errors(tmp_path):
    from meeluister.cli import app

    runner = CliRunner()
    res = runner.invoke(app, ["redact", "-", "--counts"], input="bel 0612345678\n")
    assert res.exit_code == 0
    assert res.stdout == "bel [PHONE]\n"
    assert "redacted: phone 1" in res.stderr
    missing = tmp_path / "nope.txt"
    res = runner.invoke(app, ["redact", str(missing)])
    assert res.exit_code == 1 and res.stdout == ""
    assert res.stderr.strip().startswith(f"error: {missing}: cannot read") and res.stderr.count("\n") == 1
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema": "meeluister.transcript/1", "contact_id": "x", "channel": "fax", '
                   '"language": "nl", "turns": []}', encoding="utf-8")
    res = runner.invoke(app, ["redact", str(bad)])
    assert res.exit_code == 1 and f"{bad}: channel" in res.stderr
    binary = tmp_path / "audio.wav"
    binary.write_bytes(b"RIFF\xff\xfe\x00\x00WAVE")
    res = runner.invoke(app, ["redact", str(binary)])
    assert res.exit_code == 1 and "not UTF-8" in res.stderr


# --- the bulk pre-filter ------------------------------------------------------------------------------

_PIECES = ["Mijn", "naam", "is", "Jan", "met", "ja", "een", "twee", "nul", "zes", "twaalf", "vierendertig", "at",
           "punt", "gmail", "com", "apenstaartje", "hallo", "meneer", "Jansen", "geboren", "maart", "negentien",
           "tachtig", "postcode", "a", "b", "plus", "drie", "my", "name", "this", "is", "Tom", "arroba", "punto",
           "es", "soy", "Lucía", "c'est", "Marie", "je", "m'appelle", "mevrouw", "de", "Vries", ",", ".", "dot",
           "doble", "seis", "trente-quatre", "soixante-dix-huit", "I'm", "John"]


def test_candidate_pattern_is_a_superset_of_what_redact_changes():
    rng = random.Random(3)
    texts = [" ".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 9))).replace(" ,", ",").replace(" .", ".")
             for _ in range(4000)]
    texts += ["Mijn BSN is 111222333", "a@b.nl", "Goedemorgen, hoe gaat het?", "mijn naam is jan",
              "jan punt jansen at gmail punt com", "Hallo, met Jan de Vries", "Dag meneer Jansen"]
    flags = pc.match_substring_regex(pa.array(texts), CANDIDATE_PATTERN).to_pylist()
    changed = 0
    for text, flag in zip(texts, flags):
        if redact(text).text != text:
            changed += 1
            assert flag, text
        assert bool(re.search(CANDIDATE_PATTERN, text)) == flag, text  # Python re reads it the same
    assert changed > 300  # the sample exercises it
    assert not re.search(CANDIDATE_PATTERN, "Goedemorgen, hoe gaat het?")
    assert not re.search(CANDIDATE_PATTERN, "een vraag over de tweede brief")  # one number word: no run


def test_block_pattern_holds_across_joined_texts():
    texts = ["zes", "twaalf", "Mijn", "naam is Jan", "x", "punt nl"]
    for a, b in itertools.permutations(texts, 2):
        joined = a + b
        if re.search(CANDIDATE_PATTERN, a) or re.search(CANDIDATE_PATTERN, b):
            assert re.search(BLOCK_PATTERN, joined), (a, b)
    assert re.search(BLOCK_PATTERN, "Hallo" + "zes" + "twaalf") and not re.search(CANDIDATE_PATTERN, "Hallozes")
