"""Survey exports as the tools write them (from their documented export formats), with realistic noise.

| writer | layout |
|---|---|
| `write_qualtrics` | current CSV: UTF-8 BOM, 3 header rows (export tag, question text, `{"ImportId":...,"timeZone":...}`), ISO times, `Q2_NPS_GROUP`, `ExternalReference` = contact id |
| `write_qualtrics_legacy` | legacy CSV: 2 header rows (`ResponseID`, `ResponseSet`, ... `Q1`; then the question texts) |
| `write_surveymonkey` | CSV or XLSX: question row + sub-answer row ("Response", "Open-Ended Response", one column per choice of a multiple-answer question), `Respondent ID`, `Custom Data 1/2`, dates `11/23/2026 10:14:55 AM` |
| `write_typeform` | CSV or XLSX: optional group-title row above the question row; `#`, hidden fields (`contact_id`, `agent`, `lang`), `Start Date (UTC)`, `Submit Date (UTC)` in UTC, `Network ID` |
| `write_google_forms` | CSV or XLSX, English (`Timestamp`, m/d/yyyy, or m/d/yy h:mm as Excel re-saves it) or Spanish (`Marca temporal`, d/m/yyyy, "¿Qué tan probable es que recomiendes ... a un amigo?") |
| `write_limesurvey` | CSV with question codes, `;`, `submitdate` `1980-01-01 00:00:00` when anonymised, "N/A" answers |

The noise every export carries: a multiple-choice "why" question and one whose text says
"language(s)", a second "recommend" question (Yes/No), "N/A"-style answers (`Answer.csat = NA`),
and `bad_date` rows whose time cell holds an impossible date. `sample_answers` builds the truth the
tests compare a read export with.
"""
from __future__ import annotations

import csv
import io
import json
import random
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Sequence
from zoneinfo import ZoneInfo

LOCAL = ZoneInfo("Europe/Amsterdam")
NA = "N/A"  # an Answer score written as the tool's "not applicable" text
NA_TEXT = {"qualtrics": "N/A", "surveymonkey": "N/A", "typeform": "N/A", "google-forms-en": "N/A",
           "google-forms-es": "No aplica", "limesurvey": "N/A"}
REASONS = ("Billing", "Moving house", "Parking permit", "Other")
REASONS_ES = {"Billing": "Facturación", "Moving house": "Mudanza", "Parking permit": "Permiso de aparcamiento",
              "Other": "Otro"}
DEV_LANGUAGES = ("ex", "c/", "py", "Python, C++", "Julia")  # a multiple-choice "languages" question


@dataclass(frozen=True)
class Answer:
    response_id: str
    contact_id: str | None
    agent: str | None
    submitted: datetime  # local time (Europe/Amsterdam), naive
    language: str  # nl | en | fr | es
    csat: int | str | None  # 1..scale, NA, or other text (written as is)
    nps: int | str | None
    comment: str | None
    reason: str = "Other"  # the multiple-choice "why" question
    recommend_agent: bool = True  # the second "recommend" question (Yes/No)
    bad_date: bool = False  # the time cell holds an impossible date (Nov 31)


def sample_answers(n: int = 24, *, seed: int = 7, csat_scale: int = 10, ambiguous_days: bool = False) -> list[Answer]:
    """`n` answers in November 2026: distinct comments, every fifth CSAT "N/A", row 7 a bad
    date. `ambiguous_days`: every day 1..12 (no value tells d/m from m/d)."""
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        day = 1 + (i % 12) if ambiguous_days else 1 + (i * 7) % 30
        when = datetime(2026, 11, day, 8 + i % 10, (i * 13) % 60, (i * 29) % 60)
        csat: int | str | None = rnd.randint(max(1, csat_scale - 6), csat_scale)
        if i % 5 == 4:
            csat = NA
        out.append(Answer(
            response_id=f"resp-{i:03d}", contact_id=f"c-{1000 + i}", agent=f"a-{(i % 4) + 1:02d}",
            submitted=when, language=("nl", "en", "fr", "es")[i % 4], csat=csat, nps=rnd.randint(0, 10),
            comment=f"Opmerking {i}: " + rnd.choice(("snel geholpen", "lang gewacht", "vriendelijk", "onduidelijk")),
            reason=REASONS[i % len(REASONS)], recommend_agent=i % 3 != 0, bad_date=i == 6,
        ))
    return out


