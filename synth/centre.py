"""A generated contact centre: teams, agents with stable ways of working, and their spoken calls.

`DEMO_CENTRE` is three teams of four agents. Each agent has a `Behaviour` (synth.contacts) that
holds across all their contacts, so the coaching reports differ per agent: Ruud rarely says his
name, Fleur and Lucía use diminutives, Thomas and Claire fill in for the customer, Inge makes room
for upset customers but leaves the next step vague, Anouk brushes upset customers off, Youssef
puts people on hold without a word.

`make_centre_calls` speaks calls for these agents with espeak-ng (`synth.calls.compose_script`,
two voices, stereo or mono) and writes `metadata.csv` beside them; `write_roster` the roster.
Nothing here is real.
"""
from __future__ import annotations

import csv
import random
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from synth.contacts import Behaviour, Persona

GOOD = Behaviour(greets_with_name=0.95, acknowledges_upset=0.9, clarifies=0.85, announces_hold=0.9,
                 clear_next_step=0.9, fills_in=0.03, diminutives=0.05)

DEMO_CENTRE: tuple[Persona, ...] = (
    # team-noord: Gemeente Utrecht, Dutch
    Persona("a-01", "Sanne de Vries", "team-noord", "Gemeente Utrecht", ("nl",), GOOD),
    Persona("a-02", "Ruud Jansen", "team-noord", "Gemeente Utrecht", ("nl",),
            replace(GOOD, greets_with_name=0.1, clarifies=0.6)),
    Persona("a-03", "Fleur Bakker", "team-noord", "Gemeente Utrecht", ("nl",),
            replace(GOOD, diminutives=0.9, extra_diminutive=0.6, clear_next_step=0.7)),
    Persona("a-04", "Thomas Smit", "team-noord", "Gemeente Utrecht", ("nl",),
            replace(GOOD, fills_in=0.6, clarifies=0.3)),
    # team-zuid: Gemeente Maastricht, Dutch and some English
    Persona("a-05", "Inge Kuipers", "team-zuid", "Gemeente Maastricht", ("nl", "nl", "en"),
            replace(GOOD, acknowledges_upset=1.0, clear_next_step=0.2, upset_customers=0.4)),
    Persona("a-06", "Youssef Benali", "team-zuid", "Gemeente Maastricht", ("nl", "nl", "en"),
            replace(GOOD, announces_hold=0.1, holds=0.6)),
    Persona("a-07", "Anouk Visser", "team-zuid", "Gemeente Maastricht", ("nl",),
            replace(GOOD, acknowledges_upset=0.05, upset_customers=0.6, clarifies=0.5)),
    Persona("a-08", "Kevin Mulder", "team-zuid", "Gemeente Maastricht", ("nl",),
            replace(GOOD, diminutives=0.7, extra_diminutive=0.4, greets_with_name=0.4)),
    # team-talen: the ministry's language desks (English, French, Spanish, Dutch)
    Persona("a-09", "Emma Clarke", "team-talen", "Ministerie van Buitenlandse Zaken", ("en", "en", "nl"), GOOD),
    Persona("a-10", "Claire Dubois", "team-talen", "Ministerie van Buitenlandse Zaken", ("fr", "fr", "en"),
            replace(GOOD, fills_in=0.55, clarifies=0.4)),
    Persona("a-11", "Lucía Romero", "team-talen", "Ministerie van Buitenlandse Zaken", ("es", "es", "en"),
            replace(GOOD, diminutives=0.8, extra_diminutive=0.6)),
    Persona("a-12", "Priya Sharma", "team-talen", "Ministerie van Buitenlandse Zaken", ("en", "nl"),
            replace(GOOD, clear_next_step=0.25, clarifies=0.35)),
)

CUSTOMERS = ("Ellen Brouwers", "Henk de Wit", "Mark Hughes", "Sophie Marchal", "Marta Ospina", "Peter Walker",
             "Julien Petit", "Carmen Ruiz", "Joke Hendriks", "Lisa Brown")
METADATA_COLUMNS = ("contact_id", "file", "agent_id", "agent_name", "team", "channel", "language",
                    "started_at", "organisation", "queue")


