"""Dashboard benchmark: time until each page is interactive in a real browser, and callback
latency (p50/p95) with 20 concurrent signed-in sessions, against a dashboard served by waitress
in its own process (as `meeluister dashboard` serves it).

    flock /tmp/bench.lock python benchmarks/dashboard.py --db /path/bench.duckdb [--sessions 20]

`--db`: a warehouse with a published snapshot (benchmarks/warehouse.py builds the 1,000,000-contact
one; without --db a small generated centre is built). Users: one per role from the warehouse's
busiest agents and teams (dashboard.create_demo_users), plus 20 session users spread over agents,
team leaders and management. Target (DESIGN.md): every page interactive <= 1.5 s, the first load in
a fresh browser included (`--fresh N`: each page's first load in a new chromium with a new profile,
N times). Each timed load also reports chromium's and the server's CPU seconds (comparable across
machine loads). `--full-plotly`: serve plotly.py's full plotly.js instead of the partial bundle.
"""
from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "dashboard"))

PASSWORD = "benchmark password"


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _users(store, db) -> dict[str, list[str]]:
    """Session users: agents (busiest first), their team leaders, management."""
    import warehouse
    from opstore.users import add_user

    con = warehouse.open_snapshot(db)
    try:
        card = warehouse.qa_score(con, warehouse.Query(group_by=("agent_id", "team")))
    finally:
        con.close()
    card = card.sort_values(["n", "agent_id"], ascending=[False, True]).head(10)
    out: dict[str, list[str]] = {"agent": [], "team_leader": [], "management": []}
    for i, r in enumerate(card.itertuples()):
        add_user(store, f"bench-agent-{i}", PASSWORD, "agent", agent_id=str(r.agent_id))
        out["agent"].append(f"bench-agent-{i}")
        add_user(store, f"bench-tl-{i}", PASSWORD, "team_leader", teams=(str(r.team),))
        out["team_leader"].append(f"bench-tl-{i}")
    for i in range(4):
        add_user(store, f"bench-mgmt-{i}", PASSWORD, "management")
        out["management"].append(f"bench-mgmt-{i}")
    return out


def _login(url: str, user: str):
    import requests

    from dashcalls import csrf_from

    s = requests.Session()
    r = s.get(url + "/login", timeout=60)
    r = s.post(url + "/login", data={"username": user, "password": PASSWORD, "csrf_token": csrf_from(r.text)},
               allow_redirects=False, timeout=60)
    assert r.status_code == 303, r.text[:200]
    return s


CALLBACKS = {  # role -> (output, input values) the page fires on load
    "agent": [("..ag-qa-trend.figure...ag-csat-trend.figure...ag-pass.figure...ag-focus.children..",
               {"ag-period.value": "week"}),
              ("..ag-good.children...ag-contacts.children...ag-contacts-pager.max_value..", {}),
              ("..ag-ack.children...ag-disputes.children..", {})],
    "team_leader": [("..tl-glance.children...tl-attention.children...tl-agent.options..", {}),
                    ("..tl-contacts.children...tl-contacts-pager.max_value..", {})],
    "management": [("..mg-csat-language.figure...mg-csat-channel.figure...mg-nps-language.figure"
                    "...mg-nps-channel.figure...mg-note.children..", {"mg-period.value": "week"}),
                   ("..mg-pass.figure...mg-drivers.figure..", {})],
}


def callback_latency(url: str, users: dict[str, list[str]], sessions: int, rounds: int) -> dict:
    from dashcalls import call

    roles = ["agent"] * 8 + ["team_leader"] * 8 + ["management"] * 4
    plan = []
    for i in range(sessions):
        role = roles[i % len(roles)]
        pool = users[role]
        plan.append((role, pool[i % len(pool)]))
    logged = [(role, _login(url, u)) for role, u in plan]
    deps = {}
    for role, s in logged:
        if role not in deps:
            deps[role] = {d["output"]: d for d in s.get(url + "/_dash-dependencies").json()}
    lat: dict[str, list[float]] = {}
    errors = []
    lock = threading.Lock()
    start = threading.Barrier(len(logged))

    first: list[float] = []  # each session's first round: nothing of its scope cached yet
    later: list[float] = []

    def run(role, s):
        start.wait()
        for k in range(rounds):
            for out, vals in CALLBACKS[role]:
                if role == "team_leader":
                    vals = dict(vals)
                t0 = time.perf_counter()
                r = call(s, deps[role][out], vals, base=url)
                dt = (time.perf_counter() - t0) * 1000
                with lock:
                    lat.setdefault(f"{role}: {out.strip('.').split('.')[0]}", []).append(dt)
                    (first if k == 0 else later).append(dt)
                    if r.status_code != 200:
                        errors.append((role, out, r.status_code))

    threads = [threading.Thread(target=run, args=x) for x in logged]
    t0 = time.time()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.time() - t0
    allv = [v for vs in lat.values() for v in vs]

    def pct(vs, p):
        vs = sorted(vs)
        return vs[min(len(vs) - 1, int(round(p / 100 * (len(vs) - 1))))]

    return {"sessions": len(logged), "requests": len(allv), "wall_s": round(wall, 1), "errors": errors[:5],
            "p50_ms": round(pct(allv, 50)), "p95_ms": round(pct(allv, 95)),
            "first_round": {"n": len(first), "p50_ms": round(pct(first, 50)), "p95_ms": round(pct(first, 95))},
            "later_rounds": ({"n": len(later), "p50_ms": round(pct(later, 50)), "p95_ms": round(pct(later, 95))}
                             if later else None),
            "per_callback": {k: {"n": len(v), "p50_ms": round(pct(v, 50)), "p95_ms": round(pct(v, 95))}
                             for k, v in sorted(lat.items())}}


