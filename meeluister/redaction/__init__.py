"""Redaction of personal data in contact-centre text, before anything reaches the warehouse, a
report, an example clip or the dashboard (shared/DESIGN.md, Security and privacy).

| kind | what | tag | module |
|---|---|---|---|
| email | written, and spelled as said ("jan punt jansen at gmail punt com", "arroba", "arobase") | `[EMAIL]` | `email` |
| iban | country + check digits + account, valid mod 97 (python-stdnum), any spacing | `[IBAN]` | `iban` |
| bsn | 9 digits passing the 11-proef, any grouping, with a context word before or after | `[BSN]` | `bsn` |
| phone | Dutch numbering plan and international numbers, valid per libphonenumber | `[PHONE]` | `phone` |
| postcode | Dutch postcode with the house number after it (not "1250 MG") | `[POSTCODE]` | `postcode` |
| dob | dates with a birth word before or after, or an old enough year (not "klant sinds 2009") | `[DOB]` | `dates` |
| name | known customer names (`known_names=`) and names said or addressed; in a transcript also a name given as the answer to a question for it | `[NAME]` | `names`, `answers` |

Spoken numbers in Dutch, English, French and Spanish ("nul zes twaalf vierendertig", "double
six", "soixante-dix-huit", "treinta y cuatro", "plus") are written as digits first
(`spoken`), so they are matched like written ones; the tags replace the words as said. Amounts,
times, appointment dates and order, case and ticket numbers stay readable (`references`).

The agent's own name in the greeting ("u spreekt met Sanne") is employee data the coaching needs
(the greeting criterion), so it stays readable while `RedactionOptions.own_name_greeting` is on;
the customer's name is redacted.

API:

* `redact(text, options=None, *, known_names=(), speaker=None) -> Redacted(text, counts, spans)`,
  spans `RedactedSpan(start, end, kind)` in the original text, sorted;
* `redact_transcript(transcript, options=None, *, known_names=()) -> RedactedTranscript(
  transcript, counts, silence)`, silence `(turn_index, start_s, end_s)` to mute in the audio;
* `RedactionOptions` (categories on per organisation, context window, birth-year range, the
  greeting rule) and `load_redaction_options(path, organisation=None)` from TOML;
* `CANDIDATE_PATTERN` / `BLOCK_PATTERN`: the RE2 superset test for bulk loads (`prefilter`);
* `merge_counts`, `known_names_from(extra_or_row)`; `answered_names(transcript)`: the names given
  as answers to the agent's question for them (`answers`), which `redact_transcript` redacts with
  the turn before as the cue, for paths that redact turn texts one by one (known names there);
  `answered_names_in(turns)` the same over a contact's turns (a bulk turns table), with
  `QUESTION_PATTERN` (RE2) to find the contacts that hold a question for the name.

Detectors are small classes in a registry (`base.Detector`, `base.register`); a new kind is a
module with one more.
"""
from __future__ import annotations

from meeluister.redaction import bsn, dates, email, iban, names, phone, postcode  # noqa: F401 (registers)
from meeluister.redaction.base import RedactedSpan, detectors
from meeluister.redaction.names import known_names_from
from meeluister.redaction.options import CATEGORIES, RedactionOptions, load_redaction_options, options_from_dict
from meeluister.redaction.prefilter import BLOCK_PATTERN, CANDIDATE_PATTERN
from meeluister.redaction.text import Redacted, apply_spans, find_spans, merge_counts, redact
from meeluister.redaction.answers import QUESTION_PATTERN
from meeluister.redaction.transcript import RedactedTranscript, answered_names, answered_names_in, redact_transcript

__all__ = [
    "BLOCK_PATTERN",
    "CANDIDATE_PATTERN",
    "QUESTION_PATTERN",
    "CATEGORIES",
    "Redacted",
    "RedactedSpan",
    "RedactedTranscript",
    "RedactionOptions",
    "answered_names",
    "answered_names_in",
    "apply_spans",
    "detectors",
    "find_spans",
    "known_names_from",
    "load_redaction_options",
    "merge_counts",
    "options_from_dict",
    "redact",
    "redact_transcript",
]
