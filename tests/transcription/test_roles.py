"""Role assignment on mono recordings: opening evidence and voice enrolment (fast, no ASR)."""
from __future__ import annotations

import numpy as np

from transcription.diarization.base import Diarization, SpeakerSegment
from transcription.roles import roles_from_channels, roles_from_enrolment, roles_from_opening


def _diar() -> Diarization:
    segs = (SpeakerSegment(0.0, 3.0, "S0"), SpeakerSegment(3.5, 6.0, "S1"), SpeakerSegment(6.5, 9.0, "S0"))
    return Diarization("resemblyzer", segs, centroids={"S0": np.array([1.0, 0.0]), "S1": np.array([0.0, 1.0])})


def test_opening_greeting_and_organisation_beat_speaking_first() -> None:
    # The customer speaks first ("hallo?"), the agent then answers with the house greeting.
    words = {"S0": "hallo is daar iemand".split(),
             "S1": "goedemiddag gemeente utrecht u spreekt met sanne waarmee kan ik u helpen".split()}
    d = roles_from_opening(_diar(), words, "nl", "Gemeente Utrecht", "Sanne de Vries")
    assert d.mapping == {"S1": "agent", "S0": "customer"}
    assert d.method == "opening"
    assert any("organisation" in e for e in d.evidence["evidence"]["S1"])


def test_opening_without_evidence_falls_back_to_first_speaker() -> None:
    words = {"S0": "ja".split(), "S1": "nee".split()}
    assert roles_from_opening(_diar(), words, "nl", None, None).mapping["S0"] == "agent"


def test_opening_in_spanish() -> None:
    words = {"S0": "hola buenas".split(), "S1": "buenos días le atiende lucía en qué puedo ayudarle".split()}
    assert roles_from_opening(_diar(), words, "es", None, None).mapping["S1"] == "agent"


def test_enrolment_picks_closest_voice_and_prefers_the_calls_agent() -> None:
    enrolled = {"a-01": np.array([0.1, 0.99]), "a-02": np.array([0.99, 0.1])}
    assert roles_from_enrolment(_diar(), enrolled, "a-01").mapping == {"S1": "agent", "S0": "customer"}
    assert roles_from_enrolment(_diar(), enrolled, "a-02").mapping == {"S0": "agent", "S1": "customer"}
    assert roles_from_enrolment(Diarization("x", ()), enrolled, None) is None


def test_channels_mapping() -> None:
    assert roles_from_channels(_diar(), "right").mapping == {"ch1": "agent", "ch0": "customer"}
