"""Make torchaudio importable on a CPU-only torch by removing its CUDA-linked native libraries.

Why: pyannote.audio 4.0.7 pulls torchaudio 2.11.1, whose wheel on PyPI ships native libraries
(`torchaudio/lib/_torchaudio.so`, `libtorchaudio.so`, `torchaudio_prefixctc.so`) linked against
`libc10_cuda.so` and `libtorch_cuda.so`. The CPU build of torch 2.13.0 has neither, so
`import torchaudio` fails with "Could not load this library". torchaudio's loader treats a
*missing* native library as "no extension" (a supported deployment form) and falls back to pure
PyTorch for what pyannote uses: `compliance.kaldi.fbank` (WeSpeaker embedding features),
`functional.resample`, the wav2vec2 model classes. What needs the extension (sox effects, CTC
decoders, RNN-T loss) is not used by meeluister.

So: if `import torchaudio` already works, nothing is done (a CUDA torch, or a fixed wheel). Else
the `.so` files under `torchaudio/lib/` are removed and the result is checked in a fresh
interpreter: import torchaudio, kaldi fbank and resample on a second of noise. Exit status 0 when
torchaudio works afterwards (or is not installed), 1 otherwise. Idempotent; `make install` runs it.

    python scripts/torchaudio_without_native.py [--check-only]
"""
from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
from pathlib import Path

CHECK = r"""
import torch, torchaudio
from torchaudio.compliance.kaldi import fbank
from torchaudio.functional import resample
x = torch.randn(1, 16000)
f = fbank(x, num_mel_bins=80, sample_frequency=16000)
y = resample(x, 16000, 8000)
assert f.shape[1] == 80 and y.shape[-1] == 8000, (f.shape, y.shape)
print(f"torchaudio {torchaudio.__version__}: fbank {tuple(f.shape)}, resample {tuple(y.shape)}")
"""


def works() -> tuple[bool, str]:
    """Run the check in a fresh interpreter (a failed native load poisons the current one)."""
    out = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True)
    return out.returncode == 0, (out.stdout or out.stderr).strip().splitlines()[-1:][0] if (
        out.stdout or out.stderr) else ""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check-only", action="store_true", help="only report whether torchaudio works")
    args = ap.parse_args()
    spec = importlib.util.find_spec("torchaudio")
    if spec is None or not spec.submodule_search_locations:
        print("torchaudio not installed: nothing to do")
        return 0
    ok, msg = works()
    if ok or args.check_only:
        print(("ok: " if ok else "broken: ") + msg)
        return 0 if ok else 1
    lib = Path(next(iter(spec.submodule_search_locations))) / "lib"
    removed = sorted(lib.glob("*.so"))
    for so in removed:
        so.unlink()
    print(f"removed {len(removed)} native libraries from {lib}: {', '.join(p.name for p in removed)}")
    ok, msg = works()
    print(("ok: " if ok else "still broken: ") + msg)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
