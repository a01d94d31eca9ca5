"""Names whose capital lies outside Latin-1 (Polish, Czech, Croatian, Turkish, Romanian
customers: Łukasz, Šimić, Şahin, Ștefan) are redacted after a title or an introduction, on the
file path (`redact`) and through the bulk path's pre-filter (`warehouse.pii.candidate_mask`,
RE2), which must let such a row through; words that are no name stay."""
from __future__ import annotations

import pyarrow as pa
import pytest

from meeluister.redaction import redact
from warehouse.pii import candidate_mask

CASES = [
    ("Goedemiddag meneer Łukasz Nowak.", "Goedemiddag meneer [NAME]."),
    ("Dag mevrouw Šimić.", "Dag mevrouw [NAME]."),
    ("Ik ben Łukasz Nowak.", "Ik ben [NAME]."),
    ("Hallo, met Şahin Yılmaz.", "Hallo, met [NAME]."),
    ("Bonjour, je suis Madame Ştefănescu.", "Bonjour, je suis Madame [NAME]."),
    ("Buenas, soy Žaneta Dvořák.", "Buenas, soy [NAME]."),
]


@pytest.mark.parametrize("text, want", CASES)
def test_names_with_extended_capitals_are_redacted(text, want):
    assert redact(text).text == want


def test_the_bulk_prefilter_lets_them_through_and_skips_plain_text():
    texts = [t for t, _ in CASES] + ["Ik bel over de Łódź-route van vrijdag.", "Dank u wel, tot ziens."]
    mask = candidate_mask(pa.array(texts))
    assert mask[: len(CASES)].all()
    assert not mask[-1]


def test_a_place_name_with_such_a_capital_is_no_name():
    assert redact("Ik bel over de Łódź-route van vrijdag.").text == "Ik bel over de Łódź-route van vrijdag."
