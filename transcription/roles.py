"""Which diarized speaker is the agent, how sure that is, and when not to guess.

* Stereo: the channel mapping (`agent_channel`); certain by construction.
* Mono (and pyannote): every piece of evidence, as log-odds that a speaker is the agent
  (`data/role_phrases.yaml`, weights editable there):
  - the opening: agent opening phrases (`data/opening_phrases.yaml`) and the agent's name from the
    roster in the speaker's first 40 words; the organisation's name anywhere;
  - what each party says over the whole call: the service side offers help, asks for details,
    puts on hold and promises actions; the caller states a need, gives their own details and
    thanks for the help (phrase lists per language);
  - question and answer: answering the other party's question with digits or number words
    (a postcode, a date of birth) is the customer's part;
  - enrolled agent voices (`agent_voices`): cosine similarity to the call's agent (or any agent);
  - a weak prior for speaking first (an inbound call is answered by the agent).
  With two speakers A, B the difference d = score(A) - score(B) gives P(A is the agent) =
  1 / (1 + e^-d); `confidence` is the larger of P and 1 - P. Below `role_min_confidence` the
  decision is *uncertain*: no guess is made, every speaker becomes `other`, and the transcript
  says `role_uncertain: true` with the confidence and the guess it did not make. One speaker
  (a voicemail, an announcement) is the agent or the customer when its own score says so
  clearly, else `other`, uncertain.
The decision and all its evidence are recorded in the transcript (`recognition.roles`).
"""
from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from transcription.diarization.base import Diarization

logger = logging.getLogger(__name__)

OPENING_WINDOW_WORDS = 40  # the opening: each speaker's first words
PHRASE_MATCH = 88  # rapidfuzz partial_ratio threshold
MAX_PHRASES = 4  # per list and speaker, so one talkative speaker cannot run away with it
_DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class RoleDecision:
    mapping: dict[str, str]  # diarizer label -> agent | customer | other
    method: str  # channels | evidence | single
    evidence: dict[str, Any] = field(default_factory=dict)
    confidence: float = 1.0  # probability that the mapping is right
    uncertain: bool = False  # True: no guess made (speakers are `other`)


@lru_cache(maxsize=1)
def opening_phrases() -> dict[str, list[str]]:
    import yaml

    data = yaml.safe_load((_DATA / "opening_phrases.yaml").read_text(encoding="utf-8"))
    return {lang: [_norm(p) for p in phrases] for lang, phrases in data.items()}


@lru_cache(maxsize=1)
def role_phrases() -> dict[str, Any]:
    import yaml

    path = _DATA / "role_phrases.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    weights = data.pop("weights")
    for key in ("opening_phrase", "organisation", "agent_name", "agent_phrase", "customer_phrase",
                "gives_details", "spoke_first", "enrolment"):
        if not isinstance(weights.get(key), (int, float)):
            raise ValueError(f"{path}: weights.{key} must be a number")
    langs = {lang: {"agent": [_norm(p) for p in v.get("agent", [])],
                    "customer": [_norm(p) for p in v.get("customer", [])],
                    "numbers": {_norm(str(n)) for n in v.get("numbers", [])}}
             for lang, v in data.items()}
    return {"weights": weights, "languages": langs}


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s']", " ", text.lower())).strip()


def _fuzzy_in(needle: str, hay: str, threshold: int = PHRASE_MATCH) -> bool:
    from rapidfuzz import fuzz

    return bool(needle) and len(hay) >= len(needle) * 0.6 and fuzz.partial_ratio(needle, hay) >= threshold


def roles_from_channels(diar: Diarization, agent_channel: str) -> RoleDecision:
    agent = "ch0" if agent_channel == "left" else "ch1"
    customer = "ch1" if agent == "ch0" else "ch0"
    return RoleDecision({agent: "agent", customer: "customer"}, "channels",
                        {"agent_channel": agent_channel})


def _gives_details(utterances: list[tuple[str, str]], numbers: set[str]) -> dict[str, int]:
    """Per speaker: answers to the other party's question that hold digits or number words."""
    out: dict[str, int] = {}
    for (prev_spk, prev), (spk, text) in zip(utterances, utterances[1:]):
        if spk == prev_spk or not prev.rstrip().endswith("?"):
            continue
        toks = _norm(text).split()
        if sum(t.isdigit() or t in numbers or bool(re.fullmatch(r"\d+\w*", t)) for t in toks) >= 2:
            out[spk] = out.get(spk, 0) + 1
    return out


