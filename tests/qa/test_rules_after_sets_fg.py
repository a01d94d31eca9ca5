"""Rules added after sets F and G (docs/evaluation.md, "development after sets F and G"), each on
our own wording in four languages, with a near miss beside it so that a rule that fires on
everything, or on nothing, turns a test red."""
from __future__ import annotations

import pytest

from qa import score
from qa_helpers import convo

HELLO = {"nl": "Goedemiddag, met Iris van de gemeente.", "en": "Good afternoon, this is Iris.",
         "fr": "Bonjour, Iris à l'appareil.", "es": "Buenas tardes, le atiende Iris."}
SPOKEN_HELLO = {"nl": "goedemiddag u spreekt met iris", "en": "good afternoon you're speaking with iris",
                "fr": "bonjour iris à l'appareil", "es": "buenas tardes le atiende iris"}


def result(turns, lang, crit, channel="chat", hello=True):
    head = [("agent", HELLO[lang])] if hello else []
    return score(convo([*head, *turns], lang=lang, channel=channel)).result(crit)


# room_for_emotion: swearing is strong emotion ---------------------------------------------------
@pytest.mark.parametrize("lang,swear,calm,agent", [
    ("nl", "Verdomme, de stroom is weer uitgevallen.", "De stroom is uitgevallen.", "Ik zoek het voor u op."),
    ("en", "What the hell, the power is out again.", "The power is out.", "Let me look that up."),
    ("fr", "Putain, le courant est encore coupé.", "Le courant est coupé.", "Je regarde cela."),
    ("es", "Joder, se ha ido la luz otra vez.", "Se ha ido la luz.", "Lo miro ahora mismo."),
])
def test_swearing_makes_the_turn_emotional(lang, swear, calm, agent):
    assert result([("customer", swear), ("agent", agent)], lang, "room_for_emotion").outcome == "fail"
    assert result([("customer", calm), ("agent", agent)], lang, "room_for_emotion").outcome == "n/a"


# room_for_emotion: fear said plainly counts, "afraid that ..." as a hedge does not ---------------
@pytest.mark.parametrize("lang,fear,hedge,agent", [
    ("nl", "Ik ben bang om 's avonds over straat te gaan, de lantaarns zijn uit.",
     "Ik ben bang dat de eindafrekening hoger wordt dan gedacht.", "Ik zoek het voor u op."),
    ("en", "I'm scared to walk home at night, the street lights are out.",
     "I'm afraid that the final bill will be higher than expected.", "Let me look that up."),
    ("fr", "J'ai peur de rentrer à pied le soir, les lampadaires sont éteints.",
     "J'ai bien peur que la facture finale soit plus élevée que prévu.", "Je regarde cela."),
    ("es", "Tengo miedo de volver a casa de noche, las farolas están apagadas.",
     "Me temo que la factura final será más alta de lo previsto.", "Lo miro ahora mismo."),
])
def test_plain_fear_counts_and_a_fear_hedge_does_not(lang, fear, hedge, agent):
    assert result([("customer", fear), ("agent", agent)], lang, "room_for_emotion").outcome == "fail"
    assert result([("customer", hedge), ("agent", agent)], lang, "room_for_emotion").outcome == "n/a"


# room_for_emotion: empathy in the agent's second message answers the same turn ------------------
SITUATION = {
    "nl": "We staan met twee kleine kinderen bij het hotel en ze zeggen dat er geen kamer voor ons is, het is "
          "elf uur 's avonds en de kinderen slapen op de bank in de lobby, ik weet niet waar we heen moeten.",
    "en": "We are at the hotel with two small children and they say there is no room for us, it is eleven at "
          "night and the children are asleep on the sofa in the lobby, I have no clue where we can go.",
    "fr": "Nous sommes à l'hôtel avec deux petits enfants et on nous dit qu'il n'y a pas de chambre pour nous, il "
          "est vingt-trois heures et les enfants dorment sur le canapé du hall, on ne sait pas où aller.",
    "es": "Estamos en el hotel con dos niños pequeños y nos dicen que no hay habitación para nosotros, son las "
          "once de la noche y los niños duermen en el sofá del vestíbulo, no sabemos adónde ir.",
}
GREETING_ONLY = {"nl": "Hallo, u chat met Iris.", "en": "Hi, it's Iris here.", "fr": "Bonjour, c'est Iris.",
                 "es": "Hola, soy Iris."}
