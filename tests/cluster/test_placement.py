"""The pool a Ray job starts: GPU workers where the cluster reports GPUs (engine on "cuda"),
CPU workers otherwise. No GPU is lent to this machine: the choice is tested from the resources a
cluster reports, and the actor's options carry the device to the engine."""
from __future__ import annotations

import pytest

from cluster import ClusterError, chunked, plan_workers, worker_options
from transcription.options import TranscribeOptions


def test_gpus_reported_give_one_gpu_worker_each_on_cuda() -> None:
    p = plan_workers({"CPU": 16.0, "GPU": 2.0, "memory": 1e10}, threads=2)
    assert (p.workers, p.num_gpus, p.device, p.num_cpus, p.threads) == (2, 1.0, "cuda", 2.0, 2)
    assert p.actor_options() == {"num_cpus": 2.0, "num_gpus": 1.0}
    opts = worker_options(TranscribeOptions(), p)
    assert opts.device == "cuda" and opts.cpu_threads == 2
    # the device is part of what the transcript records and of its fingerprint
    assert opts.fingerprint() != TranscribeOptions().fingerprint()
    assert worker_options(TranscribeOptions(), plan_workers({"CPU": 4.0})).fingerprint() == TranscribeOptions().fingerprint()


def test_more_workers_than_gpus_share_them() -> None:
    p = plan_workers({"CPU": 8.0, "GPU": 1.0}, workers=4, threads=2)
    assert (p.workers, p.num_gpus, p.device) == (4, 0.25, "cuda")
    assert p.num_cpus == 2.0


def test_no_gpu_gives_cpu_workers_sized_to_the_cpus() -> None:
    p = plan_workers({"CPU": 16.0}, threads=2)
    assert (p.workers, p.num_cpus, p.num_gpus, p.device, p.threads) == (8, 2.0, 0.0, "cpu", 2)
    assert plan_workers({"CPU": 3.0}, threads=2).workers == 1
    p = plan_workers({"CPU": 2.0}, workers=4, threads=2)  # more actors than CPUs: they share
    assert (p.workers, p.num_cpus, p.threads) == (4, 0.5, 1)
    assert plan_workers({"CPU": 2.0, "GPU": 0.5}, threads=1).device == "cpu"  # a shared slice is not ours


def test_scoring_never_asks_for_a_gpu() -> None:
    p = plan_workers({"CPU": 4.0, "GPU": 2.0}, threads=1, use_gpu=False)
    assert (p.workers, p.num_gpus, p.device) == (4, 0.0, "cpu")


def test_bad_requests_are_refused() -> None:
    with pytest.raises(ClusterError, match="no CPU"):
        plan_workers({"GPU": 1.0})
    with pytest.raises(ValueError, match="workers"):
        plan_workers({"CPU": 2.0}, workers=0)
    with pytest.raises(ValueError, match="device"):
        TranscribeOptions(device="tpu")


def test_chunks_cover_every_item_once() -> None:
    for n, w in ((0, 2), (1, 4), (7, 2), (1000, 8)):
        ch = chunked(n, w)
        assert [i for r in ch for i in r] == list(range(n))
        if n:
            assert max(len(r) for r in ch) <= 32 and len(ch) >= min(n, w)
    assert [len(r) for r in chunked(16, 2)] == [2] * 8


def test_score_workers_need_ray(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from meeluister.cli import app

    r = CliRunner().invoke(app, ["score", str(tmp_path), "--out", str(tmp_path / "r.jsonl"), "--workers", "2"])
    assert r.exit_code == 2 and "--workers needs --ray" in r.output


def test_the_device_reaches_the_engine() -> None:
    """A GPU worker's options load the recogniser on "cuda": on this CPU-only machine (no GPU,
    CTranslate2 without CUDA) that load is refused, which shows the device was passed on."""
    pytest.importorskip("faster_whisper")
    import ctranslate2

    from transcription.engines.base import get_engine
    from transcription.models import ModelError

    if ctranslate2.get_cuda_device_count() > 0:
        pytest.skip("a GPU is present: the load would succeed")
    with pytest.raises(ModelError, match="(?i)cuda"):
        get_engine(TranscribeOptions(device="cuda"))
