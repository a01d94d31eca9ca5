"""Build a local pyannote.audio speaker-diarization pipeline from randomly initialised models.

The folder it writes has the layout of a real pipeline such as
`pyannote/speaker-diarization-community-1`, with the real architectures:

    OUT/config.yaml                    SpeakerDiarization, VBx clustering, $model/... entries
    OUT/segmentation/pytorch_model.bin PyanNet, powerset classes (3 speakers, at most 2 at once)
    OUT/embedding/pytorch_model.bin    WeSpeaker ResNet34 (80 fbank bins, 256-d embeddings)
    OUT/plda/xvec_transform.npz        x-vector centring + LDA (256 -> 128)
    OUT/plda/plda.npz                  PLDA (mu, tr, psi)

The weights are random (seeded), so what the pipeline says is meaningless: it exists so that the
project's pyannote backend can be run end to end without any download (tests, CI). A user brings
real weights the same way: a folder like this one (see docs/transcription.md).

    python scripts/make_random_pyannote_pipeline.py OUT [--seed 0]
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

CONFIG = """\
# Random weights: the output of this pipeline is meaningless (plumbing tests only).
dependencies:
  pyannote.audio: 4.0.0
pipeline:
  name: pyannote.audio.pipelines.SpeakerDiarization
  params:
    clustering: VBxClustering
    segmentation: $model/segmentation
    segmentation_step: {step}
    segmentation_batch_size: 8
    embedding: $model/embedding
    embedding_batch_size: 8
    embedding_exclude_overlap: true
    plda: $model/plda
params:
  clustering:
    threshold: 0.6
    Fa: 0.07
    Fb: 0.8
  segmentation:
    min_duration_off: 0.0
"""


def _checkpoint(model, specifications) -> dict:  # type: ignore[no-untyped-def]
    """The dict pytorch-lightning writes for `model`, with pyannote's own section."""
    import lightning
    from pyannote.audio import __version__

    return {
        "state_dict": model.state_dict(),
        "hyper_parameters": dict(model.hparams),
        "pytorch-lightning_version": lightning.__version__,
        "pyannote.audio": {
            "versions": {"pyannote.audio": __version__},
            "architecture": {"module": type(model).__module__, "class": type(model).__name__},
            "specifications": specifications,
        },
    }


def build(out: Path, seed: int = 0, chunk_s: float = 10.0, step: float = 0.1) -> Path:
    """Write the pipeline into `out`; `chunk_s` (segmentation window, 10 s in the real models) and
    `step` (its hop as a fraction, 0.1 in the real config) can be made coarser for fast tests."""
    os.environ.setdefault("PYANNOTE_METRICS_ENABLED", "false")
    import numpy as np
    import torch
    from pyannote.audio.core.task import Problem, Resolution, Specifications
    from pyannote.audio.models.embedding import WeSpeakerResNet34
    from pyannote.audio.models.segmentation import PyanNet

    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    out.mkdir(parents=True, exist_ok=True)

    seg = PyanNet(sample_rate=16_000, num_channels=1)
    seg_specs = Specifications(
        problem=Problem.MONO_LABEL_CLASSIFICATION, resolution=Resolution.FRAME, duration=chunk_s,
        min_duration=chunk_s, warm_up=(0.0, 0.0),
        classes=["speaker#1", "speaker#2", "speaker#3"], powerset_max_classes=2,
        permutation_invariant=True)
    seg.specifications = seg_specs
    seg.setup()  # the powerset classifier for those classes
    (out / "segmentation").mkdir(exist_ok=True)
    torch.save(_checkpoint(seg, seg_specs), out / "segmentation" / "pytorch_model.bin")

    emb = WeSpeakerResNet34(sample_rate=16_000, num_channels=1)
    emb_specs = Specifications(problem=Problem.REPRESENTATION, resolution=Resolution.CHUNK,
                               duration=chunk_s)
    emb.specifications = emb_specs
    (out / "embedding").mkdir(exist_ok=True)
    torch.save(_checkpoint(emb, emb_specs), out / "embedding" / "pytorch_model.bin")

    dim, lda_dim = 256, 128
    (out / "plda").mkdir(exist_ok=True)
    lda, _ = np.linalg.qr(rng.normal(size=(dim, lda_dim)))  # orthonormal columns
    np.savez(out / "plda" / "xvec_transform.npz", mean1=rng.normal(0, 0.01, dim),
             mean2=rng.normal(0, 0.01, lda_dim), lda=lda)
    tr, _ = np.linalg.qr(rng.normal(size=(lda_dim, lda_dim)))  # well conditioned: W, B invertible
    np.savez(out / "plda" / "plda.npz", mu=np.zeros(lda_dim), tr=tr,
             psi=np.sort(rng.uniform(0.5, 5.0, lda_dim))[::-1])
    (out / "config.yaml").write_text(CONFIG.format(step=step), encoding="utf-8")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--chunk-s", type=float, default=10.0, help="segmentation window (real: 10 s)")
    ap.add_argument("--step", type=float, default=0.1, help="window hop as a fraction (real: 0.1)")
    args = ap.parse_args()
    print(build(args.out, args.seed, args.chunk_s, args.step))
    return 0


if __name__ == "__main__":
    sys.exit(main())
