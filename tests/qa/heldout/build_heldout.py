"""Writes the held-out labelled set (tests/qa/heldout/*.json + labels.jsonl) from the hand-written
conversations below. Only the timings are computed (phone: ~2.5 words/s, chat/WhatsApp: typing
time, e-mail: null); texts and labels are written by hand, following the dev set's README rules,
before the engine was run on them. Run: python tests/qa/heldout/build_heldout.py

Turn tuples: (who, text) or (who, text, opts). who: "a"/"c" = agent/customer; "ab"/"cb" = a
backchannel lying inside the previous main turn. opts: gap=seconds of silence before the turn
(holds, WhatsApp absences), cut=seconds the turn starts before the previous turn ends.
"""
from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
BZ = "Ministerie van Buitenlandse Zaken (24/7 BZ Contactcenter)"


def L(greet, nivea, turns, dims, clar, hold, nxt, emo, notes):
    return {"own_name_greeting": greet, "nivea": nivea, "nivea_turns": turns, "diminutives": dims,
            "clarifying_questions": clar, "hold_etiquette": hold, "next_steps": nxt,
            "room_for_emotion": emo, "notes": notes}


CONVS = [
 # ---------------------------------------------------------------- nl
 dict(id="ho-nl-001", ch="phone", lang="nl", org="Gemeente Deventer", agent="Ingrid Bosman", turns=[
  ("a", "Goedemiddag, gemeente Deventer, met Ingrid, waarmee kan ik u helpen?"),
  ("c", "Ja, hallo, met meneer Oosterhuis. Mijn wasmachine is kapot en ik heb gehoord dat je bij de gemeente hulp kan krijgen voor zoiets, bijzondere bijstand of zo."),
  ("ab", "Ja."),
  ("a", "Dat klopt, daar is bijzondere bijstand voor. Mag ik eerst wat meer weten over uw situatie? Heeft u een uitkering, of werkt u? En woont u alleen?"),
  ("c", "Ik heb een bijstandsuitkering, en ik woon met mijn twee zoons."),
  ("a", "Dank u. En is de machine echt niet meer te maken, heeft iemand ernaar gekeken?"),
  ("c", "Ja, de monteur zei dat de reparatie meer kost dan een nieuwe."),
  ("a", "Dan kunt u een aanvraag doen. Ik zet de gegevens voor u klaar. Mag ik uw adresje even hebben?"),
  ("c", "Brink 44, 7411 BT."),
  ("a", "Mag ik u even in de wacht zetten? Het duurt ongeveer een minuut, dan zoek ik uw dossier op."),
  ("c", "Ja hoor."),
  ("a", "Dank u wel voor het wachten. Ik heb het aanvraagformulier naar u verstuurd. Als wij het terug hebben, krijgt u binnen acht weken een besluit per brief.", dict(gap=48)),
  ("c", "Oké, dank u wel."),
  ("a", "Graag gedaan, fijne middag nog.")],
  labels=L("pass", "pass", [], ["adresje"], "pass", "pass", "pass", "n/a",
   "Name in the middle of the greeting ('gemeente Deventer, met Ingrid'); productive diminutive 'adresje' not in any list; textbook hold and a timeframe.")),

 dict(id="ho-nl-002", ch="phone", lang="nl", org="Gemeente Apeldoorn", agent="Ruud Hermans", turns=[
  ("a", "Gemeente Apeldoorn, goedemorgen."),
  ("c", "Goedemorgen. Ik wil graag een afspraak om grofvuil te laten ophalen: een oude bank en een kast. Het adres is Lindelaan 14."),
  ("a", "Dat kan. Ik ben trouwens Ruud. Mag ik nog even uw nummertje voor als de chauffeur u moet bellen?"),
  ("c", "Dat is nul zes, twaalf, vierendertig, zesenvijftig, achtenzeventig."),
  ("a", "Dank u. Ik heb het ingepland op dinsdag 8 december. Zet het de avond ervoor aan de straat, dan nemen ze het die dinsdag tussen half acht en vier mee."),
  ("c", "Prima, dank u."),
  ("a", "Tot ziens.")],
  labels=L("fail", "pass", [], ["nummertje"], "n/a", "n/a", "pass", "n/a",
   "Anonymous opening, name given only in the second agent turn; an explicit one-action request with the address (clarifying n/a); 'nummertje' is a productive diminutive.")),

 dict(id="ho-nl-003", ch="phone", lang="nl", org="Gemeente Haarlem", agent="Femke de Boer", turns=[
  ("a", "Goedemorgen, gemeente Haarlem, u spreekt met Femke."),
  ("c", "Ja, goedemorgen. Ik word er echt gek van. Dit is de derde keer dat ik bel. Ik probeer al twee weken mijn verhuizing door te geven via de website en dan krijg ik steeds zo'n melding dat mijn"),
  ("a", "dat uw DigiD niet klopt, ja. Dat horen we vaker. U kunt de verhuizing ook met het papieren formulier doorgeven.", dict(cut=1.1)),
  ("c", "Nee, dat zei ik helemaal niet, hij zegt dat het adres niet bestaat. Het is een nieuwbouwwoning."),
  ("a", "Dan stuur ik u het formuliertje toe. Zodra wij het terug hebben, wordt de verhuizing binnen vijf werkdagen verwerkt."),
  ("c", "Nou, vooruit dan maar."),
  ("a", "Fijne dag.")],
  labels=L("pass", "fail", [2], ["formuliertje"], "fail", "n/a", "pass", "fail",
   "An exasperated caller is cut off and her sentence finished with a wrong guess (NIVEA fill, no acknowledgement of her frustration), no question about the situation before the solution.")),

 dict(id="ho-nl-004", ch="phone", lang="nl", org="Stichting Sint Jan", agent="Petra Smit", turns=[
  ("a", "Goedemiddag, Stichting Sint Jan, waarmee kan ik u helpen?"),
  ("c", "Ja, goedemiddag, met Van Leeuwen. Ik heb een factuur gekregen voor de personenalarmering van mijn moeder, en die klopt volgens mij niet."),
  ("a", "Vervelend. Gaat het om de factuur van oktober of van november? En wat klopt er precies niet aan, het bedrag of de periode?"),
  ("c", "November. Er staat twee keer een maandbedrag op, terwijl het abonnement in oktober is gestopt."),
  ("a", "Ik kijk even."),
  ("a", "Zo, ik heb het gevonden. Er is inderdaad een maand te veel gerekend, dat scheelt u een tientje of vier.", dict(gap=35)),
  ("c", "Dus ik hoef die factuur niet te betalen?"),
  ("a", "Nee, u krijgt een creditnota. Daarmee wordt het rechtgezet."),
  ("c", "Goed, dank u."),
  ("a", "Graag gedaan.")],
  labels=L("fail", "pass", [], [], "pass", "fail", "fail", "n/a",
   "'Stichting Sint Jan' contains a first name but is the organisation (greeting fail); good questions; an unannounced 35 s silence after a bare 'Ik kijk even'; a credit note promised without a date; 'tientje' is lexicalised.")),

 dict(id="ho-nl-005", ch="chat", lang="nl", org="Dienst Toeslagen", agent="Mirjam Kok", turns=[
  ("c", "Hallo, ik heb een brief gekregen dat ik 1.200 euro zorgtoeslag moet terugbetalen. Ik snap er niks van en ik lig er echt wakker van, ik heb dat geld gewoon niet."),
  ("a", "Hoi, je chat met Mirjam van Dienst Toeslagen. Wat naar dat je zo'n brief krijgt, ik kan me goed voorstellen dat je daar wakker van ligt. We gaan samen kijken wat er kan."),
  ("c", "Dank je. Ik weet echt niet waar het vandaan komt."),
  ("a", "Is je inkomen vorig jaar veranderd, bijvoorbeeld door een nieuwe baan? Of ben je gaan samenwonen?"),
  ("c", "Ik heb er in juni een baan bij gekregen, voor twee dagen."),
  ("a", "Mag ik je twee minuten laten wachten terwijl ik je gegevens bekijk?"),
  ("c", "Ja hoor."),
  ("a", "Bedankt voor je geduld! Door die extra baan was je inkomen hoger dan we hadden geschat. Je hoeft het niet in één keer te betalen: je kunt een betalingsregeling aanvragen.", dict(gap=85)),
  ("c", "Oké, en hoe lang duurt dat?"),
  ("a", "Ik kijk eventjes mee met je aanvraag. Je krijgt binnen zes weken antwoord, en tot die tijd hoef je niets te betalen."),
  ("c", "Wat een opluchting, dankjewel."),
  ("a", "Graag gedaan, sterkte!")],
  labels=L("pass", "pass", [], [], "pass", "pass", "pass", "pass",
   "Chat: worried customer acknowledged first; questions about the situation; chat hold asked with duration and thanked; 'eventjes' is lexicalised.")),

 dict(id="ho-nl-006", ch="phone", lang="nl", org="Gemeente Amersfoort", agent="Bram Jacobs", turns=[
  ("a", "Goedemorgen, gemeente Amersfoort, afdeling Vergunningen."),
  ("c", "Goedemorgen. Wij willen een dakkapel bouwen aan de achterkant van ons huis, en ik vroeg me af of ik daarvoor een"),
  ("a", "vergunning nodig heeft? Aan de achterkant meestal niet.", dict(cut=0.9)),
  ("c", "Ja, dat was mijn vraag. Maar het is wel een hoekhuis."),
  ("a", "Dat maakt niet uit. Ik stuur u een linkje naar de vergunningcheck, dan kunt u het zelf nakijken."),
  ("c", "En als het toch nodig blijkt?"),
  ("a", "Dan kijkt u op het Omgevingsloket, daar staat alles."),
  ("c", "Hm. Oké."),
  ("a", "Fijne dag.")],
  labels=L("fail", "fail", [2], ["linkje"], "fail", "n/a", "fail", "n/a",
   "Anonymous department greeting; the agent completes the caller's question and answers it without asking anything about the house; a vague referral to the Omgevingsloket.")),

 dict(id="ho-nl-007", ch="phone", lang="nl", org="Vonk Energie", agent="Dennis Verbeek", turns=[
  ("a", "Goedemiddag, u spreekt met Vonk Energie."),
  ("c", "Ja, goedemiddag. Ik krijg net een mail dat mijn voorschot omhoog gaat van honderdvijftig naar tweehonderdzestig euro per maand. Dit is toch van de zotte! Hoe moet ik dat betalen? Ik ben echt woedend."),
  ("ab", "Hm-hm."),
  ("a", "Ik hoor dat u hier enorm van geschrokken bent, en dat begrijp ik: dat is een flinke stijging. Laten we samen kijken of dat bedrag wel klopt."),
  ("c", "Graag, want zo kan ik het echt niet betalen."),
  ("a", "Heeft u het afgelopen jaar iets veranderd in huis, bijvoorbeeld een warmtepomp of een extra bewoner? En klopt de meterstand van september?"),
  ("c", "Nee, niks veranderd. De meterstand weet ik niet."),
  ("a", "Mag ik u ongeveer een minuut in de wacht zetten, dan reken ik het na?"),
  ("c", "Ja."),
  ("c", "Hallo?", dict(gap=55)),
  ("a", "Ja, ik ben er weer. Er is een verkeerde meterstand gebruikt. Ik verlaag het voorschot naar honderdnegentig euro, dat gaat in bij de incasso van 1 december."),
  ("c", "Nou, dat scheelt."),
  ("a", "En ik geef u morgen voor vijf uur nog een belletje om de meterstand samen te controleren."),
  ("c", "Prima, dank u wel."),
  ("a", "Graag gedaan.")],
  labels=L("fail", "pass", [], ["belletje"], "pass", "fail", "pass", "pass",
   "'u spreekt met Vonk Energie': the company name looks like a surname (greeting fail); angry caller acknowledged first; permission and duration given but the caller has to say 'Hallo?' after the hold; 'belletje' minimises a call.")),

 dict(id="ho-nl-008", ch="phone", lang="nl", org="Servicedesk Noorderpoort", agent="Jeroen Mulder", turns=[
  ("a", "Servicedesk, goedemorgen, u spreekt met Jeron."),
  ("c", "Goedemorgen, met Anouk Claassen van Financiën. Mijn werktelefoon is op de grond gevallen en het scherm is helemaal kapot."),
  ("a", "Ai. Doet hij het verder nog, kunt u nog bellen of inloggen? En staat er iets op wat nog niet is opgeslagen?"),
  ("c", "Bellen lukt niet, het scherm reageert nergens op. Mijn foto's van de afgelopen week staan er nog op, denk ik."),
  ("a", "Dan maak ik een ticketje voor u aan. Ik zet u een momentje in de wacht, is dat goed?"),
  ("c", "Ja, prima."),
  ("a", "Bedankt voor het wachten. Het ticket staat erin. Morgen voor twaalf uur ligt er een vervangend toestel voor u bij de balie op de tweede verdieping, en de foto's zetten we over als de back-up is gecontroleerd.", dict(gap=40)),
  ("c", "Top, dank je wel."),
  ("a", "Graag gedaan, succes vandaag.")],
  labels=L("pass", "pass", [], ["ticketje", "momentje"], "pass", "pass", "pass", "n/a",
   "ASR spells the agent's name 'Jeron' (roster Jeroen); questions before advice; hold asked with permission ('is dat goed?') and thanked; 'ticketje' is a productive diminutive of a loanword.")),

 dict(id="ho-nl-009", ch="whatsapp", lang="nl", org="Gemeente Leiden", agent="Noor Hendriks", turns=[
  ("c", "Hallo, ik heb een vraag"),
  ("a", "Hoi! Je appt met het KCC van gemeente Leiden. Je appt vast over de nieuwe afvalpassen die deze week zijn verstuurd?"),
  ("c", "Nee hoor. We gaan verbouwen en ik wil weten of ik een bouwcontainer voor de deur mag zetten.", dict(gap=150)),
  ("a", "Ah, goed dat je het even vraagt. Hoe lang wil je de container laten staan, en komt hij op de stoep of op een parkeervak?"),
  ("c", "Een week of drie, op een parkeervak voor ons huis."),
  ("a", "Dan heb je een ontheffing nodig. Vraag die minimaal twee weken van tevoren aan via de website; wij beslissen binnen tien werkdagen. Het adres van de pagina is leiden.nl/container, met een streepje tussen bouw en container in de titel."),
  ("c", "Duidelijk, bedankt!"),
  ("a", "Succes met de verbouwing!")],
  labels=L("fail", "fail", [1], [], "pass", "n/a", "pass", "n/a",
   "WhatsApp: welcome without the agent's name that assumes the reason before the customer gave it; a 150 s customer absence is not a hold; good questions and a timeframe; 'streepje' (a hyphen) is lexicalised.")),

 dict(id="ho-nl-010", ch="phone", lang="nl", org=BZ, agent="Hanneke Prins", turns=[
  ("a", "24/7 BZ Contactcenter, goedenavond, u spreekt met Hanneke."),
  ("c", "Goedenavond. Ik sta hier in Lissabon en mijn portemonnee is gestolen, met mijn bankpas en al mijn geld erin. Ik weet niet wat ik moet doen, ik ben helemaal in paniek."),
  ("ab", "Och."),
  ("a", "Wat ontzettend vervelend, dat is flink schrikken zo ver van huis. Fijn dat u belt, we gaan het samen oplossen."),
  ("c", "Dank u, ik sta te trillen."),
  ("a", "Heeft u uw paspoort nog? En bent u alleen, of is er iemand bij u?"),
  ("c", "Mijn paspoort heb ik nog, dat lag in het hotel. Mijn vriendin is bij me."),
  ("a", "Gelukkig. Dan is het belangrijkste nu dat de pas geblokkeerd wordt. Ik zet het noodnummer van uw bank in een berichtje en stuur u dat nu meteen, over een paar minuten heeft u het. Daarna doet u aangifte bij de politie; het dichtstbijzijnde bureau is op tien minuten lopen van uw hotel."),
  ("c", "Oké. En geld?"),
  ("a", "Uw vriendin kan voor u betalen, of u laat geld overmaken via een geldtransferbedrijf. Als dat niet lukt, belt u ons terug, dan zoeken we verder."),
  ("c", "Dank u wel, echt."),
  ("a", "Heel graag gedaan, sterkte.")],
  labels=L("pass", "pass", [], ["berichtje"], "pass", "n/a", "pass", "pass",
   "A panicking traveller whose bank card was stolen is reassured before the practical part; questions about the situation; the number comes 'over een paar minuten'; 'berichtje' minimises.")),

 dict(id="ho-nl-011", ch="phone", lang="nl", org=BZ, agent="Joost van Dam", turns=[
  ("a", "Goedemorgen, met het 24/7 BZ Contactcenter. Mijn naam is Joost."),
  ("c", "Goedemorgen. Het is gewoon schandalig. De visumaanvraag van mijn verloofde in Marokko is afgewezen, zonder enige reden. We gaan in maart trouwen. Ik ben er echt kapot van."),
  ("a", "Tegen een weigering kunt u binnen dertig dagen bezwaar maken. Een momentje."),
  ("a", "Zo. Het bezwaar stuurt u naar het adres dat in de beslissing staat.", dict(gap=30)),
  ("c", "En dan? Hoe lang duurt dat?"),
  ("a", "U krijgt binnen acht weken na ontvangst een beslissing op het bezwaar. Als het wordt toegekend, komt er een stempeltje in haar paspoort en kan ze reizen."),
  ("c", "Goed. Dank u."),
  ("a", "Graag gedaan.")],
  labels=L("pass", "pass", [], ["momentje", "stempeltje"], "fail", "fail", "pass", "fail",
   "'Mijn naam is Joost' after the centre's name; the upset caller gets the procedure straight away (no acknowledgement, no question about the refusal); a bare 'Een momentje' before 30 s silence; 'stempeltje' minimises the visa.")),

 dict(id="ho-nl-012", ch="phone", lang="nl", org="Uitgeverij Kompas", agent="Eva Schouten", turns=[
  ("a", "Uitgeverij Kompas, klantenservice, goedemiddag, met Eva Schouten."),
  ("c", "Goedemiddag. Ik zag dat mijn abonnement op Kompas Tuin duurder wordt, van negenenzeventig naar vierennegentig euro per jaar. Waarom is dat?"),
  ("a", "Dat komt door de hogere papier- en portokosten. Mag ik vragen wat u het belangrijkste vindt aan het blad? En leest u het alleen op papier of ook digitaal?"),
  ("c", "Ik lees het voor de tuintips. Maar eigenlijk lees ik het liefst gewoon op"),
  ("a", "papier, dat snap ik. Dan heb ik een tipje voor u: met de jaarbetaling houdt u het oude tarief tot de zomer.", dict(cut=1.2)),
  ("c", "O, dat is mooi. Doe dat maar."),
  ("a", "Dan zet ik het om. De jaarbetaling gaat in op 1 januari en u krijgt vandaag nog de bevestiging per mail."),
  ("c", "Dank u."),
  ("a", "Graag gedaan, fijne middag.")],
  labels=L("pass", "fail", [4], ["tipje"], "pass", "n/a", "pass", "n/a",
   "Full name in the greeting; good questions, but the agent cuts in to finish 'op ... papier'; 'tipje' is a productive diminutive; a dated next step.")),

 dict(id="ho-nl-013", ch="email", lang="nl", org="Gemeente Nijmegen", agent="Lieke Vos", turns=[
  ("c", "Onderwerp: verhuizing doorgeven\n\nGeachte heer/mevrouw,\n\nIk ben op 1 november verhuisd van Hengstdal 12 naar Tarweweg 40, 6534 AM Nijmegen. Mijn geboortedatum is 3 maart 1988. Wilt u mijn adres in de basisregistratie aanpassen?\n\nMet vriendelijke groet,\nSelin Aydin"),
  ("a", "Beste mevrouw Aydin,\n\nDank voor uw bericht. Wij hebben uw verhuizing verwerkt; uw nieuwe adres staat vanaf morgen in de Basisregistratie Personen. In de bijlage vindt u een bevestigingsbriefje. U hoeft verder niets te doen.\n\nMet vriendelijke groet,\nLieke Vos\nGemeente Nijmegen")],
  labels=L("n/a", "pass", [], ["bevestigingsbriefje"], "n/a", "n/a", "pass", "n/a",
   "E-mail: explicit address change (clarifying n/a), settled with a date; the compound diminutive 'bevestigingsbriefje' counts.")),

 dict(id="ho-nl-014", ch="phone", lang="nl", org="Gemeente Groningen", agent="Wouter Bakker", turns=[
  ("a", "Goeiemorgen, gemeente Groningen, u spreekt met Wouder."),
  ("c", "Goeiemorgen. De ondergrondse container bij ons in de straat zit al drie dagen vol, en de zakken staan er nu naast."),
  ("a", "Vervelend. Gaat het om de container voor restafval of voor papier? En in welke straat staat hij?"),
  ("c", "Restafval. In de Oosterstraat, bij nummer 30."),
  ("a", "Heeft u het al gemeld via de app? Nee, dat zal wel niet, anders had ik het hier zien staan. Ik kijk even in het systeem, momentje."),
  ("a", "Dank u voor het wachten. Ik zet er een melding voor uit, ze komen hem legen.", dict(gap=25)),
  ("c", "Wanneer dan?"),
  ("a", "Dat hangt van de planning af. Zet u de zakken zolang maar even binnen."),
  ("c", "Hm, oké.")],
  labels=L("pass", "fail", [4], ["momentje"], "pass", "fail", "fail", "n/a",
   "ASR spells 'Wouter' as 'Wouder'; the agent asks a question and answers it himself; bare 'ik kijk even ... momentje' before 25 s; no time for the emptying even when asked.")),

 dict(id="ho-nl-015", ch="phone", lang="nl", org="Gemeente Ede", agent="Karin Meijer", turns=[
  ("a", "Goedemiddag, gemeente Ede, u spreekt met mevrouw Meijer."),
  ("c", "Goedemiddag. Ik heb een aanmaning gekregen voor de afvalstoffenheffing en ik heb gewoon geen geld. Ik weet echt niet meer hoe ik rond moet komen, ik ben ten einde raad, en nu dreigen ze ook nog met een deurwaarder en ik"),
  ("a", "Mevrouw, dan kunt u kwijtschelding aanvragen.", dict(cut=1.0)),
  ("c", "Kwijtschelding? Hoe werkt dat?"),
  ("a", "U krijgt een formuliertje thuisgestuurd, dat vult u in en stuurt u terug."),
  ("c", "En die aanmaning dan?"),
  ("a", "Die wordt aangehouden als u kwijtschelding aanvraagt."),
  ("c", "Goed. Dag.")],
  labels=L("pass", "pass", [], ["formuliertje"], "fail", "n/a", "fail", "fail",
   "Surname with 'mevrouw' passes; the agent cuts off a desperate caller with a solution: an interruption that fills nothing in (NIVEA pass) but fails room for emotion; no question; a form without a timeframe.")),

 dict(id="ho-nl-016", ch="chat", lang="nl", org="Servicedesk Noorderpoort", agent="Sem Visser", turns=[
  ("c", "hoi, mijn laptop start niet meer op, hij blijft hangen op het logo"),
  ("a", "Hallo, welkom bij de chat van de Servicedesk! Vervelend. Heb je de laptop laten vallen, of is er de laatste dagen iets geïnstalleerd? En heb je hem vandaag nog nodig?"),
  ("c", "niet gevallen, gisteren was er een update. en ik heb morgen een tentamen"),
  ("a", "Ik check je apparaat even in ons systeem, geef me twee minuutjes."),
  ("a", "Zo, daar ben ik weer, dank voor je geduld. De update is bij meer laptops misgegaan.", dict(gap=80)),
  ("a", "Breng hem morgen tussen 9 en 12 uur naar de IT-balie, dan krijg je meteen een leenlaptop mee voor je tentamen."),
  ("c", "super, thanks"),
  ("a", "Succes met je tentamen!")],
  labels=L("fail", "pass", [], ["minuutjes"], "pass", "pass", "pass", "n/a",
   "Chat welcome without the agent's name; questions before advice; hold announced with a duration (as 'twee minuutjes', a plural diminutive) and thanked; a dated next step.")),

 dict(id="ho-nl-017", ch="phone", lang="nl", org="Gemeente Venlo", agent="Tim Peeters", turns=[
  ("a", "Goedemorgen, Burgerzaken Venlo, u spreekt met Peeters."),
  ("c", "Goedemorgen. Wij willen in juni gaan trouwen en ik wil weten hoe dat werkt."),
  ("a", "Gefeliciteerd! Wilt u in het stadhuis trouwen of op een andere locatie? En denkt u aan een gratis ceremonie of een uitgebreide?"),
  ("c", "In het stadhuis, gewoon een normale ceremonie, met familie erbij."),
  ("a", "Dan doet u eerst online de melding voorgenomen huwelijk, dat is een klein uurtje werk. Dat moet uiterlijk twee weken voor de datum."),
  ("c", "En de getuigen, moeten die ook"),
  ("a", "een ID meenemen, ja. Twee tot vier getuigen.", dict(cut=0.8)),
  ("c", "Oké. En daarna?"),
  ("a", "Na de melding krijgt u binnen vijf werkdagen een bevestiging met de datum en de zaal."),
  ("c", "Mooi, dank u wel."),
  ("a", "Graag gedaan.")],
  labels=L("pass", "fail", [6], ["uurtje"], "pass", "n/a", "pass", "n/a",
   "Surname-only greeting ('u spreekt met Peeters'); good questions; the agent completes the caller's question about witnesses; 'een klein uurtje' minimises the work.")),

 dict(id="ho-nl-018", ch="phone", lang="nl", org="Uitgeverij Kompas", agent="Yvonne de Graaf", turns=[
  ("a", "Goedemorgen, Kompas Lezersservice, u spreekt met Yvonne."),
  ("c", "Ja, goedemorgen. Ik heb nooit gevraagd om een verlenging, en nu wordt er zomaar honderdtwintig euro van mijn rekening afgeschreven! Ik ben echt boos, dit is gewoon oplichting."),
  ("ab", "Hm-hm."),
  ("a", "Ik begrijp dat u boos bent, het is ook niet fijn om onverwacht zo'n afschrijving te zien. Ik ga het voor u uitzoeken."),
  ("c", "Graag, want ik wil er helemaal vanaf."),
  ("a", "Dus als ik het goed begrijp, wilt u helemaal stoppen met het abonnement. Of zou een kortere looptijd u beter passen?"),
  ("c", "Nee, helemaal stoppen. Ik lees het toch een beetje weinig."),
  ("a", "Mag ik u even in de wacht zetten, dan kijk ik wat er mogelijk is? Het duurt ongeveer twee minuten."),
  ("c", "Ja."),
  ("a", "Bedankt voor uw geduld. Ik heb het abonnement stopgezet, en de honderdtwintig euro staat binnen vijf werkdagen weer op uw rekening.", dict(gap=70)),
  ("c", "Nou, gelukkig."),
  ("a", "Fijne dag nog.")],
  labels=L("pass", "pass", [], [], "pass", "pass", "pass", "pass",
   "Angry caller let to finish and acknowledged first; a summary after she finished is not a fill; hold with permission and duration, thanked; refund within five working days; 'beetje' is the customer's and lexicalised.")),

 dict(id="ho-nl-019", ch="whatsapp", lang="nl", org="Vonk Energie", agent="Lars Dijkstra", turns=[
  ("c", "Hoi, ik ga verhuizen per 1 december. Klantnummer 4418230, nieuw adres Kerkstraat 9, 3811 CV Amersfoort. Kunnen jullie mijn contract meeverhuizen?"),
  ("a", "Hoi! Lars hier van Vonk Energie. Dat regel ik voor je."),
  ("a", "Het staat erin. Je krijgt nog een mailtje met de bevestiging, en de eindafrekening van je oude adres volgt."),
  ("c", "Top, bedankt!"),
  ("a", "Graag gedaan, succes met de verhuizing!")],
  labels=L("pass", "pass", [], ["mailtje"], "n/a", "n/a", "fail", "n/a",
   "WhatsApp greeting 'Lars hier' (name without an intro phrase); explicit request (clarifying n/a); a mail and a final bill promised without any time.")),

 dict(id="ho-nl-020", ch="phone", lang="nl", org="Gemeente Deventer", agent="Kevin Smits", turns=[
  ("a", "Goedemiddag, Klantcontactcentrum gemeente Deventer, wat kan ik voor u doen?"),
  ("c", "Goedemiddag, ik heb een vraag over een brief die ik heb gekregen."),
  ("a", "U belt vast over de terugvordering van de energietoeslag?"),
  ("c", "Nee, het gaat over de energietoeslag, maar ik heb hem twee keer gekregen. Moet ik het terugbetalen?"),
  ("a", "Ik kijk eventjes."),
  ("c", "Hallo? Bent u er nog?", dict(gap=40)),
  ("a", "Ja, sorry. Ja, dat moet u terugbetalen. U krijgt daar een brief over."),
  ("c", "En wanneer?"),
  ("a", "Dat weet ik niet precies. Nog iets anders?"),
  ("c", "Nee.")],
  labels=L("fail", "fail", [2], [], "fail", "fail", "fail", "n/a",
   "Anonymous KCC greeting; 'U belt vast over ...' assumes the reason; a bare 'Ik kijk eventjes' (lexicalised) then 40 s and 'Hallo?'; no question; a letter with no time.")),

 # ---------------------------------------------------------------- en
 dict(id="ho-en-001", ch="phone", lang="en", org=BZ, agent="Sophie Brouwer", turns=[
  ("a", "Good evening, 24/7 Contact Centre of the Netherlands Ministry of Foreign Affairs, Sophie speaking."),
  ("c", "Hi. I'm in Barcelona and I think I've lost my bank card. I'm not sure what I should do."),
  ("a", "Let's sort that out. Do you still have your passport and your phone? And is anyone with you who could lend you money for now?"),
  ("c", "Yes, I've got my passport and phone, and my brother is with me."),
  ("a", "Good. Could I put you on hold for about a minute while I look up your bank's emergency number?"),
  ("c", "Sure."),
  ("a", "Thanks for holding. I'll text you the number right now, you'll have it within a minute. Call them first to block the card; they can also send a new one to your hotel within three days.", dict(gap=40)),
  ("c", "Great, thank you."),
  ("a", "You're welcome, have a safe trip.")],
  labels=L("pass", "pass", [], [], "pass", "pass", "pass", "n/a",
   "Name at the end of the greeting ('Sophie speaking'); calm caller; questions about the situation; hold with permission and duration, thanked; concrete timeframes.")),

 dict(id="ho-en-002", ch="chat", lang="en", org="Polder Telecom", agent="Daniel Groot", turns=[
  ("c", "my phone screen is cracked and now it won't charge anymore. second phone in a month, I'm really fed up with this"),
  ("a", "Hi, welcome to Polder Telecom support! Sounds like the charging port, that's a quick repair."),
  ("c", "ok and what do I do"),
  ("a", "Hold on."),
  ("a", "Ok. We'll send you a box to return the phone in.", dict(gap=60)),
  ("c", "and when do I get it back??"),
  ("a", "After the repair. Anything else?")],
  labels=L("fail", "pass", [], [], "fail", "fail", "fail", "fail",
   "Chat: no name; a fed-up customer gets a diagnosis with no acknowledgement and no question; bare 'Hold on' before 60 s; no time for the repair.")),

 dict(id="ho-en-003", ch="phone", lang="en", org="Eindhoven Expat Centre", agent="Priya Nair", turns=[
  ("a", "Good morning, Eindhoven Expat Centre, how can I help?"),
  ("c", "Yes, hi. I have been trying to register my address for three weeks now. Nobody calls me back, I've sent four emails. This is ridiculous, I'm really fed up!"),
  ("ab", "Mm-hm."),
  ("a", "I completely understand your frustration. Three weeks is far too long, and I'm sorry nobody got back to you."),
  ("c", "Thank you. So what now?"),
  ("a", "Are you moving here from abroad, or from another Dutch city? And do you already have an appointment?"),
  ("c", "From Canada. No appointment. The letter said I need to bring a"),
  ("a", "rental contract, yes, and your passport.", dict(cut=0.9)),
  ("c", "Right."),
  ("a", "I've booked you for Thursday at ten fifteen at the city office. You'll get the confirmation by email within the hour."),
  ("c", "Perfect, thanks.")],
  labels=L("fail", "fail", [7], [], "pass", "n/a", "pass", "pass",
   "Anonymous greeting; frustration acknowledged before the questions; the agent supplies the word the caller was about to say ('rental contract'); a dated appointment.")),

 dict(id="ho-en-004", ch="email", lang="en", org="Uitgeverij Kompas", agent="Emma Hoekstra", turns=[
  ("c", "Subject: price increase\n\nDear Sir or Madam,\n\nMy subscription to Kompas Travel has gone up from 64 to 74 euros a year. Why is that, and is there any way to keep the old rate?\n\nKind regards,\nPeter Collins"),
  ("a", "Dear Mr Collins,\n\nThank you for your email. Prices have risen because of higher paper and postage costs. You are probably writing because you would like to cancel, so I have attached the cancellation form. Once we receive it, we will process it.\n\nKind regards,\nEmma Hoekstra\nKompas Reader Service")],
  labels=L("n/a", "fail", [1], [], "fail", "n/a", "fail", "n/a",
   "E-mail: the agent assumes the customer wants to cancel (he asked to keep the old rate), asks nothing and gives no time.")),

 # ---------------------------------------------------------------- fr
 dict(id="ho-fr-001", ch="phone", lang="fr", org=BZ, agent="Julien Martin", turns=[
  ("a", "Bonjour, centre de contact 24/7 du ministère des Affaires étrangères, Julien à l'appareil."),
  ("c", "Bonjour. C'est inadmissible. Le visa de ma mère a été refusé, elle devait venir pour la naissance de mon fils le mois prochain. Je suis furieux."),
  ("ab", "Oui."),
  ("a", "Je comprends votre colère, c'est une nouvelle très dure à recevoir, surtout pour un moment pareil."),
  ("c", "Merci. Qu'est-ce que je peux faire ?"),
  ("a", "Quel motif figure sur la lettre de refus ? Et de quand date-t-elle ?"),
  ("c", "Ils disent que le but du voyage n'est pas prouvé. La lettre date du 2 novembre."),
  ("a", "Je vous mets en attente une minute, d'accord ? Je vérifie le dossier."),
  ("c", "D'accord."),
  ("a", "Merci de votre patience. Vous pouvez faire objection jusqu'au 2 décembre. Je vous envoie aujourd'hui le modèle par e-mail, avec la liste des pièces à joindre.", dict(gap=45)),
  ("c", "Merci beaucoup."),
  ("a", "Je vous en prie, bonne journée.")],
  labels=L("pass", "pass", [], [], "pass", "pass", "pass", "pass",
   "Angry caller acknowledged first; questions about the refusal; hold asked with a duration and thanked; deadline and same-day e-mail.")),

 dict(id="ho-fr-002", ch="chat", lang="fr", org="Servicedesk Noorderpoort", agent="Inès Laurent", turns=[
  ("c", "Bonjour"),
  ("a", "Bonjour, je m'appelle Inès, du Servicedesk Noorderpoort. Vous écrivez sûrement pour la panne de messagerie de ce matin ?"),
  ("c", "Non, mon ordinateur portable est tombé et l'écran ne s'allume plus."),
  ("a", "D'accord. Il est tombé de quelle hauteur ? Et est-ce qu'il fait encore du bruit quand vous l'allumez ?"),
  ("c", "Du bureau, et oui, le ventilateur tourne."),
  ("a", "Un instant."),
  ("a", "Je vois votre appareil. Apportez-le demain entre 9h et 11h au guichet informatique, vous recevrez un portable de prêt sur place.", dict(gap=50)),
  ("c", "Merci !")],
  labels=L("pass", "fail", [1], [], "pass", "fail", "pass", "n/a",
   "Chat: the agent names herself but assumes the reason for contact ('sûrement pour la panne'); good questions; bare 'Un instant' before 50 s; dated next step.")),

 dict(id="ho-fr-003", ch="whatsapp", lang="fr", org=BZ, agent="Claire Dubois", turns=[
  ("c", "Bonjour, je vis à Bordeaux et je voudrais renouveler ma carte d'identité néerlandaise. J'ai déjà rendez-vous au consulat le 12 décembre. Que dois-je apporter ?"),
  ("a", "Bonjour, Claire du ministère des Affaires étrangères. Apportez votre ancienne carte, une photo d'identité récente et un justificatif de domicile de moins de trois mois."),
  ("c", "Merci. Et quand est-ce que j'aurai la nouvelle carte ?"),
  ("a", "Elle sera prête environ trois semaines après le rendez-vous ; le consulat vous envoie un SMS quand vous pouvez la retirer."),
  ("c", "Parfait, merci !")],
  labels=L("pass", "pass", [], [], "n/a", "n/a", "pass", "n/a",
   "WhatsApp: name first ('Claire du ministère'); an explicit one-fact question with the appointment already made (clarifying n/a); a timeframe.")),

 # ---------------------------------------------------------------- es
 dict(id="ho-es-001", ch="phone", lang="es", org=BZ, agent="Marta Gómez", turns=[
  ("a", "Buenas tardes, Centro de Contacto veinticuatro siete, le atiende Marta."),
  ("c", "Buenas tardes. Estoy desesperada, me robaron la cartera en el metro de Madrid, no tengo dinero ni tarjeta, no sé qué hacer."),
  ("a", "¿Me da su número de pasaporte, por favor?"),
  ("c", "Sí, es NX siete cuatro ocho dos uno cero nueve."),
  ("a", "¿Tiene todavía el pasaporte con usted? ¿Y está sola en Madrid?"),
  ("c", "El pasaporte lo tengo en el hotel. Estoy sola, sí."),
  ("a", "Un momentito."),
  ("a", "Ya estoy. Le envío ahora por SMS el número de emergencia de su banco, en cinco minutos lo tiene. Llame primero para bloquear la tarjeta. Es una ciudad bonita, pero tenga cuidado en el metro.", dict(gap=35)),
  ("c", "Gracias."),
  ("a", "De nada.")],
  labels=L("pass", "pass", [], ["momentito"], "pass", "fail", "pass", "fail",
   "A desperate caller is asked for her passport number with no acknowledgement; need questions before the advice; a bare 'Un momentito' before 35 s; 'bonita' is not a diminutive.")),

 dict(id="ho-es-002", ch="phone", lang="es", org="Servicedesk Noorderpoort", agent="Diego Fernández", turns=[
  ("a", "Hola, buenos días, soy Diego, del servicedesk."),
  ("c", "Hola. Se me rompió el móvil del trabajo, la pantalla ya no funciona."),
  ("a", "Vaya. ¿Qué pasó exactamente, se cayó o se mojó? ¿Y puede todavía hacer llamadas?"),
  ("c", "Se cayó al suelo. No, no puedo llamar."),
  ("a", "Le dejo en espera dos minutos mientras reviso su contrato, ¿vale?"),
  ("c", "Vale."),
  ("a", "Gracias por esperar. Mañana antes de las doce tendrá un móvil de sustitución en el mostrador, al final del pasillo. Configurarlo tarda un ratito, nada más.", dict(gap=70)),
  ("c", "Perfecto, gracias."),
  ("a", "A usted.")],
  labels=L("pass", "pass", [], ["ratito"], "pass", "pass", "pass", "n/a",
   "Spanish service desk: name first; questions before advice; hold with duration and permission, thanked; 'ratito' is a minimising diminutive, 'pasillo' is lexicalised.")),

 dict(id="ho-es-003", ch="whatsapp", lang="es", org=BZ, agent="Lucas Romero", turns=[
  ("c", "Hola, le negaron la visa a mi novia en Bogotá y es una vergüenza, estoy furiosa, teníamos todo preparado"),
  ("a", "Hola, le escribe el Ministerio de Asuntos Exteriores. Usted quiere saber cómo recurrir, ¿verdad? Aquí tiene el formulario, la presentación es gratuita y es requisito adjuntar la carta de rechazo."),
  ("c", "Yo quería saber si puede volver a pedir la visa con otra cita"),
  ("a", "Eso también es posible. La embajada le contestará."),
  ("c", "¿Cuándo?"),
  ("a", "Depende de la embajada.")],
  labels=L("fail", "fail", [1], [], "fail", "n/a", "fail", "fail",
   "WhatsApp: no agent name; an angry customer gets an assumed question ('quiere saber cómo recurrir, ¿verdad?') and a form; no time; 'gratuita', 'requisito', 'cita' are not diminutives.")),
]


