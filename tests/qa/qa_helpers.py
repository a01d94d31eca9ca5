"""Small builders for hand-written test conversations (our own wording, not the eval set's)."""
from __future__ import annotations

from meeluister.records import Transcript, Turn


def convo(turns, *, lang="nl", channel="phone", agent_name=None, organisation=None, cid="t-1", audio=None):
    """turns: (speaker, text) or (speaker, start, end, text); e-mail gets no timing."""
    out = []
    t = 0.0
    for item in turns:
        if len(item) == 4:
            spk, start, end, text = item
        else:
            spk, text = item
            start, end = t, t + 0.3 * len(text.split()) + 0.4
            t = end + 0.5
        if channel == "email":
            start = end = None
        out.append(Turn(spk, start, end, text))
    return Transcript(contact_id=cid, channel=channel, language=lang, turns=tuple(out),
                      agent_name=agent_name, organisation=organisation, audio=audio)
