"""Customer names given as an answer, with no cue in the turn itself: the agent asks for the name
("mag ik uw naam?", "what's your name please", "votre nom ?", "¿me dice su nombre?") or how to
spell it ("hoe spel ik dat?", "how do you spell that?", "comment ça s'écrit ?", "¿cómo se
escribe?"), and the customer's next turn is just the name ("Daan Kramer.", "daan kramer" as
speech recognition writes it, "de Vries, ja") or its letters ("K R A M E R", "k-r-a-m-e-r").

`is_name_question(text)` tells whether a turn asks for a name; `answer_spans(text)` gives the
spans of the name in the answer turn, or nothing when the answer is anything else: an ordinary
answer ("ja hoor", "that's right", "oui", "vale", "momentje", "sorry?"), a sentence (a word that is
no name: a function word, a reference word, a number), or more than four name words. A title
stays readable ("meneer [NAME]"), as elsewhere. `meeluister.redaction.transcript` uses both, with
the turn before as the cue; `redact()` on a single text cannot see the question and does not.
"""
from __future__ import annotations

import re

from meeluister.redaction.base import words
from meeluister.redaction.names import NOT_NAMES, PARTICLES, STOP, TITLES
from meeluister.redaction.references import REFERENCE_WORDS

NAME_QUESTIONS = (
    # nl
    "uw naam", "je naam", "jouw naam", "de naam", "uw achternaam", "uw voornaam", "uw volledige naam",
    "met wie spreek ik", "met wie heb ik", "hoe heet u", "hoe heet je", "op welke naam", "op wiens naam",
    "hoe spel ik dat", "hoe spelt u dat", "hoe schrijf ik dat", "hoe schrijft u dat", "kunt u dat spellen",
    "wilt u dat spellen", "kunt u dat even spellen", "wilt u dat even spellen", "spellen",
    # en
    "your name", "your surname", "your last name", "your first name", "your full name", "the name",
    "who am i speaking with", "who am i speaking to", "who am i talking to", "under what name",
    "what name", "name please", "how do you spell that", "how do you spell it", "how is that spelled",
    "how's that spelled", "spell that", "spell it", "spell your",
    # fr
    "votre nom", "ton nom", "votre prénom", "votre nom de famille", "à quel nom", "vous vous appelez comment",
    "comment vous appelez-vous", "comment vous appelez vous", "qui est à l'appareil", "comment ça s'écrit",
    "comment ça s’écrit", "comment cela s'écrit", "ça s'écrit comment", "ça s’écrit comment", "épeler",
    # es
    "su nombre", "tu nombre", "su apellido", "su nombre completo", "cómo se llama", "como se llama",
    "a nombre de quién", "a nombre de quien", "a qué nombre", "a que nombre", "con quién hablo",
    "con quien hablo", "cómo se escribe", "como se escribe", "me lo deletrea", "deletrear", "deletrearlo",
)
NAME_QUESTION = re.compile(rf"(?<!\w)(?:{words(NAME_QUESTIONS)})(?!\w)", re.IGNORECASE)
# The same test for RE2 (DuckDB's regexp_matches, pyarrow): no look-around, so a superset of
# NAME_QUESTION (a text it misses is no question); `is_name_question` decides.
QUESTION_PATTERN = "(?i)" + "|".join(re.escape(q).replace(r"\ ", r"\s+") for q in sorted(NAME_QUESTIONS, key=len, reverse=True))

# Ordinary answers and fillers: an answer made of these (and STOP's function words) is no name.
ANSWER_WORDS = frozenset("""
ja jawel jazeker nee neen klopt prima goed oké oke okee ok hoor zeker precies inderdaad natuurlijk tuurlijk
uiteraard graag dank bedankt dankjewel dankuwel hallo momentje moment ogenblikje ogenblik sorry pardon
wat waarom hè he hm hmm ehm eh uh uhm euh nou tja juist correct exact sowieso idee weet weten kijken
yes yeah yep yup nope right correct sure okay fine exactly course thanks thank please hello hi hey
sorry pardon what why hmm um uh er erm well indeed certainly absolutely moment second hold minute sec
oui ouais non d'accord exactement voilà voila bien sûr sur merci pardon comment quoi pourquoi instant
attendez bon alors euh bah ben hein parfait entendu absolument bonjour allô allo oh ah tout fait
sí si vale claro perfecto acuerdo exacto correcto eso gracias perdón perdone perdona cómo como qué que
porque por momento espere bueno pues hola oiga mire eh este supuesto ajá aha
one een un una uno
""".split())
# Said before the name in an answer: "dat is", "it's", "c'est", "es", "met", a filler.
LEAD_INS = ("dat is", "het is", "is", "met", "it's", "it is", "that's", "that is", "c'est", "ce sera", "es", "soy",
            "de naam is", "the name is", "the name's", "le nom c'est", "el nombre es", "a nombre de", "à mon nom",
            "op naam van", "under", "sous le nom")