EMPATHY = {"nl": "Wat akelig, dat is het laatste wat u nodig heeft met twee moe kinderen. We regelen een bed.",
           "en": "I'm so sorry, that is the last thing you need with two tired children. We will find a bed.",
           "fr": "Je suis vraiment désolée, c'est terrible avec deux enfants fatigués. Nous allons trouver un lit.",
           "es": "Lo siento mucho, es lo último que necesitan con dos niños cansados. Les buscamos una cama."}
PRACTICAL = {"nl": "Wat is uw boekingsnummer?", "en": "What is your booking number?",
             "fr": "Quel est votre numéro de réservation ?", "es": "¿Cuál es su número de reserva?"}


@pytest.mark.parametrize("lang", ["nl", "en", "fr", "es"])
def test_empathy_in_the_agents_second_message_counts(lang):
    turns = [("customer", SITUATION[lang]), ("agent", GREETING_ONLY[lang]), ("agent", EMPATHY[lang])]
    r = result(turns, lang, "room_for_emotion", channel="whatsapp", hello=False)
    assert r.outcome == "pass"
    # near miss: the second message goes to the practical part; no emotion word was said either
    turns = [("customer", SITUATION[lang]), ("agent", GREETING_ONLY[lang]), ("agent", PRACTICAL[lang])]
    assert result(turns, lang, "room_for_emotion", channel="whatsapp", hello=False).outcome != "pass"


# room_for_emotion: a bare word and at once the procedure, answering a situation ----------------
ACCIDENT = {
    "nl": "Mijn hond is net aangereden voor de deur, hij ademt nog maar hij kan zijn achterpoten niet meer "
          "bewegen en de kinderen hebben hem gevonden toen ze thuiskwamen van school.",
    "en": "My dog has just been hit by a car outside the house, he is still breathing but he cannot move his "
          "back legs and the children found him when they came home from school.",
    "fr": "Mon chien vient de se faire renverser devant la maison, il respire encore mais il ne bouge plus les "
          "pattes arrière et ce sont les enfants qui l'ont trouvé en rentrant de l'école.",
    "es": "A mi perro lo acaba de atropellar un coche delante de casa, todavía respira pero no puede mover las "
          "patas traseras y lo encontraron los niños al volver del colegio.",
}
DEFENCE = {"nl": "Oké. Voor een spoedconsult zonder afspraak rekenen we zestig euro extra, dat is de regel.",
           "en": "Okay. An emergency visit without an appointment costs sixty pounds extra, that's the rule.",
           "fr": "D'accord. Une urgence sans rendez-vous coûte soixante euros de plus, c'est la règle.",
           "es": "Vale. Una urgencia sin cita cuesta sesenta euros más, es la norma."}
PLAIN = {"nl": "Oké. Kunt u hem in een mand leggen en meteen komen?",
         "en": "Okay. Can you put him in a basket and come straight away?",
         "fr": "D'accord. Pouvez-vous le mettre dans une caisse et venir tout de suite ?",
         "es": "Vale. ¿Puede ponerlo en una caja y venir ahora mismo?"}


@pytest.mark.parametrize("lang", ["nl", "en", "fr", "es"])
def test_a_bare_word_then_the_procedure_answering_a_situation_is_a_fail(lang):
    r = result([("customer", ACCIDENT[lang]), ("agent", DEFENCE[lang])], lang, "room_for_emotion", "phone")
    assert r.outcome == "fail"
    assert any("defends at once" in (e.term or "") for e in r.evidence)
    # near miss: the same bare word followed by a practical question, no rule defended
    assert result([("customer", ACCIDENT[lang]), ("agent", PLAIN[lang])], lang, "room_for_emotion",
                  "phone").outcome == "n/a"


