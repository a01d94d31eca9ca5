"""Copy the third-party test vectors this set uses out of the public snapshots (run once, by hand).

Reads git snapshots under /work/.mirror (fetched from GitHub) and writes the TSV/CSV files in
`sources/`; SOURCES.md names repository, path, commit and licence for each. Not imported by the
project; the vendored files are the data of record.
"""
from __future__ import annotations

import ast
import csv
import io
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

MIRROR = Path("/work/.mirror")
OUT = Path(__file__).resolve().parent / "sources"


def show(repo: str, path: str) -> str:
    git = MIRROR / repo / "repo"
    return subprocess.run(["git", "-C", str(git), "show", f"HEAD:{path}"], check=True,
                          capture_output=True).stdout.decode("utf-8-sig")


def write_tsv(name: str, header: list[str], rows: list[list[str]]) -> None:
    with (OUT / name).open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(header)
        # a few of Presidio's date cases test "\r"/"\n" as separators: same-length spaces here
        w.writerows([[c.replace("\r", " ").replace("\n", " ") for c in row] for row in rows])
    print(name, len(rows), file=sys.stderr)


def stdnum() -> None:
    text = show("arthurdejong+python-stdnum", "tests/test_iban.doctest")
    rows: list[list[str]] = []
    blocks = re.split(r">>> numbers = '''", text)[1:]
    for block in blocks:
        body, _, rest = block.partition("'''")
        valid = "if x and not iban.is_valid(x) ]" in rest.split("\n\n")[0] and "check_country" not in rest.split("\n\n")[0]
        for line in body.splitlines():
            line = line.removeprefix("...").strip()
            if line:
                rows.append([line, "1" if valid else "0"])
    write_tsv("stdnum_iban.tsv", ["iban", "valid"], rows)
    nl = []
    for mod in ("bsn", "onderwijsnummer", "postcode", "btw"):
        src = show("arthurdejong+python-stdnum", f"stdnum/nl/{mod}.py")
        for m in re.finditer(r">>> validate\('([^']+)'\)(?:\s*#[^\n]*)?\n(.*)\n", src):
            nl.append([mod, m.group(1), "0" if m.group(2).startswith("Traceback") else "1"])
    write_tsv("stdnum_nl.tsv", ["module", "value", "valid"], nl)


def presidio() -> None:
    base = "presidio-analyzer/tests/"
    tree = ast.parse(show("microsoft+presidio", base + "test_iban_recognizer.py"))
    rows = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == "test_when_all_ibans_then_succeed":
            lst = node.decorator_list[0].args[1]
            for e in lst.elts:
                text, n = e.elts[0].value, e.elts[1].value
                spans = ast.literal_eval(e.elts[2])
                rows.append([text, str(n), ";".join(f"{a}-{b}" for a, b in spans)])
    write_tsv("presidio_iban.tsv", ["text", "expected_len", "spans"], rows)
    for name, fn in (("phone", "test_phone_recognizer.py"), ("email", "test_email_recognizer.py"),
                     ("date", "test_date_recognizer.py")):
        tree = ast.parse(show("microsoft+presidio", base + fn))
        rows = []
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef):
                continue
            for d in node.decorator_list:
                if isinstance(d, ast.Call) and getattr(d.func, "attr", "") == "parametrize":
                    for e in d.args[1].elts:
                        vals = [ast.literal_eval(x) for x in e.elts[:3]]
                        spans = vals[2] if name != "phone" else ast.literal_eval(e.elts[3])
                        if name == "phone" and node.name != "test_when_all_phones_then_succeed":
                            continue
                        rows.append([vals[0], str(vals[1]), ";".join(f"{a}-{b}" for a, b in spans)])
        write_tsv(f"presidio_{name}.tsv", ["text", "expected_len", "spans"], rows)


def deduce() -> None:
    import json
    for name in ("dates", "emails", "phone_numbers", "identifiers", "locations"):
        data = json.loads(show("vmenger+deduce", f"tests/data/regression_cases/{name}.json"))
        rows = []
        for ex in data["examples"]:
            anns = ";".join(f"{a['start_char']}-{a['end_char']}:{a['tag']}" for a in ex["annotations"])
            if name == "locations" and not re.search(r"\d", ex["text"]):
                continue
            rows.append([ex["text"], anns])
        write_tsv(f"deduce_{name}.tsv", ["text", "annotations"], rows)


def rvig(limit: int = 300) -> None:
    text = show("BRP-API+Haal-Centraal-BRP-bevragen",
                "scripts/20220502_Testset_persoonslijsten_proefomgeving_GBA-V.csv")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    head = [h.lstrip("\ufeff") for h in rows[0]]
    cols = {"bsn": "01.01.20", "geboortedatum": "01.03.10", "straat": "08.11.10",
            "huisnummer": "08.11.20", "huisletter": "08.11.30", "toevoeging": "08.11.40",
            "postcode": "08.11.60", "woonplaats": "08.11.70"}
    idx = {k: head.index(v) for k, v in cols.items()}
    out = []
    for r in rows[1:]:
        if len(r) <= max(idx.values()) or not r[idx["bsn"]] or not r[idx["postcode"]]:
            continue
        out.append([r[idx[k]] for k in cols])
        if len(out) >= limit:
            break
    write_tsv("rvig_testset_persons.tsv", list(cols), out)


def libphonenumber() -> None:
    root = ET.fromstring(show("daviddrysdale+python-phonenumbers", "resources/PhoneNumberMetadata.xml"))
    rows = []
    for t in root.iter("territory"):
        if t.get("id") not in ("NL", "BE", "FR", "ES", "DE", "GB", "US", "MA", "TR", "IT", "PL", "SR"):
            continue
        for typ in t:
            ex = typ.find("exampleNumber")
            if ex is not None and typ.tag in ("fixedLine", "mobile", "tollFree", "voip", "pager"):
                rows.append([t.get("id"), t.get("countryCode"), typ.tag, ex.text])
    write_tsv("libphonenumber_examples.tsv", ["region", "country_code", "type", "national_number"], rows)


def email_validator() -> None:
    tree = ast.parse(show("JoshData+python-email-validator", "tests/test_syntax.py"))
    rows = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name in ("test_email_valid", "test_email_invalid_syntax"):
            d = node.decorator_list[0]
            for e in d.args[1].elts:
                v = e.elts[0].value
                if v.isascii() and v.isprintable() and " " not in v:
                    rows.append([v, "1" if node.name == "test_email_valid" else "0"])
    write_tsv("email_validator_syntax.tsv", ["address", "valid"], rows)


if __name__ == "__main__":
    OUT.mkdir(exist_ok=True)
    stdnum()
    presidio()
    deduce()
    rvig()
    libphonenumber()
    email_validator()
