"""Contact reasons: taxonomy data, the classifier's matching rules, the batch and the CLI."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from meeluister.errors import InputError, Quarantine
from meeluister.records import ContactReason, Evidence, Transcript, Turn
from signals import OTHER, STATUS_INQUIRY, ReasonOptions, classify, load_taxonomy, shipped_taxonomies
from signals.batch import classify_files
from signals.evaluate import DEV_DIR, evaluate, evaluate_dev
from signals.text import LANGUAGES


def contact(*turns: tuple[str, str], lang: str = "nl", cid: str = "c-1", org: str | None = None) -> Transcript:
    return Transcript(cid, "phone", lang, tuple(Turn(s, float(i), float(i) + 1, x) for i, (s, x) in enumerate(turns)),
                      organisation=org)


def test_every_shipped_taxonomy_has_status_inquiry_and_four_languages() -> None:
    assert set(shipped_taxonomies()) == {"municipality", "ministry", "commercial"}
    for name in shipped_taxonomies():
        tax = load_taxonomy(name)
        assert STATUS_INQUIRY in tax.reason_ids()
        assert OTHER not in tax.reason_ids()
        for r in tax.reasons:
            assert all(r.cues[lang] for lang in LANGUAGES), (name, r.id)


def test_labelled_openings_accuracy() -> None:
    s = evaluate()
    assert s.n == 40
    assert s.primary >= 0.85, s.misses
    assert all(v >= 0.75 for v in s.by_language.values()), s.by_language


@pytest.mark.skipif(not DEV_DIR.is_dir(), reason="needs ../shared/eval/dev")
def test_dev_conversations_accuracy() -> None:
    s = evaluate_dev()
    assert s.n == 29
    assert s.primary >= 0.85, s.misses


def test_customer_turn_decides_over_agent_words() -> None:
    t = contact(("agent", "Goedemorgen, belt u over uw paspoort?"),
                ("customer", "Nee hoor, mijn container is niet geleegd."))
    got = classify(t, "municipality")
    assert got[0].reason == "waste_collection"
    assert got[0].evidence[0].turn == 1
    assert got[0].evidence[0].quote == "Nee hoor, mijn container is niet geleegd."


def test_stems_compounds_and_misspellings_match() -> None:
    # inflection: "verhuisd"/"verhuizing" share a stem with the cue "verhuizen"
    assert classify(contact(("customer", "Wij verhuizen volgende maand.")), "municipality")[0].reason == "moving_registration"
    # compound: "afvalcontainer" holds the cue "container"; scored lower than the whole word
    comp = classify(contact(("customer", "De afvalcontainers staan vol.")), "municipality")[0]
    whole = classify(contact(("customer", "De containers staan vol.")), "municipality")[0]
    assert comp.reason == whole.reason == "waste_collection"
    assert comp.confidence < whole.confidence
    # a recognition error: "paspoordt" is one letter off "paspoort"
    assert classify(contact(("customer", "Mijn paspoordt is verlopen.")), "ministry")[0].reason == "passport"
    # French elision and accents: "l'acte de naissance" -> legalisation
    fr = contact(("customer", "Il me faut l'acte de naissance légalisé."), lang="fr")
    assert classify(fr, "ministry")[0].reason == "legalisation_nationality"


def test_phrase_words_must_be_near_each_other() -> None:
    near = contact(("customer", "Hoe staat het met mijn aanvraag?"))
    far = contact(("customer", "Hoe kan ik dat regelen, want het paspoort staat op naam van mijn man?"))
    assert classify(near, "ministry")[0].reason == STATUS_INQUIRY
    assert STATUS_INQUIRY not in [r.reason for r in classify(far, "ministry")]


def test_status_inquiry_comes_first_with_the_case_beside_it() -> None:
    t = contact(("customer", "I applied for a visa three weeks ago and I'm still waiting. Any news?"), lang="en")
    got = classify(t, "ministry")
    assert [r.reason for r in got][:2] == [STATUS_INQUIRY, "visa"]
    assert got[0].confidence > got[1].confidence


def test_other_when_nothing_fits() -> None:
    got = classify(contact(("customer", "Weet u of het morgen gaat regenen?")), "municipality")
    assert [r.reason for r in got] == [OTHER]
    assert got[0].evidence == ()
    assert 0.5 <= got[0].confidence <= 1.0


def test_other_language_cues_are_a_fallback() -> None:
    # a Dutch contact that only says an English word the Dutch cues lack
    t = contact(("customer", "Ik heb een vraag over de council tax."))
    assert classify(t, "municipality")[0].reason == "local_taxes"


def test_auto_taxonomy_by_organisation() -> None:
    t = contact(("customer", "Ik wil mijn abonnement opzeggen."), org="Uitgeverij Merel")
    assert classify(t, None, ReasonOptions())[0].taxonomy == "commercial@1"
    t2 = contact(("customer", "Mijn paspoort is gestolen."), org="Ministerie van Buitenlandse Zaken")
    assert classify(t2)[0].taxonomy == "ministry@1"


def test_taxonomy_errors_name_file_and_key(tmp_path: Path) -> None:
    f = tmp_path / "bad.toml"
    f.write_text('[taxonomy]\nname = "x"\nversion = "1"\n[reasons.status_inquiry]\nnl = ["hoe ver"]\n'
                 'en = ["how far"]\nfr = ["ou en est"]\n', encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_taxonomy(f)
    assert "bad.toml" in e.value.line() and "reasons.status_inquiry.es" in e.value.line()
    f.write_text('[taxonomy]\nname = "x"\nversion = "1"\n[reasons.visa]\nnl = ["visum"]\nen = ["visa"]\n'
                 'fr = ["visa"]\nes = ["visado"]\n', encoding="utf-8")
    with pytest.raises(InputError, match="status_inquiry"):
        load_taxonomy(f)
    f.write_text('[taxonomy]\nname = "x"\nversion = "1"\ninclude = ["common"]\n[reasons.visa]\n'
                 'nl = ["visum^zwaar"]\nen = ["visa"]\nfr = ["visa"]\nes = ["visado"]\n', encoding="utf-8")
    with pytest.raises(InputError, match="reasons.visa.nl: bad cue weight"):
        load_taxonomy(f)


def test_custom_taxonomy_file_extends_common(tmp_path: Path) -> None:
    f = tmp_path / "zoo.toml"
    f.write_text('[taxonomy]\nname = "zoo"\nversion = "2"\ninclude = ["common"]\n[reasons.tickets]\n'
                 'nl = ["kaartje", "toegangsbewijs"]\nen = ["ticket"]\nfr = ["billet"]\nes = ["entrada"]\n',
                 encoding="utf-8")
    tax = load_taxonomy(f)
    assert tax.id == "zoo@2" and set(tax.reason_ids()) == {"status_inquiry", "complaint", "tickets"}
    assert classify(contact(("customer", "Ik wil twee kaartjes kopen.")), tax)[0].reason == "tickets"


def test_contact_reason_round_trip() -> None:
    r = ContactReason("c-9", "visa", 0.8, (Evidence(1, 2.0, 3.0, "Ik heb een visum nodig.", "visum"),), "ministry@1")
    assert ContactReason.from_dict(json.loads(json.dumps(r.to_dict()))) == r


def _write(d: Path, name: str, t: dict) -> None:
    (d / name).write_text(json.dumps(t), encoding="utf-8")


def _doc(cid: str, text: str) -> dict:
    return {"schema": "meeluister.transcript/1", "contact_id": cid, "channel": "chat", "language": "nl",
            "organisation": "Gemeente Utrecht",
            "turns": [{"speaker": "agent", "start": None, "end": None, "text": "Welkom."},
                      {"speaker": "customer", "start": None, "end": None, "text": text}]}


def test_batch_quarantines_bad_files_and_reruns_identically(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    _write(src, "a.json", _doc("c-a", "Mijn kliko is niet geleegd."))
    _write(src, "b.json", _doc("c-b", "Hoe ver is mijn aanvraag voor bijzondere bijstand?"))
    (src / "bad.json").write_text('{"schema": "meeluister.transcript/1", "contact_id": "x"', encoding="utf-8")
    out = tmp_path / "reasons.jsonl"
    q = Quarantine(tmp_path / "q.jsonl", "reasons")
    rep = classify_files([src], out, quarantine=q)
    assert (rep.contacts, rep.quarantined) == (2, 1)
    assert "bad.json" in q.entries[0].source
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [(x["contact_id"], x["reason"]) for x in lines][:2] == [("c-a", "waste_collection"), ("c-b", STATUS_INQUIRY)]
    assert ("c-b", "social_support") in [(x["contact_id"], x["reason"]) for x in lines]
    first = out.read_bytes()
    classify_files([src], out, quarantine=Quarantine(tmp_path / "q.jsonl", "reasons"))
    assert out.read_bytes() == first


def test_cli_reasons(tmp_path: Path) -> None:
    from meeluister.cli import app

    src = tmp_path / "in"
    src.mkdir()
    _write(src, "a.json", _doc("c-a", "Ik wil mijn abonnement opzeggen."))
    out = tmp_path / "r.jsonl"
    res = CliRunner().invoke(app, ["reasons", str(src), "--out", str(out), "--taxonomy", "commercial"])
    assert res.exit_code == 0, res.output
    assert json.loads(out.read_text(encoding="utf-8").splitlines()[0])["reason"] == "cancel_subscription"
    bad = CliRunner().invoke(app, ["reasons", str(src), "--out", str(out), "--taxonomy", "nosuch"])
    assert bad.exit_code == 2
    assert "no such taxonomy" in bad.output
