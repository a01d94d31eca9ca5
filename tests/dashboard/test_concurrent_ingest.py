"""The dashboard keeps serving while `meeluister ingest` (another process) loads new data: signed-in
sessions click through their pages during the load, every request succeeds, and afterwards the
pages show the new contact (readers work on the published snapshot; shared/DESIGN.md, Two stores)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from dash_centre import build_centre
from dash_live import start_live
from dashcalls import call

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[2]

AG_ROWS = "..ag-good.children...ag-contacts.children...ag-contacts-pager.max_value.."
TL_CONTACTS = "..tl-contacts.children...tl-contacts-pager.max_value.."


def _new_contact(root: Path) -> tuple[Path, Path]:
    from qa.batch import score_files

    tdir = root / "new"
    tdir.mkdir()
    doc = {"schema": "meeluister.transcript/1", "contact_id": "new-a01-999", "channel": "chat", "language": "nl",
           "organisation": "Gemeente Teststad", "agent_id": "a-01", "agent_name": "Anna Noordhof",
           "started_at": "2026-11-29T10:00:00+01:00", "duration_s": 20.0,
           "turns": [{"speaker": "agent", "start": 0.0, "end": 3.0, "text": "Goedemorgen, u spreekt met Anna Noordhof."},
                     {"speaker": "customer", "start": 4.0, "end": 8.0, "text": "Ik heb een vraag over mijn rijbewijs."},
                     {"speaker": "agent", "start": 9.0, "end": 15.0,
                      "text": "U krijgt binnen vijf werkdagen een brief met de uitslag."}]}
    (tdir / "new-a01-999.json").write_text(json.dumps(doc), encoding="utf-8")
    results = root / "new.jsonl"
    score_files([tdir], results, "municipality")
    return tdir, results


def test_pages_keep_working_during_an_ingest_and_show_the_new_data(tmp_path):
    centre = build_centre(tmp_path / "c", per_agent=6)
    live, server = start_live(centre, f"sqlite:///{tmp_path / 'op.db'}")
    try:
        tdir, results = _new_contact(tmp_path)
        sessions = {u: live.login(u) for u in ("anna", "mgmt", "tl-noord")}
        deps = {u: {d["output"]: d for d in live.deps(s)} for u, s in sessions.items()}
        clicks = {
            "anna": [("page.children", {"url.pathname": "/me"}),
                     (AG_ROWS, {})],
            "mgmt": [("..mg-csat-language.figure...mg-csat-channel.figure...mg-nps-language.figure"
                      "...mg-nps-channel.figure...mg-note.children..", {"mg-period.value": "week"})],
            "tl-noord": [(TL_CONTACTS, {"tl-team.value": ["team-noord"]})],
        }
        statuses: list[int] = []
        stop = threading.Event()

        def browse(user):
            while not stop.is_set():
                for out, vals in clicks[user]:
                    statuses.append(call(sessions[user], deps[user][out], vals, base=live.url).status_code)

        threads = [threading.Thread(target=browse, args=(u,)) for u in clicks]
        for t in threads:
            t.start()
        env = dict(os.environ, PYTHONPATH=str(REPO))
        while len(statuses) < 3:
            time.sleep(0.05)
        t0, n0 = time.time(), len(statuses)
        proc = subprocess.run([sys.executable, "-m", "meeluister.cli", "ingest", "--db", str(centre.db),
                               "--transcripts", str(tdir), "--results", str(results)],
                              cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
        ingest_s, during = time.time() - t0, len(statuses) - n0
        time.sleep(0.5)
        stop.set()
        for t in threads:
            t.join()
        assert proc.returncode == 0, proc.stderr[-2000:]
        assert set(statuses) == {200}, (ingest_s, statuses[:20])
        assert during >= 3, f"only {during} requests answered during the {ingest_s:.1f} s ingest"
        # the new snapshot is warmed in the background, then served (dashboard.snapshots)
        deadline = time.time() + 120
        while time.time() < deadline:
            health = sessions["anna"].get(live.url + "/healthz", timeout=30).json()
            if health["swaps"] >= 1 and not health["preparing"]:
                break
            time.sleep(0.2)
        assert health["swaps"] >= 1, health
        r = call(sessions["anna"], deps["anna"][AG_ROWS], {}, base=live.url)
        assert "new-a01-999" in r.text
        r = call(sessions["tl-noord"], deps["tl-noord"][TL_CONTACTS], {"tl-team.value": ["team-noord"]},
                 base=live.url)
        assert "new-a01-999" in r.text
    finally:
        server.close()
