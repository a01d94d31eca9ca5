"""Generated test calls: two espeak-ng voices, known reference turns, stereo and mono mixes.

Used by the tests, `benchmarks/transcription.py`, `scripts/make_test_calls.py` and `make demo`.
Nothing here is committed audio: every file is synthesised on demand into a directory you give.

For a call `<id>` the generator writes
  `<id>.stereo.wav`  agent left, customer right (16 kHz, 16-bit)
  `<id>.mono.wav`    both voices summed
  `<id>.ref.json`    the reference transcript (`meeluister.transcript/1`, true turn times)
  `<id>.ref.rttm`    the reference speaker turns
Turn times are measured on the synthesised audio (leading/trailing silence trimmed), so the
reference is exact. Scripts live in `synth/data/calls.yaml`: an overlap (the customer starts
before the agent finishes) and a hold (silence) in every call.
"""
from __future__ import annotations

import csv
import json
import random
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from meeluister.io import SAMPLE_RATE

LANGUAGES = ("nl", "en", "fr", "es")
_SCRIPTS = Path(__file__).parent / "data" / "calls.yaml"


@dataclass(frozen=True)
class Voice:
    variant: str  # espeak-ng variant appended to the language, e.g. "m3"
    pitch: int  # 0..99
    speed: int  # words per minute


# Clearly different voices: a low male agent, a high female customer.
AGENT_VOICE = Voice("m3", 30, 165)
CUSTOMER_VOICE = Voice("f4", 80, 150)


@dataclass(frozen=True)
class SyntheticCall:
    contact_id: str
    language: str
    stereo: Path
    mono: Path
    reference: Path  # .ref.json
    rttm: Path  # .ref.rttm
    duration_s: float


def _require_espeak() -> str:
    exe = shutil.which("espeak-ng")
    if exe is None:
        raise RuntimeError("espeak-ng is not installed (Debian package espeak-ng)")
    return exe


