"""Generated contacts (seeded) for the speed benchmark and tests, and an ASR-style degrader.

`generate_contacts(n, seed)` builds varied contacts in nl/en/fr/es over phone, chat, WhatsApp and
e-mail from sentence parts (greeting with or without a name, request, clarifying question or not,
hold announced or not, a worried or fed-up customer acknowledged or not, diminutives, next step
with or without a timeframe). `asr_style` turns a
written transcript into what speech recognition produces: lowercase, no punctuation, fillers,
the agent's name misspelled.
"""
from __future__ import annotations

import random
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from meeluister.records import Transcript, Turn

_PARTS = {
    "nl": {
        "greet_name": ["Goedemorgen, gemeente {org}, u spreekt met {agent}.", "Goedemiddag, met {agent} van {org}.",
                       "{org}, goedemiddag, u spreekt met {agent}, wat kan ik voor u doen?"],
        "greet_anon": ["Goedemorgen, gemeente {org}.", "U spreekt met de klantenservice van {org}, goedemiddag."],
        "request": ["Ja, goedemorgen, met {cust}. Ik wil graag weten wanneer mijn {thing} klaar is.",
                    "Hallo, met {cust}. Mijn {thing} is kwijt en ik moet volgende week op reis.",
                    "Goedemiddag, met {cust}. Ik heb een brief gekregen over mijn {thing} en die begrijp ik niet."],
        "clarify": ["Voor wie is het precies, en wanneer heeft u het nodig?", "Wat staat er precies in die brief?",
                    "Gaat het om een nieuwe aanvraag of om een verlenging?"],
        "answer": ["Dat kan gewoon bij de balie, dan regel ik een afspraak voor u.",
                   "Dan heeft u een nieuwe aanvraag nodig, dat regelen we samen.",
                   "Ik stuur u een {dim} met de uitleg."],
        "hold_ok": ["Mag ik u twee minuten in de wacht zetten? Dan kijk ik het na."],
        "hold_bad": ["Ik kijk even.", "Even kijken."],
        "return_ok": ["Bedankt voor het wachten. Ik heb het gevonden."],
        "next_ok": ["U krijgt binnen vijf werkdagen een brief, en morgen een bevestiging per mail."],
        "next_bad": ["Er wordt contact met u opgenomen.", "Kijkt u maar op de website."],
        "dims": ["momentje", "vraagje", "formuliertje", "mailtje", "linkje", "briefje", "beetje"],
        "things": ["paspoort", "parkeervergunning", "rijbewijs", "uittreksel", "container"],
        "upset": ["Ik heb al drie keer gebeld en ik ben het echt zat.", "Ik lig er wakker van, ik weet niet meer wat ik moet doen."],
        "ack": ["Wat vervelend dat u al zo vaak heeft moeten bellen.", "Dat begrijp ik, dat is schrikken."],
        "bye": ["Dank u wel, dag.", "Prima, bedankt."],
    },
    "en": {
        "greet_name": ["Good morning, {org}, you're speaking with {agent}.", "Hi, this is {agent} from {org}."],
        "greet_anon": ["{org}, good afternoon, how can I help you?"],
        "request": ["Hi, this is {cust}. I'd like to know when my {thing} will be ready.",
                    "Hello, my {thing} was stolen and I'm travelling next week."],
        "clarify": ["When are you travelling, and do you have another ID with you?",
                    "Is it a new application or a renewal?"],
        "answer": ["Then you'll need an emergency document, I can arrange that.",
                   "I'll send you a {dim} with the details."],
        "hold_ok": ["Would it be all right if I put you on hold for about two minutes?"],
        "hold_bad": ["Hold on."],
        "return_ok": ["Thank you for holding. I've found it."],
        "next_ok": ["You'll receive a confirmation email within the next hour."],
        "next_bad": ["Someone will contact you.", "It's on their website."],
        "dims": ["quick form", "little form", "email"],
        "things": ["passport", "visa", "permit", "laptop"],
        "upset": ["This is the third time I've called and I'm really fed up.", "I'm worried sick, I don't know what to do."],
        "ack": ["I'm sorry you've had to call so many times.", "I can imagine that's stressful."],
        "bye": ["Thanks, bye.", "Great, thank you."],
    },
    "fr": {
        "greet_name": ["Bonjour, {org}, Camille à l'appareil.", "Bonjour, vous parlez avec {agent}, de {org}."],
        "greet_anon": ["{org}, bonjour."],
        "request": ["Bonjour, c'est {cust}. Je voudrais savoir quand mon {thing} sera prêt.",
                    "Bonjour, j'ai perdu mon {thing} et je pars la semaine prochaine."],
        "clarify": ["Quand partez-vous exactement, et avez-vous une autre pièce d'identité ?"],
        "answer": ["Il faut passer à l'ambassade, je vous envoie la liste.", "Je vous envoie un {dim}."],
        "hold_ok": ["Je peux vous mettre en attente deux minutes ?"],
        "hold_bad": ["Je regarde."],
        "return_ok": ["Merci de votre patience. J'ai trouvé."],
        "next_ok": ["Vous recevrez un e-mail d'ici un quart d'heure."],
        "next_bad": ["Tout est sur le site."],
        "dims": ["petit formulaire", "petit mail", "courriel"],
        "things": ["passeport", "visa", "dossier"],
        "upset": ["C'est la troisième fois que j'appelle, j'en ai marre.", "Je suis très inquiète, je ne sais plus quoi faire."],
        "ack": ["Je comprends, je suis désolée pour ces appels.", "J'imagine que c'est stressant."],
        "bye": ["Merci, au revoir."],
    },
    "es": {
        "greet_name": ["Buenos días, {org}, le atiende {agent}.", "Hola, te escribe {agent}, de {org}."],
        "greet_anon": ["{org}, buenos días."],
        "request": ["Hola, soy {cust}. Quisiera saber cuándo estará listo mi {thing}.",
                    "Buenas, perdí mi {thing} y viajo la semana que viene."],
        "clarify": ["¿Cuándo viaja exactamente, y tiene otro documento de identidad?"],
        "answer": ["Tiene que pedir cita en la embajada, le envío el enlace.", "Un {dim}, que lo compruebo."],
        "hold_ok": ["¿Le importa esperar un par de minutos?"],
        "hold_bad": ["Déjame revisar."],
        "return_ok": ["Gracias por esperar. Ya lo tengo."],
        "next_ok": ["Le llegará un correo en los próximos diez minutos."],
        "next_bad": ["Depende de la embajada."],
        "dims": ["momentito", "segundito", "requisito"],
        "things": ["pasaporte", "visado", "documento"],
        "upset": ["Es la tercera vez que llamo y estoy harta.", "Estoy muy angustiada, no sé qué hacer."],
        "ack": ["Lo siento mucho, entiendo que es frustrante.", "Me imagino lo preocupada que está."],
        "bye": ["Gracias, adiós."],
    },
}
_FIRST = ["Sanne", "Ruud", "Fleur", "Thomas", "Inge", "Lucía", "Camille", "Youssef", "Priya", "Kevin", "Anouk"]
_LAST = ["de Vries", "Jansen", "Bakker", "Kuipers", "Smit", "Martínez", "Lefèvre", "Benali"]
_CUST = ["Ellen Brouwers", "Henk Jansen", "Mark Hughes", "Sophie Marchal", "Marta Ospina", "mevrouw Lemmens"]
_ORG = ["Utrecht", "Breda", "Zwolle", "Maastricht", "Polaris", "Uitgeverij Merel"]