_LEAD = re.compile(rf"\s*(?:(?:{words(LEAD_INS)})(?!\w)[\s,:]*)?", re.IGNORECASE)
_TITLE = re.compile(rf"(?:{words(TITLES)})(?!\w)\s*", re.IGNORECASE)
_TOKEN = re.compile(r"[^\W\d_][\w'’]*(?:-[^\W\d_][\w'’]*)*|\S")
# Spelled, three letters or more: "K R A M E R", "k-r-a-m-e-r", "D, A, A, N".
_LETTERS = re.compile(r"(?<![\w'’])[^\W\d_](?:[\s,.\-]+[^\W\d_]){2,}(?![\w'’])")
_WORD = re.compile(r"\s*([^\W\d_][\w'’]*)[\s,.!?:;]*")
MAX_NAME_WORDS = 4
_PARTICLES = frozenset(PARTICLES)
_NOT_NAME = frozenset(w.lower() for w in NOT_NAMES) | frozenset(REFERENCE_WORDS)


def is_name_question(text: str) -> bool:
    """Whether a turn asks for the customer's name or how to spell it."""
    return bool(text) and NAME_QUESTION.search(text) is not None


def _skip_fillers(text: str, pos: int) -> int:
    """Past leading fillers and ordinary answer words ("ja,", "euh", "oui, c'est")."""
    while True:
        m = _WORD.match(text, pos)
        if not m or m.group(1).lower() not in ANSWER_WORDS:
            return pos
        if not text[m.end():].strip(" ,.!?:;"):
            return pos  # the answer is only ordinary words ("ja hoor"): leave them for the check below
        pos = m.end()


def answer_spans(text: str) -> list[tuple[int, int]]:
    """The spans of a name given as the whole answer (see the module docstring); [] otherwise."""
    if not text or not text.strip() or len(text) > 120:
        return []
    pos = _skip_fillers(text, 0)
    lead = _LEAD.match(text, pos)
    pos = lead.end() if lead else pos
    title = _TITLE.match(text, pos)
    pos = title.end() if title else pos
    letters = [m.span() for m in _LETTERS.finditer(text, pos)]
    spans: list[tuple[int, int]] = []
    names = 0
    for m in _TOKEN.finditer(text, pos):
        tok = m.group(0)
        low = tok.lower()
        run = next((r for r in letters if r[0] <= m.start() < r[1]), None)
        if run is not None:
            if not spans or spans[-1] != run:
                spans.append(run)
                names += 1
            continue
        if tok in ".,;:!?¿¡…":
            continue
        if low in _PARTICLES:
            spans.append(m.span())
            continue
        if low in ANSWER_WORDS and names:
            break  # "Daan Kramer, ja", "daan kramer ja hoor": the name, then ordinary words
        if low in ANSWER_WORDS or low in STOP or low in _NOT_NAME or len(tok) < 2:
            return []  # an ordinary word, a function word, a digit or a symbol: no name
        names += 1
        spans.append(m.span())
    if not names or names > MAX_NAME_WORDS:
        return []
    while spans and text[spans[-1][0]:spans[-1][1]].lower() in _PARTICLES:
        spans.pop()
    # The trailing part must be nothing but punctuation and ordinary words.
    rest = text[spans[-1][1]:]
    if any(w.lower() not in ANSWER_WORDS for w in re.findall(r"[^\W\d_][\w'’]*", rest)) or re.search(r"\d", rest):
        return []
    return [(spans[0][0], spans[-1][1])]
