"""Copy the third-party vectors of the third set out of public snapshots (run once, by hand).

Reads git snapshots under /work/.mirror (fetched from GitHub) and writes the TSV files in
`sources/`; SOURCES.md names repository, path, commit and licence for each. Values already in the
first or second set's vendored sources (eval/pii-vectors*/sources/) are dropped here, so nothing
of those sets comes back. Not imported by the project; the vendored files are the data of record.
"""
from __future__ import annotations

import ast
import csv
import io
import re
import subprocess
import sys
import tokenize
import xml.etree.ElementTree as ET
from pathlib import Path

import phonenumbers
from stdnum import iban as std_iban
from stdnum.nl import bsn as std_bsn

MIRROR = Path("/work/.mirror")
OUT = Path(__file__).resolve().parent / "sources"
EVAL = Path(__file__).resolve().parents[2]
OLD = "\n".join(p.read_text(encoding="utf-8") for d in ("pii-vectors", "pii-vectors-2")
                for p in sorted((EVAL / d / "sources").glob("*.tsv")))
OLD_COMPACT = re.sub(r"[\s.\-/]", "", OLD).upper()
# Regions whose example numbers the first (12) and second (60) set took.
USED_REGIONS = {"NL", "BE", "FR", "ES", "DE", "GB", "US", "MA", "TR", "IT", "PL", "SR"}
# Regions taken here: callers of a Dutch contact centre from elsewhere in Europe, the Middle
# East, Asia and Africa, none in the sets before.
REGIONS = ("MT", "CY", "LI", "SM", "GI", "JE", "GG", "IM", "FO", "GL", "AL", "BA", "RS", "ME", "MK", "XK",
           "MD", "BY", "GE", "AM", "AZ", "KZ", "UZ", "SA", "QA", "KW", "BH", "OM", "JO", "LB", "IQ", "TH",
           "VN", "PH", "MY", "SG", "HK", "TW", "KR", "PK", "BD", "LK", "KE", "ET", "GM", "ML", "BF", "TG",
           "BJ", "GN", "AO", "MZ", "TT", "JM")


def show(repo: str, path: str) -> str:
    git = MIRROR / repo / "repo"
    return subprocess.run(["git", "-C", str(git), "show", f"HEAD:{path}"], check=True,
                          capture_output=True).stdout.decode("utf-8-sig")


def write_tsv(name: str, header: list[str], rows: list[list[str]]) -> None:
    rows = [list(r) for r in dict.fromkeys(tuple(r) for r in rows)]
    with (OUT / name).open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(header)
        w.writerows([[c.replace("\t", " ").replace("\r", " ").replace("\n", " ") for c in row] for row in rows])
    print(name, len(rows), file=sys.stderr)


def new(value: str) -> bool:
    return value not in OLD and re.sub(r"[\s.\-/]", "", value).upper() not in OLD_COMPACT


def literals(src: str) -> list[tuple[int, str]]:
    """(line, value) of every plain string literal of a Python source."""
    out = []
    for tok in tokenize.generate_tokens(io.StringIO(src).readline):
        if tok.type == tokenize.STRING and not tok.string.lstrip("rbuRBU").startswith(("f", "F")):
            try:
                v = ast.literal_eval(tok.string)
            except (ValueError, SyntaxError):
                continue
            if isinstance(v, str):
                out.append((tok.start[0], v))
    return out


def class_attrs(src: str) -> dict[str, object]:
    out: dict[str, object] = {}
    for node in ast.walk(ast.parse(src)):
        target = value = None
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            target, value = node.targets[0].id, node.value
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            target, value = node.target.id, node.value
        if target:
            try:
                out[target] = ast.literal_eval(value)
            except ValueError:
                pass
    return out