def _speaker_score(spk: str, text: str, opening: str, language: str, organisation: str | None,
                   agent_name: str | None, first: bool) -> tuple[float, list[str]]:
    """Log-odds that `spk` is the agent from what they said, and the evidence found."""
    cfg = role_phrases()
    w = cfg["weights"]
    lang = cfg["languages"].get(language, {"agent": [], "customer": [], "numbers": set()})
    score, ev = 0.0, []
    found = [p for p in opening_phrases().get(language, []) if _fuzzy_in(p, opening)]
    if found:
        score += w["opening_phrase"] * min(len(found), 3)
        ev += [f"opening: {p}" for p in found[:3]]
    org = _norm(organisation or "")
    if org and _fuzzy_in(org, text, 85):
        score += w["organisation"]
        ev.append(f"organisation: {organisation}")
    name_parts = [p for p in _norm(agent_name or "").split() if len(p) >= 3]
    if name_parts and _fuzzy_in(name_parts[0], opening, 90):
        score += w["agent_name"]
        ev.append(f"agent name: {agent_name}")
    for side, sign in (("agent", 1.0), ("customer", -1.0)):
        hits = [p for p in lang[side] if _fuzzy_in(p, text)][:MAX_PHRASES]
        score += sign * w[f"{side}_phrase"] * len(hits)
        ev += [f"{side} phrase: {p}" for p in hits]
    if first:
        score += w["spoke_first"]
        ev.append("spoke first")
    return score, ev


def roles_from_evidence(
    diar: Diarization,
    utterances: list[tuple[str, str]],
    language: str,
    organisation: str | None,
    agent_name: str | None,
    *,
    enrolled: dict[str, np.ndarray] | None = None,
    agent_id: str | None = None,
    min_confidence: float = 0.8,
) -> RoleDecision:
    """Roles on a mono recording from everything said (see the module docstring).

    `utterances`: (diarizer label, text) per stretch of one speaker, in time order.
    """
    first_start = diar.first_start()
    speakers = sorted({s for s, _ in utterances} | set(diar.speech_time()),
                      key=lambda s: first_start.get(s, np.inf))
    if not speakers:
        return RoleDecision({}, "evidence", {"reason": "no speech"}, 0.0, True)
    cfg = role_phrases()
    numbers = cfg["languages"].get(language, {}).get("numbers", set())
    text = {s: " ".join(t for spk, t in utterances if spk == s) for s in speakers}
    scores: dict[str, float] = {}
    evidence: dict[str, list[str]] = {}
    details = _gives_details(utterances, numbers)
    for i, spk in enumerate(speakers):
        opening = _norm(" ".join(text[spk].split()[:OPENING_WINDOW_WORDS]))
        sc, ev = _speaker_score(spk, _norm(text[spk]), opening, language, organisation, agent_name,
                                first=(i == 0 and len(speakers) > 1))
        if details.get(spk):
            sc -= cfg["weights"]["gives_details"] * min(details[spk], 3)
            ev.append(f"gives details when asked: {details[spk]}x")
        scores[spk], evidence[spk] = sc, ev
    sims = _enrolment_similarity(diar, enrolled or {}, agent_id)
    if sims and len(speakers) >= 2:
        for spk in speakers:
            if spk in sims:
                # relative to the mean over speakers, so only the difference between them counts
                rel = sims[spk] - float(np.mean([sims[s] for s in speakers if s in sims]))
                scores[spk] += cfg["weights"]["enrolment"] * rel
                evidence[spk].append(f"enrolled voice similarity: {sims[spk]:.3f}")
    info: dict[str, Any] = {"scores": {k: round(v, 3) for k, v in scores.items()}, "evidence": evidence}
    if sims:
        info["enrolment_similarity"] = {k: round(v, 3) for k, v in sims.items()}
    if len(speakers) == 1:
        spk = speakers[0]
        p_agent = 1 / (1 + math.exp(-scores[spk]))
        role = "agent" if p_agent >= 0.5 else "customer"
        conf = max(p_agent, 1 - p_agent)
        uncertain = conf < min_confidence
        info["guess"] = {spk: role}
        return RoleDecision({spk: "other" if uncertain else role}, "single", info,
                            round(conf, 3), uncertain)
    ranked = sorted(speakers, key=lambda s: (-scores[s], first_start.get(s, np.inf)))
    agent, runner_up = ranked[0], ranked[1]
    d = scores[agent] - scores[runner_up]
    conf = 1 / (1 + math.exp(-d))
    mapping = {agent: "agent", runner_up: "customer", **{s: "other" for s in ranked[2:]}}
    uncertain = conf < min_confidence
    info["guess"] = mapping
    if uncertain:
        mapping = {s: "other" for s in speakers}
    return RoleDecision(mapping, "evidence", info, round(conf, 3), uncertain)


def _enrolment_similarity(diar: Diarization, enrolled: dict[str, np.ndarray],
                          agent_id: str | None) -> dict[str, float]:
    """Per speaker: cosine similarity of its voice to the call's agent (or the closest agent)."""
    if not diar.centroids or not enrolled:
        return {}
    refs = {agent_id: enrolled[agent_id]} if agent_id in enrolled else enrolled
    return {spk: max(float(c @ v) for v in refs.values()) for spk, c in diar.centroids.items()}


@lru_cache(maxsize=4)
def load_enrolment(directory: str) -> dict[str, np.ndarray]:
    """Voice embeddings of the clips in `directory` (file stem = agent_id)."""
    from transcription.audio import read_audio
    from transcription.diarization.embedding import embed_voice

    out: dict[str, np.ndarray] = {}
    for path in sorted(Path(directory).iterdir()):
        if path.is_file() and not path.name.startswith("."):
            audio = read_audio(path, channels=1)[0]
            out[path.stem] = embed_voice(audio)
    if not out:
        logger.warning("%s: no enrolment clips found", directory)
    return out
