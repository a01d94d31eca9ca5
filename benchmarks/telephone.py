"""Telephone-line benchmark: WER and DER per language on 8 kHz G.711 calls vs the 16 kHz rows.

`python benchmarks/telephone.py [--rows stereo|mono|all]` generates the four espeak-ng calls
(nl/en/fr/es, 20 s hold each), puts each through `synth.telephone` (300-3400 Hz band, 8 kHz,
mu-law or A-law, stereo or summed to mono, optional pink noise at 15 and 5 dB SNR) and runs the
default pipeline (faster-whisper base int8, 2 threads; stereo by channel, mono by the offline
diarizer) on every variant in a fresh process per row, as `benchmarks/transcription.py` does.
WER per language, DER (roles, ±.25 s collar and none, overlap scored), RTF and CPU seconds per
audio second. Dutch gets its language as the metadata would give it; the others are detected.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", choices=("stereo", "mono", "all"), default="all")
    ap.add_argument("--only", nargs="+", help="only these rows (names as printed, e.g. '16 kHz PCM mono')")
    ap.add_argument("--json", type=Path, help="also write every call's figures here")
    args = ap.parse_args()
    from synth.telephone import BENCH_SPECS, line_variants
    from synth import calls as synthetic
    from synth.calls import LANGUAGES

    import runpy

    run = runpy.run_path(str(ROOT / "benchmarks" / "transcription.py"))["run"]
    tmp = Path(tempfile.mkdtemp(prefix="meeluister-tel-"))
    calls = {lang: synthetic.make_call(tmp, lang, seed=i) for i, lang in enumerate(LANGUAGES)}
    rows: dict[str, list[tuple[str, str]]] = {}
    want_stereo = args.rows in ("stereo", "all")
    want_mono = args.rows in ("mono", "all")
    if want_stereo:
        rows["16 kHz PCM stereo"] = [(str(c.stereo), str(c.reference)) for c in calls.values()]
    if want_mono:
        rows["16 kHz PCM mono"] = [(str(c.mono), str(c.reference)) for c in calls.values()]
    for spec in BENCH_SPECS:
        if (spec.mono and not want_mono) or (not spec.mono and not want_stereo):
            continue
        files = []
        for i, c in enumerate(calls.values()):
            v = line_variants(c.stereo, tmp / "line", [spec], seed=100 + i)
            files.append((str(v[spec.tag]), str(c.reference)))
        rows[spec.tag] = files
    if args.only:
        rows = {k: v for k, v in rows.items() if k in args.only}
    total = sum(c.duration_s for c in calls.values())
    print(f"audio: 4 generated calls (nl/en/fr/es), {total:.0f} s in all, per row; base int8, 2 threads")
    print(f"{'row':<22}{'RTF':>7}{'CPU/s':>7}{'DER±.25s':>10}{'DER':>7}  "
          + "".join(f"{'WER ' + l:>9}" for l in LANGUAGES) + f"{'roles ok':>10}")
    dumped = {}
    for name, files in rows.items():
        res = run("faster-whisper", "int8", files, mono="mono" in name)
        rs = res["rows"]
        dumped[name] = rs
        audio = sum(r["audio_s"] for r in rs)
        wers = {r["lang"]: r["wer"] for r in rs}
        print(f"{name:<22}{sum(r['seconds'] for r in rs) / audio:>7.3f}{sum(r['cpu_s'] for r in rs) / audio:>7.3f}"
              f"{sum(r['der'] for r in rs) / len(rs):>10.3f}{sum(r['der0'] for r in rs) / len(rs):>7.3f}  "
              + "".join(f"{wers[l]:>9.3f}" for l in LANGUAGES)
              + f"{sum(r['der'] < 0.5 for r in rs):>8}/{len(rs)}", flush=True)
    print("DER per language (no collar): " + "; ".join(
        f"{name}: " + " ".join(f"{r['lang']} {r['der0']:.3f}" for r in rs) for name, rs in dumped.items()))
    if args.json:
        import json

        args.json.write_text(json.dumps(dumped, indent=1))
    print("DER: mean over calls, on roles (agent/customer) of the transcript turns, overlap scored;"
          " roles ok: calls with DER(±.25 s) < 0.5 (roles not swapped)")


if __name__ == "__main__":
    main()