@dataclass(frozen=True)
class CentreCall:
    contact_id: str
    path: Path
    persona: Persona
    language: str
    started_at: datetime
    mono: bool
    duration_s: float


def write_roster(path: str | Path, personas: Sequence[Persona], valid_from: date) -> Path:
    """The roster CSV the warehouse reads: agent_id, agent_name, team, valid_from, valid_to."""
    path = Path(path)
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["agent_id", "agent_name", "team", "valid_from", "valid_to"])
        for p in personas:
            w.writerow([p.agent_id, p.name, p.team, valid_from.isoformat(), ""])
    return path


def _spoken_org(persona: Persona, language: str) -> str:
    if persona.organisation.startswith("Ministerie"):
        return {"nl": "Ministerie van Buitenlandse Zaken", "en": "the Ministry of Foreign Affairs",
                "fr": "le ministère des Affaires étrangères", "es": "el Ministerio de Asuntos Exteriores"}[language]
    return {"nl": "gemeente", "en": "the city of", "fr": "la ville de", "es": "el ayuntamiento de"}[language] \
        + " " + persona.organisation.removeprefix("Gemeente ")


def call_plan(personas: Sequence[Persona], n: int, rng: random.Random) -> list[tuple[Persona, str]]:
    """Who speaks each of `n` calls, in which language: every agent at least once, the rest over the
    agents with a language besides Dutch, in that language (espeak-ng's Dutch is the one the
    bundled Whisper base recognises worst, shared/DESIGN.md)."""
    plan = [(p, rng.choice(p.languages)) for p in personas[:n]]
    others = [p for p in personas if any(lang != "nl" for lang in p.languages)] or list(personas)
    for i in range(n - len(plan)):
        p = others[i % len(others)]
        plan.append((p, rng.choice([lang for lang in p.languages if lang != "nl"] or list(p.languages))))
    return plan


def make_centre_calls(out_dir: str | Path, personas: Sequence[Persona], times: Sequence[datetime], *,
                      seed: int = 0, mono_share: float = 0.25,
                      progress: Callable[[int, int], None] | None = None) -> list[CentreCall]:
    """One spoken call per time in `times` (agents and languages from `call_plan`), each drawn the way
    that agent works;
    a `mono_share` of them summed to mono (both voices on one channel). Writes
    `<contact_id>.wav` and `metadata.csv` (METADATA_COLUMNS) into `out_dir`."""
    from synth.calls import (
        AGENT_VOICE,
        CUSTOMER_VOICE,
        Voice,
        compose_script,
        load_call_parts,
        make_call,
    )

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    parts = load_call_parts()
    agent_voices = (AGENT_VOICE, Voice("m1", 35, 170), Voice("m2", 25, 160), Voice("m4", 40, 165))
    calls: list[CentreCall] = []
    for i, (started, (who, lang)) in enumerate(zip(times, call_plan(personas, len(times), rng))):
        script = compose_script(lang, who.behaviour, rng, agent=who.name.split()[0],
                                organisation=_spoken_org(who, lang), customer=rng.choice(CUSTOMERS), parts=parts)
        cid = f"call-{i + 1:03d}"
        voice = agent_voices[int(who.agent_id[2:]) % len(agent_voices)]
        made = make_call(out / "work", lang, contact_id=cid, seed=seed * 1000 + i, script=script,
                         voices={"agent": voice, "customer": CUSTOMER_VOICE})
        mono = rng.random() < mono_share
        dst = out / f"{cid}.wav"
        shutil.copyfile(made.mono if mono else made.stereo, dst)
        calls.append(CentreCall(cid, dst, who, lang, started, mono, made.duration_s))
        if progress:
            progress(i + 1, len(times))
    shutil.rmtree(out / "work", ignore_errors=True)
    with (out / "metadata.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(METADATA_COLUMNS)
        for c in calls:
            w.writerow([c.contact_id, c.path.name, c.persona.agent_id, c.persona.name, c.persona.team, "phone",
                        c.language, c.started_at.isoformat(), c.persona.organisation, "algemeen"])
    return calls