# room_for_emotion: an acknowledgement that judges the situation as hard ------------------------
@pytest.mark.parametrize("lang,upset,judged,neutral", [
    ("nl", "Ik ben echt wanhopig, de deurwaarder stond vanochtend voor de deur.",
     "Het is heel heftig als er ineens iemand voor de deur staat.", "Het is dinsdag vandaag, dus er is tijd."),
    ("en", "I'm really desperate, the bailiff was at my door this morning.",
     "It's really tough when someone turns up at your door like that.", "It's Tuesday today, so there is time."),
    ("fr", "Je suis vraiment désespérée, l'huissier était devant ma porte ce matin.",
     "C'est très dur quand quelqu'un débarque comme ça chez vous.", "C'est mardi aujourd'hui, donc on a le temps."),
    ("es", "Estoy desesperada de verdad, el cobrador estaba en mi puerta esta mañana.",
     "Es muy duro que alguien se presente así en su puerta.", "Es martes hoy, así que hay tiempo."),
])
def test_an_acknowledgement_that_judges_the_situation_hard(lang, upset, judged, neutral):
    r = result([("customer", upset), ("agent", judged)], lang, "room_for_emotion")
    assert r.outcome == "pass"
    assert r.evidence[-1].quote == judged
    assert result([("customer", upset), ("agent", neutral)], lang, "room_for_emotion").outcome == "fail"


# clarifying_questions: a need question in unpunctuated speech ---------------------------------
@pytest.mark.parametrize("lang,opening,question,statement,solution", [
    # Spanish and French put the verb before the polite addressee; Dutch and English ask with
    # verb-first cues that were already in the lexicon: the same behaviour in all four
    ("es", "hola me he mudado hace un mes y quiero empadronarme pero no sé qué tengo que llevar",
     "vale se empadrona usted sola o con más personas", "vale le atiende usted lucía de nuevo",
     "entonces tiene que traer el contrato y el dni"),
    ("fr", "bonjour j'ai déménagé il y a un mois et je veux m'inscrire mais je ne sais pas quoi apporter",
     "d'accord habitez vous seule ou avec quelqu'un", "d'accord je vous remercie de votre appel",
     "alors il faut apporter le bail et la carte d'identité"),
    ("nl", "hallo ik ben een maand geleden verhuisd en ik wil me inschrijven maar ik weet niet wat ik mee moet nemen",
     "oké woont u alleen of met meer mensen", "oké u spreekt nog steeds met iris",
     "dan moet u het huurcontract en uw paspoort meenemen"),
    ("en", "hello i moved here a month ago and i want to register but i don't know what to bring",
     "okay do you live on your own or with other people", "okay you're still speaking with iris",
     "you need to bring the tenancy agreement and your passport"),
])
def test_need_question_in_unpunctuated_speech(lang, opening, question, statement, solution):
    def run(agent):
        t = [("agent", SPOKEN_HELLO[lang]), ("customer", opening), ("agent", agent), ("customer", "ja" if lang ==
             "nl" else "yes" if lang == "en" else "oui" if lang == "fr" else "sí"), ("agent", solution)]
        return score(convo(t, lang=lang, channel="phone")).result("clarifying_questions")
    r = run(question)
    assert r.outcome == "pass"
    assert r.evidence[0].quote == question
    assert run(statement).outcome == "fail"