@dataclass(frozen=True)
class Behaviour:
    """How often an agent does each thing, per contact where it applies (a stable profile)."""
    greets_with_name: float = 0.6  # opens with their own name (else the organisation only)
    acknowledges_upset: float = 0.5  # an upset customer: the agent makes room for the emotion
    clarifies: float = 0.6  # asks the question behind the question
    announces_hold: float = 0.5  # a hold: announced with its length (else "even kijken")
    clear_next_step: float = 0.5  # says what happens next and when
    fills_in: float = 0.0  # assumes the customer's question ("u belt zeker over ...")
    diminutives: float = 1.0  # chance that an answer with a {dim} slot keeps it (else the plain word)
    extra_diminutive: float = 0.0  # chance of one more sentence with a diminutive ("nog een mailtje")
    upset_customers: float = 0.25  # share of the agent's customers who are worried or fed up
    holds: float = 0.4  # share of the agent's (non-e-mail) contacts with a hold


@dataclass(frozen=True)
class Persona:
    """An agent of a generated contact centre: who they are and how they work."""
    agent_id: str
    name: str
    team: str
    organisation: str
    languages: tuple[str, ...]  # drawn from, in proportion
    behaviour: Behaviour = Behaviour()


# Filling in for the customer: an agent who assumes the question before it is asked (nivea).
_ASSUME = {
    "nl": ["U belt zeker over uw {thing}?", "Dus u wilt een nieuwe {thing}, toch?", "U wilt zeker een afspraak maken."],
    "en": ["You must be calling about your {thing}.", "So you want to renew your {thing}, I guess."],
    "fr": ["Vous appelez sûrement pour votre {thing}.", "Donc vous voulez un nouveau {thing}."],
    "es": ["Seguro que usted llama por su {thing}.", "Entonces quiere un {thing} nuevo."],
}
_TRAIL = {"nl": "Goedemorgen, ik heb een vraag over de...", "en": "Hello, I have a question about the...",
          "fr": "Bonjour, j'ai une question sur le...", "es": "Hola, tengo una pregunta sobre el..."}