# Batch B: written after the rule changes that batch A prompted, labelled before scoring, and
# scored once: the engine's figures on it are the untouched out-of-sample check.
CONVS_B = [
 dict(id="hb-nl-001", ch="phone", lang="nl", org="Gemeente Almere", agent="Marloes Kramer", turns=[
  ("a", "Goedemorgen, u spreekt met Marloes Kramer van de gemeente Almere."),
  ("c", "Goedemorgen. Ik heb een vraag over de hondenbelasting. Wij hebben sinds vorige maand een pup."),
  ("a", "Leuk! Is het uw eerste hond, of had u er al een? En woont u in Almere Stad of in Almere Buiten?"),
  ("c", "Het is onze tweede, en we wonen in Almere Buiten."),
  ("a", "Dan geeft u de tweede hond door via het formulier op de website. De aanslag wordt dan aangepast; de nieuwe aanslag krijgt u binnen zes weken."),
  ("c", "Dank u wel."),
  ("a", "Graag gedaan.")],
  labels=L("pass", "pass", [], [], "pass", "n/a", "pass", "n/a",
   "Full name in the greeting; questions about the situation; a timeframe.")),

 dict(id="hb-nl-002", ch="phone", lang="nl", org="Gemeente Almere", agent="Rik de Wit", turns=[
  ("a", "Gemeente Almere, goedemiddag, wat kan ik voor u doen?"),
  ("c", "Goedemiddag. Er ligt al een week een matras en een hoop troep naast de container op de hoek, en niemand doet er iets aan. Ik ben het echt helemaal zat, het trekt ratten aan!"),
  ("a", "Op welk adres is dat?"),
  ("c", "Hoek Kruidenweg en Tijmstraat."),
  ("a", "Ik zoek het even op, een ogenblikje."),
  ("c", "Hallo?", dict(gap=38)),
  ("a", "Ja. Ik heb er een melding van gemaakt. Er komt iemand kijken."),
  ("c", "Wanneer dan?"),
  ("a", "Dat kan ik niet zeggen.")],
  labels=L("fail", "pass", [], ["ogenblikje"], "fail", "fail", "fail", "fail",
   "Anonymous greeting; a fed-up caller gets an address question with no acknowledgement; bare 'een ogenblikje' then 38 s and 'Hallo?'; no time.")),

 dict(id="hb-nl-003", ch="chat", lang="nl", org="Uitgeverij Kompas", agent="Nadia Bouzid", turns=[
  ("c", "Goedemiddag, ik wil mijn abonnement op Kompas Koken opzeggen. Klantnummer 55102."),
  ("a", "Goedemiddag, je chat met Nadia. Je wilt opzeggen omdat het te duur is geworden, toch?"),
  ("c", "Nee, ik ga naar het buitenland verhuizen."),
  ("a", "Ah, dan zeg ik het voor je op per de eerstvolgende vervaldatum, 1 februari. Je krijgt vandaag nog een bevestiging per mail."),
  ("c", "Fijn, dank je.")],
  labels=L("pass", "fail", [1], [], "n/a", "n/a", "pass", "n/a",
   "Chat: name given; the agent puts a reason in the customer's mouth with a confirming tag ('..., toch?'); explicit cancellation with a customer number (clarifying n/a); dated next step.")),

 dict(id="hb-nl-004", ch="phone", lang="nl", org="Servicedesk Noorderpoort", agent="Bas Vermeulen", turns=[
  ("a", "Goedemorgen, Servicedesk, met Bas."),
  ("c", "Goedemorgen. Ik kan sinds vanochtend niet meer printen op de derde verdieping. Ik krijg steeds een foutmelding met iets van"),
  ("a", "papierstoring, ja, dat hoor ik vaker vandaag.", dict(cut=1.0)),
  ("c", "Nee, iets met toegang geweigerd."),
  ("a", "O. Mag ik u twee minuten in de wacht zetten, dan kijk ik mee?"),
  ("c", "Ja."),
  ("a", "Dank u voor het wachten. Uw account miste de printerrechten, die heb ik toegevoegd. Over een kwartiertje werkt het weer.", dict(gap=75)),
  ("c", "Top, dank je.")],
  labels=L("pass", "fail", [2], ["kwartiertje"], "fail", "pass", "pass", "n/a",
   "'met Bas'; the agent finishes the sentence with a wrong guess and asks nothing about the problem; hold with permission and duration, thanked; 'kwartiertje' minimises.")),

 dict(id="hb-nl-005", ch="whatsapp", lang="nl", org=BZ, agent="Femke Jansen", turns=[
  ("c", "Hallo, ik zit in Bangkok en mijn paspoort is gestolen. Ik vlieg overmorgen terug en ik ben echt radeloos."),
  ("a", "Hoi, je appt met Femke van BZ. Wat vreselijk, ik snap dat je radeloos bent. We gaan kijken hoe je toch op tijd thuiskomt."),
  ("c", "Dank je."),
  ("a", "Heb je al aangifte gedaan bij de politie? En heb je nog een ander identiteitsbewijs bij je, zoals een ID-kaart of rijbewijs?"),
  ("c", "Aangifte nog niet. Mijn rijbewijs heb ik nog wel."),
  ("a", "Doe eerst aangifte bij de toeristenpolitie. Maak daarna een afspraak bij de ambassade voor een noodpaspoort; dat krijg je meestal dezelfde dag nog mee. Ik stuur je nu een linkje naar de afsprakenpagina."),
  ("c", "Super, bedankt!")],
  labels=L("pass", "pass", [], ["linkje"], "pass", "n/a", "pass", "pass",
   "WhatsApp: distress acknowledged first; questions before advice; same-day emergency passport; 'linkje'.")),

 dict(id="hb-en-001", ch="phone", lang="en", org="Polder Telecom", agent="Olivia Smit", turns=[
  ("a", "Polder Telecom, good afternoon, this is Olivia."),
  ("c", "Hi. My bill went up from twenty to thirty-five euros this month and nobody told me. I'm honestly livid."),
  ("a", "Can I have your customer number?"),
  ("c", "It's 7730215."),
  ("a", "The price went up because your discount ended. It will stay at thirty-five euros."),
  ("c", "Great. Thanks for nothing.")],
  labels=L("pass", "pass", [], [], "fail", "n/a", "fail", "fail",
   "Name given; a livid customer gets an identification question with no acknowledgement; no question about needs; nothing happens next and nothing is confirmed settled.")),

 dict(id="hb-fr-001", ch="phone", lang="fr", org=BZ, agent="Lucie Bernard", turns=[
  ("a", "Bonsoir, centre de contact du ministère, vous êtes en ligne avec Lucie."),
  ("c", "Bonsoir. Ma fille est à Montréal et elle a perdu sa carte bancaire. Elle n'a plus rien pour payer son loyer."),
  ("a", "D'accord. Est-ce qu'elle a encore son passeport ? Et est-ce que quelqu'un sur place peut l'aider ?"),
  ("c", "Oui, elle a son passeport, et une amie l'héberge."),
  ("a", "Elle doit d'abord faire bloquer la carte auprès de sa banque. Je vous envoie le numéro par SMS dans les cinq minutes."),
  ("c", "Merci.")],
  labels=L("pass", "pass", [], [], "pass", "n/a", "pass", "n/a",
   "Name at the end of the greeting ('en ligne avec Lucie'); calm caller; questions first; a timeframe.")),

 dict(id="hb-es-001", ch="chat", lang="es", org="Uitgeverij Kompas", agent="Sara Vidal", turns=[
  ("c", "Hola, ¿por qué ha subido el precio de mi suscripción a Kompas Viajes?"),
  ("a", "Hola, bienvenida al chat de Kompas. Ha subido por los costes de papel y envío."),
  ("c", "¿Y hay alguna forma de mantener el precio anterior?"),
  ("a", "Espere un momentito."),
  ("a", "Sí: con el pago anual mantiene el precio anterior hasta junio. Lo cambio ahora y recibirá la confirmación hoy por correo.", dict(gap=45)),
  ("c", "Perfecto, gracias.")],
  labels=L("fail", "pass", [], ["momentito"], "n/a", "fail", "pass", "n/a",
   "Spanish chat: welcome without a name; a one-fact question (clarifying n/a); 'Espere un momentito' is not an announcement (no permission, no duration); same-day confirmation.")),
]


