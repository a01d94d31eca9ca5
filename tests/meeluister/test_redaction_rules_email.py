"""E-mail rules at their edges: a spelled address whose local part runs from the first word of
the text (nothing before it to stop at), and where it stops when a word before it cannot be part
of an address."""
from __future__ import annotations

import pytest

from meeluister.redaction import RedactedSpan, redact


@pytest.mark.parametrize("said", [
    "jan dijk apenstaartje gmail punt com",
    "bram dijk veertien apenstaartje gmail punt com",  # said digits: normalised to "14" first
    "j punt vries at hotmail dot com",
])
def test_a_spelled_address_at_the_very_start_of_the_text_is_redacted_whole(said):
    r = redact(said)
    assert r.text == "[EMAIL]"
    assert r.spans == (RedactedSpan(0, len(said), "email"),)


def test_the_local_part_stops_at_a_word_that_cannot_belong_to_it():
    said = "mijn mail is jan dijk at gmail dot com"
    r = redact(said)
    assert r.text == "mijn mail is [EMAIL]"
    assert r.spans == (RedactedSpan(13, len(said), "email"),)
    # the pattern's own match starts at the last word before "at" ("dijk"); at most three plain
    # words before that are taken back: "daar beste jan", not "hallo"
    said = "hallo daar beste jan dijk at gmail dot com"
    assert redact(said).text == "hallo [EMAIL]"