def _s(v: object, na: str = NA) -> str:
    if v is None:
        return ""
    return na if v == NA else str(v)


def _csv(path: Path, rows: Sequence[Sequence[object]], *, delimiter: str = ",", encoding: str = "utf-8",
         bom: bool = False, quote_all: bool = False) -> Path:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n",
               quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL).writerows(rows)
    path.write_bytes(("\ufeff" if bom else "").encode("utf-8") + buf.getvalue().encode(encoding))
    return path


def _xlsx(path: Path, rows: Sequence[Sequence[object]]) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    for r in rows:
        ws.append([None if v == "" else v for v in r])
    wb.save(path)
    return path


def _us(t: datetime, *, seconds: bool = True, ampm: bool = False, two_digit: bool = False) -> str:
    year = f"{t.year % 100:02d}" if two_digit else str(t.year)
    clock = f"{t.hour % 12 or 12}:{t.minute:02d}" if ampm else f"{t.hour}:{t.minute:02d}"
    clock += f":{t.second:02d}" if seconds else ""
    return f"{t.month}/{t.day}/{year} {clock}" + ((" PM" if t.hour >= 12 else " AM") if ampm else "")


def _eu(t: datetime) -> str:
    return f"{t.day}/{t.month}/{t.year} {t.hour}:{t.minute:02d}:{t.second:02d}"


# --- Qualtrics ----------------------------------------------------------------------------------


def write_qualtrics(path: Path, answers: Sequence[Answer], *, csat_scale: int = 10,
                    time_zone: str = "Europe/Amsterdam") -> Path:
    tags = ["StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)", "Finished",
            "RecordedDate", "ResponseId", "RecipientLastName", "RecipientFirstName", "RecipientEmail",
            "ExternalReference", "LocationLatitude", "LocationLongitude", "DistributionChannel", "UserLanguage",
            "Q1", "Q2", "Q2_NPS_GROUP", "Q3", "Q4", "Q5", "Q6", "agent"]
    texts = tags[:17] + [
        f"How satisfied were you with the help you received? (1-{csat_scale})",
        "How likely is it that you would recommend us to a friend or colleague?",
        "How likely is it that you would recommend us to a friend or colleague? - Group",
        "Why did you contact us today? - Selected Choice",
        "Which languages do you speak at home? - Selected Choice",
        "Would you recommend the agent who helped you?",
        "Is there anything else you would like to tell us?", "agent"]
    zoned = {"startDate", "endDate", "recordedDate"}
    ids = ["startDate", "endDate", "status", "ipAddress", "progress", "duration", "finished", "recordedDate",
           "_recordId", "recipientLastName", "recipientFirstName", "recipientEmail", "externalDataReference",
           "locationLatitude", "locationLongitude", "distributionChannel", "userLanguage",
           "QID1", "QID2", "QID2_NPS_GROUP", "QID3", "QID4", "QID5", "QID6_TEXT", "agent"]
    meta = [json.dumps({"ImportId": i, **({"timeZone": time_zone} if i in zoned else {})}, separators=(",", ":"))
            for i in ids]
    body = []
    tz = ZoneInfo(time_zone)
    for a in answers:
        t = a.submitted.replace(tzinfo=LOCAL).astimezone(tz)
        ts = "2026-11-31 " + t.strftime("%H:%M:%S") if a.bad_date else t.strftime("%Y-%m-%d %H:%M:%S")
        group = "" if not isinstance(a.nps, int) else (3 if a.nps >= 9 else 2 if a.nps >= 7 else 1)
        body.append([ts, ts, "IP Address", "81.204.1.1", "100", "143", "True", ts, a.response_id, "", "", "",
                     _s(a.contact_id), "52.37", "4.89", "email", a.language.upper(),
                     _s(a.csat), _s(a.nps), _s(group), a.reason, "Dutch,English", "Yes" if a.recommend_agent else "No",
                     _s(a.comment), _s(a.agent)])
    return _csv(path, [tags, texts, meta] + body, bom=True, quote_all=True)


