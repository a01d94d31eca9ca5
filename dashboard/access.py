"""The one data-access layer: every figure, list and contact the dashboard shows comes through a
`DataAccess` made from the signed-in user, which builds the warehouse `Query.filters` from the
user (never from ids the browser sends) and refuses what the role may not see.

| role        | sees                                                               |
|-------------|--------------------------------------------------------------------|
| agent       | own contacts, results, transcripts, scores (filters: agent_id)     |
| team_leader | their team(s)' contacts and agents (filters: team)                 |
| trainer     | the example library, customers pseudonymised; no figures           |
| management  | aggregates only (figures with n and intervals); no contact rows;   |
|             | signals (alerts with redacted example text, no contact ids)        |
| admin       | users; no warehouse data                                           |

A value the browser sends (a team in a dropdown, an agent, a contact id) can only narrow the
user's scope: it is intersected with it, and what falls outside returns nothing.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Callable, Iterable, Mapping

import pandas as pd

from opstore.users import User

log = logging.getLogger(__name__)

FIGURE_ROLES = ("management", "team_leader", "agent")   # may see aggregate figures
ROW_ROLES = ("team_leader", "agent")                     # may see contacts and transcripts
SIGNAL_ROLES = ("management", "team_leader")             # contact reasons, spikes, repeat contacts
BROWSER_FILTERS = ("language", "channel", "team", "queue", "agent_id", "criterion")


class Forbidden(Exception):
    """The signed-in user's role may not see this (shown as 'not available to your role')."""


@dataclass(frozen=True)
class Scope:
    """What a user may see, as warehouse filters. `None` in a field: not restricted by it."""

    role: str
    agent_ids: tuple[str, ...] | None
    teams: tuple[str, ...] | None

    @staticmethod
    def of(user: User) -> "Scope":
        if user.role == "agent":
            return Scope("agent", (user.agent_id,) if user.agent_id else (), None)
        if user.role == "team_leader":
            return Scope("team_leader", None, tuple(user.teams))
        return Scope(user.role, None, None)


def _as_tuple(v: Any) -> tuple[str, ...]:
    if v is None or v == "" or v == []:
        return ()
    if isinstance(v, (list, tuple, set, frozenset)):
        return tuple(str(x) for x in v if x not in (None, ""))
    return (str(v),)


def scoped_filters(scope: Scope, requested: Mapping[str, Any] | None = None) -> dict[str, Any] | None:
    """The `Query.filters` for this scope and the browser's (untrusted) choices, or None when the
    choices fall outside the scope (the caller then shows nothing)."""
    out: dict[str, Any] = {}
    for k, v in (requested or {}).items():
        if k not in BROWSER_FILTERS:
            continue  # unknown keys from the browser are dropped, never formatted anywhere
        vals = _as_tuple(v)
        if vals:
            out[k] = vals
    for key, allowed in (("agent_id", scope.agent_ids), ("team", scope.teams)):
        if allowed is None:
            continue
        if not allowed:
            return None
        asked = out.get(key)
        keep = tuple(x for x in asked if x in allowed) if asked else tuple(allowed)
        if not keep:
            return None
        out[key] = keep
    return out


# -- pseudonymisation for the trainer's library ---------------------------------------------
_ADDRESS = re.compile(r"\b(meneer|mevrouw|mevr\.|dhr\.|mr\.?|mrs\.?|ms\.?|miss|monsieur|madame|mademoiselle|"
                      r"señor|señora|señorita|sr\.|sra\.)\s+([A-ZÀ-Ý][\w'’-]*(?:\s+(?:van|de|der|den|het|ter|ten|"
                      r"du|le|la|del|de la)\s+)?[A-ZÀ-Ý]?[\w'’-]*)", re.IGNORECASE)
_SELF_INTRO = re.compile(r"\b(met|this is|my name is|je m'appelle|ici|me llamo|soy|mijn naam is|ik ben)\s+"
                         r"((?:[A-ZÀ-Ý][\w'’-]+)(?:\s+(?:van|de|der|den|du|le|la|del)?\s*[A-ZÀ-Ý][\w'’-]+)*)")
PSEUDONYM = "[naam]"
AGENT_PSEUDONYM = "[medewerker]"


