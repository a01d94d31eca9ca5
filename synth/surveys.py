"""Write survey exports exactly as the tools do, for tests, demos and benchmarks.

* `write_qualtrics_csv`: UTF-8 with BOM, `,`, 3 header rows (export tag, question text,
  `{"ImportId":...}`), `Q2_NPS_GROUP` beside the NPS, matrix sub-questions `Q3_1..Q3_5`,
  embedded data `contact_id`/`agent`, dates `2026-11-16 10:02:11`.
* `write_surveymonkey_csv` / `write_surveymonkey_xlsx`: 2 header rows (question, then
  "Response" / "Open-Ended Response" / sub-question), `Custom Data 1` = contact id, US dates
  `11/16/2026 10:02:11 AM`.
* `write_dutch_csv`: what a Dutch Excel saves: cp1252 (or UTF-8 with BOM), `;`, decimal commas,
  dates `16-11-2026 10:02`.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

ITEMS = ("deskundigheid", "vriendelijkheid", "duidelijkheid", "snelheid", "meedenken")


@dataclass(frozen=True)
class FakeResponse:
    contact_id: str | None
    agent: str | None
    submitted: datetime | None  # naive local time
    csat: float | str | None  # a str is written as is (for malformed-row fixtures)
    nps: int | str | None
    comment: str | None = None
    items: Mapping[str, int] = field(default_factory=dict)
    response_id: str | None = None


def _s(v: object) -> str:
    return "" if v is None else str(v)


def write_qualtrics_csv(path: Path, rows: Sequence[FakeResponse], csat_scale: int = 10) -> Path:
    meta = ["StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)",
            "Finished", "RecordedDate", "ResponseId", "RecipientLastName", "RecipientFirstName",
            "RecipientEmail", "ExternalReference", "LocationLatitude", "LocationLongitude",
            "DistributionChannel", "UserLanguage"]
    q = ["Q1", "Q2", "Q2_NPS_GROUP"] + [f"Q3_{i + 1}" for i in range(len(ITEMS))] + ["Q4", "contact_id", "agent"]
    texts = meta[:]
    texts[5] = "Duration (in seconds)"
    qtexts = [
        f"Welk rapportcijfer (1-{csat_scale}) geeft u voor het contact met onze medewerker?",
        "Hoe waarschijnlijk is het dat u ons aanbeveelt bij vrienden of familie?",
        "Hoe waarschijnlijk is het dat u ons aanbeveelt bij vrienden of familie? - Group",
    ] + [f"Hoe tevreden bent u over de medewerker? - {i.capitalize()}" for i in ITEMS] + [
        "Wilt u uw antwoord toelichten?", "contact_id", "agent"]
    ids = ['{"ImportId":"startDate","timeZone":"Europe/Amsterdam"}', '{"ImportId":"endDate","timeZone":"Europe/Amsterdam"}',
           '{"ImportId":"status"}', '{"ImportId":"ipAddress"}', '{"ImportId":"progress"}', '{"ImportId":"duration"}',
           '{"ImportId":"finished"}', '{"ImportId":"recordedDate","timeZone":"Europe/Amsterdam"}',
           '{"ImportId":"_recordId"}', '{"ImportId":"recipientLastName"}', '{"ImportId":"recipientFirstName"}',
           '{"ImportId":"recipientEmail"}', '{"ImportId":"externalDataReference"}', '{"ImportId":"locationLatitude"}',
           '{"ImportId":"locationLongitude"}', '{"ImportId":"distributionChannel"}', '{"ImportId":"userLanguage"}']
    ids += ['{"ImportId":"QID1"}', '{"ImportId":"QID2"}', '{"ImportId":"QID2_NPS_GROUP"}']
    ids += [f'{{"ImportId":"QID3_{i + 1}"}}' for i in range(len(ITEMS))]
    ids += ['{"ImportId":"QID4_TEXT"}', '{"ImportId":"contact_id"}', '{"ImportId":"agent"}']
    buf = io.StringIO()
    w = csv.writer(buf, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    w.writerow(meta + q)
    w.writerow(texts + qtexts)
    w.writerow(ids)
    for n, r in enumerate(rows):
        ts = r.submitted.strftime("%Y-%m-%d %H:%M:%S") if r.submitted else ""
        group = "" if r.nps in (None, "") or isinstance(r.nps, str) else (3 if r.nps >= 9 else 2 if r.nps >= 7 else 1)
        w.writerow([ts, ts, "IP Address", "81.204.1.1", "100", "143", "True", ts,
                    r.response_id or f"R_{n:015d}", "", "", "", "", "52.37", "4.89", "email", "NL"]
                   + [_s(r.csat), _s(r.nps), _s(group)] + [_s(r.items.get(i)) for i in ITEMS]
                   + [_s(r.comment), _s(r.contact_id), _s(r.agent)])
    path.write_bytes(("\ufeff" + buf.getvalue()).encode("utf-8"))
    return path


def _surveymonkey_table(rows: Sequence[FakeResponse], csat_scale: int) -> tuple[list[list[object]], list[list[object]]]:
    top = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address",
           "First Name", "Last Name", "Custom Data 1", "Custom Data 2",
           f"How satisfied were you with our service? (1-{csat_scale})",
           "How likely is it that you would recommend us to a friend or colleague?",
           "How would you rate our agent on:"] + [""] * (len(ITEMS) - 1) + ["Any other comments?"]
    sub = [""] * 10 + ["Response", "Response"] + [i.capitalize() for i in ITEMS] + ["Open-Ended Response"]
    body = []
    for n, r in enumerate(rows):
        ts = r.submitted.strftime("%m/%d/%Y %I:%M:%S %p") if r.submitted else ""
        body.append([r.response_id or str(11400000000 + n), "431234567", ts, ts, "81.204.1.1", "", "", "",
                     _s(r.contact_id), _s(r.agent), _s(r.csat), _s(r.nps)]
                    + [_s(r.items.get(i)) for i in ITEMS] + [_s(r.comment)])
    return [top, sub], body


def write_surveymonkey_csv(path: Path, rows: Sequence[FakeResponse], csat_scale: int = 5) -> Path:
    header, body = _surveymonkey_table(rows, csat_scale)
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(header + body)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def write_surveymonkey_xlsx(path: Path, rows: Sequence[FakeResponse], csat_scale: int = 5) -> Path:
    import openpyxl

    header, body = _surveymonkey_table(rows, csat_scale)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet"
    for line in header:
        ws.append(line)
    for r, line in zip(rows, body):
        # Excel holds numbers as numbers and times as datetimes, as SurveyMonkey's XLSX does.
        line = list(line)
        line[2] = line[3] = r.submitted
        line[0] = int(line[0]) if str(line[0]).isdigit() else line[0]
        for k in (10, 11, *range(12, 12 + len(ITEMS))):
            v = line[k]
            line[k] = int(v) if isinstance(v, str) and v.isdigit() else (v if v != "" else None)
        ws.append(line)
    wb.save(path)
    return path


def write_dutch_csv(path: Path, rows: Sequence[FakeResponse], *, encoding: str = "cp1252",
                    with_items: bool = True) -> Path:
    header = ["Contactnummer", "Medewerker", "Datum ingevuld", "Rapportcijfer (1-10)",
              "Hoe waarschijnlijk is het dat u ons aanbeveelt (0-10)?"]
    header += [i.capitalize() for i in ITEMS] if with_items else []
    header += ["Opmerking"]
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow(header)
    for r in rows:
        csat = f"{r.csat:g}".replace(".", ",") if isinstance(r.csat, float) else _s(r.csat)
        line = [_s(r.contact_id), _s(r.agent), r.submitted.strftime("%d-%m-%Y %H:%M") if r.submitted else "",
                csat, _s(r.nps)]
        line += [_s(r.items.get(i)) for i in ITEMS] if with_items else []
        w.writerow(line + [_s(r.comment)])
    data = buf.getvalue()
    path.write_bytes(("\ufeff" + data).encode("utf-8") if encoding == "utf-8-sig" else data.encode(encoding))
    return path