def write_qualtrics_legacy(path: Path, answers: Sequence[Answer], *, csat_scale: int = 10) -> Path:
    top = ["ResponseID", "ResponseSet", "Name", "ExternalDataReference", "EmailAddress", "IPAddress", "Status",
           "StartDate", "EndDate", "Finished", "Q1", "Q2", "Q3", "Q4", "Q5", "agent"]
    second = top[:10] + [f"How satisfied were you with the help you received? (1-{csat_scale})",
                         "How likely is it that you would recommend us to a friend or colleague?",
                         "Why did you contact us today?", "Would you recommend the agent who helped you?",
                         "Is there anything else you would like to tell us?", "agent"]
    body = []
    for a in answers:
        ts = "2026-11-31 10:00:00" if a.bad_date else a.submitted.strftime("%Y-%m-%d %H:%M:%S")
        body.append([a.response_id, "Default Response Set", "Anonymous", _s(a.contact_id), "", "81.204.1.1", "0",
                     ts, ts, "1", _s(a.csat), _s(a.nps), a.reason, "1" if a.recommend_agent else "2",
                     _s(a.comment), _s(a.agent)])
    return _csv(path, [top, second] + body)


# --- SurveyMonkey -------------------------------------------------------------------------------


def write_surveymonkey(path: Path, answers: Sequence[Answer], *, csat_scale: int = 10, xlsx: bool = False) -> Path:
    top = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address", "First Name",
           "Last Name", "Custom Data 1", "Custom Data 2",
           f"How satisfied were you with our service? (1-{csat_scale})",
           "How likely is it that you would recommend us to a friend or colleague?",
           "Why did you contact us? (select all that apply)"] + [""] * (len(REASONS) - 1) + [
           "In which language would you like us to write to you next time?",
           "Would you recommend the agent who helped you?", "Any other comments?"]
    sub = [""] * 10 + ["Response", "Response"] + list(REASONS) + ["Response", "Response", "Open-Ended Response"]
    body: list[list[object]] = []
    for n, a in enumerate(answers):
        t = a.submitted
        if a.bad_date:
            when: object = f"11/31/2026 {t.hour % 12 or 12}:{t.minute:02d}:{t.second:02d} AM"
        elif xlsx:
            when = t
        else:
            when = _us(t, ampm=True)
        csat = a.csat if xlsx and isinstance(a.csat, int) else _s(a.csat)
        nps = a.nps if xlsx and isinstance(a.nps, int) else _s(a.nps)
        rid: object = 11400000000 + n if xlsx else str(11400000000 + n)
        body.append([rid, 431234567, when, when, "81.204.1.1", "", "", "", _s(a.contact_id), _s(a.agent),
                     csat, nps] + [r if r == a.reason else "" for r in REASONS]
                    + [{"nl": "Dutch", "en": "English", "fr": "French", "es": "Spanish"}[a.language],
                       "Yes" if a.recommend_agent else "No", _s(a.comment)])
    rows = [top, sub] + body
    return _xlsx(path, rows) if xlsx else _csv(path, rows)


def surveymonkey_ids(answers: Sequence[Answer]) -> list[str]:
    """The respondent ids `write_surveymonkey` gives the answers (its own numbering)."""
    return [str(11400000000 + n) for n in range(len(answers))]


# --- Typeform -----------------------------------------------------------------------------------


def write_typeform(path: Path, answers: Sequence[Answer], *, xlsx: bool = False, groups: bool = True) -> Path:
    questions = ["#", "How satisfied were you with our service? (1-10)",
                 "How likely are you to recommend us to a friend?", "Why did you contact us?",
                 "Would you recommend the agent who helped you?", "Anything else you want to tell us?",
                 "contact_id", "agent", "lang", "Start Date (UTC)", "Submit Date (UTC)", "Network ID"]
    group_row = ["", "Your contact with us", "", "", "About our agent", "", "", "", "", "", "", ""]
    body: list[list[object]] = []
    for a in answers:
        utc = a.submitted.replace(tzinfo=LOCAL).astimezone(timezone.utc).replace(tzinfo=None)
        if a.bad_date:
            when: object = "2026-11-31 " + utc.strftime("%H:%M:%S")
        else:
            when = utc if xlsx else utc.strftime("%Y-%m-%d %H:%M:%S")
        csat = a.csat if xlsx and isinstance(a.csat, int) else _s(a.csat)
        nps = a.nps if xlsx and isinstance(a.nps, int) else _s(a.nps)
        body.append([a.response_id, csat, nps, a.reason, "Yes" if a.recommend_agent else "No", _s(a.comment),
                     _s(a.contact_id), _s(a.agent), a.language, when, when, "3f1c2b9a0e"])
    rows = ([group_row] if groups else []) + [questions] + body
    return _xlsx(path, rows) if xlsx else _csv(path, rows)