def _words(text: str) -> int:
    return max(1, len(text.split()))


def build_turns(conv: dict) -> list[dict]:
    ch = conv["ch"]
    out: list[dict] = []
    if ch == "email":
        return [{"speaker": "agent" if t[0].startswith("a") else "customer", "start": None, "end": None,
                 "text": t[1]} for t in conv["turns"]]
    cursor = 0.0
    last_main: dict | None = None
    for i, t in enumerate(conv["turns"]):
        who, text = t[0], t[1]
        opts = t[2] if len(t) > 2 else {}
        speaker = "agent" if who.startswith("a") else "customer"
        if who in ("ab", "cb"):     # backchannel inside the previous main turn
            assert last_main is not None
            mid = round((last_main["start"] + last_main["end"]) / 2, 1)
            out.append({"speaker": speaker, "start": mid, "end": round(mid + 0.5, 1), "text": text})
            continue
        if ch == "phone":
            dur = _words(text) / 2.5 + 0.4
            gap = opts.get("gap", 0.5 + (i % 3) * 0.2)
        else:                       # chat / WhatsApp: typing time (~0.8 words/s), short gaps
            dur = _words(text) / 0.8 + 2
            gap = opts.get("gap", 3.0 + (i % 4) * 1.5)
        start = cursor - opts["cut"] if "cut" in opts else cursor + (gap if out else 0.0)
        end = start + dur
        turn = {"speaker": speaker, "start": round(start, 1), "end": round(end, 1), "text": text}
        out.append(turn)
        last_main = turn
        cursor = turn["end"]
    return out


def write(convs: list[dict], out: Path) -> None:
    out.mkdir(exist_ok=True)
    labels = []
    for k, conv in enumerate(convs):
        turns = build_turns(conv)
        dur = None if conv["ch"] == "email" else max(t["end"] for t in turns)
        day = 2 + k % 20
        doc = {"schema": "meeluister.transcript/1", "contact_id": conv["id"], "channel": conv["ch"],
               "language": conv["lang"], "organisation": conv["org"], "agent_id": f"ho-a-{k + 1:02d}",
               "agent_name": conv["agent"], "started_at": f"2026-12-{day:02d}T{8 + k % 10:02d}:{(7 * k) % 60:02d}:00+01:00",
               "duration_s": dur, "turns": turns}
        (out / f"{conv['id']}.json").write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        labels.append({"contact_id": conv["id"], **conv["labels"]})
    (out / "labels.jsonl").write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in labels),
                                       encoding="utf-8")


def main() -> None:
    write(CONVS, HERE)
    write(CONVS_B, HERE.parent / "heldout_b")


if __name__ == "__main__":
    main()
