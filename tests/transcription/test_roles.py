"""Role assignment on mono recordings from all the evidence, with confidence (fast, no ASR)."""
from __future__ import annotations

import numpy as np
import pytest

from transcription.diarization.base import Diarization, SpeakerSegment
from transcription.roles import roles_from_channels, roles_from_evidence


def _diar(centroids: bool = True) -> Diarization:
    segs = (SpeakerSegment(0.0, 3.0, "S0"), SpeakerSegment(3.5, 6.0, "S1"), SpeakerSegment(6.5, 9.0, "S0"))
    return Diarization("resemblyzer", segs,
                       centroids={"S0": np.array([1.0, 0.0]), "S1": np.array([0.0, 1.0])} if centroids else {})


def test_customer_first_the_greeting_and_organisation_decide() -> None:
    utt = [("S0", "Hallo? Ja, met Peter de Wit. Ik bel over mijn paspoort."),
           ("S1", "Goedemiddag, gemeente Utrecht, u spreekt met Sanne. Wat is uw geboortedatum?"),
           ("S0", "Twaalf maart negentien vijfentachtig.")]
    d = roles_from_evidence(_diar(), utt, "nl", "Gemeente Utrecht", "Sanne de Vries")
    assert d.mapping == {"S1": "agent", "S0": "customer"}
    assert not d.uncertain and d.confidence > 0.99
    ev = d.evidence["evidence"]
    assert any(e.startswith("organisation") for e in ev["S1"])
    assert any(e.startswith("agent name") for e in ev["S1"])
    assert any(e.startswith("customer phrase: ik bel over") for e in ev["S0"])
    assert any(e.startswith("gives details when asked") for e in ev["S0"])


def test_a_transferred_call_without_greeting_is_decided_by_who_asks_and_who_answers() -> None:
    utt = [("S0", "So I never received that tax bill and now I have a reminder."),
           ("S1", "I understand. What is your house number and postcode?"),
           ("S0", "Number twelve, L S one, four A B."),
           ("S1", "I can see that the bill went to your old address. You will receive a new bill.")]
    d = roles_from_evidence(_diar(), utt, "en", None, None)
    assert d.mapping == {"S1": "agent", "S0": "customer"}
    assert d.confidence >= 0.8 and not d.uncertain


def test_no_evidence_is_uncertain_and_makes_no_guess() -> None:
    utt = [("S0", "ja"), ("S1", "nee"), ("S0", "goed")]
    d = roles_from_evidence(_diar(), utt, "nl", None, None)
    assert d.uncertain
    assert d.mapping == {"S0": "other", "S1": "other"}
    assert d.confidence == pytest.approx(1 / (1 + np.exp(-0.5)), abs=1e-3)  # the first-speaker prior only
    assert d.evidence["guess"] == {"S0": "agent", "S1": "customer"}
    # a lower bar accepts the same weak evidence as a decision
    assert roles_from_evidence(_diar(), utt, "nl", None, None, min_confidence=0.6).mapping["S0"] == "agent"


def test_enrolled_voice_outweighs_speaking_first_and_prefers_the_calls_agent() -> None:
    utt = [("S0", "ja"), ("S1", "nee")]
    enrolled = {"a-01": np.array([0.1, 0.99]), "a-02": np.array([0.99, 0.1])}
    d1 = roles_from_evidence(_diar(), utt, "nl", None, None, enrolled=enrolled, agent_id="a-01")
    assert d1.mapping == {"S1": "agent", "S0": "customer"} and not d1.uncertain
    d2 = roles_from_evidence(_diar(), utt, "nl", None, None, enrolled=enrolled, agent_id="a-02")
    assert d2.mapping == {"S0": "agent", "S1": "customer"}
    # without centroids there is no voice evidence: uncertain again
    assert roles_from_evidence(_diar(False), utt, "nl", None, None, enrolled=enrolled).uncertain


def test_spanish_opening() -> None:
    utt = [("S0", "hola buenas"), ("S1", "buenos días le atiende lucía en qué puedo ayudarle")]
    assert roles_from_evidence(_diar(), utt, "es", None, None).mapping["S1"] == "agent"


def test_one_voice_is_named_only_when_its_own_words_say_so() -> None:
    one = Diarization("resemblyzer", (SpeakerSegment(0.0, 9.0, "S0"),))
    voicemail = [("S0", "Hallo, mijn naam is Peter de Wit. Ik bel over mijn aanvraag. Ik heb nog niets "
                        "gehoord en ik wil graag dat u mij terugbelt.")]
    d = roles_from_evidence(one, voicemail, "nl", None, None)
    assert d.method == "single" and d.mapping == {"S0": "customer"} and not d.uncertain
    d = roles_from_evidence(one, [("S0", "hm")], "nl", None, None)
    assert d.uncertain and d.mapping == {"S0": "other"}


def test_channels_mapping() -> None:
    assert roles_from_channels(_diar(), "right").mapping == {"ch1": "agent", "ch0": "customer"}