PAGES = {  # page -> (user role, path, css that marks it interactive with its data)
    "management": ("management", "/management", ["#mg-csat-language .js-plotly-plot", "#mg-nps-channel .js-plotly-plot",
                                                 "#mg-pass .js-plotly-plot"]),
    "team leader": ("team_leader", "/team", ["#tl-glance-table", "#tl-contacts-table"]),
    "agent": ("agent", "/me", ["#ag-qa-trend .js-plotly-plot", "#ag-pass .js-plotly-plot", "#ag-contacts-table"]),
    "contact detail": ("agent", None, ["#transcript", "#results-table"]),
    "trainer library": ("trainer", "/library", ["#lib-pick"]),
    "signals": ("management", "/signals", ["#sg-reasons-table", "#sg-series .js-plotly-plot"]),
}


def _tree(pid: int) -> set[int]:
    """The process and its descendants (from /proc)."""
    parents = {}
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                st = Path(f"/proc/{p}/stat").read_text()
                parents[int(p)] = int(st[st.rindex(")") + 2:].split()[1])
            except (OSError, ValueError):
                pass
    out, grew = {pid}, True
    while grew:
        new = {p for p, pp in parents.items() if pp in out} - out
        out |= new
        grew = bool(new)
    return out


def _cpu_s(pids: set[int]) -> float:
    """User + system CPU seconds of these processes so far (0 for a vanished one)."""
    tck, tot = os.sysconf("SC_CLK_TCK"), 0.0
    for p in pids:
        try:
            st = Path(f"/proc/{p}/stat").read_text()
            f = st[st.rindex(")") + 2:].split()
            tot += (int(f[11]) + int(f[12])) / tck
        except (OSError, ValueError):
            pass
    return tot


def _timed_load(d, url: str, path: str, marks: list[str], server_pid: int | None) -> tuple[float, float, float]:
    """One page load until interactive with its data: wall seconds, and the CPU seconds of
    chromium (all its processes) and of the server meanwhile (on a shared machine the wall time
    grows with the load, these hardly do)."""
    import dash_browser as browser

    pids = _tree(d.service.process.pid)
    b0, s0 = _cpu_s(pids), _cpu_s({server_pid}) if server_pid else 0.0
    t0 = time.perf_counter()
    d.get(url + path)
    for m in marks:
        browser.wait_for(d, m, 120)
    browser.wait_idle(d, 120)
    wall = time.perf_counter() - t0
    return wall, _cpu_s(pids) - b0, (_cpu_s({server_pid}) - s0 if server_pid else 0.0)


def _who(role: str, users: dict[str, list[str]], demo: dict[str, str]) -> tuple[str, str]:
    user = demo.get(role) or users[role][0]
    return user, PASSWORD if user.startswith("bench-") else demo["password"]


def _contact_path(d, url: str) -> str:
    """The newest contact of the signed-in agent, from its own list."""
    import dash_browser as browser
    from selenium.webdriver.common.by import By

    d.get(url + "/me")
    browser.wait_for(d, "#ag-contacts-table a.contact-link", 60)
    return d.find_element(By.CSS_SELECTOR, "#ag-contacts-table a.contact-link").get_attribute("href")[len(url):]


def time_to_interactive(url: str, users: dict[str, list[str]], demo: dict[str, str], repeats: int,
                        server_pid: int | None = None, pages: list[str] | None = None) -> dict:
    """Each page loaded repeats + 1 times in one browser (the first after signing in)."""
    import dash_browser as browser

    d = browser.make_driver()
    out = {}
    try:
        for name, (role, path, marks) in PAGES.items():
            if pages and name not in pages:
                continue
            user, password = _who(role, users, demo)
            browser.login(d, url, user, password)
            path = path or _contact_path(d, url)
            loads = [_timed_load(d, url, path, marks, server_pid) for _ in range(repeats + 1)]
            times, browser_cpu, server_cpu = (list(x) for x in zip(*loads))
            out[name] = {"first_s": round(times[0], 2), "median_s": round(statistics.median(times[1:]), 2),
                         "max_s": round(max(times[1:]), 2),
                         "browser_cpu_s": {"first": round(browser_cpu[0], 2),
                                           "median": round(statistics.median(browser_cpu[1:]), 2)},
                         "server_cpu_s": {"first": round(server_cpu[0], 2),
                                          "median": round(statistics.median(server_cpu[1:]), 2)}}
    finally:
        d.quit()
    return out


