"""One demo login per role, made from the warehouse's own agents and teams (for `meeluister demo`)."""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

from opstore import Store
from opstore.users import add_user, get_user, remove_user


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role: str
    agent_id: str | None = None
    teams: tuple[str, ...] = ()


def create_demo_users(store: Store, db: str | Path, password: str | None = None) -> list[DemoLogin]:
    """Create (or re-create) `demo-agent`, `demo-teamleader`, `demo-trainer`, `demo-management`,
    `demo-admin`. The agent is the warehouse's busiest agent, the team leader leads that agent's
    team. Returns the logins (one shared random password unless one is given)."""
    import warehouse

    password = password or secrets.token_urlsafe(12)
    con = warehouse.open_snapshot(db)
    try:
        card = warehouse.qa_score(con, warehouse.Query(group_by=("agent_id", "team")))
    finally:
        con.close()
    card = card.sort_values(["n", "agent_id"], ascending=[False, True])
    if card.empty:
        raise ValueError(f"{db}: no scored contacts, so no agent to make a demo login for")
    top = card.iloc[0]
    agent_id, team = str(top["agent_id"]), str(top["team"])
    logins = [DemoLogin("demo-agent", password, "agent", agent_id=agent_id),
              DemoLogin("demo-teamleader", password, "team_leader", teams=(team,)),
              DemoLogin("demo-trainer", password, "trainer"),
              DemoLogin("demo-management", password, "management"),
              DemoLogin("demo-admin", password, "admin")]
    for d in logins:
        if get_user(store, d.username):
            remove_user(store, d.username)
        add_user(store, d.username, d.password, d.role, agent_id=d.agent_id, teams=d.teams)
    return logins
