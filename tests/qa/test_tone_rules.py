"""tone, rule by rule: the word rules in four languages (dismissive phrases with their evidence,
cheerful markers counted over the whole contact, the exclamation share and its minimum of four
sentences, the minimum of agent words), and the recording: measured on the agent's own turns (and
channel), relative paths under `audio_root`, `ScoreOptions(audio=False)`, the norms of the
contact's language, and a readable warning when the file is missing or unreadable.

The recordings are generated here (a harmonic "voice" whose pitch glides, pulsed like syllables);
librosa analyses them, so this module costs a few seconds once."""
from __future__ import annotations

import logging

import numpy as np
import pytest
from qa_helpers import convo
from rule_helpers import card, decide, ev

from meeluister.records import Transcript, Turn
from qa.engine import ScoreOptions

sf = pytest.importorskip("soundfile")
pytest.importorskip("librosa")

CRIT = "tone"
SR = 16000
NEUTRAL = {
    "nl": "Ik heb uw aanvraag voor de vergunning ontvangen en zet die vandaag nog door naar de afdeling "
          "die erover beslist, u krijgt binnen vijf werkdagen een brief.",
    "en": "I have received your application for the permit and I will pass it on today to the team "
          "that decides on it, you will get a letter within five working days.",
    "fr": "J'ai bien reçu votre demande de permis et je la transmets aujourd'hui au service qui en "
          "décide, vous recevrez un courrier dans les cinq jours ouvrés.",
    "es": "He recibido su solicitud del permiso y hoy mismo la paso al equipo que decide sobre ella, "
          "recibirá una carta en un plazo de cinco días laborables.",
}
DISMISSIVE = {"nl": ("Geen idee, dat staat op de website.", ["geen idee", "dat staat op de website"]),
              "en": ("No idea, check the website.", ["no idea", "check the website"]),
              "fr": ("Aucune idée, voyez sur le site.", ["aucune idee", "voyez sur le site"]),
              "es": ("Ni idea, mire en la web.", ["ni idea", "mire en la web"])}
CHEER = {"nl": "super", "en": "awesome", "fr": "génial", "es": "genial"}
LAX = {"pitch_range_min_st": 0.0, "speech_rate_min_syl_s": 0.0, "speech_rate_max_syl_s": 100.0,
       "energy_min_db": -200.0}
STRICT = {**LAX, "pitch_range_min_st": 100.0}  # every voice is "monotonous" against this


def words_only(lang, *agent_texts, scorecard=None):
    turns = []
    for text in agent_texts:
        turns += [("customer", "Goed."), ("agent", text)]
    return decide(convo(turns, lang=lang), CRIT, scorecard)


# the words, four languages -----------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["nl", "en", "fr", "es"])
def test_dismissive_phrases_are_quoted_with_their_terms(lang):
    text, terms = DISMISSIVE[lang]
    r, b = words_only(lang, NEUTRAL[lang], text)
    assert (r.outcome, b) == ("fail", "words")
    assert r.reason == "disengaged: 2 dismissive phrase(s) (words only)"
    assert ev(r) == [(3, text, terms[0]), (3, text, terms[1])]
    nwords = len(NEUTRAL[lang].split()) + len(text.split())
    assert r.measures == {"dismissive": 2.0, "cheerful": 0.0, "exclamation_share": 0.0,
                          "agent_words": r.measures["agent_words"]}
    assert abs(r.measures["agent_words"] - nwords) <= 2  # "j'ai", "aujourd'hui" split by normalising


@pytest.mark.parametrize("lang", ["nl", "en", "fr", "es"])
def test_cheerful_markers_are_counted_over_the_whole_contact(lang):
    c = CHEER[lang]
    # one marker in each of three sentences of two turns: three markers, more than the two allowed
    r, b = words_only(lang, NEUTRAL[lang] + f" {c}, {c}.", f"{c.capitalize()} dan.")
    assert (r.outcome, b) == ("fail", "words")
    assert r.reason == "over-cheerful: 3 cheerful markers (words only)"
    assert r.measures["cheerful"] == 3.0 and r.evidence == ()
    r, b = words_only(lang, NEUTRAL[lang] + f" {c}.", f"{c.capitalize()} dan.")
    assert (r.outcome, r.reason, r.measures["cheerful"], b) == ("pass", "engaged tone (words only)", 2.0, "words")