def fresh_loads(url: str, users: dict[str, list[str]], demo: dict[str, str], n: int,
                server_pid: int | None = None, pages: list[str] | None = None) -> dict:
    """Each page's first load in a fresh browser, n times: a new chromium process with a new
    profile (empty HTTP and code caches) signs in (the login page loads none of Dash's or
    plotly's code) and loads the page once, timed; then it quits."""
    import dash_browser as browser

    contact = None
    out: dict[str, dict] = {}
    for _ in range(n):
        for name, (role, path, marks) in PAGES.items():
            if pages and name not in pages:
                continue
            d = browser.make_driver()
            try:
                user, password = _who(role, users, demo)
                browser.login(d, url, user, password)
                if path is None:
                    if contact is None:
                        with_list = browser.make_driver()  # found in another browser: this one stays cold
                        try:
                            browser.login(with_list, url, user, password)
                            contact = _contact_path(with_list, url)
                        finally:
                            with_list.quit()
                    path = contact
                wall, bcpu, scpu = _timed_load(d, url, path, marks, server_pid)
            finally:
                d.quit()
            r = out.setdefault(name, {"s": [], "browser_cpu_s": [], "server_cpu_s": []})
            r["s"].append(round(wall, 2))
            r["browser_cpu_s"].append(round(bcpu, 2))
            r["server_cpu_s"].append(round(scpu, 2))
    for r in out.values():
        r["median_s"], r["max_s"] = round(statistics.median(r["s"]), 2), max(r["s"])
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, default=None, help="warehouse with a published snapshot")
    ap.add_argument("--sessions", type=int, default=20)
    ap.add_argument("--rounds", type=int, default=5, help="page loads (callback sets) per session")
    ap.add_argument("--repeats", type=int, default=3, help="timed page loads per page (after one untimed)")
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument("--no-wait-warm", dest="wait_warm", action="store_false",
                    help="time the pages while the server's start-up warm-up still runs")
    ap.add_argument("--pages", nargs="+", choices=sorted(PAGES), default=None,
                    help="time only these pages (default: all)")
    ap.add_argument("--fresh", type=int, default=0, metavar="N",
                    help="also time each page's first load in a fresh browser (new chromium, new profile), N times")
    ap.add_argument("--full-plotly", action="store_true",
                    help="serve plotly.py's full plotly.js bundle (`meeluister dashboard --full-plotly`), to compare")
    args = ap.parse_args()

    from dashboard import create_demo_users
    from opstore import open_store

    work = Path(tempfile.mkdtemp(prefix="meeluister-dash-bench-"))
    db = args.db
    if db is None:
        from dash_centre import build_centre
        db = build_centre(work / "centre").db
    store_url = f"sqlite:///{work / 'op.db'}"
    store = open_store(store_url)
    demo_logins = create_demo_users(store, db, password="demo password 1")
    demo = {d.role: d.username for d in demo_logins} | {"password": "demo password 1"}
    users = _users(store, db)
    store.close()
    port = _port()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    server = subprocess.Popen([sys.executable, "-m", "meeluister.cli", "dashboard", "--db", str(db), "--store", store_url,
                               "--port", str(port), "--threads", "16"] + (["--full-plotly"] if args.full_plotly else []),
                              cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        import requests

        for _ in range(300):
            try:
                if requests.get(url + "/healthz", timeout=1).ok:
                    break
            except requests.RequestException:
                time.sleep(0.1)
        t_warm = time.perf_counter()
        while args.wait_warm and time.perf_counter() - t_warm < 900:  # the start-up warm-up (drivers, signals)
            if requests.get(url + "/healthz", timeout=5).json().get("warm"):
                break
            time.sleep(1)
        warm_s = round(time.perf_counter() - t_warm, 1)
        import warehouse
        con = warehouse.open_snapshot(db)
        size = int(warehouse.qa_score(con, warehouse.Query())["n"].sum())
        con.close()
        load_start = os.getloadavg()
        tti = time_to_interactive(url, users, demo, args.repeats, server.pid, args.pages)
        fresh = fresh_loads(url, users, demo, args.fresh, server.pid, args.pages) if args.fresh > 0 else None
        lat = callback_latency(url, users, args.sessions, args.rounds) if args.sessions > 0 else None
    finally:
        server.terminate()
        server.wait(timeout=30)
    result = {"db": str(db), "scored_contacts": size, "cpus": os.cpu_count(), "load_avg_start": load_start,
              "load_avg": os.getloadavg(),
              "warm_up_s": warm_s, "plotly_js": "full" if args.full_plotly else "basic",
              "tti": tti, "fresh": fresh, "callbacks": lat}
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
