"""The example-call library: clearest examples spread over agents, escaped and pseudonymised
excerpts, clips with the customer's personal data silenced, playlists saved and exported again."""
from __future__ import annotations

import re

import numpy as np
import pytest

from coaching import examples as ex
from coaching.store import open_coaching_store
from opstore import playlists as pl
from warehouse import open_snapshot


def test_selection_spreads_over_agents_and_contacts(centre):
    con = open_snapshot(centre.db)
    chosen = ex.select_examples(con, criterion="nivea", language="nl", outcome="fail", limit=8)
    assert len({c["contact_id"] for c in chosen}) == len(chosen) == 8
    agents = [c["agent_id"] for c in chosen]
    k = len(set(agents))
    assert len(set(agents[:k])) == k  # every agent's best before anyone's second
    for c in chosen:
        r = centre.results[(c["contact_id"], "nivea")]
        assert r["outcome"] == "fail" and centre.contacts[c["contact_id"]]["language"] == "nl"


def test_index_escapes_hostile_text_and_pseudonymises(centre, tmp_path):
    con = open_snapshot(centre.db)
    chosen = ex.select_examples(con, criterion="next_steps", language=None, outcome="fail", limit=500)
    chosen += ex.select_examples(con, criterion="nivea", language="nl", outcome="fail", limit=5)
    built = ex.build(con, chosen, tmp_path)
    html = ex.write_index(built, tmp_path, title="<script>t</script>").read_text(encoding="utf-8")
    assert "<script>" not in html and "<b>vet</b>" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &lt;b&gt;vet&lt;/b&gt; {{ 7*7 }}" in html
    for name, _team in centre.agents.values():
        assert name not in html and name.split()[0] not in html
    # the warehouse redacts the customer introducing themselves ("met Henk Jansen") as [NAME]
    assert "Henk Jansen" not in html and "[NAME]" in html and "medewerker A" in html
    assert "<mark>" in html  # the evidence highlighted


def _rms(x, sr, a, b):
    assert 0 <= a < b, (a, b)
    seg = x[int(a * sr): int(b * sr)]
    return float(np.sqrt(np.mean(seg**2))) if len(seg) else None


def _phone_nivea(centre):
    for cid, d in sorted(centre.contacts.items()):
        if d["channel"] == "phone" and d["language"] == "nl" and centre.results[(cid, "nivea")]["outcome"] == "fail":
            return cid, d
    raise AssertionError("no phone nivea fail in the generated centre")


@pytest.mark.parametrize("words", [True, False])
def test_clip_silences_customer_pii(centre, tmp_path, words):
    import soundfile as sf

    cid, doc = _phone_nivea(centre)
    con = open_snapshot(centre.db)
    chosen = [c for c in ex.candidates(con, criterion="nivea", language="nl", outcome="fail") if c["contact_id"] == cid]
    kw = {"transcripts": centre.root / "transcripts"} if words else {"recordings": centre.root / "audio"}
    built = ex.build(con, chosen, tmp_path, **kw)
    assert built[0].clip and built[0].silenced_s > 0
    x, sr = sf.read(str(tmp_path / built[0].clip))
    ev = centre.results[(cid, "nivea")]["evidence"][0]
    a = max(0.0, ev["start"] - ex.ExampleOptions().clip_pad_s)
    cust = doc["turns"][1]
    spoken = {w["w"]: (w["start"] - a + 0.01, w["end"] - a - 0.01) for w in cust["words"]}
    assert _rms(x, sr, *spoken["12345678."]) == 0.0 and _rms(x, sr, *spoken["06"]) == 0.0
    if words:  # only the redacted words: the customer's other words stay audible
        assert _rms(x, sr, *spoken["paspoort,"]) > 0.05
    else:  # no word timings: the whole customer turn
        assert _rms(x, sr, *spoken["paspoort,"]) == 0.0
    agent = doc["turns"][2]  # the evidence itself is audible
    assert _rms(x, sr, agent["start"] - a + 0.05, agent["end"] - a - 0.05) > 0.05


def test_redacted_word_spans():
    words = [{"w": w, "start": float(i), "end": i + 0.9} for i, w in
             enumerate("mijn nummer is 06 12345678 en mijn BSN is 111222333".split())]
    spans = ex.redacted_word_spans(words)
    assert spans == [(3.0, 3.9), (4.0, 4.9), (9.0, 9.9)]


def test_playlist_saved_and_exported_again(centre, tmp_path):
    from typer.testing import CliRunner

    from meeluister.cli import app

    url = f"sqlite:///{tmp_path / 'op.db'}"
    run = CliRunner().invoke
    r = run(app, ["examples", "--db", str(centre.db), "--criterion", "nivea", "--language", "nl", "--outcome", "fail",
                  "--limit", "4", "--channel", "phone", "--out", str(tmp_path / "a"), "--store", url, "--save-as", "nivea-basis",
                  "--transcripts", str(centre.root / "transcripts")])
    assert r.exit_code == 0, r.output
    first = re.findall(r'data-contact="([^"]+)"', (tmp_path / "a" / "index.html").read_text(encoding="utf-8"))
    assert len(first) == 4 and list((tmp_path / "a" / "clips").glob("*.wav"))
    store = open_coaching_store(url)
    assert [i.contact_id for i in pl.get_playlist(store, "nivea-basis")] == first
    assert pl.list_playlists(store)[0]["items"] == 4
    store.close()
    r = run(app, ["examples", "--db", str(centre.db), "--out", str(tmp_path / "b"), "--store", url,
                  "--playlist", "nivea-basis"])
    assert r.exit_code == 0, r.output
    again = re.findall(r'data-contact="([^"]+)"', (tmp_path / "b" / "index.html").read_text(encoding="utf-8"))
    assert again == first
    r = run(app, ["examples", "--db", str(centre.db), "--out", str(tmp_path / "c"), "--store", url, "--playlist", "nope"])
    assert r.exit_code == 2 and "no such playlist" in r.output
