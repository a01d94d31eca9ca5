"""Property-based tests (hypothesis) of the survey readers: whatever the delimiter, encoding,
decimal commas, title lines, missing, extra or shuffled columns and bad cells, a file either loads
or is refused with a reason naming it; it never crashes and never drops a row silently: every data
row is a response or a rejected row (with a reason), and every good score is read as written."""
from __future__ import annotations

import csv
import io
from pathlib import Path
from tempfile import TemporaryDirectory

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from meeluister.errors import InputError
from surveys import read_survey

BASE = ["contact_id", "medewerker", "datum ingevuld", "Rapportcijfer (1-10)", "nps", "opmerking"]
EXTRA = ["Kolom A", "Veld B", "Extra vraag", "Regio"]
TEXT = st.text(alphabet=st.sampled_from(list("abcdeéèëïçñ ,;\t\"'-.?ABZ0123")), min_size=0, max_size=12)

CSAT_CELLS = st.one_of(st.integers(1, 10).map(str), st.sampled_from(["7,5", "8,0", "9.5"]),
                       st.sampled_from(["0", "11", "-3", "goed", "N/A", "n.v.t.", "", "10 - Uitstekend"]))
NPS_CELLS = st.one_of(st.integers(0, 10).map(str), st.sampled_from(["11", "7,5", "ja", "N/A", "no aplica", ""]))
DATE_CELLS = st.one_of(
    st.builds(lambda d, m, h: f"{d:02d}-{m:02d}-2026 {h:02d}:15", st.integers(1, 28), st.integers(1, 12),
              st.integers(0, 23)),
    st.sampled_from(["2026-11-23 10:14:55", "", "gisteren", "31-11-2026 10:00", "ne sait pas"]))


def _cell(column: str, i: int) -> st.SearchStrategy[str]:
    if column == "contact_id":
        return st.just(f"c-{i}")
    if column == "medewerker":
        return st.sampled_from(["a-01", "a-02", "", "Sanne de Vries"])
    if column == "datum ingevuld":
        return DATE_CELLS
    if column.startswith("Rapportcijfer"):
        return CSAT_CELLS
    if column == "nps":
        return NPS_CELLS
    return TEXT


@st.composite
def exports(draw: st.DrawFn) -> dict:
    cols = draw(st.lists(st.sampled_from(BASE + EXTRA), unique=True, min_size=1, max_size=8))
    if draw(st.integers(0, 3)):  # mostly a usable file: a link and a score column
        cols += [c for c in ("contact_id", draw(st.sampled_from(["nps", "Rapportcijfer (1-10)"]))) if c not in cols]
    cols = draw(st.permutations(cols))
    n = draw(st.integers(0, 12))
    rows = [[draw(_cell(c, i)) for c in cols] for i in range(n)]
    return {
        "cols": cols, "rows": rows,
        "delimiter": draw(st.sampled_from([",", ";", "\t"])),
        "encoding": draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"])),
        "titles": draw(st.integers(0, 2)),
        "question_row": draw(st.booleans()),
        "xlsx": draw(st.integers(0, 9)) == 0,
    }


