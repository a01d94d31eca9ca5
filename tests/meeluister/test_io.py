"""meeluister.io: what every stage reads exports and times with."""
from __future__ import annotations

import hashlib
from datetime import datetime, timezone

import pytest

from meeluister import InputError
from meeluister.io import (
    LOCAL_TZ,
    file_sha256,
    normalise_timestamp,
    read_csv_rows,
    read_export,
    read_text_any,
    sniff_delimiter,
    to_utc_local,
    utc_and_local,
)


def test_text_decodes_utf8_with_bom_and_falls_back_to_cp1252(tmp_path):
    bom = tmp_path / "bom.csv"
    bom.write_bytes("\ufeffnaam\nCécile\n".encode("utf-8"))
    assert read_text_any(bom) == "naam\nCécile\n"  # the BOM is not part of the first header
    win = tmp_path / "win.csv"
    win.write_bytes("naam\nCécile €\n".encode("cp1252"))
    assert read_text_any(win) == "naam\nCécile €\n"


def test_delimiter_follows_the_header_line():
    assert sniff_delimiter("a;b;c\n1,5;2,5;3\n") == ";"  # decimal commas below do not count
    assert sniff_delimiter("a,b;c\n") == ","
    assert sniff_delimiter("") == ","


def test_csv_rows_of_a_dutch_excel_export(tmp_path):
    p = tmp_path / "enquete.csv"
    p.write_bytes("id;cijfer;opmerking\n1;8,5;\"goed; snel\"\n".encode("cp1252"))
    assert read_csv_rows(p) == [["id", "cijfer", "opmerking"], ["1", "8,5", "goed; snel"]]


def test_naive_times_are_amsterdam_in_winter_and_summer():
    # CET (+1) in November, CEST (+2) in July: one rule, written once
    assert utc_and_local(datetime(2026, 11, 16, 9, 0)) == (datetime(2026, 11, 16, 8, 0),
                                                           datetime(2026, 11, 16, 9, 0))
    assert utc_and_local(datetime(2026, 7, 1, 9, 0)) == (datetime(2026, 7, 1, 7, 0),
                                                         datetime(2026, 7, 1, 9, 0))
    aware = datetime(2026, 7, 1, 9, 0, tzinfo=timezone.utc)
    assert utc_and_local(aware) == (datetime(2026, 7, 1, 9, 0), datetime(2026, 7, 1, 11, 0))
    assert to_utc_local("2026-11-16T08:00:00Z") == (datetime(2026, 11, 16, 8, 0),
                                                    datetime(2026, 11, 16, 9, 0))
    assert to_utc_local("") == (None, None)
    assert str(LOCAL_TZ) == "Europe/Amsterdam"


def test_normalise_timestamp_adds_the_local_offset_or_names_the_place():
    assert normalise_timestamp(" 2026-07-01 09:00:00 ") == "2026-07-01T09:00:00+02:00"
    assert normalise_timestamp("2026-07-01T09:00:00Z") == "2026-07-01T09:00:00+00:00"
    with pytest.raises(InputError, match=r"calls.csv: row 4, started_at: not an ISO 8601 time: 'gisteren'"):
        normalise_timestamp("gisteren", source="calls.csv", where="row 4, started_at")


def test_file_sha256_reads_in_blocks(tmp_path):
    p = tmp_path / "blob.bin"
    data = bytes(range(256)) * 1000
    p.write_bytes(data)
    assert file_sha256(p, block=1000) == hashlib.sha256(data).hexdigest() == file_sha256(p)


def test_an_unreadable_or_empty_export_is_one_line_naming_the_file(tmp_path):
    empty = tmp_path / "leeg.csv"
    empty.write_text("  \n", encoding="utf-8")
    with pytest.raises(InputError, match=r"leeg.csv: empty file, expected a header row"):
        read_csv_rows(empty)
    with pytest.raises(InputError, match=r"weg.csv: cannot read"):
        read_export(tmp_path / "weg.csv")
