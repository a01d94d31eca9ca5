"""`RedactionOptions` and its loader at their edges: the exact refusals (file, key, what is
wrong), the bounds that are allowed (0, min == max), the defaults' source name."""
from __future__ import annotations

import pytest

from meeluister.errors import InputError
from meeluister.redaction import RedactionOptions, options_from_dict
from meeluister.redaction.options import CATEGORIES


def test_categories_are_a_frozenset_and_on_reads_them():
    o = RedactionOptions(categories=["phone", "email"])  # type: ignore[arg-type]
    assert o.categories == frozenset({"phone", "email"}) and isinstance(o.categories, frozenset)
    assert o.on("phone") and not o.on("bsn")
    with pytest.raises(ValueError) as e:
        RedactionOptions(categories={"phone", "fax"})
    assert str(e.value) == f"unknown redaction categories ['fax']; known: {', '.join(CATEGORIES)}"


def _msg(data, organisation=None, src="r.toml"):
    with pytest.raises(InputError) as e:
        options_from_dict(data, src, organisation)
    return str(e.value)


def test_refusals_name_the_file_the_key_and_the_problem():
    assert _msg({"default": 3}) == "r.toml: default: must be a table"
    assert _msg({"default": {"colour": 1}}) == (
        "r.toml: default.colour: unknown key (known: categories, context_chars, dob_year_max, dob_year_min, "
        "own_name_greeting)")
    assert _msg({"default": {"categories": ["fax"]}}) == (
        f"r.toml: default.categories: unknown category fax (known: {', '.join(CATEGORIES)})")
    assert _msg({"default": {"categories": ["fax", "telex"]}}) == (
        f"r.toml: default.categories: unknown categories fax, telex (known: {', '.join(CATEGORIES)})")
    assert _msg({"default": {"context_chars": -1}}) == "r.toml: default.context_chars: must be a whole number >= 0, not -1"
    with pytest.raises(InputError) as e:
        options_from_dict({"default": 3})
    assert str(e.value) == "<config>: default: must be a table"


def test_bounds_that_are_allowed():
    o = options_from_dict({"default": {"context_chars": 0, "dob_year_min": 1990, "dob_year_max": 1990}})
    assert o.context_chars == 0 and o.dob_year_min == o.dob_year_max == 1990
    assert _msg({"default": {"dob_year_min": 1991, "dob_year_max": 1990}}) == \
        "r.toml: default.dob_year_min: dob_year_min must be <= dob_year_max"


def test_no_organisation_table_gives_the_default_table():
    assert options_from_dict({"default": {"context_chars": 5}}, organisation="x").context_chars == 5
    assert options_from_dict({}) == RedactionOptions()
