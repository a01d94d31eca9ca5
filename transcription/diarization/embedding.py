"""Offline two-speaker diarizer for mono recordings: VAD -> voice embeddings -> 2 clusters -> resegment.

Voice embeddings come from resemblyzer's GE2E speaker encoder, whose weights ship inside the
PyPI wheel (no download). Speech regions (silero VAD) are cut into 1.6 s partial windows every
0.4 s; each partial gets a 256-d unit embedding. Spectral clustering splits them in two (cosine
affinity), then every 50 ms speech frame takes the speaker whose centroid the covering partials are
closer to, smoothed with a 0.5 s median filter. Memory grows with speech time by 1 KiB per 0.4 s.
"""
from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

import numpy as np

from transcription.audio import SAMPLE_RATE
from transcription.diarization.base import Diarization, Diarizer, SpeakerSegment, register_diarizer
from transcription.vad import Region

logger = logging.getLogger(__name__)

PARTIAL_RATE = 2.5  # partial embeddings per second (hop 0.4 s)
FRAME_S = 0.05  # resegmentation grid
SMOOTH_FRAMES = 11  # median filter length (0.55 s)
MIN_EMBED_S = 0.3  # shorter regions get their label from the frames around them
ONE_SPEAKER_SIM = 0.86  # centroids closer than this (cosine) are one voice
MIN_SILHOUETTE = 0.12  # two clusters that separate less than this (mean cosine silhouette) are one voice
MIN_SHARE = 0.06  # a "second speaker" with less than this share of the voice windows is not one
# Torch threads for the voice encoder. Its LSTM (3 x 256, batches of 1.6 s partials) is too small
# to gain from a second thread: on this 2-core machine, same embeddings (max difference 1.5e-7),
# one thread took 0.55-0.60 CPU-s per call's speech against 2.4-11.6 CPU-s with two (OpenMP
# threads spinning for work, worst when the machine is loaded), and less wall time too.
ENCODER_THREADS = 1


def _pkg_resources_shim() -> None:
    """resemblyzer imports webrtcvad, whose module does `import pkg_resources` only to read its own
    version; setuptools >= 81 no longer ships pkg_resources. Provide that one call, nothing more."""
    import importlib.util
    import sys
    import types

    if "pkg_resources" in sys.modules or importlib.util.find_spec("pkg_resources") is not None:
        return
    from importlib import metadata

    shim = types.ModuleType("pkg_resources")
    shim.get_distribution = lambda name: types.SimpleNamespace(  # type: ignore[attr-defined]
        version=metadata.version(name))
    sys.modules["pkg_resources"] = shim


@contextmanager
def torch_threads(n: int) -> Iterator[None]:
    """Run the block with `n` torch threads, then give back the process's setting (an
    openai-whisper engine in the same process keeps its own)."""
    import torch

    before = torch.get_num_threads()
    if before != n:
        torch.set_num_threads(n)
    try:
        yield
    finally:
        if before != n:
            torch.set_num_threads(before)


@lru_cache(maxsize=2)
def voice_encoder(threads: int = ENCODER_THREADS):  # type: ignore[no-untyped-def]
    _pkg_resources_shim()
    from resemblyzer import VoiceEncoder

    with torch_threads(threads):
        enc = VoiceEncoder("cpu", verbose=False)
        # First use costs seconds once per process (librosa's mel code is JIT-compiled, the LSTM
        # kernels initialise); pay it at load time, like the ASR model load, not inside the first call.
        enc.embed_utterance(np.full(2 * SAMPLE_RATE, 0.01, dtype=np.float32), rate=PARTIAL_RATE)
    return enc


def _normalise(wav: np.ndarray) -> np.ndarray:
    rms = float(np.sqrt(np.mean(wav.astype(np.float64) ** 2)))
    return (wav * (0.03 / rms)).astype(np.float32) if rms > 1e-6 else wav


def embed_partials(wav: np.ndarray, threads: int = ENCODER_THREADS
                   ) -> tuple[np.ndarray, list[tuple[float, float]]]:
    """Partial embeddings (k, 256) of float32 16 kHz speech and their spans in seconds."""
    enc = voice_encoder(threads)
    with torch_threads(threads):
        _, partials, slices = enc.embed_utterance(_normalise(wav), return_partials=True,
                                                  rate=PARTIAL_RATE, min_coverage=0.75)
    dur = wav.size / SAMPLE_RATE
    spans = [(sl.start / SAMPLE_RATE, min(dur, sl.stop / SAMPLE_RATE)) for sl in slices]
    return np.asarray(partials, dtype=np.float32), spans


def embed_voice(wav: np.ndarray, threads: int = ENCODER_THREADS) -> np.ndarray:
    """One unit-norm voice embedding for an enrolment clip."""
    embs, _ = embed_partials(wav, threads)
    v = embs.mean(axis=0)
    return v / (np.linalg.norm(v) + 1e-9)


def cluster_two(x: np.ndarray) -> np.ndarray:
    """Labels 0/1 for unit embeddings (n, d): spectral clustering, then cosine k-means refinement."""
    from sklearn.cluster import SpectralClustering

    if len(x) < 4:
        return np.zeros(len(x), dtype=int)
    aff = np.clip(x @ x.T, 0.0, 1.0)
    labels = SpectralClustering(n_clusters=2, affinity="precomputed", random_state=0,
                                assign_labels="cluster_qr").fit_predict(aff)
    for _ in range(10):
        cents = np.stack([x[labels == k].mean(axis=0) if np.any(labels == k) else x.mean(axis=0)
                          for k in (0, 1)])
        new = np.argmax(x @ cents.T, axis=1)
        if np.array_equal(new, labels):
            break
        labels = new
    return labels


