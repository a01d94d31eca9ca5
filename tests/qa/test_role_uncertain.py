"""A call whose speaker roles transcription could not decide goes to human review, whole."""
from __future__ import annotations

from meeluister.records import Transcript, Turn
from qa.engine import score


def _call(extra: dict) -> Transcript:
    turns = (
        Turn("agent", 0.0, 3.0, "Goedemorgen, gemeente Zwolle, u spreekt met Sanne. Waarmee kan ik u helpen?"),
        Turn("customer", 3.5, 8.0, "Ik wil graag een nieuw paspoort aanvragen."),
        Turn("agent", 8.5, 14.0, "Dat kan. U krijgt binnen vijf werkdagen een bevestiging per e-mail."),
    )
    return Transcript(contact_id="c-ru-1", channel="phone", language="nl", turns=turns,
                      agent_name="Sanne de Vries", extra=extra)


def test_uncertain_roles_route_every_result_to_review_and_out_of_the_overall():
    sure = score(_call({"role_uncertain": False, "role_confidence": 0.97}))
    unsure = score(_call({"role_uncertain": True, "role_confidence": 0.55}))
    assert not any(r.needs_review for r in sure.results)
    assert sure.score is not None
    assert unsure.results and all(r.needs_review for r in unsure.results)
    assert all("speaker roles uncertain" in (r.reason or "") for r in unsure.results)
    # the automatic outcomes stay visible beside the review flag, unchanged
    assert [r.outcome for r in unsure.results] == [r.outcome for r in sure.results]
    assert unsure.score is None and unsure.outcome == "n/a" and unsure.in_review == len(unsure.results)