def test_pass_reports_every_word_measure():
    r, b = words_only("nl", NEUTRAL["nl"], "Is er nog iets?", "Fijn!")
    assert (r.outcome, r.reason, b) == ("pass", "engaged tone (words only)", "words")
    assert r.measures == {"dismissive": 0.0, "cheerful": 0.0, "exclamation_share": 0.333, "agent_words": 32.0}


@pytest.mark.parametrize("texts,outcome", [
    # four sentences, two exclamations (50 %): over the 40 % allowed
    (("Hallo! Fijn!", "Ik zet de aanvraag voor de vergunning vandaag door naar de afdeling.",
      "U krijgt binnen vijf werkdagen een brief van ons."), "fail"),
    # three sentences, two exclamations: too few sentences to judge a share
    (("Hallo! Fijn!", ("Ik zet de aanvraag voor de vergunning vandaag door naar de afdeling en u krijgt "
                       "binnen vijf werkdagen een brief van ons.")), "pass"),
    # five sentences, two exclamations: exactly 40 % is allowed
    (("Hallo! Fijn!", "Ik zet de aanvraag voor de vergunning vandaag door naar de afdeling.",
      "U krijgt binnen vijf werkdagen een brief van ons.", "Nog een fijne dag."), "pass"),
])
def test_exclamation_share_needs_four_sentences_and_more_than_the_share(texts, outcome):
    r, _ = words_only("nl", *texts)
    assert r.outcome == outcome
    if outcome == "fail":
        assert r.reason == "over-cheerful: 50% of sentences are exclamations (words only)"


def test_two_word_flags_are_joined_in_one_reason():
    r, _ = words_only("en", "Awesome! Awesome! Awesome! No idea.", NEUTRAL["en"])
    assert r.reason == ("disengaged: 1 dismissive phrase(s); over-cheerful: 60% of sentences are exclamations; "
                        "over-cheerful: 3 cheerful markers (words only)")


def test_minimum_agent_words_is_inclusive():
    text = " ".join(["woord"] * 19) + " einde"  # 20 words: enough to judge
    r, b = decide(convo([("agent", text)]), CRIT)
    assert (r.outcome, b) == ("pass", "words")
    r, b = decide(convo([("agent", " ".join(["woord"] * 19))]), CRIT)
    assert (r.outcome, r.reason, r.measures, b) == (
        "n/a", "no audio and too few agent words to judge the tone", {"agent_words": 19.0}, "few-words")


# the recording -----------------------------------------------------------------------------------

def _voice(seconds, f0_lo, f0_hi, loud=0.3):
    t = np.arange(int(SR * seconds)) / SR
    f0 = f0_lo + (f0_hi - f0_lo) * (0.5 + 0.5 * np.sin(2 * np.pi * 0.7 * t))
    ph = 2 * np.pi * np.cumsum(f0) / SR
    pulse = (0.5 + 0.5 * np.sin(2 * np.pi * 4.0 * t)).clip(0)
    return sum(np.sin(k * ph) / k for k in range(1, 6)) * pulse * loud


