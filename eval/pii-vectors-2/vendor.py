"""Copy the third-party vectors of the second set out of the public snapshots (run once, by hand).

Reads git snapshots under /work/.mirror (fetched from GitHub) and writes the TSV files in
`sources/`; SOURCES.md names repository, path, commit and licence for each. Nothing already in
eval/pii-vectors/sources/ is copied again (values of the first set are dropped here). Not
imported by the project; the vendored files are the data of record.
"""
from __future__ import annotations

import ast
import csv
import io
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

MIRROR = Path("/work/.mirror")
OUT = Path(__file__).resolve().parent / "sources"
FIRST = Path(__file__).resolve().parents[1] / "pii-vectors" / "sources"
LANG = {"Dutch": "nl", "English": "en", "French": "fr", "Spanish": "es", "Portuguese": "pt", "Turkish": "tr"}


def show(repo: str, path: str) -> str:
    git = MIRROR / repo / "repo"
    return subprocess.run(["git", "-C", str(git), "show", f"HEAD:{path}"], check=True,
                          capture_output=True).stdout.decode("utf-8-sig")


def write_tsv(name: str, header: list[str], rows: list[list[str]]) -> None:
    with (OUT / name).open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(header)
        w.writerows([[c.replace("\t", " ").replace("\r", " ").replace("\n", " ") for c in row] for row in rows])
    print(name, len(rows), file=sys.stderr)


def first_set_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(FIRST.glob("*.tsv")))


def recognizers() -> None:
    repo = "microsoft+Recognizers-Text"
    rows = []
    for lang in ("English", "Portuguese", "Turkish", "Dutch"):
        for case in json.loads(show(repo, f"Specs/Sequence/{lang}/PhoneNumberModel.json")):
            results = case.get("Results", [])
            if not results:
                rows.append([LANG[lang], case["Input"], "", "", case.get("NotSupported", "")])
            for r in results:
                rows.append([LANG[lang], case["Input"], r["Text"], str(r.get("Start", "")), case.get("NotSupported", "")])
    write_tsv("recognizers_phone.tsv", ["lang", "input", "phone", "start", "not_supported"], rows)
    rows = []
    for case in json.loads(show(repo, "Specs/Sequence/English/EmailModel.json")):
        for r in case.get("Results", []) or [{"Text": ""}]:
            rows.append([case["Input"], r["Text"]])
    write_tsv("recognizers_email.tsv", ["input", "email"], rows)
    rows = []
    for lang in ("Dutch", "English", "French", "Spanish"):
        for case in json.loads(show(repo, f"Specs/DateTime/{lang}/DateExtractor.json")):
            for r in case.get("Results", []):
                if re.search(r"\b(19|20)\d\d\b", r["Text"]):
                    rows.append([LANG[lang], case["Input"], r["Text"]])
    write_tsv("recognizers_dates.tsv", ["lang", "input", "date"], rows)
    rows = []
    for lang in ("Dutch", "English", "French", "Spanish"):
        for case in json.loads(show(repo, f"Specs/NumberWithUnit/{lang}/CurrencyModel.json")):
            for r in case.get("Results", []):
                rows.append([LANG[lang], r["Text"]])
    write_tsv("recognizers_currency.tsv", ["lang", "amount"], list(dict.fromkeys(map(tuple, rows))))


REGIONS = ("CW", "AW", "SX", "BQ", "LU", "CH", "AT", "DK", "SE", "NO", "FI", "IE", "PT", "GR", "CZ", "SK",
           "HU", "RO", "BG", "HR", "SI", "EE", "LT", "LV", "IS", "CA", "MX", "BR", "AR", "CO", "CL", "PE",
           "VE", "DZ", "TN", "EG", "SN", "CI", "CM", "NG", "GH", "ZA", "IN", "ID", "CN", "JP", "AU", "NZ",
           "AE", "IL", "UA", "RU", "GF", "RE", "GP", "MQ", "MC", "AD", "CV", "DO")


