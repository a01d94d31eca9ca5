"""The voice encoder runs on one torch thread (ENCODER_THREADS: its small LSTM only spins a
second thread, ~4-20x the CPU on the 2-core machine) and gives the process's setting back."""
from __future__ import annotations

import shutil

import numpy as np
import pytest


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng not installed")
def test_one_thread_gives_the_same_embeddings_and_restores_the_setting() -> None:
    import torch

    from synth.calls import AGENT_VOICE, speak
    from transcription.diarization.embedding import ENCODER_THREADS, embed_partials

    assert ENCODER_THREADS == 1
    wav = speak("Good morning, you are speaking with the city council, how can I help?", "en",
                AGENT_VOICE)
    before = torch.get_num_threads()
    torch.set_num_threads(2)
    try:
        one, spans = embed_partials(wav)
        assert torch.get_num_threads() == 2  # an openai-whisper engine keeps its threads
        two, spans2 = embed_partials(wav, threads=2)
        assert torch.get_num_threads() == 2
    finally:
        torch.set_num_threads(before)
    assert spans == spans2 and len(spans) >= 5
    np.testing.assert_allclose(one, two, atol=1e-5)
    assert np.allclose(np.linalg.norm(one, axis=1), 1.0, atol=1e-4)