def _write(d: Path, ex: dict) -> tuple[Path, list[int], list[list[str]]]:
    """The file, the record number of every non-blank data row (1-based), and those rows."""
    lines: list[list[str]] = [[f"Enquête export {k + 1}"] for k in range(ex["titles"])]
    lines.append(list(ex["cols"]))
    if ex["question_row"]:
        lines.append([f"Vraag over {c}" for c in ex["cols"]])  # read as data: rejected with a reason
    first = len(lines)
    lines += ex["rows"]
    numbers = [k + 1 for k in range(first - (1 if ex["question_row"] else 0), len(lines))
               if any(c.strip() for c in lines[k])]
    if ex["xlsx"]:
        import openpyxl

        wb = openpyxl.Workbook()
        for line in lines:
            wb.active.append(line)
        path = d / "export.xlsx"
        wb.save(path)
    else:
        buf = io.StringIO()
        csv.writer(buf, delimiter=ex["delimiter"], lineterminator="\r\n").writerows(lines)
        path = d / "export.csv"
        enc = ex["encoding"]
        path.write_bytes(("\ufeff" + buf.getvalue()).encode("utf-8") if enc == "utf-8-sig"
                         else buf.getvalue().encode(enc))
    return path, numbers, lines


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(exports())
def test_every_row_loads_or_is_quarantined_with_a_reason(ex):
    with TemporaryDirectory() as d:
        path, numbers, lines = _write(Path(d), ex)
        try:
            imp = read_survey(path)
        except InputError as exc:  # refused as a whole: one line naming the file and the cause
            assert exc.line().startswith(str(path)) and exc.cause and "\n" not in exc.cause
            event("refused")
            return
        event("loaded" if imp.responses else "loaded, every row rejected")
        kept = [r.source_row for r in imp.responses]
        rejected = [r.source_row for r in imp.rejected_rows]
        assert sorted(kept + rejected) == numbers  # rows in == rows loaded + rows quarantined
        assert imp.n_rows == len(numbers)
        for r in imp.rejects:
            assert r.reason.startswith(f"{path}: row {r.source_row}: ") and r.code
        cols = list(ex["cols"])
        for r in imp.responses:
            assert r.csat is None or 1 <= r.csat <= 10
            assert r.nps is None or 0 <= r.nps <= 10
            assert r.csat is not None or r.nps is not None
            row = lines[r.source_row - 1]
            # a good score is read as written (decimal commas included)
            if imp.columns.get("csat") == "Rapportcijfer (1-10)":
                cell = row[cols.index("Rapportcijfer (1-10)")]
                if cell.replace(",", ".").replace(".", "", 1).isdigit() and 1 <= float(cell.replace(",", ".")) <= 10:
                    assert r.csat == float(cell.replace(",", "."))
            if imp.columns.get("nps") == "nps":
                cell = row[cols.index("nps")]
                if cell.isdigit() and int(cell) <= 10:
                    assert r.nps == int(cell)
            if "contact_id" in cols and imp.columns.get("contact_id") == "contact_id":
                assert r.contact_id == row[cols.index("contact_id")]


# --- tool exports re-saved: another delimiter and encoding, columns in another order ---------

from surveys.grid import sniff_delimiter  # noqa: E402
from synth.survey_exports import (  # noqa: E402
    sample_answers,
    write_google_forms,
    write_limesurvey,
    write_qualtrics,
    write_surveymonkey,
    write_typeform,
)

ANSWERS = sample_answers(8, csat_scale=5)
TOOLS = {  # writer, whether columns may move (SurveyMonkey and Typeform groups carry a title rightwards)
    "qualtrics": (write_qualtrics, True), "google-forms": (write_google_forms, True),
    "limesurvey": (lambda p, a: write_limesurvey(p, a, anonymized=False), True),
    "typeform": (lambda p, a: write_typeform(p, a, groups=False), True),
    "surveymonkey": (write_surveymonkey, False), "typeform-groups": (write_typeform, False),
}


def _facts(imp):
    return [(r.source_row, r.response_id, r.contact_id, r.agent_ref, r.submitted_utc, r.csat, r.nps, r.comment,
             r.survey_language) for r in imp.responses], [(r.source_row, r.field, r.code) for r in imp.rejects]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(TOOLS)), st.sampled_from([",", ";", "\t"]),
       st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]), st.randoms(use_true_random=False))
def test_a_re_saved_tool_export_reads_the_same(tool, delimiter, encoding, rnd):
    writer, movable = TOOLS[tool]
    with TemporaryDirectory() as d:
        original = writer(Path(d) / "original.csv", ANSWERS)
        want = read_survey(original)
        text = original.read_bytes().decode("utf-8-sig")
        lines = list(csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text)))
        order = list(range(max(len(r) for r in lines)))
        if movable:
            rnd.shuffle(order)
        moved = [[r[i] if i < len(r) else "" for i in order] for r in lines]
        buf = io.StringIO()
        csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(moved)
        resaved = Path(d) / "resaved.csv"
        resaved.write_bytes(("\ufeff" + buf.getvalue()).encode("utf-8") if encoding == "utf-8-sig"
                            else buf.getvalue().encode(encoding, errors="replace"))
        got = read_survey(resaved)
        assert got.tool == want.tool and dict(got.columns) == dict(want.columns)
        assert _facts(got) == _facts(want)