def pseudonymise_customer_text(text: str, speaker: str) -> str:
    """Customer names out of a line: the customer introducing themselves ("met Jan de Vries")
    and anyone addressing them ("meneer Jansen"). Agent self-introductions stay (the agent is
    the subject of the example, and the greeting criterion is about them)."""
    text = _ADDRESS.sub(lambda m: f"{m.group(1)} {PSEUDONYM}", text or "")
    if speaker != "agent":
        text = _SELF_INTRO.sub(lambda m: f"{m.group(1)} {PSEUDONYM}", text)
    return text


def hide_name(text: str, name: str | None, label: str) -> str:
    """A person's full name, then each part of it, replaced by `label`; pure."""
    if not text or not name:
        return text or ""
    for part in sorted({name, *name.split()}, key=len, reverse=True):
        if len(part) > 2:
            text = re.sub(rf"\b{re.escape(part)}\b", label, text)
    return text


class DataAccess:
    """Scoped reads for one request. `con` is a warehouse snapshot connection (or path);
    `wh` the warehouse query API module (`warehouse`), passed in so nothing is imported at
    import time of the dashboard."""

    def __init__(self, user: User, con: Any, wh: Any, max_rows: int = 200,
                 reviews: Callable[[], tuple] | None = None, cache: Any = None, version: Any = None,
                 advisory: Callable[[], tuple] | None = None) -> None:
        self.user = user
        self._advisory = advisory
        self.cache = cache
        self.version = version
        self.scope = Scope.of(user)
        self.con = con
        self.wh = wh
        self.max_rows = max_rows
        self._reviews = reviews

    # -- helpers -----------------------------------------------------------------------------
    def _loop(self) -> tuple[tuple, tuple]:
        """Reviews and advisory criteria from the operational store, read once per request."""
        if not hasattr(self, "_loop_cache"):
            self._loop_cache = (tuple(self._reviews()) if self._reviews else (),
                                tuple(self._advisory()) if self._advisory else ())
        return self._loop_cache

    def _need(self, roles: Iterable[str]) -> None:
        if self.user.role not in roles:
            raise Forbidden(f"{self.user.role} may not see this")

    def query(self, requested: Mapping[str, Any] | None = None, *, group_by: tuple[str, ...] = (),
              period: str | None = None, date_from: date | None = None, date_to: date | None = None) -> Any:
        """The warehouse Query for this user, or None when the scope leaves nothing."""
        f = scoped_filters(self.scope, requested)
        if f is None:
            return None
        reviews, advisory = self._loop()
        return self.wh.Query(group_by=group_by, period=period, date_from=date_from, date_to=date_to,
                             filters=f, reviews=tuple(reviews), exclude_criteria=tuple(advisory))

    def _cached(self, key: tuple, compute: Callable[[], Any]) -> Any:
        """`compute()`, kept per warehouse snapshot (`version`) and `key` (which holds the whole
        scoped `Query`, reviews and advisory criteria included, so two users share an entry only
        when they may see the same rows). Frames come back as copies: callers may change them."""
        if self.cache is None:
            return compute()
        value = self.cache.get_or_compute(key + (self.version,), compute)
        return value.copy() if isinstance(value, pd.DataFrame) else value

    def _figure(self, fn: str, requested, **kw) -> pd.DataFrame:
        self._need(FIGURE_ROLES)
        q = self.query(requested, **kw)
        if q is None:
            return pd.DataFrame()
        return self._cached((fn, repr(q)), lambda: getattr(self.wh, fn)(self.con, q))

    def dimension_values(self, column: str) -> list[str]:
        """The values of a contact dimension the user's scope holds (filter choices)."""
        self._need(FIGURE_ROLES)
        q = self.query(None)
        if q is None:
            return []
        return self._cached(("values", column, repr(q.filters)),
                            lambda: self.wh.dimension_values(self.con, column, q))

    # -- aggregates (management, team leader, agent) -----------------------------------------
    def csat(self, requested=None, **kw) -> pd.DataFrame:
        return self._figure("csat", requested, **kw)

    def nps(self, requested=None, **kw) -> pd.DataFrame:
        return self._figure("nps", requested, **kw)

    def pass_rates(self, requested=None, **kw) -> pd.DataFrame:
        return self._figure("pass_rates", requested, **kw)

    def qa_score(self, requested=None, **kw) -> pd.DataFrame:
        return self._figure("qa_score", requested, **kw)

    def drivers(self, requested=None, **kw) -> pd.DataFrame:
        """Key drivers (cached per warehouse version and query: the fit is a bootstrap)."""
        self._need(("management", "team_leader"))
        q = self.query(requested, **kw)
        if q is None:
            return pd.DataFrame()
        return self._cached(("drivers", repr(q)), lambda: self.wh.drivers(self.con, q))

    def scorecard(self, requested=None, **kw) -> pd.DataFrame:
        """Per-agent figures: personnel data, so team leaders (own team) and agents (self) only."""
        self._need(ROW_ROLES)
        q = self.query(requested, **kw)
        if q is None:
            return pd.DataFrame()
        return self._cached(("scorecard", repr(q)), lambda: self.wh.agent_scorecard(self.con, q))

    # -- signals (management; team leaders for their teams) -----------------------------------
    def latest_day(self) -> date | None:
        """The newest contact's day in scope (where the signals page's default window ends)."""
        self._need(SIGNAL_ROLES)
        q = self.query(None)
        if q is None:
            return None
        df = self._cached(("newest", repr(q.filters)), lambda: self.wh.contacts(self.con, q, newest=1))
        return None if df.empty or pd.isna(df["day"].iloc[0]) else df["day"].iloc[0]

    def signals(self, since: date, until: date, by: str = "day") -> Any:
        """Spike alerts and counts against the baseline (signals.detect, through the query layer)
        for the contacts in scope, cached per snapshot: a fit over weeks of contacts."""
        self._need(SIGNAL_ROLES)
        q = self.query(None, date_from=since, date_to=until)
        if q is None:
            return None
        import signals

        options = signals.SignalOptions(by=by)
        return self._cached(("signals", repr(q.filters), since, until, by),
                            lambda: signals.detect(self.con, since, until, options, filters=dict(q.filters)))

    def repeats(self, since: date | None, until: date | None) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Repeat contacts per reason and the effect of next_steps (signals.repeats) in scope."""
        self._need(SIGNAL_ROLES)
        q = self.query(None, date_from=since, date_to=until)
        if q is None:
            return pd.DataFrame(), pd.DataFrame()
        import signals

        return self._cached(("repeats", repr(q)), lambda: signals.repeats(self.con, q))

    # -- rows (team leader, agent) -------------------------------------------------------------
    def contacts(self, requested=None, date_from: date | None = None, date_to: date | None = None) -> pd.DataFrame:
        """The newest `max_rows` contacts in scope, newest first."""
        self._need(ROW_ROLES)
        q = self.query(requested, date_from=date_from, date_to=date_to)
        if q is None:
            return pd.DataFrame()
        return self._cached(("contacts", repr(q), self.max_rows),
                            lambda: self.wh.contacts(self.con, q, newest=self.max_rows))

    def results(self, requested=None, date_from: date | None = None, date_to: date | None = None,
                contact_ids: Iterable[str] | None = None) -> pd.DataFrame:
        """Criterion results in scope; `contact_ids` (from the server, e.g. the contacts just
        listed, never from the browser) narrows them to those contacts."""
        self._need(ROW_ROLES)
        q = self.query(requested, date_from=date_from, date_to=date_to)
        if q is None:
            return pd.DataFrame()
        if contact_ids is not None:
            ids = tuple(sorted({str(c) for c in contact_ids}))
            if not ids:
                return pd.DataFrame()
            q = q.but(filters={**dict(q.filters), "contact_id": ids})
        return self._cached(("results", repr(q)), lambda: self.wh.results(self.con, q))

    def contact(self, contact_id: str, day_hint: date | None = None) -> dict[str, Any] | None:
        """One contact the user may see, with its turns and results, or None (unknown or out of
        scope: the same answer, so ids cannot be probed). The day hint only narrows the search;
        the scope decides."""
        contact_id = str(contact_id or "")
        if not contact_id or len(contact_id) > 200:
            return None
        if self.user.role == "trainer":
            raise Forbidden("trainers open contacts through the example library")
        self._need(ROW_ROLES)
        q = self.query(None, date_from=day_hint, date_to=day_hint)
        if q is None:
            return None
        q = q.but(filters={**dict(q.filters), "contact_id": contact_id})  # the scope's filters stay
        hit = self.wh.contacts(self.con, q)
        if hit.empty and day_hint is not None:
            return self.contact(contact_id, None)
        if hit.empty:
            return None
        row = hit.iloc[0].to_dict()
        res = self.wh.results(self.con, q.but(date_from=row["day"], date_to=row["day"])).reset_index(drop=True)
        turns = self.wh.turns(self.con, contact_id)
        return {"contact": row, "results": res, "turns": turns, "pseudonymised": False}

    def team_agents(self, teams: Any = None) -> list[tuple[str, str]]:
        """(agent_id, agent_name) of the agents in the team leader's (chosen) teams."""
        self._need(("team_leader",))
        card = self.scorecard({"team": teams})
        if card.empty:
            return []
        d = card.drop_duplicates("agent_id")
        return [(str(a), str(n or a)) for a, n in zip(d["agent_id"], d["agent_name"])]

    def library(self, build: Callable[[Any, tuple], list], key: Any = ()) -> list[dict[str, Any]]:
        """The example library (coaching's selection), cached per warehouse version, reviews and
        playlists (`key`). Agents appear under pseudonyms; no survey data."""
        self._need(("trainer",))
        reviews = self._loop()[0]

        def compute() -> list[dict[str, Any]]:
            items = build(self.con, reviews)
            names: dict[str, str] = {}
            out = []
            for e in items:
                code = names.setdefault(str(e.get("agent_id")), f"{len(names) + 1:02d}")
                ev = dict(e.get("evidence") or {})
                ev["quote"] = pseudonymise_customer_text(hide_name(ev.get("quote") or "", e.get("agent_name"),
                                                                   AGENT_PSEUDONYM), "agent")
                out.append(dict(e, agent_name=None, agent_id=None, agent=code, evidence=ev))
            return out

        if self.cache is None:
            return compute()
        return self.cache.get_or_compute(("library", self.version, repr(reviews), key), compute)

    def example(self, contact_id: str, day: date | None, allowed_ids: Iterable[str]) -> dict[str, Any] | None:
        """A contact from the example library for a trainer (or anyone who may see it), with the
        customer pseudonymised and no survey comment. `allowed_ids`: the library's contact ids
        (from the operational store), so a trainer never opens an arbitrary contact."""
        self._need(("trainer",))
        if str(contact_id) not in set(map(str, allowed_ids)):
            return None
        q = self.wh.Query(date_from=day, date_to=day, filters={"contact_id": str(contact_id)})
        hit = self.wh.contacts(self.con, q)
        if hit.empty:
            return None
        row = hit.iloc[0].to_dict()
        agent_name = row.get("agent_name")
        row.update(comment=None, csat=None, nps=None, agent_name=AGENT_PSEUDONYM, agent_id=None, team=None)
        res = self.wh.results(self.con, q.but(date_from=row["day"], date_to=row["day"])).reset_index(drop=True)

        def clean(text: str, speaker: str) -> str:
            return pseudonymise_customer_text(hide_name(text or "", agent_name, AGENT_PSEUDONYM), speaker)

        res["evidence"] = [[dict(e, quote=clean(e.get("quote") or "", "agent"), term=e.get("term"))
                            for e in ev] for ev in res["evidence"]]
        res["reason"] = [clean(str(r or ""), "agent") for r in res["reason"]]
        turns = self.wh.turns(self.con, str(contact_id)).copy()
        turns["text"] = [clean(t, s) for t, s in zip(turns["text"], turns["speaker"])]
        return {"contact": row, "results": res, "turns": turns, "pseudonymised": True}

    def audio_silence(self, contact_id: str) -> list[tuple[float, float]]:
        """Where the contact's recording must be silent (`warehouse.audio_silence`); called only
        after `audio_source` allowed it."""
        return self.wh.audio_silence(self.con, str(contact_id))

    def audio_source(self, contact_id: str, day_hint: date | None = None,
                     allowed_examples: Iterable[str] = ()) -> tuple[bool, str | None]:
        """(may this user hear the contact's recording, the warehouse's stored path or None)."""
        if self.user.role == "trainer":
            hit = self.example(contact_id, day_hint, allowed_examples)
        else:
            hit = self.contact(contact_id, day_hint) if self.user.role in ROW_ROLES else None
        if not hit:
            return False, None
        audio = hit["contact"].get("audio")
        missing = audio is None or (isinstance(audio, float) and pd.isna(audio)) or audio == ""
        return True, None if missing else str(audio)
