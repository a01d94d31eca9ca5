"""Copy the third-party vectors of the fourth set out of public snapshots (run once, by hand).

Reads git snapshots under /work/.mirror (fetched from GitHub) and writes the TSV files in
`sources/`; SOURCES.md names repository, path, commit and licence for each. Values already in the
first, second or third set's vendored sources are dropped here, so nothing of those sets comes
back. Not imported by the project; the vendored files are the data of record.
"""
from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import phonenumbers
from stdnum.nl import bsn as std_bsn

MIRROR = Path("/work/.mirror")
OUT = Path(__file__).resolve().parent / "sources"
EVAL = Path(__file__).resolve().parents[2]
OLD = "\n".join(p.read_text(encoding="utf-8") for d in ("pii-vectors", "pii-vectors-2", "held-out/pii-vectors-3")
                for p in sorted((EVAL / d / "sources").glob("*.tsv")))
OLD_COMPACT = re.sub(r"[^A-Za-z0-9]", "", OLD).upper()
PHONE = "daviddrysdale+python-phonenumbers"
BRP = "BRP-API+Haal-Centraal-BRP-bevragen"
COMMONS = "apache+commons-validator"
TESTS = "src/test/java/org/apache/commons/validator/routines/"


def git(repo: str, *args: str) -> str:
    return subprocess.run(["git", "-C", str(MIRROR / repo / "repo"), *args], check=True,
                          capture_output=True).stdout.decode("utf-8-sig", "replace")


def show(repo: str, path: str) -> str:
    return git(repo, "show", f"HEAD:{path}")


def write_tsv(name: str, header: list[str], rows: list[list[str]]) -> None:
    rows = [list(r) for r in dict.fromkeys(tuple(r) for r in rows)]
    with (OUT / name).open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(header)
        w.writerows(rows)
    print(name, len(rows), file=sys.stderr)


def new(value: str) -> bool:
    c = re.sub(r"[^A-Za-z0-9]", "", value).upper()
    return value not in OLD and (len(c) < 8 or c not in OLD_COMPACT)


def parse(value: str) -> phonenumbers.PhoneNumber | None:
    try:
        return phonenumbers.parse(value)
    except phonenumbers.NumberParseException:
        return None


def phone_tests() -> None:
    """PhoneNumber literals of the carrier, geocoder and PhoneNumber tests, valid in the real metadata."""
    rows = []
    for path in ("python/tests/carriertest.py", "python/tests/geocodertest.py", "python/tests/phonenumbertest.py"):
        for m in re.finditer(r"country_code=(\d+),\s*national_number=(\d+)", show(PHONE, path)):
            num = parse(f"+{m.group(1)}{m.group(2)}")
            if num is None:
                continue
            e164 = phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)
            if phonenumbers.is_valid_number(num) and new(e164) and new(m.group(2)):
                rows.append([m.group(1), m.group(2), phonenumbers.region_code_for_number(num), path])
    root = ET.fromstring(show(PHONE, "resources/PhoneNumberMetadata.xml"))
    for terr in root.iter("territory"):
        for desc in terr:
            ex = desc.find("exampleNumber")
            if ex is None or not ex.text:
                continue
            num = parse(f"+{terr.get('countryCode')}{ex.text}")
            if num is None:
                continue
            e164 = phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)
            if phonenumbers.is_valid_number(num) and new(e164) and new(ex.text):
                rows.append([terr.get("countryCode"), ex.text, terr.get("id"),
                             f"resources/PhoneNumberMetadata.xml#{desc.tag}/exampleNumber"])
    write_tsv("phonenumbers_4.tsv", ["country_code", "national_number", "region", "path"], rows)


def nl_prefixes() -> None:
    """Dutch area codes (geocoding data, with their place) and mobile prefixes (carrier data)."""
    rows = []
    for path, kind in (("resources/geocoding/nl/31.txt", "area"), ("resources/carrier/en/31.txt", "mobile")):
        for line in show(PHONE, path).splitlines():
            m = re.fullmatch(r"31(\d+)\|(.+)", line.strip())
            if m and (kind == "area" or m.group(1).startswith("6")):
                rows.append([kind, m.group(1), m.group(2), path])
    write_tsv("nl_prefixes.tsv", ["kind", "prefix", "name", "path"], rows)