def speak(text: str, language: str, voice: Voice) -> np.ndarray:
    """espeak-ng speech as float32 mono at 16 kHz, leading/trailing silence trimmed."""
    import soundfile as sf
    from scipy.signal import resample_poly

    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "s.wav"
        subprocess.run(
            [_require_espeak(), "-v", f"{language}+{voice.variant}", "-p", str(voice.pitch),
             "-s", str(voice.speed), "-w", str(wav), text],
            check=True, capture_output=True,
        )
        audio, sr = sf.read(wav, dtype="float32")
    if sr != SAMPLE_RATE:
        g = np.gcd(sr, SAMPLE_RATE)
        audio = resample_poly(audio, SAMPLE_RATE // g, sr // g).astype(np.float32)
    loud = np.flatnonzero(np.abs(audio) > 0.01)
    return audio[loud[0]: loud[-1] + 1] if loud.size else audio


def load_scripts() -> dict[str, dict]:
    import yaml

    return yaml.safe_load(_SCRIPTS.read_text(encoding="utf-8"))


def _write_rttm(path: Path, file_id: str, turns: list[dict]) -> None:
    lines = [
        f"SPEAKER {file_id} 1 {t['start']:.3f} {t['end'] - t['start']:.3f} <NA> <NA> {t['speaker']} <NA> <NA>"
        for t in turns
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def make_call(
    out_dir: str | Path,
    language: str,
    *,
    contact_id: str | None = None,
    hold_s: float | None = None,
    seed: int = 0,
    max_turns: int | None = None,
    script: dict | None = None,
    voices: dict[str, Voice] | None = None,
) -> SyntheticCall:
    """Synthesise one scripted call in `language` (the language's script in calls.yaml, or `script`
    in the same shape, e.g. from `compose_script`); `hold_s` overrides the script's hold length."""
    import soundfile as sf

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    script = script or load_scripts()[language]
    cid = contact_id or f"synth-{language}"
    rng = np.random.default_rng(seed)
    voices = voices or {"agent": AGENT_VOICE, "customer": CUSTOMER_VOICE}
    tracks: dict[str, list[tuple[int, np.ndarray]]] = {"agent": [], "customer": []}
    ref_turns: list[dict] = []
    t = 0.5  # seconds: the line opens with a little silence
    prev_end = t
    for raw in script["turns"][:max_turns]:
        speaker, text = raw[0], raw[1]
        opts = raw[2] if len(raw) > 2 else {}
        clip = speak(text, language, voices[speaker])
        if "overlap_s" in opts:
            start = prev_end - float(opts["overlap_s"])
        elif "hold_s" in opts:
            start = prev_end + float(hold_s if hold_s is not None else opts["hold_s"])
        else:
            start = prev_end + float(rng.uniform(0.4, 0.9))  # natural turn gap
        s0 = int(round(start * SAMPLE_RATE))
        tracks[speaker].append((s0, clip))
        end = (s0 + clip.size) / SAMPLE_RATE
        ref_turns.append({"speaker": speaker, "start": round(s0 / SAMPLE_RATE, 3),
                          "end": round(end, 3), "text": text})
        prev_end = max(prev_end, end)
    n = int((prev_end + 0.7) * SAMPLE_RATE)
    stereo = np.zeros((n, 2), dtype=np.float32)
    for ch, speaker in enumerate(("agent", "customer")):
        for s0, clip in tracks[speaker]:
            stereo[s0: s0 + clip.size, ch] += clip
    # A faint line-noise floor, different on each channel (a digital zero never occurs on a line).
    stereo += rng.normal(0, 10 ** (-62 / 20), stereo.shape).astype(np.float32)
    stereo *= 0.8 / max(1e-6, float(np.abs(stereo).max()))
    mono = stereo.sum(axis=1)
    mono *= 0.8 / max(1e-6, float(np.abs(mono).max()))
    paths = {k: out / f"{cid}.{k}.wav" for k in ("stereo", "mono")}
    sf.write(paths["stereo"], stereo, SAMPLE_RATE, subtype="PCM_16")
    sf.write(paths["mono"], mono, SAMPLE_RATE, subtype="PCM_16")
    ref = {
        "schema": "meeluister.transcript/1", "contact_id": cid, "channel": "phone",
        "language": language, "organisation": script["organisation"],
        "agent_name": script["agent_name"], "duration_s": round(n / SAMPLE_RATE, 3),
        "turns": ref_turns,
    }
    ref_path = out / f"{cid}.ref.json"
    ref_path.write_text(json.dumps(ref, ensure_ascii=False, indent=1), encoding="utf-8")
    rttm = out / f"{cid}.ref.rttm"
    _write_rttm(rttm, cid, ref_turns)
    return SyntheticCall(cid, language, paths["stereo"], paths["mono"], ref_path, rttm,
                         n / SAMPLE_RATE)


_PARTS = Path(__file__).parent / "data" / "call_parts.yaml"


def load_call_parts() -> dict[str, dict]:
    import yaml

    return yaml.safe_load(_PARTS.read_text(encoding="utf-8"))


def compose_script(language: str, behaviour: Any, rng: random.Random, *, agent: str, organisation: str,
                   customer: str, parts: dict[str, dict] | None = None, hold_s: float = 22.0) -> dict:
    """A call script (the shape of calls.yaml) drawn from `call_parts.yaml` the way an agent with
    `behaviour` (`synth.contacts.Behaviour`) works: each behaviour is a chance per call."""
    P = (parts or load_call_parts())[language]
    topic = rng.choice(P["topics"])
    fmt = {"agent": agent, "org": organisation, "cust": customer, "thing": topic["thing"]}
    b = behaviour
    turns: list[list[Any]] = []

    def say(speaker: str, options: list[str], **extra: float) -> None:
        turns.append([speaker, rng.choice(options).format(**fmt)] + ([extra] if extra else []))

    say("agent", P["greet_name"] if rng.random() < b.greets_with_name else P["greet_anon"])
    hello = rng.choice(P["hello"]).format(**fmt)
    if rng.random() < b.fills_in:  # the agent cuts in and fills in the question before it is asked
        turns.append(["customer", f"{hello} {rng.choice(P['trail'])}"])
        say("agent", P["assume"], overlap_s=round(rng.uniform(0.8, 1.4), 1))
        turns.append(["customer", f"{rng.choice(P['confirm'])} {rng.choice(topic['request'])}"])
    else:
        turns.append(["customer", f"{hello} {rng.choice(topic['request'])}"])
    if rng.random() < b.upset_customers:
        say("customer", P["upset"])
        if rng.random() < b.acknowledges_upset:
            say("agent", P["ack"])
        else:
            say("agent", P["brush_off"], overlap_s=round(rng.uniform(0.7, 1.2), 1))
    if rng.random() < b.clarifies:
        k = rng.randrange(len(P["clarify"]))  # a question and its answer, paired by position
        turns += [["agent", P["clarify"][k]], ["customer", P["clarify_answer"][k]]]
    if rng.random() < b.holds:
        good = rng.random() < b.announces_hold
        say("agent", P["hold_ok"] if good else P["hold_bad"])
        say("agent", P["return_ok"] if good else P["return_bad"], hold_s=round(hold_s + rng.uniform(0, 3), 1))
    turns.append(["agent", topic["answer"].format(**fmt)])
    say("agent", P["dim"] if rng.random() < b.diminutives else P["plain"])
    say("agent", P["next_ok"] if rng.random() < b.clear_next_step else P["next_bad"])
    say("customer", P["bye"], overlap_s=0.6)
    return {"organisation": organisation, "agent_name": agent, "turns": turns}


def make_agent_voice_clip(out_dir: str | Path, agent_id: str, language: str = "en") -> Path:
    """An enrolment clip of the agent voice saying something that is not in any call."""
    import soundfile as sf

    text = {
        "nl": "Dit is een opname om mijn stem te herkennen. Ik werk bij de klantenservice.",
        "en": "This is a recording to recognise my voice. I work at the customer service desk.",
        "fr": "Ceci est un enregistrement pour reconnaître ma voix. Je travaille au service client.",
        "es": "Esta es una grabación para reconocer mi voz. Trabajo en atención al cliente.",
    }[language]
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{agent_id}.wav"
    sf.write(path, speak(text, language, AGENT_VOICE), SAMPLE_RATE, subtype="PCM_16")
    return path


def make_format_variants(src: str | Path, out_dir: str | Path) -> dict[str, Path]:
    """The same call as telephony and compressed formats (ffmpeg): mu-law/A-law 8 kHz, MP3, ..."""
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        raise RuntimeError("ffmpeg is not installed (Debian package ffmpeg)")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    stem = Path(src).name.split(".")[0]
    specs = {
        "ulaw8k.wav": ["-ar", "8000", "-c:a", "pcm_mulaw"],
        "alaw8k.wav": ["-ar", "8000", "-c:a", "pcm_alaw"],
        "mp3": ["-c:a", "libmp3lame", "-b:a", "64k"],
        "opus.ogg": ["-c:a", "libopus", "-b:a", "32k"],
        "flac": ["-c:a", "flac"],
        "m4a": ["-c:a", "aac", "-b:a", "64k"],
        "44k1.wav": ["-ar", "44100", "-c:a", "pcm_s24le"],
    }
    paths: dict[str, Path] = {}
    for suffix, args in specs.items():
        dst = out / f"{stem}.{suffix}"
        subprocess.run([ffmpeg, "-y", "-loglevel", "error", "-i", str(src), *args, str(dst)],
                       check=True, capture_output=True)
        paths[suffix] = dst
    return paths


def make_bad_files(out_dir: str | Path) -> dict[str, Path]:
    """Files a batch must quarantine: empty, corrupt, silent, unsupported, truncated header."""
    import soundfile as sf

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(7)
    paths = {
        "empty": out / "bad-empty.wav",
        "corrupt": out / "bad-corrupt.mp3",
        "silent": out / "bad-silent.wav",
        "unsupported": out / "bad-notes.wav",
    }
    paths["empty"].write_bytes(b"")
    paths["corrupt"].write_bytes(rng.integers(0, 256, 40_000, dtype=np.uint8).tobytes())
    sf.write(paths["silent"], np.zeros(SAMPLE_RATE * 4, dtype=np.float32), SAMPLE_RATE)
    paths["unsupported"].write_text("minutes of the team meeting, not a recording\n" * 50)
    return paths


def make_sample_calls(out_dir: str | Path, *, hold_s: float = 20.0) -> list[Path]:
    """A few short calls (stereo, one per language, plus a mono one) and `metadata.csv`, for demos.

    Returns the recording paths; `out_dir/metadata.csv` matches them to agents and times.
    """
    out = Path(out_dir)
    rows = []
    recordings: list[Path] = []
    agents = {"nl": ("a-01", "Sanne de Vries"), "en": ("a-02", "Emma Clarke"),
              "fr": ("a-03", "Claire Dubois"), "es": ("a-04", "Lucía Romero")}
    scripts = load_scripts()
    for i, lang in enumerate(LANGUAGES):
        call = make_call(out / "work", lang, contact_id=f"c-{1001 + i}", hold_s=hold_s, seed=i)
        dst = out / f"c-{1001 + i}.wav"
        shutil.copyfile(call.stereo, dst)
        recordings.append(dst)
        rows.append((f"c-{1001 + i}", dst.name, *agents[lang], lang, scripts[lang]["organisation"], i))
    mono = make_call(out / "work", "nl", contact_id="c-1005", hold_s=hold_s, seed=9)
    dst = out / "c-1005.wav"
    shutil.copyfile(mono.mono, dst)
    recordings.append(dst)
    rows.append(("c-1005", dst.name, *agents["nl"], "nl", scripts["nl"]["organisation"], 4))
    with (out / "metadata.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["contact_id", "file", "agent_id", "agent_name", "team", "channel", "language",
                    "started_at", "organisation", "queue"])
        for cid, name, agent_id, agent_name, lang, org, k in rows:
            w.writerow([cid, name, agent_id, agent_name, "team-1", "phone", lang,
                        f"2026-11-16T09:{10 + 7 * k:02d}:00+01:00", org, "algemeen"])
    return recordings
