"""Transcription benchmark: RTF per engine on the same weights and audio, DER, WER, peak RSS.

`python benchmarks/transcription.py` generates its calls (espeak-ng, nl/en/fr/es, 20 s hold),
runs each stage in a fresh process (so peak RSS is per configuration) with 2 CPU threads and
prints a table. RTF = processing seconds / audio seconds, including decoding, VAD, diarization;
CPU/s = CPU seconds (user+sys) per audio second, less sensitive to neighbours on a shared machine.
"""
from __future__ import annotations

import json
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHILD = r"""
import json, resource, sys, time
from dataclasses import replace
from transcription.options import TranscribeOptions
from transcription.pipeline import transcribe_recording
from transcription.evaluation import der, normalised_wer
from transcription.pipeline import load_models
args = json.loads(sys.argv[1])
opts = TranscribeOptions(engine=args["engine"], compute_type=args["compute"], cpu_threads=2,
                         language=args["language"], stereo_recognition=args["stereo"])
# model loads (and the voice encoder's warm-up, for mono) once per worker, not per call
load_models(TranscribeOptions(engine=args["engine"], compute_type=args["compute"], cpu_threads=2,
                              diarization="mono" if args["mono"] else "channels"))
rows = []
for path, ref_path in args["files"]:
    ref = json.load(open(ref_path))
    # base hears espeak's Dutch as English: the Dutch call gets its language as the metadata CSV
    # would give it (contact centres know the queue's language); the others are detected
    o = replace(opts, language="nl") if ref["language"] == "nl" else opts
    c0 = time.process_time(); t0 = time.perf_counter()
    t = transcribe_recording(path, o)
    dt = time.perf_counter() - t0; cpu = time.process_time() - c0
    hyp = " ".join(x.text for x in t.turns); rtext = " ".join(x["text"] for x in ref["turns"])
    rows.append({"file": path, "seconds": dt, "cpu_s": cpu, "audio_s": t.duration_s, "wer": normalised_wer(rtext, hyp),
                 "der": der(ref["turns"], t), "der0": der(ref["turns"], t, collar=0.0),
                 "lang": ref["language"]})
print(json.dumps({"rows": rows, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run(engine: str, compute: str, files: list[tuple[str, str]], *, mono: bool,
        language: str = "auto", stereo: str = "interleaved") -> dict:
    cmd = [sys.executable, "-c", CHILD, json.dumps({"engine": engine, "compute": compute, "mono": mono,
                                                     "files": files, "language": language,
                                                     "stereo": stereo})]
    out = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True,
                         env={"PYTHONWARNINGS": "ignore", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT),
                              "HOME": str(Path.home()), "OMP_NUM_THREADS": "2"})
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--no-openai", action="store_true", help="skip openai-whisper fp32 (the slow row)")
    ap.add_argument("--no-per-channel", action="store_true",
                    help="skip faster-whisper stereo recognised per channel (the previous default)")
    args = ap.parse_args()
    from synth.calls import LANGUAGES, make_call

    tmp = Path(tempfile.mkdtemp(prefix="meeluister-bench-"))
    calls = {lang: make_call(tmp, lang, seed=i) for i, lang in enumerate(LANGUAGES)}
    stereo = [(str(c.stereo), str(c.reference)) for c in calls.values()]
    mono = [(str(c.mono), str(c.reference)) for c in calls.values()]
    cpu = next((l.split(":", 1)[1].strip() for l in subprocess.run(["lscpu"], capture_output=True, text=True)
                .stdout.splitlines() if l.startswith("Model name")), platform.processor())
    print(f"machine: {cpu}, {__import__('os').cpu_count()} cores; 2 threads; Python {platform.python_version()}")
    print(f"audio: 4 generated calls (nl/en/fr/es), {sum(c.duration_s for c in calls.values()):.0f} s in all, 20 s hold each\n")
    print("language: nl given (as the metadata CSV would), en/fr/es detected among nl/en/fr/es")
    print("stereo: interleaved = both channels in one recognition (default); per-channel = one each\n")
    results = {("faster-whisper int8", "stereo"): run("faster-whisper", "int8", stereo, mono=False)}
    if not args.no_per_channel:
        results[("faster-whisper int8", "stereo per-ch")] = run("faster-whisper", "int8", stereo, mono=False,
                                                                stereo="per-channel")
    results[("faster-whisper int8", "mono")] = run("faster-whisper", "int8", mono, mono=True)
    if not args.no_openai:
        results[("openai-whisper fp32", "stereo")] = run("openai-whisper", "float32", stereo, mono=False)
    print(f"{'engine':<22}{'mix':<15}{'RTF':>7}{'CPU/s':>7}{'DER±.25s':>10}{'DER':>7}  " + "".join(f"{'WER ' + l:>9}" for l in LANGUAGES) + f"{'peak RSS':>11}")
    for (engine, mix), res in results.items():
        rows = res["rows"]
        audio = sum(r["audio_s"] for r in rows)
        rtf = sum(r["seconds"] for r in rows) / audio
        cpu = sum(r["cpu_s"] for r in rows) / audio
        d = sum(r["der"] for r in rows) / len(rows)
        d0 = sum(r["der0"] for r in rows) / len(rows)
        wers = {r["lang"]: r["wer"] for r in rows}
        print(f"{engine:<22}{mix:<15}{rtf:>7.3f}{cpu:>7.3f}{d:>10.3f}{d0:>7.3f}  " + "".join(f"{wers[l]:>9.3f}" for l in LANGUAGES) + f"{res['rss_mb']:>9.0f} MB")
    if ("openai-whisper fp32", "stereo") in results:
        fw = sum(r["seconds"] for r in results[("faster-whisper int8", "stereo")]["rows"])
        ow = sum(r["seconds"] for r in results[("openai-whisper fp32", "stereo")]["rows"])
        print(f"\nfaster-whisper int8 is {ow / fw:.1f}x faster than openai-whisper fp32 on the same weights and audio")
    print("RTF: wall seconds per audio second; CPU/s: user+sys CPU seconds per audio second (2 threads)")
    print("DER: mean over calls, on roles (agent/customer) of the final transcript turns; ±.25 s collar and none.")


if __name__ == "__main__":
    main()
