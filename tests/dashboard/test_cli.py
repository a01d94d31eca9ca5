"""`meeluister users ...` and `meeluister dashboard` argument checks, through the one CLI."""
from __future__ import annotations

from typer.testing import CliRunner

from meeluister.cli import app
from opstore import open_store
from opstore.users import get_user, verify_password


def test_users_add_list_passwd_remove(store_url):
    r = CliRunner()
    args = ["users", "add", "--store", store_url, "--username", "sanne", "--role", "agent", "--agent-id", "a-03"]
    res = r.invoke(app, args, input="a good long password\n")
    assert res.exit_code == 0 and "added sanne (agent)" in res.output
    res = r.invoke(app, ["users", "add", "--store", store_url, "--username", "tl", "--role", "team_leader",
                         "--team", "KCC Noord", "--team", "KCC Zuid"], input="another long password\n")
    assert res.exit_code == 0
    res = r.invoke(app, ["users", "add", "--store", store_url, "--username", "x", "--role", "agent"],
                   input="a good long password\n")
    assert res.exit_code == 1 and "needs --agent-id" in res.output
    res = r.invoke(app, ["users", "list", "--store", store_url])
    assert res.output.splitlines() == ["sanne\tagent\ta-03\t-", "tl\tteam_leader\t-\tKCC Noord,KCC Zuid"]
    res = r.invoke(app, ["users", "passwd", "--store", store_url, "--username", "sanne"], input="a new long password\n")
    assert res.exit_code == 0
    s = open_store(store_url)
    assert verify_password(s, "sanne", "a new long password") is not None
    assert verify_password(s, "sanne", "a good long password") is None
    res = r.invoke(app, ["users", "remove", "--store", store_url, "--username", "sanne"])
    assert res.exit_code == 0 and get_user(s, "sanne") is None
    res = r.invoke(app, ["users", "remove", "--store", store_url, "--username", "sanne"])
    assert res.exit_code == 1 and "no user 'sanne'" in res.output
    s.close()


def test_dashboard_refuses_a_missing_warehouse_and_a_bad_store(tmp_path):
    r = CliRunner()
    res = r.invoke(app, ["dashboard", "--db", str(tmp_path / "none.duckdb")])
    assert res.exit_code != 0 and "no such warehouse" in res.output
    res = r.invoke(app, ["users", "list", "--store", "mysql://x/y"])
    assert res.exit_code != 0 and "unsupported store URL" in res.output