# --- phone ------------------------------------------------------------------------------------
def phonenumbers_tests() -> None:
    """Number strings of libphonenumber's own unit tests that the real metadata calls valid."""
    repo = "daviddrysdale+python-phonenumbers"
    rows = []
    for path in ("python/tests/phonenumberutiltest.py", "python/tests/asyoutypetest.py",
                 "python/tests/examplenumberstest.py"):  # the matcher tests were the second set's
        region = "US"
        by_line: dict[int, list[str]] = {}
        for line, v in literals(show(repo, path)):
            by_line.setdefault(line, []).append(v)
        for line in sorted(by_line):
            regions = [v for v in by_line[line] if re.fullmatch(r"[A-Z]{2}", v)]
            if regions:
                region = regions[0]
            for v in by_line[line]:
                if not v.isascii() or not re.fullmatch(r"\+?[0-9][0-9 ()./-]{6,}[0-9]", v) or \
                        len(re.sub(r"\D", "", v)) < 8:
                    continue
                try:
                    num = phonenumbers.parse(v, None if v.startswith("+") else region)
                except phonenumbers.NumberParseException:
                    continue
                if phonenumbers.is_valid_number(num) and new(v):
                    rows.append([v, phonenumbers.region_code_for_number(num), path])
    write_tsv("phonenumbers_tests.tsv", ["value", "region", "path"], rows)


def libphonenumber_examples() -> None:
    xml = show("daviddrysdale+python-phonenumbers", "resources/PhoneNumberMetadata.xml")
    rows = []
    for terr in ET.fromstring(xml).iter("territory"):
        rid = terr.get("id")
        if rid not in REGIONS or rid in USED_REGIONS:
            continue
        for kind in ("fixedLine", "mobile", "tollFree"):
            el = terr.find(kind)
            ex = el.findtext("exampleNumber") if el is not None else None
            if ex and new(ex):
                rows.append([rid, terr.get("countryCode"), kind, ex])
    write_tsv("libphonenumber_examples_3.tsv", ["region", "country_code", "type", "national_number"], rows)


def faker_locale() -> None:
    """Faker's locale data: phone formats, BBAN formats, postcode formats, towns, names, domains."""
    repo = "joke2k+faker"
    rows = []
    p = "faker/providers/phone_number/{}/__init__.py"
    for loc in ("nl_NL", "nl_BE"):
        rows += [["phone_format", loc, f] for f in class_attrs(show(repo, p.format(loc)))["formats"]]
    fr = class_attrs(show(repo, p.format("fr_FR")))
    rows += [["phone_format", "fr_FR", f] for f in fr["formats"]]
    rows += [["fr_area_code", "fr_FR", a] for a in fr["area_codes"]]
    es = class_attrs(show(repo, p.format("es_ES")))
    rows += [["phone_format", "es_ES", f] for f in es["PHONE_FORMATS"]]
    rows += [["es_prefix", "es_ES", a] for a in es["PREFIXES"]]
    gb = class_attrs(show(repo, p.format("en_GB")))
    rows += [["phone_format", "en_GB", f] for f in gb["formats"] + gb["cellphone_formats"]]
    for loc in ("nl_NL", "nl_BE", "fr_FR", "es_ES", "en_GB"):
        a = class_attrs(show(repo, f"faker/providers/bank/{loc}/__init__.py"))
        rows.append(["bban_format", loc, f"{a['country_code']}:{a['bban_format']}"])
    be = class_attrs(show(repo, "faker/providers/bank/nl_BE/__init__.py"))
    rows += [["be_bank_code", "nl_BE", c] for c in be["_VALID_BANK_CODES"]]
    addr = class_attrs(show(repo, "faker/providers/address/nl_NL/__init__.py"))
    rows += [["postcode_format", "nl_NL", f] for f in addr["postcode_formats"]]
    rows += [["street_suffix", "nl_NL", f] for f in addr["street_suffixes"]]
    rows += [["city", "nl_NL", c] for c in addr["cities"]]
    person = class_attrs(show(repo, "faker/providers/person/nl_NL/__init__.py"))
    rows += [["first_name", "nl_NL", n] for n in person["first_names_male"] + person["first_names_female"]]
    rows += [["last_name", "nl_NL", n] for n in person["last_names"]]
    rows += [["user_name_format", "base", f] for f in class_attrs(show(repo, "faker/providers/internet/__init__.py"))["user_name_formats"]]
    for loc in ("en_GB", "fr_FR", "es_ES"):
        a = class_attrs(show(repo, f"faker/providers/internet/{loc}/__init__.py"))
        rows += [["free_email_domain", loc, d] for d in a.get("free_email_domains", ())]
    for loc in ("nl_NL", "fr_FR", "es_ES"):
        a = class_attrs(show(repo, f"faker/providers/currency/{loc}/__init__.py"))
        rows += [["price_format", loc, f] for f in a["price_formats"]]
    write_tsv("faker_locale.tsv", ["what", "locale", "value"], rows)


