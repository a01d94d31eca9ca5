"""Mono calls that do not open the usual way: roles, confidence, speakers estimated.

`python benchmarks/mono_roles.py [--languages en nl]` builds the `synth.role_calls` scenarios
(customer first, callback, transfer, voicemail, announcement) both ways round (voices swapped)
and runs the default mono pipeline (faster-whisper base int8, 2 threads, offline diarizer) on
each, with the language and organisation as the call metadata would give them. Per call: the
number of speakers estimated (and the truth), the role decision's confidence, whether it was
flagged uncertain, and the share of the reference words' time that lies under a hypothesis turn
of the right role ("right %", words attributed correctly; an uncertain call scores 0 here, as
its turns are `other`), plus the share under a wrong role ("wrong %": the harm a guess does).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def role_time_shares(ref_turns: list[dict], hyp_turns) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """(right, wrong): shares of reference speech time covered by a hyp turn of the same / another
    of agent|customer."""
    total = right = wrong = 0.0
    for r in ref_turns:
        dur = r["end"] - r["start"]
        total += dur
        for h in hyp_turns:
            ov = max(0.0, min(r["end"], h.end) - max(r["start"], h.start))
            if not ov:
                continue
            if h.speaker == r["speaker"]:
                right += ov
            elif h.speaker in ("agent", "customer"):
                wrong += ov
    return (min(1.0, right / total), min(1.0, wrong / total)) if total else (0.0, 0.0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--languages", nargs="+", default=["en", "nl"])
    args = ap.parse_args()
    from meeluister.metadata import CallMetadata
    from synth.role_calls import SCENARIOS, make_role_call
    from transcription.options import TranscribeOptions
    from transcription.pipeline import load_models, transcribe_recording

    tmp = Path(tempfile.mkdtemp(prefix="meeluister-roles-"))
    load_models(TranscribeOptions(diarization="mono"))
    print(f"{'call':<36}{'spk':>4}{'est':>4}{'conf':>6}{'unc':>5}{'right%':>8}{'wrong%':>8}{'CPU/s':>7}")
    rows = []
    for lang in args.languages:
        for scenario in SCENARIOS:
            for swap in (False, True):
                c = make_role_call(tmp, lang, scenario, swap_voices=swap)
                meta = CallMetadata(contact_id=c.contact_id, file=c.mono.name, channel="phone",
                                    language=lang, organisation=c.organisation, agent_name=c.agent_name)
                c0 = time.process_time()
                t = transcribe_recording(c.mono, TranscribeOptions(language=lang), meta)
                cpu = (time.process_time() - c0) / t.duration_s
                ref = json.loads(c.reference.read_text())
                right, wrong = role_time_shares(ref["turns"], t.turns)
                rows.append((c, t, right, wrong))
                print(f"{c.contact_id:<36}{c.speakers:>4}{t.extra['speakers_estimated']:>4}"
                      f"{t.extra['role_confidence']:>6.2f}{'yes' if t.extra['role_uncertain'] else 'no':>5}"
                      f"{100 * right:>8.0f}{100 * wrong:>8.0f}{cpu:>7.3f}", flush=True)
    n = len(rows)
    print(f"\nspeakers right {sum(c.speakers == t.extra['speakers_estimated'] for c, t, _, _ in rows)}/{n}; "
          f"uncertain {sum(t.extra['role_uncertain'] for _, t, _, _ in rows)}/{n}; "
          f"confident and wrong (wrong% > 50) {sum((not t.extra['role_uncertain']) and w > 0.5 for _, t, _, w in rows)}/{n}")


if __name__ == "__main__":
    main()
