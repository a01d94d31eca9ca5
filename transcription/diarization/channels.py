"""Stereo recordings: each channel is one party (the contact-centre norm); speech per channel."""
from __future__ import annotations

import numpy as np

from transcription.diarization.base import Diarization, Diarizer, SpeakerSegment, register_diarizer
from transcription.vad import Region


@register_diarizer
class ChannelDiarizer(Diarizer):
    name = "channels"
    stereo = True

    def __init__(self, options, path) -> None:  # type: ignore[no-untyped-def]
        super().__init__(options, path)
        self._segments: list[SpeakerSegment] = []

    def add_window(self, start_s: float, samples: np.ndarray, regions: list[list[Region]]) -> None:
        for ch, regs in enumerate(regions):
            self._segments += [SpeakerSegment(start_s + r.start, start_s + r.end, f"ch{ch}")
                               for r in regs]

    def finish(self) -> Diarization:
        segs = tuple(sorted(self._segments, key=lambda s: (s.start, s.speaker)))
        return Diarization(self.name, segs, info={"agent_channel": self.options.agent_channel})