@pytest.fixture(scope="module")
def recordings(tmp_path_factory):
    d = tmp_path_factory.mktemp("tone")
    agent = _voice(2.0, 120, 220)           # the agent: 0-2 s, a gliding pitch
    customer = _voice(2.0, 260, 262, 0.9)   # the customer: 2.5-4.5 s, flat and loud
    gap = np.zeros(SR // 2)
    mono = np.concatenate([agent, gap, customer])
    sf.write(d / "mono.wav", mono, SR)
    # stereo, agent on channel 1 (right), the customer on channel 0
    sf.write(d / "stereo.wav", np.stack([np.concatenate([np.zeros_like(agent), gap, customer]),
                                         np.concatenate([agent, gap, np.zeros_like(customer)])], axis=1), SR)
    (d / "broken.wav").write_bytes(b"RIFF0000WAVEnot audio")
    return d


def _call(audio, lang="nl"):
    return Transcript(contact_id="c-tone", channel="phone", language=lang, audio=str(audio), turns=(
        Turn("agent", 0.0, 2.0, NEUTRAL.get(lang, NEUTRAL["nl"])), Turn("customer", 2.5, 4.5, "Dank u wel, tot ziens.")))


def _agent_measures(path, channel=0):
    from qa.tone_audio import measure_agent_audio

    return measure_agent_audio(path, [(0.0, 2.0)], agent_channel=channel)


def test_tone_is_measured_on_the_agents_turns_only(recordings):
    r, b = decide(_call(recordings / "mono.wav"), CRIT, card(CRIT, norms={"nl": LAX}))
    assert (r.outcome, r.reason, b) == ("pass", "engaged tone (audio and words)", "audio")
    own = _agent_measures(recordings / "mono.wav")
    assert {k: r.measures[k] for k in own} == own
    assert {"dismissive", "cheerful", "exclamation_share", "agent_words"} <= set(r.measures)
    # the whole file (the customer's flat, loud voice included) measures differently
    from qa.tone_audio import measure_agent_audio

    assert measure_agent_audio(recordings / "mono.wav", None)["pitch_median_hz"] != own["pitch_median_hz"]


def test_the_agents_channel_of_a_stereo_recording(recordings):
    sc = card(CRIT, norms={"nl": LAX}, agent_channel=1)
    r, b = decide(_call(recordings / "stereo.wav"), CRIT, sc)
    own = _agent_measures(recordings / "stereo.wav", channel=1)
    assert (r.reason, b) == ("engaged tone (audio and words)", "audio")
    assert {k: r.measures[k] for k in own} == own
    # channel 0 holds only silence during the agent's turn: it would measure otherwise
    assert _agent_measures(recordings / "stereo.wav", channel=0)["energy_db"] < own["energy_db"] - 50


@pytest.mark.parametrize("lang,outcome", [("fr", "pass"), ("nl", "fail"), ("de", "fail")])
def test_the_norms_of_the_contacts_language_else_the_first(recordings, lang, outcome):
    # nl (the first) is strict, fr lax; German has no norms of its own: it gets the first (strict)
    sc = card(CRIT, norms={"nl": STRICT, "fr": LAX})
    r, b = decide(_call(recordings / "mono.wav", lang), CRIT, sc)
    assert (r.outcome, b) == (outcome, "audio")
    if outcome == "fail":
        assert r.reason.startswith("monotonous: pitch range ") and r.reason.endswith(
            " st < 100.0 st (audio and words)")


def test_relative_audio_paths_are_read_under_audio_root(recordings):
    t = _call("mono.wav")
    cs_r = decide(t, CRIT, card(CRIT, norms={"nl": LAX}))
    from qa import score

    cs = score(t, card(CRIT, norms={"nl": LAX}), ScoreOptions(audio_root=str(recordings)))
    assert cs.result(CRIT).reason == "engaged tone (audio and words)" and cs.bases == ("audio",)
    assert cs_r[0].reason == "engaged tone (words only)"  # not found relative to the working directory


def test_audio_can_be_switched_off(recordings):
    from qa import score

    cs = score(_call(recordings / "mono.wav"), card(CRIT, norms={"nl": STRICT}), ScoreOptions(audio=False))
    assert (cs.result(CRIT).reason, cs.bases) == ("engaged tone (words only)", ("words",))


def test_missing_or_unreadable_audio_falls_back_to_the_words_with_a_warning(recordings, caplog):
    caplog.set_level(logging.WARNING, logger="qa.criteria.tone")
    missing = recordings / "gone.wav"
    r, b = decide(_call(missing), CRIT)
    assert (r.reason, b) == ("engaged tone (words only)", "words")
    assert caplog.messages[-1] == f"c-tone: audio {missing} not found; tone from the words only"
    r, b = decide(_call(recordings / "broken.wav"), CRIT)
    assert (r.reason, b) == ("engaged tone (words only)", "words")
    msg = caplog.messages[-1]
    assert msg.startswith(f"c-tone: cannot analyse audio {recordings / 'broken.wav'} (")
    assert msg.endswith("); tone from the words only") and "None" not in msg