def scrubadub() -> None:
    repo = "LeapBeyond+scrubadub"
    rows = []
    for line, v in literals(show(repo, "tests/test_detector_phone_numbers.py")):
        if re.fullmatch(r"\+?[0-9 ()./-]{7,}", v.strip()) and len(re.sub(r"\D", "", v)) >= 10:
            rows.append(["phone", v.strip(), ""])
    for f, kind in (("tests/test_detector_emails.py", "email"), ("tests/test_detector_date_of_birth.py", "dob")):
        for m in re.finditer(r"BEFORE: (.+)", show(repo, f)):
            rows.append([kind, "", m.group(1).strip()])
    write_tsv("scrubadub_tests.tsv", ["kind", "value", "before"], [r for r in rows if new(r[1] or r[2])])


# --- IBAN -------------------------------------------------------------------------------------
def ibans() -> None:
    rows = []
    doc = show("arthurdejong+python-stdnum", "tests/test_be_iban.doctest")
    for block in re.findall(r">>> numbers = '''\n(.*?)'''", doc, re.S):
        for line in block.splitlines():
            m = re.match(r"\.\.\. (BE[\d -]+?)\s{2,}", line.ljust(40) + "  ")
            if m:
                rows.append([m.group(1).strip(), "stdnum:tests/test_be_iban.doctest"])
    for path in ("stdnum/es/iban.py", "stdnum/be/iban.py", "tests/test_be_iban.doctest"):
        for v in re.findall(r"(?:validate|to_ccc|format|to_bic)\('([A-Z]{2}[0-9 -]+)'\)", show("arthurdejong+python-stdnum", path)):
            rows.append([v, f"stdnum:{path}"])
    for line in show("globalcitizen+php-iban", "registry.txt").splitlines()[1:]:
        f = line.split("|")
        rows.append([f[7], "php-iban:registry.txt#iban_example"])
    for v in re.findall(r'"([A-Z]{2}[0-9]{2}[A-Z0-9 ]{8,})"', show("arturmkrtchyan+iban4j", "src/test/java/org/iban4j/IbanTest.java")):
        rows.append([v, "iban4j:src/test/java/org/iban4j/IbanTest.java"])
    src = show("barend+java-iban", "src/test/java/nl/garvelink/iban/CountryCodesParameterizedTest.java")
    for m in re.finditer(r'td\(\s*"[^"]*",[^,]*,[^,]*,\s*"([A-Z0-9]+)",[^)]*?"([A-Z0-9 ]+)"\s*\)', src):
        rows.append([m.group(2), "java-iban:src/test/java/nl/garvelink/iban/CountryCodesParameterizedTest.java"])
    src = show("Respect+Validation", "tests/unit/Validators/IbanTest.php")
    for v in re.findall(r"\$sut, '([A-Z]{2}[0-9]{2}[A-Z0-9 ]{8,})'", src):
        rows.append([v, "respect-validation:tests/unit/Validators/IbanTest.php"])
    out = []
    for v, s in rows:
        if new(v):
            out.append([v, s, "1" if std_iban.is_valid(v) else "0"])
    write_tsv("iban_tests.tsv", ["iban", "source", "stdnum_valid"], out)


