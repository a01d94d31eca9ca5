"""own_name_greeting, rule by rule: the roster match and its thresholds, the organisation's own name
beside an organisation word, the introduction phrases of each language (before and after the name),
the opening seconds, the evidence sentence and the basis each result is decided on (the key of its
confidence). Own wording; each case sits beside the rule's edge so that a changed comparison or a
dropped word list turns it red (mutation testing: docs/mutation.md)."""
from __future__ import annotations

import pytest
from qa_helpers import convo
from rule_helpers import card, decide, ev

from meeluister.records import Transcript, Turn, Word

CRIT = "own_name_greeting"
ORG_MSG = "the opening names the organisation, not the agent"
NONAME = "the opening gives no agent name"


def greet(text, lang="nl", scorecard=None, **kw):
    return decide(convo([("agent", text)], lang=lang, **kw), CRIT, scorecard)


# the n/a cases and their basis ------------------------------------------------------------------

@pytest.mark.parametrize("t,reason", [
    (convo([("customer", "Vraag"), ("agent", "Antwoord")], channel="email"), "not judged on email"),
    (convo([("agent", "Hallo")], lang="de"), "no lexicon for language 'de'"),
    (convo([("customer", "Hallo?")]), "no agent turn"),
])
def test_na_is_structural(t, reason):
    r, basis = decide(t, CRIT)
    assert (r.outcome, r.reason, r.score, basis) == ("n/a", reason, None, "structural")


# the roster name ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text,name,reason,basis", [
    ("Goedemorgen, met Jennifer.", "Jennifer Smit", "agent gives their name ('jennifer')", "roster"),
    # 'jenifer' ~ 'jennifer' = 93.3: at least threshold + 8 is a sure match
    ("Goedemorgen, met Jenifer.", "Jennifer Smit", "agent gives their name ('jenifer')", "roster"),
    # 'sane' ~ 'sanne' = 88.9: above the threshold (85), within 8 of it
    ("Goedemorgen, met Sane.", "Sanne Smit", "agent gives their name ('sane')", "roster-near"),
    # a roster name of three letters is matched against short words too ...
    ("Goedemiddag, met Li.", "Eva Li", "agent gives their name ('li')", "roster"),
    # ... a longer first name is not (short words are mostly not names): the intro phrase finds it
    ("Goedemiddag, met Li.", "Anna Li", "agent introduces themself as 'li'", "intro-roster"),
    # three-letter words are still matched when the first name is long
    ("Goedemiddag, met Bos.", "Sanne Bos", "agent gives their name ('bos')", "roster"),
    # an introduced name that is not on the roster (a colleague's line) still passes
    ("Goedemiddag, u spreekt met Bram.", "Sanne Bos", "agent introduces themself as 'bram'", "intro-roster"),
])
def test_roster_match_reason_and_basis(text, name, reason, basis):
    r, b = greet(text, agent_name=name)
    assert (r.outcome, r.reason, b) == ("pass", reason, basis)


def test_roster_threshold_is_inclusive_and_sure_at_threshold_plus_eight():
    # exact name: ratio 100; with the threshold at 92 that is exactly threshold + 8
    r, b = greet("Goedemorgen, met Sanne.", agent_name="Sanne Smit", scorecard=card(CRIT, name_match_threshold=92))
    assert (r.outcome, r.measures, b) == ("pass", {"name_match": 100.0}, "roster")
    # 'bo' ~ 'bob' = 80.0: passes at a threshold of exactly 80 ...
    r, b = greet("Goedemorgen, ik ben Bo.", agent_name="Bob Smit", scorecard=card(CRIT, name_match_threshold=80))
    assert (r.reason, r.measures, b) == ("agent gives their name ('bo')", {"name_match": 80.0}, "roster-near")
    # ... and is only an introduced name above it
    r, b = greet("Goedemorgen, ik ben Bo.", agent_name="Bob Smit", scorecard=card(CRIT, name_match_threshold=81))
    assert (r.reason, r.measures, b) == ("agent introduces themself as 'bo'", {}, "intro-roster")


def test_name_particles_are_not_the_name():
    # 'van' of 'Sanne van Dijk' must not match the 'van' in 'de afdeling van burgerzaken'
    r, b = greet("Goedemorgen, u spreekt met de afdeling van burgerzaken.", agent_name="Sanne van Dijk")
    assert (r.outcome, r.reason, b) == ("fail", ORG_MSG, "org-roster")


def test_without_a_roster_name_the_basis_says_so():
    assert greet("Goedemorgen, u spreekt met Bram.")[1] == "intro"
    assert greet("Goedemorgen, waarmee kan ik helpen?")[1] == "noname"
    assert greet("Goedemorgen, gemeente Ede.")[1] == "org"
    assert greet("Goedemorgen, waarmee kan ik helpen?", agent_name="Sanne Bos")[1] == "noname-roster"


# the organisation's own name ---------------------------------------------------------------------

