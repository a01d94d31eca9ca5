"""hold_etiquette, rule by rule: durations in four languages (the quantity before the unit, the
quoted term), who speaks after the gap, the customer aside that hides an announcement (more than
ten words), the measures and the basis of each result ("-near" within 10 s of the hold threshold;
the kind of failure), and the n/a cases. Own wording; the outcomes of the common cases are in
test_criteria_exact.py."""
from __future__ import annotations

import pytest
from qa_helpers import convo
from rule_helpers import card, decide, ev

from meeluister.records import Transcript, Turn

CRIT = "hold_etiquette"
ASK = {"nl": "Ik wil weten of mijn aanvraag al binnen is.", "en": "I would like to know if my application is in.",
       "fr": "Je voudrais savoir si ma demande est arrivée.", "es": "Quería saber si mi solicitud ha llegado."}
ASIDE = {"nl": "Ja.", "en": "Okay.", "fr": "Oui.", "es": "Vale."}
THANKS = {"nl": "Bedankt voor het wachten.", "en": "Thanks for holding.", "fr": "Merci de votre patience.",
          "es": "Gracias por esperar."}


def hold(announce, ret, lang="nl", back=59.75, after="agent", aside=None, scorecard=None):
    t = convo([("agent", 0.0, 2.0, "Hallo."), ("customer", 2.5, 8.0, ASK[lang]), ("agent", 8.5, 11.5, announce),
               ("customer", 12.0, 12.5, aside or ASIDE[lang]), (after, back, back + 2.0, ret)], lang=lang)
    return decide(t, CRIT, scorecard)


@pytest.mark.parametrize("lang,announce,term", [
    ("nl", "Ik zoek het op, dat duurt drie minuten hooguit.", "duurt drie minuten"),
    ("en", "I will look it up, that takes two minutes or so.", "takes two minutes"),
    ("fr", "Je regarde, cela prend deux minutes environ.", "prend deux minutes"),
    ("es", "Lo busco, tardo dos minutos nada más.", "tardo dos minutos"),
    ("nl", "Twee minuten, dan ben ik terug.", "twee minuten"),        # the unit as the second word
    ("en", "Give me 5 minutes to look it up.", "me 5 minutes"),       # a number as the quantity
])
def test_an_announced_duration_is_quoted_up_to_its_unit(lang, announce, term):
    r, b = hold(announce, THANKS[lang], lang)
    assert (r.outcome, r.reason, b) == ("pass", "1 hold(s) announced and returned to", "announced")
    assert ev(r) == [(2, announce, term), (4, THANKS[lang], "thanks on return")]
    assert r.measures == {"holds": 1.0, "longest_hold_s": 47.2}  # 47.25 s, one decimal


@pytest.mark.parametrize("lang,announce", [
    ("en", "I will check that, it takes minutes sometimes."),  # a unit without a quantity before it
    ("nl", "Ik kijk het na, dat kost soms minuten."),
    ("fr", "Je vérifie, ça prend des minutes parfois."),
    ("es", "Lo miro, a veces tarda minutos."),
])
def test_a_unit_without_a_quantity_is_no_duration(lang, announce):
    r, b = hold(announce, THANKS[lang], lang)
    assert (r.outcome, r.reason, b) == ("fail", "47 s hold without announcement (permission or duration)",
                                        "unannounced")
    assert ev(r) == [(2, announce, "47 s hold not announced"), (4, THANKS[lang], "thanks on return")]


def test_the_agent_who_says_hallo_on_return_came_back():
    r, b = hold("Mag ik u even in de wacht zetten?", "Hallo, daar ben ik weer.")
    assert (r.outcome, b) == ("pass", "announced")
    assert ev(r)[1] == (4, "Hallo, daar ben ik weer.", "thanks on return")


@pytest.mark.parametrize("lang,checkin", [("nl", "Hallo? Bent u er nog?"), ("en", "Hello? Are you still there?"),
                                           ("fr", "Allô ? Vous êtes toujours là ?"), ("es", "¿Hola? ¿Sigue ahí?")])
def test_the_customer_checking_the_line_fails_as_no_return(lang, checkin):
    r, b = hold({"nl": "Mag ik u even in de wacht zetten?", "en": "Can I put you on hold?",
                 "fr": "Je vous mets en attente ?", "es": "¿Le pongo en espera?"}[lang], checkin, lang, after="customer")
    assert (r.outcome, r.reason, b) == ("fail", "after 47 s the customer has to check the line", "no-return")
    assert ev(r)[1][2] == "customer has to check the line"


