"""Generate the espeak-ng test calls (nl/en/fr/es, stereo + mono, references), their telephone-line
variants (OUT/telephone: 8 kHz G.711, band-limited, noisy; synth.telephone), format variants
and bad files into a directory: `python scripts/make_test_calls.py OUT_DIR [--hold 20]`."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout, as the benchmarks

from synth.calls import (  # noqa: E402
    LANGUAGES,
    make_bad_files,
    make_call,
    make_format_variants,
    make_sample_calls,
)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("out", type=Path)
    ap.add_argument("--hold", type=float, default=20.0, help="hold (silence) length in seconds")
    args = ap.parse_args()
    from synth.telephone import BENCH_SPECS, line_variants

    for i, lang in enumerate(LANGUAGES):
        call = make_call(args.out / "calls", lang, hold_s=args.hold, seed=i)
        print(call.stereo, call.mono, call.reference)
        # as the exchange delivers them: 8 kHz mu-law/A-law, stereo and mono, noise at 15/5 dB
        line_variants(call.stereo, args.out / "telephone", list(BENCH_SPECS), seed=100 + i)
    make_format_variants(args.out / "calls" / "synth-en.stereo.wav", args.out / "formats")
    make_bad_files(args.out / "bad")
    make_sample_calls(args.out / "samples", hold_s=args.hold)
    print("written under", args.out)


if __name__ == "__main__":
    main()
