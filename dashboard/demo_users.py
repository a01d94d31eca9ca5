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


def demo_people(db: str | Path) -> tuple[str, str]:
    """The agent and team the demo agent and team-leader logins see: the warehouse's busiest agent
    (most scored contacts; ties by id) and that agent's team."""
    import warehouse

    con = warehouse.open_snapshot(db)
    try:
        card = warehouse.qa_score(con, warehouse.Query(group_by=("agent_id", "team")))
    finally:
        con.close()
    card = card.sort_values(["n", "agent_id"], ascending=[False, True])
    if card.empty:
        raise ValueError(f"{db}: no scored contacts, so no agent to make a demo login for")
    return str(card.iloc[0]["agent_id"]), str(card.iloc[0]["team"])


def create_demo_users(store: Store, db: str | Path, password: str | None = None) -> list[DemoLogin]:
    """Create (or re-create) `demo-agent`, `demo-teamleader`, `demo-trainer`, `demo-management`,
    `demo-admin`. The agent is the warehouse's busiest agent, the team leader leads that agent's
    team. Each login gets its own random password unless one `password` is given for all (the
    benchmark's session users)."""
    agent_id, team = demo_people(db)

    def pw() -> str:
        return password or secrets.token_urlsafe(12)

    logins = [DemoLogin("demo-agent", pw(), "agent", agent_id=agent_id),
              DemoLogin("demo-teamleader", pw(), "team_leader", teams=(team,)),
              DemoLogin("demo-trainer", pw(), "trainer"),
              DemoLogin("demo-management", pw(), "management"),
              DemoLogin("demo-admin", pw(), "admin")]
    for d in logins:
        if get_user(store, d.username):
            remove_user(store, d.username)
        add_user(store, d.username, d.password, d.role, agent_id=d.agent_id, teams=d.teams)
    return logins
