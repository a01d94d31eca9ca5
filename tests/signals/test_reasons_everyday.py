"""Everyday wording (issue 11, after set E): cue families for status inquiries and complaints, and
the plain words people use for each reason, in nl, en, fr and es. Every sentence here is this
file's own (none is taken from an evaluation set). Each case pins the top reason, so dropping or
mis-weighting one cue family turns a case red."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from meeluister.records import Transcript, Turn
from signals import OTHER, STATUS_INQUIRY, classify
from signals.evaluate import _half, evaluate


def top(taxonomy: str, lang: str, text: str) -> list[str]:
    t = Transcript("c-1", "chat", lang, (Turn("customer", 0.0, 5.0, text),))
    return [r.reason for r in classify(t, taxonomy)]


STATUS = [
    ("municipality", "nl", "ik heb drie weken geleden een verzoek ingediend en ik hoor niks, waar blijft het?"),
    ("ministry", "nl", "Is er al een beslissing over de aanvraag van mijn zus? We horen niets."),
    ("commercial", "nl", "ik heb me aangemeld maar nog geen bevestiging gehad"),
    ("municipality", "en", "I sent the form weeks ago and nobody got back to me, has it been approved?"),
    ("ministry", "en", "we havent heard anything since we applied, any news?"),
    ("commercial", "en", "I already sent the paperwork, is there an update on my request?"),
    ("municipality", "fr", "j'ai envoyé ma demande il y a deux mois et toujours rien, ça avance ?"),
    ("ministry", "fr", "Est-ce que mon dossier a bien été pris en compte ? Pas de retour depuis."),
    ("commercial", "fr", "j'ai fait la demande il y a trois semaines, toujours pas de nouvelles"),
    ("municipality", "es", "mandé la solicitud hace semanas y nadie me dice nada, ¿en qué anda?"),
    ("ministry", "es", "¿ya salió mi trámite? todavía nada"),
    ("commercial", "es", "ya envié el formulario, ¿alguna novedad?"),
]


@pytest.mark.parametrize("taxonomy,lang,text", STATUS)
def test_status_inquiry_cue_families(taxonomy: str, lang: str, text: str) -> None:
    assert top(taxonomy, lang, text)[0] == STATUS_INQUIRY


COMPLAINT = [
    ("commercial", "nl", "de medewerker was onvriendelijk en heeft gewoon opgehangen"),
    ("commercial", "en", "your colleague hung up on me, this is ridiculous"),
    ("commercial", "fr", "je veux me plaindre, on m'a raccroché au nez, c'est honteux"),
    ("commercial", "es", "me colgaron el teléfono, una vergüenza, pésimo servicio"),
]


@pytest.mark.parametrize("taxonomy,lang,text", COMPLAINT)
def test_complaint_cue_families(taxonomy: str, lang: str, text: str) -> None:
    assert top(taxonomy, lang, text)[0] == "complaint"


TOPICS = [
    # municipality
    ("municipality", "nl", "Waar kan ik een oude kast en een matras kwijt?", "waste_collection"),
    ("municipality", "en", "how do I get rid of an old sofa?", "waste_collection"),
    ("municipality", "fr", "où jeter un vieux canapé et un matelas ?", "waste_collection"),
    ("municipality", "es", "¿dónde tiro un colchón viejo?", "waste_collection"),
    ("municipality", "nl", "ik kreeg een boete terwijl ik een bewonerskaart heb", "parking"),
    ("municipality", "en", "can my visitors park in front of my house with a visitor permit?", "parking"),
    ("municipality", "fr", "j'ai une carte riverain et pourtant une amende", "parking"),
    ("municipality", "es", "¿dónde puedo estacionar con la zona azul?", "parking"),
    ("municipality", "nl", "mijn vader is slecht ter been, kan hij een traplift krijgen?", "social_support"),
    ("municipality", "en", "my aunt lives alone and needs a stairlift", "social_support"),
    ("municipality", "fr", "ma grand-mère a besoin d'un fauteuil roulant et d'une aide ménagère", "social_support"),
    ("municipality", "es", "mi abuelo necesita una silla de ruedas y transporte adaptado", "social_support"),
    ("municipality", "nl", "mogen we een buurtfeest houden op het plein?", "permits"),
    ("municipality", "en", "do we need permission for a street party?", "permits"),
    ("municipality", "fr", "peut-on organiser une fête de quartier dans notre rue ?", "permits"),
    ("municipality", "es", "queremos talar un árbol del jardín, ¿hace falta autorización?", "permits"),
    ("municipality", "nl", "het stoplicht bij de school doet het niet", "public_space"),
    ("municipality", "en", "there is a hole in the road outside the school", "public_space"),
    ("municipality", "fr", "le feu rouge du carrefour est éteint", "public_space"),
    ("municipality", "es", "el semáforo de mi calle está apagado", "public_space"),
    # ministry
    ("ministry", "nl", "mijn oom uit Ghana wil een maand bij ons logeren, wat moet hij regelen?", "visa"),
    ("ministry", "en", "my cousin wants to come and stay with us for a short stay", "visa"),
    ("ministry", "fr", "ma sœur veut nous rendre visite pour un court séjour", "visa"),
    ("ministry", "es", "mis padres quieren visitarnos, es una estancia corta", "visa"),
    ("ministry", "nl", "zijn er nog demonstraties in de hoofdstad? we vliegen volgende week", "travel_advice"),
    ("ministry", "en", "are there still riots near the border? we fly on monday", "travel_advice"),
    ("ministry", "fr", "il y a des manifestations dans la capitale, est-il prudent d'y aller ?", "travel_advice"),
    ("ministry", "es", "hay protestas en la capital, ¿es prudente ir?", "travel_advice"),
    # commercial
    ("commercial", "nl", "kan het abonnement alleen digitaal in plaats van op papier?", "change_subscription"),
    ("commercial", "en", "can I put my magazine on hold while I am away?", "change_subscription"),
    ("commercial", "fr", "je voudrais une suspension de mon journal pendant deux mois", "change_subscription"),
    ("commercial", "es", "quiero pasar a solo digital", "change_subscription"),
    ("commercial", "nl", "de krant lag vanmorgen niet op de mat", "delivery_problem"),
    ("commercial", "en", "the paper never got here this morning, nothing on the doorstep", "delivery_problem"),
    ("commercial", "fr", "je n'ai jamais reçu le magazine de ce mois", "delivery_problem"),
    ("commercial", "es", "nunca llegó la revista de este mes", "delivery_problem"),
    ("commercial", "nl", "hoe kan ik mijn partner toevoegen zodat hij op zijn tablet kan lezen?", "account_login"),
    ("commercial", "en", "how can I add my partner on another device?", "account_login"),
    ("commercial", "fr", "je n'arrive pas à me connecter, j'ai une page blanche", "account_login"),
    ("commercial", "es", "no puedo entrar, sale una página en blanco", "account_login"),
    ("commercial", "nl", "ik wil van dat weekblad af, ik heb het niet meer nodig", "cancel_subscription"),
    ("commercial", "en", "please stop my magazine, I no longer need it", "cancel_subscription"),
    ("commercial", "fr", "je veux mettre fin à mon abonnement", "cancel_subscription"),
    ("commercial", "es", "quiero dejar de recibir la revista", "cancel_subscription"),
]


@pytest.mark.parametrize("taxonomy,lang,text,want", TOPICS)
def test_everyday_words_per_reason(taxonomy: str, lang: str, text: str, want: str) -> None:
    assert top(taxonomy, lang, text)[0] == want


# where two families meet, the weights decide: these pin them
def test_a_general_how_long_question_keeps_its_topic_first() -> None:
    assert top("ministry", "en", "how long does a visa take for a business trip?")[0] == "visa"
    assert top("ministry", "nl", "hoe lang duurt een visum voor een zakenreis?")[0] == "visa"
    assert top("municipality", "fr", "il faut combien de temps pour refaire une carte d'identité ?")[0] == "id_documents"


def test_not_hearing_from_a_person_is_an_emergency_not_a_status_inquiry() -> None:
    assert top("ministry", "nl", "we hebben al drie dagen niks van hem gehoord in Peru")[0] == "emergency_abroad"
    assert top("ministry", "en", "we have not heard from her since the earthquake")[0] == "emergency_abroad"
    assert top("ministry", "fr", "nous sommes sans nouvelles de lui depuis lundi à Lima")[0] == "emergency_abroad"
    # about a case, the same words are a status inquiry
    assert top("ministry", "nl", "over mijn visumaanvraag heb ik nog niks gehoord")[0] == STATUS_INQUIRY


def test_a_repeat_complaint_word_stays_beside_the_topic() -> None:
    got = top("commercial", "nl", "de krant is alweer niet bezorgd")
    assert got[0] == "delivery_problem"
    got = top("municipality", "nl", "de vuilniswagen is weer niet langs geweest, de container staat vol")
    assert got[0] == "waste_collection"


def test_collecting_a_passport_is_not_waste_collection() -> None:
    assert top("municipality", "nl", "kan ik mijn paspoort op zaterdag ophalen?")[0] == "id_documents"


def test_a_status_inquiry_about_a_named_case_keeps_both() -> None:
    got = top("municipality", "es", "pedí la tarjeta de estacionamiento hace dos meses, ¿ya salió?")
    assert got[:2] == [STATUS_INQUIRY, "parking"]


def test_still_other_when_nothing_fits() -> None:
    assert top("municipality", "en", "what time does the concert at the station start?") == [OTHER]
    assert top("commercial", "es", "¿qué tiempo hará mañana?") == [OTHER]


def test_half_splits_ids_by_parity(tmp_path: Path) -> None:
    assert _half("e001", "odd") and not _half("e001", "even")
    assert _half("e010", "even") and not _half("e010", "odd")
    assert _half("x", None)
    rows = [{"id": f"q{i}", "taxonomy": "commercial", "language": "en",
             "text": "please cancel my subscription" if i % 2 else "what a nice day", "reasons":
             ["cancel_subscription"]} for i in range(1, 7)]
    f = tmp_path / "s.jsonl"
    f.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    assert evaluate(f, half="odd").primary == 1.0 and evaluate(f, half="odd").n == 3
    assert evaluate(f, half="even").primary == 0.0
    assert evaluate(f).n == 6


SET_E = Path(__file__).resolve().parents[2] / "eval" / "reasons" / "set-e.jsonl"


def test_set_e_development_half_and_held_out_half() -> None:
    # odd ids were used for development after the first (blind) score 0.569; even ids were not
    # looked at (eval/reasons/README.md): a guard against regressions, not a generalisation claim
    dev, held = evaluate(SET_E, half="odd"), evaluate(SET_E, half="even")
    assert dev.n == held.n == 80
    assert dev.primary >= 0.9, dev.misses
    assert held.primary >= 0.7