_DIM_LINE = {"nl": ["Ik stuur u straks nog een mailtje.", "U krijgt nog een linkje van mij.", "Nog een vraagje: klopt uw adres?"],
             "en": ["I'll just send you a quick little form as well."],
             "fr": ["Je vous envoie aussi un petit formulaire."],
             "es": ["Un momentito, le envío el enlace.", "Una preguntita más: ¿es su correo actual?"]}
_PLAIN = {"nl": "bericht", "en": "message", "fr": "message", "es": "mensaje"}  # {dim} said plainly


def generate_contacts(n: int, seed: int = 0) -> Iterator[Transcript]:
    """`n` varied, plausible contacts; the same seed gives the same contacts."""
    rng = random.Random(seed)
    langs = ["nl"] * 6 + ["en", "fr", "es", "en"]
    channels = ["phone"] * 7 + ["chat", "whatsapp", "email"]
    for i in range(n):
        lang = rng.choice(langs)
        ch = rng.choice(channels)
        P = _PARTS[lang]
        agent = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
        fmt = {"org": rng.choice(_ORG), "agent": agent.split()[0], "cust": rng.choice(_CUST),
               "thing": rng.choice(P["things"]), "dim": rng.choice(P["dims"])}
        turns, t = _compose(rng, lang, ch, fmt, Behaviour())
        yield Transcript(
            contact_id=f"gen-{seed}-{i:06d}", channel=ch, language=lang, turns=tuple(turns),
            organisation=f"Gemeente {fmt['org']}", agent_id=f"a-{rng.randint(1, 60):02d}",
            agent_name=agent, duration_s=None if ch == "email" else round(t, 2),
        )


def generate_centre_contacts(personas: Sequence[Persona], n: int, seed: int = 0,
                             channels: Sequence[str] = ("phone", "chat", "whatsapp", "email"),
                             channel_weights: Sequence[float] = (4, 3, 2, 2)) -> Iterator[Transcript]:
    """`n` contacts spread over `personas` (round robin, so every agent has a share), each written
    the way that agent works (their `Behaviour`); the same seed gives the same contacts."""
    rng = random.Random(seed)
    for i in range(n):
        who = personas[i % len(personas)]
        lang = rng.choice(who.languages)
        ch = rng.choices(list(channels), weights=list(channel_weights))[0]
        P = _PARTS[lang]
        org = who.organisation.removeprefix("Gemeente ")
        fmt = {"org": org, "agent": who.name.split()[0], "cust": rng.choice(_CUST),
               "thing": rng.choice(P["things"]), "dim": rng.choice(P["dims"])}
        if rng.random() >= who.behaviour.diminutives:
            fmt["dim"] = _PLAIN[lang]
        turns, t = _compose(rng, lang, ch, fmt, who.behaviour)
        yield Transcript(
            contact_id=f"ct-{seed}-{i:05d}", channel=ch, language=lang, turns=tuple(turns),
            organisation=who.organisation, agent_id=who.agent_id, agent_name=who.name, team=who.team,
            duration_s=None if ch == "email" else round(t, 2),
        )