def libphonenumber() -> None:
    repo = "daviddrysdale+python-phonenumbers"
    root = ET.fromstring(show(repo, "resources/PhoneNumberMetadata.xml"))
    rows = []
    for t in root.iter("territory"):
        if t.get("id") not in REGIONS:
            continue
        for typ in t:
            ex = typ.find("exampleNumber")
            if ex is not None and typ.tag in ("fixedLine", "mobile", "tollFree", "voip", "uan"):
                rows.append([t.get("id"), t.get("countryCode"), typ.tag, ex.text])
    write_tsv("libphonenumber_examples_2.tsv", ["region", "country_code", "type", "national_number"], rows)
    tree = ast.parse(show(repo, "python/tests/phonenumbermatchertest.py"))
    rows = []
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name) and node.targets[0].id.endswith("_CASES"):
            for call in node.value.elts:
                args = call.args
                if isinstance(args[0], ast.Constant) and isinstance(args[1], ast.Constant):
                    rows.append([node.targets[0].id, args[0].value, args[1].value])
    write_tsv("phonenumbers_matcher_cases.tsv", ["list", "raw", "region"], rows)


def commonregex() -> None:
    tree = ast.parse(show("madisonmay+CommonRegex", "test.py"))
    rows = []
    for cls in tree.body:
        if not isinstance(cls, ast.ClassDef):
            continue
        for fn in cls.body:
            if not isinstance(fn, ast.FunctionDef):
                continue
            for node in ast.walk(fn):
                if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name) and \
                        node.targets[0].id in ("matching", "non_matching") and isinstance(node.value, ast.List):
                    for e in node.value.elts:
                        if isinstance(e, ast.Constant):
                            rows.append([cls.name, fn.name, node.targets[0].id, e.value])
    write_tsv("commonregex_tests.tsv", ["class", "test", "list", "value"], rows)


def schwifty() -> None:
    from stdnum import iban

    old = {iban.compact(m) for m in re.findall(r"[A-Z]{2}[0-9]{2}[A-Z0-9 -]{10,40}", first_set_text())}
    tree = ast.parse(show("mdomke+schwifty", "tests/test_iban.py"))
    rows = []
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name) and isinstance(node.value, ast.List):
            for e in node.value.elts:
                if isinstance(e, ast.Constant) and isinstance(e.value, str):
                    v = e.value
                    if iban.compact(v) in old:
                        continue
                    rows.append([node.targets[0].id, v, "1" if iban.is_valid(v) else "0"])
    write_tsv("schwifty_iban.tsv", ["list", "iban", "stdnum_valid"], list(dict.fromkeys(map(tuple, rows))))


JQV_TESTS = ("iban", "email", "phoneNL", "mobileNL", "phoneUK", "mobileUK", "phonePL", "mobileRU", "postalcodeNL",
             "dateNL", "dateISO", "currency", "time", "time12h")


def jquery_validation() -> None:
    """`assert.ok( [!]method( "..." ) )` lines of jquery-validation's test/methods.js, per QUnit test."""
    rows, test = [], ""
    for line in show("jquery-validation+jquery-validation", "test/methods.js").splitlines():
        m = re.search(r'QUnit\.test\( "(\w+)"', line)
        if m:
            test = m.group(1)
        m = re.search(r'assert\.ok\( (!?)method\( "([^"]*)"(\s*,[^)]*)?\s*\)', line)
        if m and test in JQV_TESTS and not m.group(3):
            rows.append([test, "0" if m.group(1) else "1", m.group(2)])
    write_tsv("jquery_validation_methods.tsv", ["test", "accepted", "value"], list(dict.fromkeys(map(tuple, rows))))


def _js_lists(text: str, start: str, end: str) -> list[tuple[str, str, str]]:
    """(locale or args, list name, string) for the `valid: [...]`/`invalid: [...]` lists of one
    `it('should validate ...')` block of validator.js's test file (line-based: one literal a line)."""
    block = text[text.index(start):text.index(end, text.index(start))]
    out, locale, name = [], "", ""
    for line in block.splitlines():
        m = re.search(r"locale: '([\w-]+)'|args: \[(.*)\],?$", line)
        if m:
            locale = m.group(1) or m.group(2)
        m = re.match(r"\s*(valid|invalid): \[", line)
        if m:
            name = m.group(1)
        for lit in re.findall(r"'((?:[^'\\]|\\.)*)'", line if name and "locale:" not in line and "args:" not in line else ""):
            out.append((locale, name, lit))
        if re.search(r"\],?\s*$", line) and "[" not in line.split("]")[0][-1:]:
            name = name if line.strip().startswith(("valid: [", "invalid: [")) and not line.rstrip().endswith("],") else ""
    return out


