"""Mono calls that do not open the usual way, for the role and speaker-count tests and benchmark.

Scripts in `synth/data/role_calls.yaml`: the customer speaks first, a callback (the agent calls,
the customer answers), a call recorded after a transfer (no greeting at all), a voicemail and a
recorded announcement (one voice each). `swap_voices=True` builds the same call with the voices
the other way round (the agent gets the higher voice), so no test can rely on which voice is
whose. Writes `<id>.mono.wav` (16 kHz), `<id>.ref.json` and `<id>.ref.rttm` as the call
generator does (exact turn times from the synthesised audio).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from meeluister.io import SAMPLE_RATE
from synth.calls import AGENT_VOICE, CUSTOMER_VOICE, Voice, speak

SCENARIOS = ("customer_first", "callback", "transfer", "voicemail", "announcement")
ANNOUNCER_VOICE = Voice("m1", 50, 160)
_SCRIPTS = Path(__file__).parent / "data" / "role_calls.yaml"


@dataclass(frozen=True)
class RoleCall:
    contact_id: str
    language: str
    scenario: str
    mono: Path
    reference: Path
    rttm: Path
    speakers: int  # distinct voices in the recording
    organisation: str
    agent_name: str


@lru_cache(maxsize=1)
def role_scripts() -> dict:
    import yaml

    return yaml.safe_load(_SCRIPTS.read_text(encoding="utf-8"))


def make_role_call(out_dir: str | Path, language: str, scenario: str, *, swap_voices: bool = False,
                   seed: int = 0, contact_id: str | None = None) -> RoleCall:
    import soundfile as sf

    script = role_scripts()[language][scenario]
    cid = contact_id or f"role-{language}-{scenario}{'-swapped' if swap_voices else ''}"
    voices = {"agent": CUSTOMER_VOICE if swap_voices else AGENT_VOICE,
              "customer": AGENT_VOICE if swap_voices else CUSTOMER_VOICE, "other": ANNOUNCER_VOICE}
    rng = np.random.default_rng(seed)
    pieces: list[tuple[int, np.ndarray]] = []
    turns: list[dict] = []
    t = prev_end = 0.4
    for raw in script["turns"]:
        speaker, text = raw[0], raw[1]
        opts = raw[2] if len(raw) > 2 else {}
        clip = speak(text, language, voices[speaker])
        start = prev_end - float(opts["overlap_s"]) if "overlap_s" in opts else \
            prev_end + float(opts.get("gap_s", rng.uniform(0.4, 0.9)))
        s0 = int(round(start * SAMPLE_RATE))
        pieces.append((s0, clip))
        end = (s0 + clip.size) / SAMPLE_RATE
        turns.append({"speaker": speaker, "start": round(s0 / SAMPLE_RATE, 3), "end": round(end, 3),
                      "text": text})
        prev_end = max(prev_end, end)
        t = end
    n = int((max(t, prev_end) + 0.6) * SAMPLE_RATE)
    mono = np.zeros(n, dtype=np.float32)
    for s0, clip in pieces:
        mono[s0: s0 + clip.size] += clip
    mono += rng.normal(0, 10 ** (-62 / 20), n).astype(np.float32)
    mono *= 0.8 / max(1e-6, float(np.abs(mono).max()))
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    wav = out / f"{cid}.mono.wav"
    sf.write(wav, mono, SAMPLE_RATE, subtype="PCM_16")
    ref = {"schema": "meeluister.transcript/1", "contact_id": cid, "channel": "phone",
           "language": language, "organisation": script["organisation"],
           "agent_name": script["agent_name"], "duration_s": round(n / SAMPLE_RATE, 3), "turns": turns}
    ref_path = out / f"{cid}.ref.json"
    ref_path.write_text(json.dumps(ref, ensure_ascii=False, indent=1), encoding="utf-8")
    rttm = out / f"{cid}.ref.rttm"
    rttm.write_text("".join(
        f"SPEAKER {cid} 1 {x['start']:.3f} {x['end'] - x['start']:.3f} <NA> <NA> {x['speaker']} <NA> <NA>\n"
        for x in turns), encoding="utf-8")
    return RoleCall(cid, language, scenario, wav, ref_path, rttm, len({x["speaker"] for x in turns}),
                    script["organisation"], script["agent_name"])
