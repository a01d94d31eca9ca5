"""hold_etiquette: "je kunt niet niet communiceren" — announce a hold, say how long, come back.

A hold is a gap of at least `min_gap_s` in which nobody speaks (or types) while the customer waits
for the agent: the next turn is the agent's, or the customer checking the line ("Hallo?"). A gap
followed by the customer carrying on (a WhatsApp customer who went to take a photo) is the
customer's own absence, not a hold. Pass when every hold was announced (permission asked, or a
duration given; a bare "ik kijk even" / "hold on" is not enough) and the agent came back first
(the customer did not have to ask whether anyone is there); `require_thanks` also demands thanks.
n/a without timing (e-mail) and without a hold.
"""
from __future__ import annotations

from meeluister.records import CriterionResult
from qa.criteria.base import Context, Criterion, register
from qa.text import PreparedTurn


def _has_duration(ctx: Context, norm: str) -> str | None:
    assert ctx.lex is not None
    units = ctx.lex.wordset("hold", "duration_units")
    qty = ctx.lex.wordset("hold", "duration_quantities")
    words = norm.split()
    for i, w in enumerate(words):
        if w in units and i > 0 and any(x in qty or x.isdigit() for x in words[max(0, i - 3):i]):
            return " ".join(words[max(0, i - 2):i + 1])
    return None


@register
class HoldEtiquette(Criterion):
    id = "hold_etiquette"
    defaults = {
        "min_gap_s": 20.0,  # silence that counts as a hold
        "require_thanks": False,  # also demand "bedankt voor het wachten" on return
        "na_channels": ["email", "webform"],
    }

    def evaluate(self, ctx: Context) -> CriterionResult:
        prm = ctx.params
        if ctx.t.channel in prm["na_channels"] or not ctx.p.timed:
            return self.na(ctx, "no timing: holds cannot be measured", basis="structural")
        if ctx.lex is None:
            return self.na(ctx, f"no lexicon for language {ctx.t.language!r}", basis="structural")
        holds = ctx.findings.holds(prm["min_gap_s"])
        if not holds:
            return self.na(ctx, "no hold in this contact", basis="no-hold")
        lex = ctx.lex
        permission = lex.phrases("hold", "permission")
        cues = lex.phrases("hold", "hold_cues")
        consent = lex.phrases("hold", "consent_tags")
        returned = lex.phrases("hold", "returned")
        checkin = lex.phrases("hold", "checkin")
        turns = ctx.p.turns
        evidence = []
        failures = []
        longest = max(g for _, _, g in holds)
        for before_i, after_i, gap in holds:
            # the announcement: the agent's last turns before the gap (a customer "ja hoor" may follow)
            announced = None
            ann_turn: PreparedTurn | None = None
            for pt in reversed(turns[max(0, before_i - 3): before_i + 1]):
                if pt.speaker == "customer" and pt.words > 10:
                    break  # only the agent's turns since the customer last spoke (a "ja hoor" aside)
                if pt.speaker != "agent":
                    continue
                ann_turn = ann_turn or pt
                for s in pt.sentences:
                    hit = permission.search(s.norm) or _has_duration(ctx, s.norm)
                    if hit is None and s.question and cues.search(s.norm):
                        hit = consent.search(s.norm)  # "ik zet u in de wacht, is dat goed?" asks permission
                    if hit:
                        announced = (s, hit)
                        break
                if announced:
                    break
            after = turns[after_i]
            came_back = after.speaker == "agent"
            thanked = came_back and any(returned.search(s.norm) for s in after.sentences)
            if after.speaker == "customer" and checkin.search(after.norm):
                came_back = False
            ok = announced is not None and came_back and (thanked or not prm["require_thanks"])
            if announced:
                evidence.append(ctx.evidence(announced[0], term=announced[1]))
            elif ann_turn is not None:
                evidence.append(ctx.evidence(ann_turn.sentences[-1], term=f"{gap:.0f} s hold not announced"))
            evidence.append(ctx.evidence(after.sentences[0], term="thanks on return" if thanked else (
                "returns" if came_back else "customer has to check the line")))
            if not ok:
                if announced is None:
                    failures.append(f"{gap:.0f} s hold without announcement (permission or duration)")
                elif not came_back:
                    failures.append(f"after {gap:.0f} s the customer has to check the line")
                else:
                    failures.append(f"no thanks after the {gap:.0f} s hold")
        measures = {"holds": float(len(holds)), "longest_hold_s": round(longest, 1)}
        near = "-near" if min(g for _, _, g in holds) < prm["min_gap_s"] + 10 else ""
        if failures:
            kind = "no-return" if "check the line" in failures[0] else "no-thanks" if "thanks" in failures[0] \
                else "unannounced"
            return self.result(ctx, "fail", evidence=evidence, measures=measures, reason="; ".join(failures),
                               basis=kind + near)
        return self.result(ctx, "pass", evidence=evidence, measures=measures,
                           reason=f"{len(holds)} hold(s) announced and returned to", basis="announced" + near)