# --- Google Forms -------------------------------------------------------------------------------

_GF = {
    "en": ["Timestamp", "Contact ID (see your e-mail)", "Agent ID", "Overall, how satisfied are you with our service? (1-5)",
           "How likely are you to recommend our service to a friend?", "Why did you contact us?",
           "What programming languages have you used besides R?", "Would you recommend the agent who helped you?",
           "Any other comments?"],
    "es": ["Marca temporal", "ID de contacto (en su correo)", "ID del agente",
           "¿Qué tan satisfecho está con la atención recibida? (1-5)",
           "¿Qué tan probable es que recomiendes nuestro servicio a un amigo?", "¿Por qué nos contactaste?",
           "¿Qué lenguajes de programación has usado además de R?", "¿Recomendarías al agente que te atendió?",
           "¿Algún comentario adicional?"],
}


def write_google_forms(path: Path, answers: Sequence[Answer], *, lang: str = "en", xlsx: bool = False,
                       two_digit_years: bool = False) -> Path:
    """CSAT on 1-5 here (Google Forms' linear scale); answers' csat above 5 are written as is."""
    na = NA_TEXT[f"google-forms-{lang}"]
    body: list[list[object]] = []
    for i, a in enumerate(answers):
        t = a.submitted
        if a.bad_date:
            when: object = f"11/31/{t.year} {t.hour}:{t.minute:02d}:{t.second:02d}" if lang == "en" \
                else f"31/11/{t.year} {t.hour}:{t.minute:02d}:{t.second:02d}"
        elif xlsx:
            when = t
        elif lang == "en":
            when = _us(t, seconds=not two_digit_years, two_digit=two_digit_years)
        else:
            when = _eu(t)
        csat: object = _s(a.csat, na)
        nps: object = _s(a.nps, na)
        if xlsx:
            csat = a.csat if isinstance(a.csat, int) else csat
            nps = a.nps if isinstance(a.nps, int) else nps
        reason = a.reason if lang == "en" else REASONS_ES[a.reason]
        yes = ("Yes", "No") if lang == "en" else ("Sí", "No")
        body.append([when, _s(a.contact_id), _s(a.agent), csat, nps, reason, DEV_LANGUAGES[i % len(DEV_LANGUAGES)],
                     yes[0] if a.recommend_agent else yes[1], _s(a.comment)])
    rows = [_GF[lang]] + body
    return _xlsx(path, rows) if xlsx else _csv(path, rows)


# --- LimeSurvey ---------------------------------------------------------------------------------


def write_limesurvey(path: Path, answers: Sequence[Answer], *, anonymized: bool = True, csat_scale: int = 10) -> Path:
    """Question codes as headers, `;`-separated, "N/A" for unanswered; anonymised: every date is
    LimeSurvey's 1980-01-01 00:00:00 placeholder (the contact id comes from a URL parameter)."""
    header = ["id", "submitdate", "lastpage", "startlanguage", "seed", "startdate", "datestamp",
              "contactid", "agent", "CSAT", "NPS", "reason", "comment"]
    body = []
    for n, a in enumerate(answers):
        if anonymized:
            ts = "1980-01-01 00:00:00"
        elif a.bad_date:
            ts = "2026-11-31 10:00:00"
        else:
            ts = a.submitted.strftime("%Y-%m-%d %H:%M:%S")
        body.append([str(n + 1), ts, "3", a.language, str(1000 + n), ts, ts, _s(a.contact_id), _s(a.agent),
                     _s(a.csat), _s(a.nps), a.reason, _s(a.comment, "N/A")])
    return _csv(path, [header] + body, delimiter=";", quote_all=True)


def with_answers(answers: Sequence[Answer], **changes: Any) -> list[Answer]:
    """The same answers with some fields changed for all (e.g. `bad_date=False`)."""
    return [replace(a, **changes) for a in answers]
