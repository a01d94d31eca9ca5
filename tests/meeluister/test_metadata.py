from __future__ import annotations

import pytest

from meeluister import InputError
from meeluister.metadata import index_by_file, read_metadata


def test_semicolon_cp1252_with_naive_times(tmp_path):
    p = tmp_path / "meta.csv"
    p.write_bytes(
        "Contact_ID;File;Agent_Name;Language;Started_At;Wait_S;Abandoned;Organisation\n"
        "c-1;rec1.wav;Anoek Bérénice;NL;2026-11-16 09:14:03;12,5;nee;Gemeente Maastricht\n"
        .encode("cp1252")
    )
    (row,) = read_metadata(p)
    assert row.agent_name == "Anoek Bérénice"
    assert row.language == "nl"
    assert row.wait_s == 12.5
    assert row.abandoned is False
    assert row.started_at == "2026-11-16T09:14:03+01:00"
    assert index_by_file([row])["rec1"] is row


def test_bad_number_names_row_and_column(tmp_path):
    p = tmp_path / "meta.csv"
    p.write_text("contact_id,wait_s\nc-1,3\nc-2,lang\n", encoding="utf-8-sig")
    with pytest.raises(InputError, match=r"meta.csv: row 3, wait_s: not a number"):
        read_metadata(p)


def test_needs_an_id_column(tmp_path):
    p = tmp_path / "meta.csv"
    p.write_text("agent,team\nx,y\n")
    with pytest.raises(InputError, match="contact_id"):
        read_metadata(p)
