"""Users, passwords, login throttling, sessions and the access log, on SQLite and PostgreSQL."""
from __future__ import annotations

from datetime import timedelta

import pytest

from opstore import utcnow
from opstore.access_log import entries, log_access
from opstore.sessions import SessionOptions, create_session, end_session, get_session, purge_expired
from opstore.users import (ThrottleOptions, UserError, add_user, clear_failures, get_user, list_users,
                           record_failure, remove_user, set_password, throttle_wait, verify_password)

PW = "correct horse battery"


def test_users_roles_and_passwords(store):
    a = add_user(store, "sanne", PW, "agent", agent_id="a-03")
    tl = add_user(store, "tl-noord", PW, "team_leader", teams=["KCC Noord", "KCC Zuid", "KCC Noord"])
    assert (a.role, a.agent_id, a.teams) == ("agent", "a-03", ())
    assert tl.teams == ("KCC Noord", "KCC Zuid")
    row = store.query_one("SELECT password_hash FROM users WHERE username = ?", ("sanne",))
    assert row["password_hash"].startswith("$argon2id$") and PW not in row["password_hash"]
    assert verify_password(store, "sanne", PW) == a
    assert verify_password(store, "sanne", PW + "x") is None
    assert verify_password(store, "nobody", PW) is None
    assert [u.username for u in list_users(store)] == ["sanne", "tl-noord"]
    set_password(store, "sanne", "another long password")
    assert verify_password(store, "sanne", PW) is None
    assert verify_password(store, "sanne", "another long password") == a
    assert remove_user(store, "tl-noord") is True and remove_user(store, "tl-noord") is False
    assert get_user(store, "tl-noord") is None
    assert store.query_one("SELECT COUNT(*) AS n FROM user_teams")["n"] == 0


@pytest.mark.parametrize("kwargs, message", [
    (dict(role="boss"), "role 'boss'"),
    (dict(role="agent"), "needs --agent-id"),
    (dict(role="team_leader"), "needs at least one --team"),
    (dict(role="management", password="short"), "password too short"),
    (dict(role="management", username="no spaces"), "username"),
])
def test_user_validation(store, kwargs, message):
    args = dict(username="u1", password=PW, role="management") | kwargs
    with pytest.raises(UserError, match=message):
        add_user(store, **args)
    assert list_users(store) == []


def test_duplicate_username(store):
    add_user(store, "mgmt", PW, "management")
    with pytest.raises(UserError, match="already exists"):
        add_user(store, "mgmt", PW, "admin")


def test_failed_logins_slow_down_per_key(store):
    opts = ThrottleOptions(free_failures=2, base_delay_s=2.0, max_delay_s=10.0)
    now = utcnow()
    keys = ["user:sanne", "addr:10.0.0.1"]
    assert record_failure(store, keys, now, opts) == 0.0
    assert record_failure(store, keys, now, opts) == 0.0
    assert throttle_wait(store, keys, now) == 0.0
    assert record_failure(store, keys, now, opts) == 2.0
    assert record_failure(store, keys, now, opts) == 4.0
    assert throttle_wait(store, ["user:sanne"], now) == pytest.approx(4.0)
    assert throttle_wait(store, ["addr:10.0.0.1"], now + timedelta(seconds=3)) == pytest.approx(1.0)
    assert throttle_wait(store, ["user:other"], now) == 0.0  # another user from elsewhere is not slowed
    for _ in range(5):
        d = record_failure(store, keys, now, opts)
    assert d == 10.0  # capped
    clear_failures(store, "user:sanne")
    assert throttle_wait(store, ["user:sanne"], now) == 0.0
    assert throttle_wait(store, keys, now) == pytest.approx(10.0)  # the address keeps its count
    later = now + timedelta(seconds=opts.window_s + 1)  # old failures are forgotten
    assert record_failure(store, ["addr:10.0.0.1"], later, opts) == 0.0


def test_sessions_expire_when_idle(store):
    u = add_user(store, "sanne", PW, "agent", agent_id="a-03")
    opts = SessionOptions(idle_timeout_s=600, absolute_timeout_s=3600, touch_every_s=0)
    t0 = utcnow()
    s = create_session(store, u, "127.0.0.1", "test", now=t0)
    assert store.query_one("SELECT COUNT(*) AS n FROM sessions WHERE token_hash = ?", (s.token,))["n"] == 0
    got = get_session(store, s.token, t0 + timedelta(seconds=500), opts)
    assert got.user == u and got.csrf_token == s.csrf_token
    # used at 500 s, so still alive at 1000 s (idle 500 s), gone at 1700 s (idle 700 s)
    assert get_session(store, s.token, t0 + timedelta(seconds=1000), opts) is not None
    assert get_session(store, s.token, t0 + timedelta(seconds=1700), opts) is None
    assert get_session(store, s.token, t0 + timedelta(seconds=1000), opts) is None  # deleted
    s2 = create_session(store, u, now=t0)
    for k in range(1, 8):  # kept busy (to 3850 s), but the absolute limit ends it
        alive = get_session(store, s2.token, t0 + timedelta(seconds=550 * k), opts)
    assert alive is None
    assert get_session(store, "forged-token", t0, opts) is None and get_session(store, None) is None


def test_logout_password_change_and_removal_end_sessions(store):
    u = add_user(store, "sanne", PW, "agent", agent_id="a-03")
    s1, s2, s3 = (create_session(store, u) for _ in range(3))
    end_session(store, s1.token)
    assert get_session(store, s1.token) is None and get_session(store, s2.token) is not None
    set_password(store, "sanne", "a brand new password")
    assert get_session(store, s2.token) is None and get_session(store, s3.token) is None
    s4 = create_session(store, get_user(store, "sanne"))
    remove_user(store, "sanne")
    assert get_session(store, s4.token) is None


def test_purge_expired(store):
    u = add_user(store, "m", PW, "management")
    t0 = utcnow()
    create_session(store, u, now=t0 - timedelta(hours=2))
    create_session(store, u, now=t0)
    assert purge_expired(store, t0) == 1
    assert store.query_one("SELECT COUNT(*) AS n FROM sessions")["n"] == 1


def test_access_log(store):
    a = add_user(store, "sanne", PW, "agent", agent_id="a-03")
    m = add_user(store, "tl", PW, "team_leader", teams=["KCC Noord"])
    t0 = utcnow()
    log_access(store, a, "c-1", "view", "127.0.0.1", now=t0)
    log_access(store, m, "c-1", "audio", now=t0 + timedelta(seconds=1))
    log_access(store, m, "c-2", "export", now=t0 + timedelta(seconds=2))
    got = entries(store, contact_id="c-1")
    assert [(e.username, e.role, e.action) for e in got] == [("tl", "team_leader", "audio"), ("sanne", "agent", "view")]
    assert [e.contact_id for e in entries(store, username="tl")] == ["c-2", "c-1"]
    assert len(entries(store, since=t0 + timedelta(seconds=1))) == 2
    with pytest.raises(ValueError, match="access action 'peek'"):
        log_access(store, a, "c-1", "peek")
    remove_user(store, "sanne")
    assert len(entries(store, contact_id="c-1")) == 2  # the trail outlives the account
