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


def test_clip_silences_exactly_the_redacted_words(centre, tmp_path):
    """No --recordings, no --transcripts: the warehouse knows the recording and where to silence."""
    import soundfile as sf

    cid, doc = _phone_nivea(centre)
    con = open_snapshot(centre.db)
    chosen = [c for c in ex.candidates(con, criterion="nivea", language="nl", outcome="fail") if c["contact_id"] == cid]
    built = ex.build(con, chosen, tmp_path)
    assert built[0].clip and built[0].silenced_s > 0
    x, sr = sf.read(str(tmp_path / built[0].clip))
    ev = centre.results[(cid, "nivea")]["evidence"][0]
    first = int(max(0.0, ev["start"] - ex.ExampleOptions().clip_pad_s) * sr)
    words = {w["w"]: w for w in doc["turns"][1]["words"]}

    def samples(w):
        return x[int(np.floor(w["start"] * sr)) - first: int(np.ceil(w["end"] * sr)) - first]

    for redacted in ("06", "12345678."):  # the phone number: every sample of both words is zero
        seg = samples(words[redacted])
        assert len(seg) > 0.1 * sr and not np.any(seg), redacted
    for kept in ("paspoort,", "nummer"):  # the customer's other words stay audible
        assert _rms(x, sr, words[kept]["start"] - first / sr + 0.01, words[kept]["end"] - first / sr - 0.01) > 0.05
    agent = doc["turns"][2]  # the evidence itself is audible
    a = first / sr
    assert _rms(x, sr, agent["start"] - a + 0.05, agent["end"] - a - 0.05) > 0.05
    assert built[0].silenced_s == pytest.approx(sum(words[w]["end"] - words[w]["start"] for w in ("06", "12345678.")),
                                                abs=0.01)


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