@pytest.mark.parametrize("lang,opening,agent", [
    ("es", "hola quería saber si necesito cita para empadronarme o puedo ir directamente",
     "vale necesita cita sí vive usted en un piso de alquiler o es propietario"),
    ("fr", "bonjour je voulais savoir s'il faut un rendez-vous pour m'inscrire ou si je peux venir directement",
     "oui il faut réserver et habitez vous en location ou êtes vous propriétaire"),
])
def test_spoken_yes_then_a_need_question_is_not_the_solution(lang, opening, agent):
    t = [("agent", SPOKEN_HELLO[lang]), ("customer", opening), ("agent", agent)]
    r = score(convo(t, lang=lang, channel="phone")).result("clarifying_questions")
    assert r.outcome == "pass"
    # near miss: the same yes and solution, but no question after it
    head = agent.split(" vive ")[0] if lang == "es" else agent.split(" et habitez ")[0]
    t = [("agent", SPOKEN_HELLO[lang]), ("customer", opening), ("agent", head + " hasta luego" if lang == "es"
                                                                   else head + " au revoir")]
    assert score(convo(t, lang=lang, channel="phone")).result("clarifying_questions").outcome == "fail"


# clarifying_questions: something that has not come is an explicit request ----------------------
@pytest.mark.parametrize("lang,missing,broken,ask,solve", [
    ("nl", "Hallo, ik heb op 12 november een lamp besteld en die is nog steeds niet bezorgd.",
     "Hallo, ik heb op 12 november een lamp besteld en die kwam kapot aan.",
     "Wat is uw ordernummer?", "Ik zie dat het pakket bij de vervoerder ligt, het wordt donderdag bezorgd."),
    ("en", "Hi, I ordered a lamp on 12 November and it still hasn't arrived.",
     "Hi, I ordered a lamp on 12 November and it arrived broken.",
     "What is your order number?", "I can see the parcel is at the depot, it will be delivered on Thursday."),
    ("fr", "Bonjour, j'ai commandé une lampe le 12 novembre et toujours rien reçu.",
     "Bonjour, j'ai commandé une lampe le 12 novembre et elle est arrivée cassée.",
     "Quel est votre numéro de commande ?", "Je vois que le colis est au dépôt, il sera livré jeudi."),
    ("es", "Hola, pedí una lámpara el 12 de noviembre y todavía no me ha llegado.",
     "Hola, pedí una lámpara el 12 de noviembre y llegó rota.",
     "¿Cuál es su número de pedido?", "Veo que el paquete está en el almacén, se entrega el jueves."),
])
def test_an_order_that_has_not_come_is_explicit(lang, missing, broken, ask, solve):
    def run(cust):
        t = [("customer", cust), ("agent", ask), ("customer", "LM-209384"), ("agent", solve)]
        return result(t, lang, "clarifying_questions")
    assert run(missing).outcome == "n/a"
    assert run(broken).outcome == "fail"  # a fault to understand: the agent should have asked


# diminutives: lexicalised by kind ----------------------------------------------------------------
def terms(lang, agent):
    r = result([("customer", "Hallo." if lang == "nl" else "Hola."), ("agent", agent)], lang, "diminutives")
    return [e.term.lower() for e in r.evidence]


@pytest.mark.parametrize("lang,agent,want", [
    # Spanish -illo/-illa words are lexicalised ("sencillo", "ventanilla"); -ito/-ita still counts
    ("es", "Es muy sencillo, vaya a la ventanilla dos con las pastillas.", []),
    ("es", "Un momentito, es muy sencillo.", ["momentito"]),
    # an -ito word right after a clitic is a verb ("se lo tramito"), after an article a diminutive
    ("es", "Se lo tramito ahora y le facilito el número.", []),
    ("es", "Le doy un ratito y se lo tramito.", ["ratito"]),
    # Dutch kinship and person nouns, and adverbs in -jes, are not minimising diminutives
    ("nl", "Dan kan uw zoontje of dochtertje het formulier netjes en zachtjes invullen.", []),
    ("nl", "Dan kan uw zoontje even een formuliertje invullen.", ["formuliertje"]),
])
def test_diminutives_lexicalised_by_kind(lang, agent, want):
    assert terms(lang, agent) == want