def _compose(rng: random.Random, lang: str, ch: str, fmt: dict[str, str], b: Behaviour
             ) -> tuple[list[Turn], float]:
    P = _PARTS[lang]
    lines: list[tuple[str, str, float]] = []  # (speaker, text, pause before in seconds)
    if ch != "email":
        key = "greet_name" if rng.random() < b.greets_with_name else "greet_anon"
        lines.append(("agent", rng.choice(P[key]), 0.0))
    if b.fills_in and rng.random() < b.fills_in:  # cuts in before the customer has said what it is about
        lines.append(("customer", _TRAIL[lang], 0.6))
        lines.append(("agent", rng.choice(_ASSUME[lang]), 0.2))
    lines.append(("customer", rng.choice(P["request"]) + f" Mijn nummer is {rng.randint(1000, 99999)}."
                  if rng.random() < 0.2 else rng.choice(P["request"]), 0.6))
    if rng.random() < b.upset_customers:  # a customer who is worried or fed up; the agent may make room for it
        lines.append(("customer", rng.choice(P["upset"]), 0.4))
        if rng.random() < b.acknowledges_upset:
            lines.append(("agent", rng.choice(P["ack"]), 0.5))
    if rng.random() < b.clarifies:
        lines.append(("agent", rng.choice(P["clarify"]), 0.5))
        lines.append(("customer", rng.choice(P["request"]), 0.5))
    if rng.random() < b.holds and ch != "email":
        lines.append(("agent", rng.choice(P["hold_ok"] if rng.random() < b.announces_hold else P["hold_bad"]), 0.4))
        lines.append(("agent", rng.choice(P["return_ok"]), rng.uniform(21, 90)))
    lines.append(("agent", rng.choice(P["answer"]), 0.5))
    if b.extra_diminutive and rng.random() < b.extra_diminutive:
        lines.append(("agent", rng.choice(_DIM_LINE[lang]), 0.3))
    lines.append(("agent", rng.choice(P["next_ok"] if rng.random() < b.clear_next_step else P["next_bad"]), 0.3))
    lines.append(("customer", rng.choice(P["bye"]), 0.5))
    turns = []
    t = 0.0
    for spk, text, pause in lines:
        text = text.format(**fmt)
        dur = 0.35 * len(text.split()) + 0.5
        if ch == "email":
            turns.append(Turn(spk, None, None, text))
        else:
            t += pause
            turns.append(Turn(spk, round(t, 2), round(t + dur, 2), text))
            t += dur
    return turns, t


_PUNCT = re.compile(r"[^\w\s'-]", re.UNICODE)


def asr_style(t: Transcript, seed: int = 0, fillers: tuple[str, ...] = ("eh", "uh", "ehm")) -> Transcript:
    """What a recogniser writes: lowercase, no punctuation, a filler now and then, a misspelled name."""
    rng = random.Random(seed)
    first = (t.agent_name or "").split()[0].lower() if t.agent_name else ""
    # misspell like a recogniser: a doubled letter becomes single ("sanne" -> "sane"), else drop one
    wrong = re.sub(r"(\w)\1", r"\1", first) if re.search(r"(\w)\1", first) else first[:-1] + first[-1:]
    turns = []
    for turn in t.turns:
        text = _PUNCT.sub(" ", turn.text.lower())
        words = text.split()
        if first and len(first) > 2:
            words = [wrong if w == first else w for w in words]
        if len(words) > 4 and rng.random() < 0.5:
            words.insert(rng.randrange(1, len(words)), rng.choice(fillers))
        turns.append(replace(turn, text=" ".join(words), words=()))
    return replace(t, turns=tuple(turns))
