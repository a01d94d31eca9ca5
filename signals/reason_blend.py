"""The cue rules and the trained model together: the model decides, the cues are among its features.

`blended` turns the model's probabilities over the taxonomy's reasons and "other" into
`ContactReason`s: the top class first, further reasons whose probability is at least
`model_secondary` (at most `max_reasons`); "other" only as the top class, alone, and only when it
leads the best reason by `other_margin` (a near tie gives the reason: on the blind sets E-I the
customer who is near a reason mostly has it). A status inquiry
whose probability reaches `status_first` goes first, its case beside it (the reason holding
`case_share` of the probability the status inquiry leaves); so does one the cue rules score at
least `status_cue` ("hoe staat het ervoor", "quería saber cómo va") while the model gives it
`status_cue_floor`: the model, trained mostly on openings that name their subject, often rates the
case above the question. So a leading status inquiry may carry a lower confidence than its case. Confidence is the
model's (restricted-softmax) probability. Evidence: the customer sentence whose cue matched the
reason where the cues found it, else the customer sentence whose words speak most for it in the
model (its strongest word as `term`).
"""
from __future__ import annotations

from meeluister.records import ContactReason, Evidence, Transcript
from signals.reason_model import ReasonModel
from signals.reasons import ReasonOptions
from signals.taxonomy import OTHER, STATUS_INQUIRY, Taxonomy


def model_probabilities(t: Transcript, tax: Taxonomy, model: ReasonModel,
                        rule: dict[str, float]) -> dict[str, float]:
    allowed = tax.reason_ids() + [OTHER]
    return model.probabilities(t, rule, allowed)


def blended(t: Transcript, tax: Taxonomy, model: ReasonModel, rule: dict[str, float],
            best: dict[str, tuple[float, int, str, str]], o: ReasonOptions) -> list[ContactReason]:
    allowed = tax.reason_ids() + [OTHER]
    p = model.probabilities(t, rule, allowed)
    ranked = sorted(p.items(), key=lambda x: (-x[1], x[0]))
    if ranked[0][0] == OTHER and ranked[0][1] - ranked[1][1] < o.other_margin:
        ranked.append(ranked.pop(0))  # a near tie: the reason, not "other" (see the module docstring)
    if ranked[0][0] == OTHER:
        return [ContactReason(t.contact_id, OTHER, round(ranked[0][1], 3), (), tax.id)]
    # a status inquiry is asked about a case: when the customer asks how far it is, that leads and
    # the case stands beside it (how the labelling guide and every labelled set order them)
    ps = p.get(STATUS_INQUIRY, 0.0)
    if ranked[0][0] != STATUS_INQUIRY and STATUS_INQUIRY in p and (
            ps >= o.status_first or (rule.get(STATUS_INQUIRY, 0.0) >= o.status_cue and ps >= o.status_cue_floor)):
        ranked.sort(key=lambda x: x[0] != STATUS_INQUIRY)
    out: list[ContactReason] = []
    lead_status = ranked[0][0] == STATUS_INQUIRY
    rest = max(1e-9, 1.0 - p.get(STATUS_INQUIRY, 0.0))
    for i, (r, pr) in enumerate(ranked):
        if len(out) == o.max_reasons or r == OTHER:
            continue
        # beside a status inquiry, its case: the reason that holds `case_share` of what is left
        case = lead_status and len(out) == 1 and pr / rest >= o.case_share
        if i > 0 and pr < o.model_secondary and not case:
            continue
        out.append(ContactReason(t.contact_id, r, round(pr, 3), _evidence(t, r, model, allowed, best), tax.id))
    return out


def _evidence(t: Transcript, r: str, model: ReasonModel, allowed: list[str],
              best: dict[str, tuple[float, int, str, str]]) -> tuple[Evidence, ...]:
    if r in best and t.turns[best[r][1]].speaker == "customer":
        _, ti, quote, term = best[r]
    else:
        ev = model.evidence(t, r, allowed)
        if ev is None:
            if r not in best:
                return ()
            _, ti, quote, term = best[r]  # only an agent's words named it
        else:
            ti, quote, term = ev
    turn = t.turns[ti]
    return (Evidence(ti, turn.start, turn.end, quote, term),)