VJS_LOCALES = ("nl-NL", "nl-BE", "fr-BE", "fr-FR", "es-ES", "en-GB", "de-DE", "en-US", "nl-AW", "pt-PT", "de-AT",
               "de-CH", "fr-CH", "it-IT", "pl-PL", "tr-TR", "ar-MA", "ar-DZ", "ar-TN", "es-MX", "pt-BR", "en-IE",
               "de-LU", "fr-GF", "fr-GP", "fr-MQ", "fr-RE", "es-CO", "es-AR", "en-IN", "en-ZA", "en-AU", "ar-EG")


def validatorjs() -> None:
    text = show("validatorjs+validator.js", "test/validators.test.js")
    rows = []
    for locale, name, lit in _js_lists(text, "it('should validate mobile phone number'", "it('should validate currency'"):
        if locale in VJS_LOCALES:
            rows.append(["isMobilePhone", locale, name, lit])
    for _l, name, lit in _js_lists(text, "it('should validate email addresses'", "it('should validate email addresses with domain"):
        if lit.isascii():
            rows.append(["isEmail", "", name, lit])
    for args, name, lit in _js_lists(text, "it('should validate IBAN'", "it('should validate BIC"):
        if lit.isascii() and not args:
            rows.append(["isIBAN", "", name, lit])
    for locale, name, lit in _js_lists(text, "it('should validate postal code'", "it('should validate MIME"):
        if locale == "NL":
            rows.append(["isPostalCode", "NL", name, lit])
    for args, name, lit in _js_lists(text, "it('should validate taxID'", "it('should validate slug"):
        if args.strip("'") == "nl-NL":
            rows.append(["isTaxID", "nl-NL", name, lit])
    write_tsv("validatorjs_tests.tsv", ["validator", "locale", "list", "value"], list(dict.fromkeys(map(tuple, rows))))


def ibantools() -> None:
    from stdnum import iban

    text = show("Simplify+ibantools", "test/ibantools_test.js")
    rows = [[v, "1" if iban.is_valid(v) else "0"] for v in re.findall(r"'([A-Z]{2}[0-9]{2}[A-Z0-9 ]{10,40})'", text)]
    write_tsv("ibantools_iban.tsv", ["iban", "stdnum_valid"], list(dict.fromkeys(map(tuple, rows))))


def rvig(skip: int = 300, limit: int = 320) -> None:
    text = show("BRP-API+Haal-Centraal-BRP-bevragen",
                "scripts/20220502_Testset_persoonslijsten_proefomgeving_GBA-V.csv")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    head = [h.lstrip("\ufeff") for h in rows[0]]
    cols = {"bsn": "01.01.20", "geboortedatum": "01.03.10", "straat": "08.11.10",
            "huisnummer": "08.11.20", "huisletter": "08.11.30", "toevoeging": "08.11.40",
            "postcode": "08.11.60", "woonplaats": "08.11.70"}
    idx = {k: head.index(v) for k, v in cols.items()}
    old = {line.split("\t")[0] for line in (FIRST / "rvig_testset_persons.tsv").read_text(encoding="utf-8").splitlines()}
    out, seen = [], 0
    for r in rows[1:]:
        if len(r) <= max(idx.values()) or not r[idx["bsn"]] or not r[idx["postcode"]]:
            continue
        seen += 1
        if seen <= skip or r[idx["bsn"]] in old:
            continue
        out.append([r[idx[k]] for k in cols])
        if len(out) >= limit:
            break
    write_tsv("rvig_testset_persons_2.tsv", list(cols), out)


if __name__ == "__main__":
    OUT.mkdir(exist_ok=True)
    recognizers()
    libphonenumber()
    commonregex()
    schwifty()
    jquery_validation()
    validatorjs()
    ibantools()
    rvig()
