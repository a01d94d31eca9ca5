"""Generate the espeak-ng test calls (nl/en/fr/es, stereo + mono, references), format variants
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
    for i, lang in enumerate(LANGUAGES):
        call = make_call(args.out / "calls", lang, hold_s=args.hold, seed=i)
        print(call.stereo, call.mono, call.reference)
    make_format_variants(args.out / "calls" / "synth-en.stereo.wav", args.out / "formats")
    make_bad_files(args.out / "bad")
    make_sample_calls(args.out / "samples", hold_s=args.hold)
    print("written under", args.out)


if __name__ == "__main__":
    main()