def commons() -> None:
    """Apache Commons Validator: addresses asserted valid, IBAN fixtures valid and invalid."""
    src = show(COMMONS, TESTS + "EmailValidatorTest.java")
    rows = [[m.group(1), "valid", TESTS + "EmailValidatorTest.java"]
            for m in re.finditer(r'assertTrue\(\s*\w+\.isValid\("([^"\\]+)"\)', src) if "@" in m.group(1)]
    write_tsv("commons_email.tsv", ["address", "listed_as", "path"], [r for r in rows if new(r[0])])
    src = show(COMMONS, TESTS + "IBANValidatorTest.java")
    out = []
    for name, listed in (("INVALID_IBAN_FIXTURES", "invalid"), ("VALID_IBAN_FIXTURES", "valid")):
        block = src[src.index(name):]
        block = block[:block.index(");")]
        out += [[v, listed, TESTS + "IBANValidatorTest.java"] for v in re.findall(r'"([A-Za-z0-9 ]{12,})"', block)]
    write_tsv("commons_iban.tsv", ["iban", "listed_as", "path"], [r for r in out if new(r[0])])


# django/django tests/validators/tests.py (commit 012c74732cd2882aace1c88902d2955414ab5310, BSD-3-Clause):
# the ASCII addresses of TEST_DATA that validate_email / validate_email_utf8 accept (expected None),
# read through the code index and copied here.
DJANGO_EMAILS = ("email@here.com", "weirder-email@here.and.there.com", "example@valid-----hyphens.com",
                 "example@valid-with-hyphens.com", "normal_ascii_email@here.com", "email@localhost")


def django() -> None:
    write_tsv("django_email.tsv", ["address", "listed_as", "path"],
              [[a, "valid", "tests/validators/tests.py"] for a in DJANGO_EMAILS if new(a)])


def rvig() -> None:
    """Related persons (parents 02/03, partner 05, children 09) and past addresses (58) of the RvIG
    test persons: BSN, birth date, postcode with house number. Fictitious test data."""
    path = "scripts/20220502_Testset_persoonslijsten_proefomgeving_GBA-V.csv"
    rows = list(csv.reader(io.StringIO(show(BRP, path)), delimiter=";"))
    head = [h.lstrip("\ufeff") for h in rows[0]]
    out = []
    for r in rows[1:]:
        cell = {h: (r[i] if i < len(r) else "") for i, h in enumerate(head)}
        for cat in ("02", "03", "05", "09", "52", "53", "55", "59"):
            b, d = cell.get(f"{cat}.01.20", ""), cell.get(f"{cat}.03.10", "")
            if b and std_bsn.is_valid(b) and new(b):
                out.append(["bsn", b, "", "", f"{cat}.01.20"])
            if re.fullmatch(r"(19|20)\d{6}", d) and d[4:6] != "00" and d[6:] != "00":
                out.append(["dob", d, "", "", f"{cat}.03.10"])
        for cat in ("08", "58"):
            pc = cell.get(f"{cat}.11.60", "")
            if re.fullmatch(r"[1-9]\d{3}[A-Z]{2}", pc) and new(pc + cell.get(f"{cat}.11.20", "")):
                hn = cell.get(f"{cat}.11.20", "") + cell.get(f"{cat}.11.30", "")
                out.append(["postcode", pc, hn, cell.get(f"{cat}.11.70", ""), f"{cat}.11.60"])
    for f in git(BRP, "ls-tree", "-r", "--name-only", "HEAD").splitlines():
        if f.startswith("features/") and f.endswith(".feature"):
            for m in re.finditer(r"(?<!\d)\d{9}(?!\d)", show(BRP, f)):
                if std_bsn.is_valid(m.group(0)) and new(m.group(0)):
                    out.append(["bsn", m.group(0), "", "", f])
    write_tsv("rvig_brp_4.tsv", ["kind", "value", "house_number", "town", "where"], out)


def bank_registry() -> None:
    """schwifty's Dutch and Belgian bank registries (locale data): bank codes, BIC, bank name."""
    import json
    rows = [["NL", e["bank_code"], e["bic"], e["short_name"], "schwifty/bank_registry/generated_nl.json"]
            for e in json.loads(show("mdomke+schwifty", "schwifty/bank_registry/generated_nl.json"))]
    for e in json.loads(show("mdomke+schwifty", "schwifty/bank_registry/generated_be.v2.json"))["entries"]:
        if e.get("bank_codes"):
            rows.append(["BE", e["bank_codes"][0], e.get("bic") or "", e.get("short_name") or "",
                         "schwifty/bank_registry/generated_be.v2.json"])
    write_tsv("bank_registry.tsv", ["country", "bank_code", "bic", "name", "path"], rows)


if __name__ == "__main__":
    bank_registry()
    django()
    phone_tests()
    nl_prefixes()
    commons()
    rvig()
