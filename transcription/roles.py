"""Which diarized speaker is the agent.

* Stereo: the channel mapping (`agent_channel`).
* Mono with enrolment clips (`agent_voices` directory, one clip per agent named `<agent_id>.*`):
  the speaker whose voice is closest to the call's agent (or to any enrolled agent).
* Mono otherwise, opening evidence in each speaker's first words: agent opening phrases
  (`data/opening_phrases.yaml`), the organisation's name, the agent's name from the metadata, and
  a small prior for speaking first (inbound calls are answered by the agent).
The decision and its evidence are recorded in the transcript (`recognition.roles`).
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from transcription.diarization.base import Diarization

logger = logging.getLogger(__name__)

OPENING_WINDOW_WORDS = 40  # look at each speaker's first words only
W_PHRASE, W_ORGANISATION, W_AGENT_NAME, W_FIRST = 1.0, 2.0, 2.0, 0.5
PHRASE_MATCH = 88  # rapidfuzz partial_ratio threshold


@dataclass(frozen=True)
class RoleDecision:
    mapping: dict[str, str]  # diarizer label -> agent | customer | other
    method: str  # channels | enrolment | opening | single
    evidence: dict[str, Any] = field(default_factory=dict)


@lru_cache(maxsize=1)
def opening_phrases() -> dict[str, list[str]]:
    import yaml

    path = Path(__file__).parent / "data" / "opening_phrases.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {lang: [_norm(p) for p in phrases] for lang, phrases in data.items()}


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s']", " ", text.lower())).strip()


def _fuzzy_in(needle: str, hay: str, threshold: int = PHRASE_MATCH) -> bool:
    from rapidfuzz import fuzz

    return bool(needle) and len(hay) >= len(needle) * 0.6 and fuzz.partial_ratio(needle, hay) >= threshold


def _rest(order: list[str], agent: str) -> dict[str, str]:
    mapping = {agent: "agent"}
    others = [s for s in order if s != agent]
    if others:
        mapping[others[0]] = "customer"
    for s in others[1:]:
        mapping[s] = "other"
    return mapping


def roles_from_channels(diar: Diarization, agent_channel: str) -> RoleDecision:
    agent = "ch0" if agent_channel == "left" else "ch1"
    customer = "ch1" if agent == "ch0" else "ch0"
    return RoleDecision({agent: "agent", customer: "customer"}, "channels",
                        {"agent_channel": agent_channel})


def roles_from_opening(
    diar: Diarization,
    words_by_speaker: dict[str, list[str]],
    language: str,
    organisation: str | None,
    agent_name: str | None,
) -> RoleDecision:
    """Score each speaker's opening words; the best-scoring speaker is the agent."""
    speech = diar.speech_time()
    first = diar.first_start()
    speakers = sorted(speech, key=lambda s: first.get(s, np.inf))
    if len(speakers) <= 1:
        return RoleDecision({s: "agent" for s in speakers}, "single",
                            {"reason": "one voice found; taken as the agent"})
    phrases = opening_phrases().get(language, [])
    org = _norm(organisation or "")
    name_parts = [p for p in _norm(agent_name or "").split() if len(p) >= 3]
    scores: dict[str, float] = {}
    evidence: dict[str, list[str]] = {}
    for i, spk in enumerate(speakers):
        text = _norm(" ".join(words_by_speaker.get(spk, [])[:OPENING_WINDOW_WORDS]))
        found = [p for p in phrases if _fuzzy_in(p, text)]
        score = W_PHRASE * min(len(found), 3)
        ev = [f"phrase: {p}" for p in found]
        if org and _fuzzy_in(org, text, 85):
            score += W_ORGANISATION
            ev.append(f"organisation: {organisation}")
        if name_parts and _fuzzy_in(name_parts[0], text, 90):
            score += W_AGENT_NAME
            ev.append(f"agent name: {agent_name}")
        if i == 0:
            score += W_FIRST
            ev.append("spoke first")
        scores[spk] = score
        evidence[spk] = ev
    agent = max(speakers, key=lambda s: (scores[s], -first.get(s, 0.0)))
    return RoleDecision(_rest(speakers, agent), "opening",
                        {"scores": scores, "evidence": evidence})


def roles_from_enrolment(
    diar: Diarization, enrolled: dict[str, np.ndarray], agent_id: str | None
) -> RoleDecision | None:
    """The speaker closest to the agent's enrolment clip; None when it cannot decide."""
    if not diar.centroids or not enrolled:
        return None
    refs = {agent_id: enrolled[agent_id]} if agent_id in enrolled else enrolled
    sims = {spk: max(float(c @ v) for v in refs.values()) for spk, c in diar.centroids.items()}
    ranked = sorted(sims, key=sims.__getitem__, reverse=True)
    first = diar.first_start()
    order = sorted(diar.centroids, key=lambda s: first.get(s, np.inf))
    return RoleDecision(_rest(order, ranked[0]), "enrolment",
                        {"similarity": {k: round(v, 3) for k, v in sims.items()},
                         "enrolled": sorted(refs)})


@lru_cache(maxsize=4)
def load_enrolment(directory: str, threads: int = 2) -> dict[str, np.ndarray]:
    """Voice embeddings of the clips in `directory` (file stem = agent_id)."""
    from transcription.audio import read_audio
    from transcription.diarization.embedding import embed_voice

    out: dict[str, np.ndarray] = {}
    for path in sorted(Path(directory).iterdir()):
        if path.is_file() and not path.name.startswith("."):
            audio = read_audio(path, channels=1)[0]
            out[path.stem] = embed_voice(audio, threads)
    if not out:
        logger.warning("%s: no enrolment clips found", directory)
    return out