@pytest.mark.parametrize("aside,outcome", [
    ("Ja hoor, dat is goed, ik wacht wel op u.", "pass"),         # ten words: an aside
    ("Ja hoor, dat is goed, ik wacht wel even op u.", "fail"),    # eleven: the customer spoke
])
def test_a_customer_aside_of_up_to_ten_words_keeps_the_announcement(aside, outcome):
    r, b = hold("Mag ik u even in de wacht zetten?", THANKS["nl"], aside=aside)
    assert (r.outcome, b) == (outcome, "announced" if outcome == "pass" else "unannounced")


def test_a_gap_after_the_customer_spoke_at_length_quotes_only_the_return():
    t = convo([("agent", 0.0, 2.0, "Hallo."),
               ("customer", 2.5, 9.0, "Ik wil graag weten of mijn aanvraag voor de vergunning al binnen is bij u."),
               ("agent", 40.0, 42.0, THANKS["nl"])])
    r, b = decide(t, CRIT)
    assert (r.outcome, r.reason, b) == ("fail", "31 s hold without announcement (permission or duration)",
                                        "unannounced")
    assert ev(r) == [(2, THANKS["nl"], "thanks on return")]


@pytest.mark.parametrize("back,basis,longest", [
    (42.4, "announced-near", 29.9), (42.5, "announced", 30.0), (33.5, "announced-near", 21.0),
])
def test_a_hold_within_ten_seconds_of_the_threshold_is_near(back, basis, longest):
    r, b = hold("Mag ik u even in de wacht zetten?", THANKS["nl"], back=back)
    assert (r.outcome, b, r.measures["longest_hold_s"]) == ("pass", basis, longest)


def test_the_kind_of_failure_is_the_first_holds():
    r, b = hold("Mag ik u even in de wacht zetten?", "Zo, de aanvraag is binnen.",
                scorecard=card(CRIT, require_thanks=True))
    assert (r.reason, b) == ("no thanks after the 47 s hold", "no-thanks")
    r, b = hold("Mag ik u even in de wacht zetten?", "Zo, de aanvraag is binnen.", back=35.0,
                scorecard=card(CRIT, require_thanks=True))
    assert (r.reason, b) == ("no thanks after the 22 s hold", "no-thanks-near")
    t = convo([("agent", 0.0, 2.0, "Ik kijk even."), ("customer", 40.0, 41.0, "Hallo?"),
               ("agent", 41.5, 43.0, "Sorry. Ik zet u nog even in de wacht, is dat goed?"), ("customer", 43.5, 44.0, "Ja."),
               ("customer", 90.0, 91.0, "Hallo?")])
    r, b = decide(t, CRIT)
    assert r.reason == ("38 s hold without announcement (permission or duration); "
                        "after 46 s the customer has to check the line")
    assert (b, r.measures) == ("unannounced", {"holds": 2.0, "longest_hold_s": 46.0})


@pytest.mark.parametrize("t,reason", [
    (Transcript(contact_id="x", channel="phone", language="nl",
                turns=(Turn("agent", None, None, "Ik kijk even."), Turn("agent", None, None, "Daar ben ik weer."))),
     "no timing: holds cannot be measured"),
    (convo([("agent", 0.0, 1.0, "Ik kijk even."), ("agent", 50.0, 51.0, "Daar ben ik weer.")], channel="webform"),
     "no timing: holds cannot be measured"),
    (convo([("agent", 0.0, 1.0, "Hallo"), ("customer", 50.0, 51.0, "Hallo?")], lang="de"),
     "no lexicon for language 'de'"),
])
def test_na_is_structural(t, reason):
    r, b = decide(t, CRIT)
    assert (r.outcome, r.reason, b) == ("n/a", reason, "structural")


def test_no_hold_is_its_own_basis():
    # a timed call whose longest silence (19.5 s) is under the 20 s threshold
    t = convo([("agent", 0.0, 2.0, "Ik kijk even."), ("agent", 21.5, 23.0, "Daar ben ik weer.")])
    r, b = decide(t, CRIT)
    assert (r.outcome, r.reason, b) == ("n/a", "no hold in this contact", "no-hold")