# --- BSN, postcode, date of birth --------------------------------------------------------------
def bsns() -> None:
    rows = []
    src = show("Respect+Validation", "tests/unit/Validators/BsnTest.php")
    valid_part, _, invalid_part = src.partition("providerForInvalidInput")
    rows += [[v, "respect-validation:tests/unit/Validators/BsnTest.php", "valid"] for v in re.findall(r"'(\d{8,10})'", valid_part)]
    rows += [[v, "respect-validation:tests/unit/Validators/BsnTest.php", "invalid"] for v in re.findall(r"'(\d{8,10})'", invalid_part)]
    for m in re.finditer(r"string (\d+) should be (valid|invalid)", show("MrLuit+elfproef", "tests/index.ts")):
        rows.append([m.group(1), "elfproef:tests/index.ts", m.group(2)])
    out = [r + ["1" if std_bsn.is_valid(r[0]) else "0"] for r in rows if new(r[0])]
    write_tsv("bsn_tests.tsv", ["value", "source", "listed_as", "stdnum_valid"], out)


def rvig() -> None:
    """Fictitious RvIG test persons whose BSN neither set before took (rows of any kind)."""
    text = show("BRP-API+Haal-Centraal-BRP-bevragen", "scripts/20220502_Testset_persoonslijsten_proefomgeving_GBA-V.csv")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    head = [h.lstrip("\ufeff") for h in rows[0]]
    cols = {"bsn": "01.01.20", "geboortedatum": "01.03.10", "straat": "08.11.10", "huisnummer": "08.11.20",
            "huisletter": "08.11.30", "toevoeging": "08.11.40", "postcode": "08.11.60", "woonplaats": "08.11.70"}
    idx = {k: head.index(v) for k, v in cols.items()}
    out = []
    for r in rows[1:]:
        if len(r) > max(idx.values()) and r[idx["bsn"]] and new(r[idx["bsn"]]):
            out.append([r[idx[k]] for k in cols])
    write_tsv("rvig_testset_persons_3.tsv", list(cols), out)


def postcodes() -> None:
    rows = []
    src = show("django+django-localflavor", "tests/test_nl/tests.py")
    for line, v in literals(src):
        if re.fullmatch(r"\s*[0-9]{4} *[A-Za-z]{2}\s*", v):
            rows.append([v, "localflavor:tests/test_nl/tests.py", "1" if re.fullmatch(r"\s*[1-9][0-9]{3} *[A-Za-z]{2}\s*", v) else "0"])
    info = show("google+libaddressinput", "testdata/countryinfo.txt")
    m = re.search(r'^data/NL=.*"zipex":"([^"]+)"', info, re.M)
    rows += [[z, "libaddressinput:testdata/countryinfo.txt#data/NL", "1"] for z in m.group(1).split(",")]
    write_tsv("postcode_tests.tsv", ["value", "source", "valid"], rows)


# --- e-mail -------------------------------------------------------------------------------------
# WHATWG/web-platform-tests html/semantics/forms/the-input-element/email.html (commit
# 10281425a6d4cc3c744c80570463d5995d675b87), read through the code index (the repository is too
# large to fetch): the addresses its tests set as valid values.
WPT_EMAILS = ("user@example.com", "user1@example.com", "user2@test.com", "user3@test.com", "user2@example.com",
              "user4@example.com")


def emails() -> None:
    rows = []
    for f in ("test/tests.xml", "test/tests-original.xml"):
        for t in ET.fromstring(show("dominicsayers+isemail", f).encode("utf-8")).iter("test"):
            cat = t.findtext("category") or ""
            rows.append([t.findtext("address") or "", f"isemail:{f}", cat, t.findtext("source") or ""])
    for v in re.findall(r"\[\$sut, '([^']+@[^']+)'\]", show("Respect+Validation", "tests/unit/Validators/EmailTest.php").split("providerForInvalidInput")[0]):
        rows.append([v, "respect-validation:tests/unit/Validators/EmailTest.php", "valid", ""])
    rows += [[v, "wpt:html/semantics/forms/the-input-element/email.html", "valid", ""] for v in WPT_EMAILS]
    write_tsv("email_tests.tsv", ["address", "source", "category", "origin"], [r for r in rows if r[0] and new(r[0])])


if __name__ == "__main__":
    OUT.mkdir(exist_ok=True)
    phonenumbers_tests()
    libphonenumber_examples()
    faker_locale()
    scrubadub()
    ibans()
    bsns()
    rvig()
    postcodes()
    emails()
