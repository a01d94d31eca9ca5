"""Generated contact streams whose answer is known, for tests and `benchmarks/signals.py`.

`generate_stream(spec)` draws contacts day by day: per topic a Poisson count around its rate,
shaped by weekday and hour (office hours, or around the clock for `flat` topics), with a daily
gamma factor (over-dispersion, as real days are), quiet stretches (a holiday: every topic, or one
topic, lower for some days) and injected spikes of known start, size (a multiple of the topic's
own expected count), languages and channels. Reason topics carry their reason; latent topics land
in "other" with customer text built from their terms in the contact's language beside background
words, so only the text tells them apart. Returns the contacts frame, the reasons frame and the
truth (each contact's topic; whether it was spike extra).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from datetime import date, timedelta

import numpy as np
import pandas as pd

WEEKDAY = np.array([1.25, 1.1, 1.0, 1.0, 0.9, 0.4, 0.3])  # Mon..Sun
_OFFICE = np.array([0.02, 0.01, 0.01, 0.01, 0.01, 0.02, 0.05, 0.3, 1.0, 1.4, 1.4, 1.2, 0.9, 1.1, 1.3,
                    1.2, 1.0, 0.7, 0.4, 0.3, 0.2, 0.12, 0.06, 0.03])
HOURS_OFFICE = _OFFICE / _OFFICE.sum()
HOURS_FLAT = np.ones(24) / 24
LANGS = ("nl", "en", "fr", "es")
CHANNELS = ("phone", "email", "chat", "whatsapp", "social")


@dataclass(frozen=True)
class TopicSpec:
    name: str
    rate: float  # contacts on an average day
    latent: bool = False  # True: lands in "other"; only its words tell it apart
    terms: dict[str, tuple[str, ...]] = field(default_factory=dict)  # latent: words per language
    flat: bool = False  # around the clock (emergencies), weekday pattern too
    languages: tuple[float, ...] = (0.55, 0.25, 0.1, 0.1)
    channels: tuple[float, ...] = (0.6, 0.2, 0.1, 0.07, 0.03)


@dataclass(frozen=True)
class Spike:
    topic: str
    start: date
    days: int = 1
    factor: float = 3.0  # the day's count is about factor x the topic's expected count
    extra: int | None = None  # or this many extra contacts a day (a topic without history)
    languages: tuple[str, ...] | None = None  # the extra contacts' languages (None: as usual)
    channels: tuple[str, ...] | None = None
    hour: int | None = None  # the extra contacts all fall in this hour (None: the usual hours)


@dataclass(frozen=True)
class Quiet:
    start: date
    days: int
    factor: float = 0.3
    topics: tuple[str, ...] | None = None  # None: every topic (a holiday)


@dataclass(frozen=True)
class StreamSpec:
    topics: tuple[TopicSpec, ...]
    start: date = date(2026, 9, 1)
    days: int = 90
    spikes: tuple[Spike, ...] = ()
    quiet: tuple[Quiet, ...] = ()
    other_rate: float = 0.0  # background "other" contacts a day (unrelated text)
    dispersion: float = 0.12  # coefficient of variation of the daily gamma factor
    seed: int = 0
    text_for_reasons: bool = False  # False: reason contacts have no text (faster, big streams)


_BACKGROUND = {
    "nl": "vraag informatie brief formulier website nummer adres week maand gisteren morgen dochter zoon buurman "
          "kantoor afspraak balie telefoon mail bericht uitleg regeling termijn kosten papieren wijk straat".split(),
    "en": "question information letter form website number address week month yesterday tomorrow daughter son "
          "neighbour office appointment desk phone email message explanation rules deadline costs papers street".split(),
    "fr": "question information lettre formulaire site numero adresse semaine mois hier demain fille fils voisin "
          "bureau rendez-vous guichet telephone courriel message explication regles delai frais papiers rue".split(),
    "es": "pregunta informacion carta formulario web numero direccion semana mes ayer manana hija hijo vecino "
          "oficina cita ventanilla telefono correo mensaje explicacion normas plazo costes papeles calle".split(),
}


def _noise_words(rng: np.random.Generator, n: int) -> np.ndarray:
    """Pseudo-words from syllables: a large vocabulary that never forms a topic."""
    syl = np.array(["ka", "lo", "mi", "ter", "van", "do", "ri", "sel", "mon", "pa", "tu", "gre", "fin", "bo", "les"])
    return np.array(["".join(rng.choice(syl, 3)) for _ in range(n)])


def generate_stream(spec: StreamSpec) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(spec.seed)
    noise = _noise_words(rng, 4000)
    shape_g = 1.0 / spec.dispersion ** 2
    recs: dict[str, list] = {k: [] for k in ("day", "hour", "topic", "language", "channel", "extra")}
    topics = list(spec.topics) + ([TopicSpec("other", spec.other_rate)] if spec.other_rate > 0 else [])
    for d in range(spec.days):
        day = spec.start + timedelta(days=d)
        wd = day.weekday()
        for t in topics:
            lam = t.rate * (1.0 if t.flat else WEEKDAY[wd] / WEEKDAY.mean())
            for q in spec.quiet:
                if q.start <= day < q.start + timedelta(days=q.days) and (q.topics is None or t.name in q.topics):
                    lam *= q.factor
            lam *= rng.gamma(shape_g, 1.0 / shape_g)
            hours = HOURS_FLAT if t.flat else HOURS_OFFICE
            n = rng.poisson(lam)
            _emit(recs, rng, d, t.name, n, hours, np.array(t.languages), np.array(t.channels), False, None, None)
            for s in spec.spikes:
                if s.topic == t.name and s.start <= day < s.start + timedelta(days=s.days):
                    base = t.rate * (1.0 if t.flat else WEEKDAY[wd] / WEEKDAY.mean())
                    extra = s.extra if s.extra is not None else rng.poisson(base * (s.factor - 1.0))
                    h = np.eye(24)[s.hour] if s.hour is not None else hours
                    _emit(recs, rng, d, t.name, extra, h, np.array(t.languages), np.array(t.channels), True,
                          s.languages, s.channels)
    n = len(recs["day"])
    day_arr = np.array(recs["day"], dtype=np.int64)
    secs = day_arr * 86400 + np.array(recs["hour"], dtype=np.int64) * 3600 + rng.integers(0, 3600, n)
    started = pd.Timestamp(spec.start) + pd.to_timedelta(secs, unit="s")
    order = np.argsort(secs, kind="stable")
    topic = np.array(recs["topic"], dtype=object)[order]
    lang = np.array(recs["language"], dtype=object)[order]
    chan = np.array(recs["channel"], dtype=object)[order]
    extra = np.array(recs["extra"], dtype=bool)[order]
    started = started[order]
    ids = np.array([f"s-{i:07d}" for i in range(n)], dtype=object)
    latent = {t.name: t for t in topics if t.latent}
    is_other = np.isin(topic, list(latent) + ["other"])
    texts = np.full(n, "", dtype=object)
    for i in np.flatnonzero(is_other):
        lg = lang[i]
        bg = list(rng.choice(_BACKGROUND[lg], 1)) + list(rng.choice(noise, 4))
        t = latent.get(topic[i])
        words = bg + (list(rng.choice(t.terms[lg], min(3, len(t.terms[lg])), replace=False)) if t else [])
        rng.shuffle(words)
        texts[i] = " ".join(words).capitalize() + "."
    if spec.text_for_reasons:
        for i in np.flatnonzero(~is_other):
            texts[i] = f"Ik bel over {topic[i]}."
    contacts = pd.DataFrame({"contact_id": ids, "started_at": started, "channel": chan, "language": lang,
                             "text": texts})
    reasons = pd.DataFrame({"contact_id": ids, "reason": np.where(is_other, "other", topic),
                            "confidence": np.where(is_other, 0.6, 0.9)})
    truth = pd.DataFrame({"contact_id": ids, "topic": topic, "extra": extra})
    return contacts, reasons, truth


def _emit(recs: dict[str, list], rng: np.random.Generator, d: int, name: str, n: int, hours: np.ndarray,
          langs: np.ndarray, chans: np.ndarray, extra: bool, only_langs: tuple[str, ...] | None,
          only_chans: tuple[str, ...] | None) -> None:
    if n <= 0:
        return
    recs["day"].extend([d] * n)
    recs["hour"].extend(rng.choice(24, n, p=hours).tolist())
    recs["topic"].extend([name] * n)
    lp = langs / langs.sum()
    cp = chans / chans.sum()
    recs["language"].extend(rng.choice(only_langs, n).tolist() if only_langs else rng.choice(LANGS, n, p=lp).tolist())
    recs["channel"].extend(rng.choice(only_chans, n).tolist() if only_chans else rng.choice(CHANNELS, n, p=cp).tolist())
    recs["extra"].extend([extra] * n)


@dataclass(frozen=True)
class SpikeOutcome:
    spike: Spike
    expected_first_day: float  # the topic's own expected count on the spike's first day
    detected: bool  # an alert for the topic in the spike's days
    first_day: bool  # ... starting on the spike's first day
    alert_topic: str | None
    channels: tuple[str, ...]
    languages: tuple[str, ...]


@dataclass(frozen=True)
class Score:
    outcomes: list[SpikeOutcome]
    false_alarms: list[Any]  # alerts no injected spike explains
    tested_days: int


def expected_on(spec: StreamSpec, topic: str, day: date) -> float:
    t = next(x for x in spec.topics if x.name == topic)
    lam = t.rate * (1.0 if t.flat else WEEKDAY[day.weekday()] / WEEKDAY.mean())
    for q in spec.quiet:
        if q.start <= day < q.start + timedelta(days=q.days) and (q.topics is None or topic in q.topics):
            lam *= q.factor
    return float(lam)


def score_alerts(report: Any, spec: StreamSpec, truth: pd.DataFrame) -> Score:
    """Match a day-level report's alerts to the injected spikes. An emerging topic stands for the
    latent topic most of its contacts belong to; an "other" alert that an emerging topic explains,
    or that a latent topic's spike causes, is no false alarm."""
    latent_of: dict[str, str] = {}
    if len(report.membership):
        m = report.membership.merge(truth[["contact_id", "topic"]].rename(columns={"topic": "truth"}), on="contact_id")
        for tid, g in m.groupby("topic"):
            top = g["truth"].value_counts()
            if len(top) and top.iloc[0] >= 0.5 * len(g):
                latent_of[str(tid)] = str(top.index[0])
    used: set[int] = set()
    outcomes = []
    for s in spec.spikes:
        s0, s1 = s.start.isoformat(), (s.start + timedelta(days=s.days - 1)).isoformat()
        hit = None
        for i, a in enumerate(report.alerts):
            name = latent_of.get(a.topic, a.topic) if a.kind == "emerging" else a.topic
            if name == s.topic and s0 <= a.start[:10] <= s1:  # [:10]: the day of an hourly alert
                hit = (i, a) if hit is None or a.start < hit[1].start else hit
        if hit:
            used.add(hit[0])
        outcomes.append(SpikeOutcome(s, expected_on(spec, s.topic, s.start), hit is not None,
                                     hit is not None and hit[1].start[:10] == s0, hit[1].topic if hit else None,
                                     hit[1].channels if hit else (), hit[1].languages if hit else ()))
    latent_starts = {sp.start.isoformat() for sp in spec.spikes
                     if any(t.name == sp.topic and t.latent for t in spec.topics)}
    false = []
    for i, a in enumerate(report.alerts):
        if i in used:
            continue
        name = latent_of.get(a.topic, a.topic) if a.kind == "emerging" else a.topic
        # a later day of a spike already matched, or "other" lifted by a latent topic's spike
        if any(name == sp.topic and sp.start.isoformat() <= a.start[:10] <= (sp.start + timedelta(days=sp.days - 1)).isoformat()
               for sp in spec.spikes):
            continue
        if a.topic == "other" and (a.explained_by or a.start[:10] in latent_starts):
            continue
        false.append(a)
    days = int(pd.to_datetime(report.series["period"]).dt.normalize().nunique()) if len(report.series) else 0
    return Score(outcomes, false, days)
