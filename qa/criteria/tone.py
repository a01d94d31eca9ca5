"""tone: the agent sounds engaged, not "iets te vrolijk en erg ongeïnteresseerd" (seed 003).

From the audio when the transcript's recording is readable (see `qa.tone_audio`): pitch range in
semitones (monotony), speech rate (syllable nuclei per second) and energy, compared with the
scorecard's norms for the agent's language. From the words: dismissive, disengaged phrases
("daar gaan wij niet over", "it's on their website"), over-cheerful markers and the share of
exclamations. Every measure is reported; each flag names its reason. n/a with no audio and too few
agent words to judge.
"""
from __future__ import annotations

import logging
from pathlib import Path

from meeluister.records import CriterionResult
from qa.criteria.base import Context, Criterion, register

logger = logging.getLogger(__name__)

_NORM = {"pitch_range_min_st": 3.0, "speech_rate_min_syl_s": 2.0, "speech_rate_max_syl_s": 7.5,
         "energy_min_db": -45.0}


def audio_flags(audio: dict[str, float], norm: dict[str, float]) -> list[str]:
    """The tone flags that the recording's measures raise against one language's norms."""
    flags = []
    pr = audio.get("pitch_range_st")
    if pr is not None and pr < norm["pitch_range_min_st"]:
        flags.append(f"monotonous: pitch range {pr:.1f} st < {norm['pitch_range_min_st']} st")
    rate = audio.get("speech_rate_syl_s")
    if rate is not None and rate > norm["speech_rate_max_syl_s"]:
        flags.append(f"rushed: {rate:.1f} syllables/s > {norm['speech_rate_max_syl_s']}")
    if rate is not None and rate < norm["speech_rate_min_syl_s"]:
        flags.append(f"slow, flat delivery: {rate:.1f} syllables/s < {norm['speech_rate_min_syl_s']}")
    en = audio.get("energy_db")
    if en is not None and en < norm["energy_min_db"]:
        flags.append(f"low energy: {en:.0f} dBFS < {norm['energy_min_db']}")
    return flags


@register
class Tone(Criterion):
    id = "tone"
    defaults = {
        "norms": {"nl": dict(_NORM), "en": dict(_NORM), "fr": {**_NORM, "speech_rate_max_syl_s": 8.0},
                  "es": {**_NORM, "speech_rate_max_syl_s": 8.5}},
        "max_dismissive": 0,  # dismissive phrases allowed
        "max_exclamation_share": 0.4,  # share of agent sentences ending in "!"
        "max_cheerful": 2,  # over-cheerful markers allowed
        "min_agent_words": 20,  # fewer agent words and no audio: n/a
        "agent_channel": 0,  # stereo recordings: the agent's channel
    }

    def evaluate(self, ctx: Context) -> CriterionResult:
        prm = ctx.params
        t = ctx.t
        measures: dict[str, float | None] = {}
        flags: list[str] = []
        evidence = []
        audio = self._audio_measures(ctx)
        if audio:
            measures.update(audio)
            norm = prm["norms"].get(t.language) or next(iter(prm["norms"].values()))
            flags.extend(audio_flags(audio, norm))
        agent = [pt for pt in ctx.p.turns if pt.speaker == "agent"]
        words = sum(pt.words for pt in agent)
        if ctx.lex is not None and words:
            dismissive = ctx.lex.phrases("tone", "dismissive")
            cheerful = ctx.lex.phrases("tone", "cheerful")
            n_dis = n_cheer = n_excl = n_sent = 0
            for pt in agent:
                for s in pt.sentences:
                    n_sent += 1
                    if s.text.rstrip().endswith("!"):
                        n_excl += 1
                    for m in dismissive.finditer(s.norm):
                        n_dis += 1
                        evidence.append(ctx.evidence(s, term=m.group(0)))
                    n_cheer += len(cheerful.finditer(s.norm))
            share = n_excl / n_sent if n_sent else 0.0
            measures.update({"dismissive": float(n_dis), "cheerful": float(n_cheer),
                             "exclamation_share": round(share, 3), "agent_words": float(words)})
            if n_dis > prm["max_dismissive"]:
                flags.append(f"disengaged: {n_dis} dismissive phrase(s)")
            if n_sent >= 4 and share > prm["max_exclamation_share"]:
                flags.append(f"over-cheerful: {share:.0%} of sentences are exclamations")
            if n_cheer > prm["max_cheerful"]:
                flags.append(f"over-cheerful: {n_cheer} cheerful markers")
        if not audio and words < prm["min_agent_words"] and not flags:
            return self.na(ctx, "no audio and too few agent words to judge the tone", agent_words=float(words),
                           basis="few-words")
        source = ("audio and words" if audio else "words only")
        if flags:
            return self.result(ctx, "fail", evidence=evidence, measures=measures,
                               reason=f"{'; '.join(flags)} ({source})", basis="audio" if audio else "words")
        return self.result(ctx, "pass", measures=measures, reason=f"engaged tone ({source})",
                           basis="audio" if audio else "words")

    def _audio_measures(self, ctx: Context) -> dict[str, float]:
        t = ctx.t
        opts = ctx.options
        if not t.audio or (opts is not None and not opts.audio):
            return {}
        path = Path(t.audio)
        if not path.is_absolute() and opts is not None and opts.audio_root:
            path = Path(opts.audio_root) / path
        if not path.exists():
            logger.warning("%s: audio %s not found; tone from the words only", t.contact_id, path)
            return {}
        segs = [(pt.start, pt.end) for pt in ctx.p.turns
                if pt.speaker == "agent" and pt.start is not None and pt.end is not None]
        try:
            from qa.tone_audio import measure_agent_audio

            return measure_agent_audio(path, segs or None, agent_channel=ctx.params["agent_channel"])
        except Exception as exc:  # a corrupt file must not stop the batch: fall back to the words
            logger.warning("%s: cannot analyse audio %s (%s); tone from the words only", t.contact_id, path, exc)
            return {}