@pytest.mark.parametrize("text,org,outcome", [
    ("Goedemorgen, Uitgeverij Merel.", "Uitgeverij Merel", "fail"),   # org word before the org's name
    ("Uitgeverij Merel, goedemorgen.", "Uitgeverij Merel", "fail"),   # ... at the very start
    ("Goedemorgen, Merel klantenservice.", "Merel Mode", "fail"),     # org word after
    ("Goedemorgen, klantenservice Merel.", "Merel Mode", "fail"),     # org word before (not in the name)
    ("Goedemorgen, Merel Mode.", "Merel Mode", "fail"),               # the org's next name word after
    ("Goedemorgen, Studio Merel.", "Studio Merel", "fail"),           # the org's name word before
    # the agent's name that is also in the organisation's name counts when it stands alone
    ("Merel, goedemorgen, welkom.", "Uitgeverij Merel", "pass"),
    ("Merel hier, welkom bij de uitgeverij.", "Uitgeverij Merel", "pass"),
    ("Gemeente Ede, met Merel.", "Gemeente Ede", "pass"),            # next to the org, not part of it
])
def test_a_name_inside_the_organisations_name(text, org, outcome):
    r, b = greet(text, agent_name="Merel Jansen", organisation=org)
    assert r.outcome == outcome
    if outcome == "fail":
        assert (r.reason, b) == (ORG_MSG, "org-roster")
    else:
        assert (r.reason, r.evidence[0].term, b) == ("agent gives their name ('merel')", "merel", "roster")


# introduction phrases, four languages ------------------------------------------------------------

@pytest.mark.parametrize("lang,text,name", [
    ("nl", "Goedemorgen, u spreekt met Jo.", "jo"),           # a two-letter name
    ("nl", "Goedemorgen, met de klantenservice, u spreekt met Sanne.", "sanne"),  # the second phrase
    ("en", "Good morning, my name is Priya.", "priya"),
    ("en", "Hi, I'm sure, sorry, this is Tom.", "tom"),
    ("fr", "Bonjour, Camille à l'appareil.", "camille"),      # the name before the phrase, at the end
    ("fr", "Camille à l'appareil, bonjour.", "camille"),      # ... as the very first word
    ("fr", "Bonjour, vous parlez avec Amélie.", "amelie"),
    ("es", "Lucía al habla, buenos días.", "lucia"),
    ("es", "Buenos días, le atiende Carlos.", "carlos"),
])
def test_introduced_names(lang, text, name):
    r, b = greet(text, lang=lang)
    assert (r.outcome, r.reason, b) == ("pass", f"agent introduces themself as {name!r}", "intro")
    assert ev(r) == [(0, text, name)]


@pytest.mark.parametrize("lang,text,reason", [
    ("nl", "Goedemiddag, ik ben zeker bereid u te helpen.", NONAME),   # a backchannel word is no name
    ("en", "Hello, I'm sure we can sort that out.", NONAME),
    ("fr", "Bonjour, c'est entendu, que puis-je faire pour vous ?", NONAME),
    ("fr", "Bonjour, le service clients, à votre écoute.", ORG_MSG),  # the word before is an org word
    ("fr", "Bonjour, vous êtes au 3 à votre écoute.", NONAME),      # a number is no name
    ("es", "Buenos días, el departamento de soporte a su servicio.", ORG_MSG),
    ("nl", "Goedemorgen, u spreekt met mevrouw.", NONAME),           # a title and then nothing
    ("nl", "Goedemorgen, u spreekt met", NONAME),                    # the phrase and then nothing
    ("nl", "Goedemorgen, u spreekt met J.", NONAME),                 # one letter is no name
])
def test_no_name_after_or_before_the_phrase(lang, text, reason):
    r, b = greet(text, lang=lang)
    assert (r.outcome, r.reason) == ("fail", reason)
    assert b == ("org" if reason == ORG_MSG else "noname")


# evidence: the sentence with the name, else the first sentence ------------------------------------

@pytest.mark.parametrize("text,kw,quote,term", [
    ("Goedemorgen. U spreekt met Sanne. Waarmee kan ik helpen?", {"agent_name": "Sanne Bos"},
     "U spreekt met Sanne.", "sanne"),
    ("Goedemorgen. U spreekt met Bram. Waarmee kan ik helpen?", {}, "U spreekt met Bram.", "bram"),
    ("Goedemorgen. Waarmee kan ik helpen?", {}, "Goedemorgen.", None),
])
def test_evidence_is_the_sentence_that_holds_the_name(text, kw, quote, term):
    r, _ = greet(text, **kw)
    assert ev(r) == [(0, quote, term)]


# the opening seconds -----------------------------------------------------------------------------

def _timed(words, end):
    return Transcript(contact_id="w", channel="phone", language="nl", agent_name="Sanne Bos",
                      turns=(Turn("agent", 0.0, end, " ".join(w for w, _ in words),
                                  words=tuple(Word(w, s, s + 0.4, 0.9) for w, s in words)),))


@pytest.mark.parametrize("at,outcome", [(15.0, "pass"), (15.01, "fail")])
def test_a_name_said_at_exactly_the_opening_limit_counts(at, outcome):
    t = _timed([("Goedemorgen", 0.0), ("gemeente", 0.5), ("Ede", 1.0), ("Sanne", at)], at + 0.5)
    assert decide(t, CRIT)[0].outcome == outcome
