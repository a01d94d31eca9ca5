"""Generated data for the demo, the tests, the benchmarks and the scripts: nothing here is real.

| module | what it generates |
|---|---|
| `synth.contacts` | written contacts (`Transcript`s) in nl/en/fr/es over every channel, seeded; `asr_style` degrades one as a recogniser would |
| `synth.surveys` | survey exports written exactly as Qualtrics, SurveyMonkey (CSV, XLSX) and a Dutch Excel save them |
| `synth.pii_set` | the redaction test set: ~1,500 nl/en/fr/es sentences, written and spoken, with labelled PII spans and look-alikes that must stay (values from `synth.pii_values`: 11-proef, mod 97, numbering plans, e-mail grammar; words in `synth.pii_set_text`) |
| `synth.calls` | spoken calls (espeak-ng, two voices) with exact reference turns, format variants, bad files, the demo's sample calls |

The generators sit above the shared package (`meeluister`) and beside the stages: they use only
the shared records and `meeluister.io`, and no stage imports them. Import the module you need
(`from synth.calls import make_call`); numpy/soundfile/espeak-ng are needed by `synth.calls` only.
"""
from __future__ import annotations