def _silhouette(x: np.ndarray, labels: np.ndarray) -> float:
    """Mean cosine silhouette of a two-way split (0 when a side has fewer than two members)."""
    if len(x) < 4 or min(np.sum(labels == 0), np.sum(labels == 1)) < 2:
        return 0.0
    from sklearn.metrics import silhouette_score

    return float(silhouette_score(x, labels, metric="cosine"))


@register_diarizer
class EmbeddingDiarizer(Diarizer):
    name = "resemblyzer"

    def __init__(self, options, path) -> None:  # type: ignore[no-untyped-def]
        super().__init__(options, path)
        self._regions: list[Region] = []
        self._embs: list[np.ndarray] = []
        self._spans: list[tuple[float, float]] = []

    def add_window(self, start_s: float, samples: np.ndarray, regions: list[list[Region]]) -> None:
        mono = samples.mean(axis=0) if samples.shape[0] > 1 else samples[0]
        for r in regions[0]:
            self._regions.append(Region(start_s + r.start, start_s + r.end))
            a, b = int(r.start * SAMPLE_RATE), int(r.end * SAMPLE_RATE)
            if b - a < MIN_EMBED_S * SAMPLE_RATE:
                continue
            embs, spans = embed_partials(mono[a:b])
            base = start_s + r.start
            self._embs.append(embs)
            self._spans += [(base + s, base + e) for s, e in spans]

    def finish(self) -> Diarization:
        if not self._regions:
            return Diarization(self.name, ())
        x = np.concatenate(self._embs) if self._embs else np.zeros((0, 256), np.float32)
        labels = cluster_two(x)
        cents = {}
        for k in (0, 1):
            if np.any(labels == k):
                c = x[labels == k].mean(axis=0)
                cents[k] = c / (np.linalg.norm(c) + 1e-9)
        sim = float(cents[0] @ cents[1]) if len(cents) == 2 else 1.0
        sil = _silhouette(x, labels)
        share = float(min(np.mean(labels == 0), np.mean(labels == 1))) if len(x) else 0.0
        # How many speakers: two only when the clusters are distinct voices (centroids apart),
        # separate well (silhouette) and both hold a real share of the speech; a voicemail or a
        # recorded announcement (one voice) split in two by the clustering fails these.
        one_voice = sim > ONE_SPEAKER_SIM or sil < MIN_SILHOUETTE or share < MIN_SHARE
        spans = np.asarray(self._spans, dtype=np.float64).reshape(-1, 2)
        # score > 0: closer to cluster 0; per partial, then spread over the frames it covers
        margin = (x @ cents[0] - x @ cents[1]) if (len(cents) == 2 and not one_voice) \
            else np.ones(len(x))
        segments: list[SpeakerSegment] = []
        for r in self._regions:
            t = np.arange(r.start, r.end, FRAME_S) + FRAME_S / 2
            lo = np.searchsorted(spans[:, 1], r.start, side="right") if len(spans) else 0
            hi = np.searchsorted(spans[:, 0], r.end, side="left") if len(spans) else 0
            if hi > lo:
                s, e, m = spans[lo:hi, 0], spans[lo:hi, 1], margin[lo:hi]
                cover = (t[:, None] >= s[None, :]) & (t[:, None] < e[None, :])  # (frames, partials)
                score = (cover * m[None, :]).sum(axis=1)
                empty = ~cover.any(axis=1)
                if empty.any():  # frames no partial covers: nearest partial centre decides
                    centre = (s + e) / 2
                    score[empty] = m[np.argmin(np.abs(t[empty, None] - centre[None, :]), axis=1)]
            else:  # a short region without partials: the nearest partial overall decides
                if len(spans):
                    centre = spans.mean(axis=1)
                    score = np.full(t.size, margin[np.argmin(np.abs(centre - (r.start + r.end) / 2))])
                else:
                    score = np.ones(t.size)
            lab = (score <= 0).astype(int)
            if lab.size >= SMOOTH_FRAMES:
                from scipy.ndimage import median_filter

                lab = median_filter(lab, size=SMOOTH_FRAMES, mode="nearest")
            change = np.flatnonzero(np.diff(lab)) + 1
            bounds = [0, *change.tolist(), lab.size]
            for i0, i1 in zip(bounds[:-1], bounds[1:]):
                s0 = r.start + i0 * FRAME_S
                s1 = min(r.end, r.start + i1 * FRAME_S)
                segments.append(SpeakerSegment(s0, s1, f"S{lab[i0]}"))
        # Name the labels by order of appearance: S0 speaks first.
        first: dict[str, float] = {}
        for s in segments:
            first.setdefault(s.speaker, s.start)
        order = {lab: f"S{i}" for i, lab in enumerate(sorted(first, key=first.__getitem__))}
        segments = [SpeakerSegment(s.start, s.end, order[s.speaker]) for s in segments]
        centroids = {order[f"S{k}"]: c for k, c in cents.items() if f"S{k}" in order}
        return Diarization(
            self.name, tuple(segments), centroids=centroids,
            info={"centroid_similarity": round(sim, 3), "one_voice": one_voice,
                  "silhouette": round(sil, 3), "minority_share": round(share, 3),
                  "speakers_estimated": 1 if one_voice else 2,
                  "partials": int(len(x)), "encoder": "resemblyzer GE2E (bundled weights)"},
        )
