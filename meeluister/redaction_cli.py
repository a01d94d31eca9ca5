"""`meeluister redact [FILE|-]`: the redactor (`meeluister.redaction`) on a quality team's own
sentences. Kept beside the package, not in it, so the CLI starts without compiling the patterns.

    meeluister redact sentences.txt --counts          # one sentence per line, redacted lines out
    echo "bel me op nul zes twaalf ..." | meeluister redact -
    meeluister redact call.json --json                # a transcript: redacted transcript JSON out
    meeluister redact call.json --config redaction.toml --org gemeente-utrecht

The input is auto-detected: a JSON object with `turns` is a transcript (`meeluister.transcript/1`,
redacted with `redact_transcript`, so its turn texts and words are tagged and the spans to silence
are known); anything else is text, redacted line by line. `--json` writes, per line, an object
with the redacted text, the counts and the spans (offsets in the line as given), or for a
transcript an object with the redacted transcript, the counts and the silence spans. `--counts`
prints the counts per kind to standard error. `--config`/`--org`: the categories and rules of an
organisation (`load_redaction_options`; a transcript's own organisation when `--org` is not
given). A file that cannot be read or a transcript that fails its schema is one line on standard
error naming the file and the cause, exit status 1.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer

from meeluister.errors import InputError


def _read(source: str) -> str:
    if source == "-":
        return sys.stdin.read()
    path = Path(source)
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError(path, "not UTF-8 text") from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None


def _as_transcript_doc(raw: str) -> dict | None:
    """The parsed document when `raw` is a JSON object with turns (a transcript), else None."""
    head = raw.lstrip()[:1]
    if head != "{":
        return None
    try:
        doc = json.loads(raw)
    except json.JSONDecodeError:
        return None
    return doc if isinstance(doc, dict) and "turns" in doc else None


def run_redact(source: str, *, counts: bool = False, as_json: bool = False, config: Optional[Path] = None,
               org: Optional[str] = None, names: tuple[str, ...] = ()) -> tuple[str, dict[str, int]]:
    """What `meeluister redact` prints on standard output, and the counts (tested without a shell)."""
    from meeluister.records import transcript_from_dict, transcript_to_dict
    from meeluister.redaction import load_redaction_options, merge_counts, redact, redact_transcript

    raw = _read(source)
    label = "<stdin>" if source == "-" else source
    doc = _as_transcript_doc(raw)
    if doc is not None:
        t = transcript_from_dict(doc, source=label)
        opts = load_redaction_options(config, org if org is not None else t.organisation)
        r = redact_transcript(t, opts, known_names=names)
        body = transcript_to_dict(r.transcript)
        if as_json:
            out = {"transcript": body, "counts": r.counts,
                   "silence": [{"turn": i, "start": s, "end": e} for i, s, e in r.silence]}
        else:
            out = body
        return json.dumps(out, ensure_ascii=False, indent=1) + "\n", dict(r.counts)
    opts = load_redaction_options(config, org)
    lines, total = [], {}
    for line in raw.splitlines():
        r = redact(line, opts, known_names=names)
        total = merge_counts(total, r.counts)
        if as_json:
            lines.append(json.dumps({"text": r.text, "counts": dict(r.counts),
                                     "spans": [{"start": s.start, "end": s.end, "kind": s.kind} for s in r.spans]},
                                    ensure_ascii=False))
        else:
            lines.append(r.text)
    return "".join(x + "\n" for x in lines), total


def register(app: typer.Typer) -> None:
    @app.command("redact")
    def redact_cmd(
        source: str = typer.Argument("-", metavar="[FILE|-]", help="Text (one sentence per line) or a transcript JSON; - for standard input."),
        counts: bool = typer.Option(False, "--counts", help="Print the number redacted per kind to standard error."),
        as_json: bool = typer.Option(False, "--json", help="JSON out: per line text, counts and spans (transcript: transcript, counts, silence)."),
        config: Optional[Path] = typer.Option(None, "--config", help="Redaction options (TOML: [default], [organisation.\"NAME\"])."),
        org: Optional[str] = typer.Option(None, "--org", help="The organisation whose options apply (default: a transcript's own)."),
        name: Optional[List[str]] = typer.Option(None, "--name", help="A known customer name to redact (repeatable)."),
    ) -> None:
        """Redact personal data in text lines or a transcript and print the result."""
        try:
            out, found = run_redact(source, counts=counts, as_json=as_json, config=config, org=org,
                                    names=tuple(name or ()))
        except InputError as exc:
            typer.echo(f"error: {exc.line()}", err=True)
            raise typer.Exit(1) from None
        sys.stdout.write(out)
        if counts:
            summary = ", ".join(f"{k} {v}" for k, v in sorted(found.items())) or "nothing"
            typer.echo(f"redacted: {summary}", err=True)
