"""Customer names: the ones known from the contact's metadata (`known_names=`, e.g. the CRM's
`customer_name`) wherever they occur, and the ones said: a customer introducing themselves
("mijn naam is Jan de Vries", "ik heet ...", "Hallo, met Jan de Vries", "my name is ...",
"I'm ...", "je m'appelle ...", "je suis Madame Dupont", "me llamo ...", "soy ...") or being
addressed ("meneer Jansen", "mevrouw de Vries", "Mrs Smith", "madame Dupont", "señora García").
Each is replaced by `[NAME]` (a title stays: "meneer [NAME]").

The agent's own name in the greeting is employee data the coaching needs (the greeting
criterion checks that the agent gives their name): "u spreekt met Sanne", "you're speaking with
Tom", "vous parlez avec Claire", "le atiende Lucía", and, in an agent's turn (`speaker="agent"`),
"mijn naam is Sanne" or "met Sanne van de gemeente" stay readable while
`RedactionOptions.own_name_greeting` is on (the default)."""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from meeluister.redaction.base import Detector, Scan, cues, register, words
from meeluister.redaction.references import REFERENCE_WORDS

PARTICLES = ("van", "de", "der", "den", "het", "ter", "ten", "te", "op", "in", "'t", "von", "la", "le", "du",
             "des", "del", "della", "da", "di", "dos", "das", "y", "el", "van der", "van den", "van de", "de la",
             "in 't", "op de", "van 't")
_PARTICLE = rf"(?:{words(PARTICLES)})"
# Words that end a lower-case name ("mijn naam is jan en ik bel ...") or that are no name at all.
STOP = frozenset("""
en ik ja nee maar want dus of om en u je jij wij we hij zij het is was ben bent heb hebt en bel bellen
graag even nog ook niet wel al hier daar van voor met over uit
and i yes no but so or is was am are have has calling call the a an from here there with about not just
et je oui non mais donc ou est suis ai appelle appel le la les un une de du des pour avec ici pas
y yo sí si no pero o es soy estoy he llamo llamando el la los las un una de del para con aquí
heeft gaat zegt wil kan zou moet komt belt die dat wat had weet werd zei vroeg wie er hier
mijn uw onze ons haar hun jouw een dit deze geen iemand niemand
blij bang benieuwd boos ziek klant even net nog al erg heel zo niet geen vandaag gisteren morgen
sorry fine good happy afraid sure glad looking trying really still also very just not so okay ok
désolé désolée content contente malade client cliente bien très encore déjà
cliente bien muy contento contenta enfermo estudiante también todavía ya
geboren getrouwd verhuisd gescheiden gebeld klaar thuis bezig weg nieuw nieuwe ouder moeder vader zoon dochter
born married calling ringing back home new old the mother father son daughter
mon ma mes ton ta tes son sa ses notre votre nos vos leur né née nés marié mariée là ça pas plus vraiment
nacido nacida casado casada mi mis tu tus su sus nuestro nuestra madre padre hijo hija
you my it him her them your me us says said wants will would can could
""".split())
# Capitalised words that follow "I'm" / "ik ben" / "soy" without being a name.
NOT_NAMES = frozenset("""
Sorry Not Just So Very Here Calling Fine Good Happy Afraid Sure Glad Looking Trying Really Still Also
Klant Nederlander Nederlandse Belg Student Gepensioneerd Blij Bang Benieuwd Boos Ziek Even Net Al Nog
Client Cliente Français Française Belge Désolé Désolée Content Contente Malade Español Española Estudiante
""".split())
_NAME_WORD = r"[^\W\d_][\w'’\-]*"
# Capital letters: Latin-1's and those of Latin Extended-A/B (Łukasz, Šimić, Şahin, Ștefan): names
# of the centres' customers; written out so that RE2 (the bulk pre-filter) reads the class alike.
CAPITALS = "A-ZÀ-ÖØ-Þ" + "".join(c for c in map(chr, range(0x100, 0x250)) if c.isupper())
_CAP_WORD = rf"(?:[{CAPITALS}][\w'’\-]*)"

TITLES = ("meneer", "mevrouw", "mevr.", "mevr", "mw.", "dhr.", "dhr", "de heer", "juffrouw", "heer",
          "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "mister",
          "monsieur", "madame", "mademoiselle", "mme", "mme.", "mlle", "m.",
          "señor", "señora", "señorita", "sr.", "sra.", "srta.", "don", "doña")
# The agent's greeting: whoever says these introduces the agent.
AGENT_GREETING = ("u spreekt met", "je spreekt met", "spreekt u met", "u belt met", "you're speaking with",
                  "you are speaking with", "you're speaking to", "you are speaking to", "you're through to",
                  "vous parlez avec", "vous êtes en ligne avec", "vous êtes en communication avec",
                  "le habla", "habla con", "le atiende", "está hablando con", "esta hablando con")
# A first-person introduction followed by a name even in lower case (speech recognition).
STRONG_INTRO = ("mijn naam is", "mijn naam", "ik heet", "mijn achternaam is", "mijn voornaam is",
                "my name is", "my name's", "the name is", "name's", "my surname is", "my last name is",
                "my first name is", "je m'appelle", "je m’appelle", "mon nom est", "mon nom c'est",
                "mon nom de famille est", "mon prénom est", "me llamo", "mi nombre es", "mi apellido es")
# A first-person introduction that needs a capitalised name after it.
WEAK_INTRO = ("ik ben", "dit is", "i'm", "i am", "this is", "je suis", "ici", "soy", "aquí", "habla")
# Said after a name to close a self-introduction: "it's James here", "c'est Luc à l'appareil".
CLOSING = ("here", "speaking", "calling", "hier", "aan de lijn", "aan de telefoon", "à l'appareil",
           "à l’appareil", "al habla", "al teléfono", "al aparato")
CUED_INTRO = ("it's", "it is", "this is", "c'est", "ici", "met", "soy", "aquí")
GREETINGS = ("hallo", "hoi", "dag", "goedemorgen", "goedemiddag", "goedenavond", "ja", "nou", "hey", "hi",
             "hello", "good morning", "good afternoon", "bonjour", "bonsoir", "allô", "allo", "hola",
             "buenos días", "buenas tardes", "buenas", "sí", "oui", "yes")

_LOWER_NAME = rf"{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_NAME_WORD}){{0,2}}"
_CAP_NAME = rf"{_CAP_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_CAP_WORD}){{0,2}}"
_TITLE = rf"(?<!\w)(?P<title>(?i:{words(TITLES)}))(?!\w)\s+(?P<name>(?:{_PARTICLE}\s+)?{_CAP_NAME})"
TITLED = re.compile(_TITLE)
# Full-word titles only: after these a lower-case word is taken as a name ("meneer jansen").
LOWER_TITLES = ("meneer", "mevrouw", "juffrouw", "mister", "mr", "mrs", "ms", "monsieur", "madame", "mademoiselle",
                "señor", "señora", "señorita", "doña")
TITLED_ANY = re.compile(rf"(?<!\w)(?P<title>{words(LOWER_TITLES)})(?!\w)\s+(?P<name>(?:{_PARTICLE}\s+)?{_LOWER_NAME})",
                        re.IGNORECASE)
STRONG = re.compile(rf"(?<!\w)(?P<intro>{words(STRONG_INTRO)})\s*[:,]?\s+(?:(?:{words(TITLES)})\s+)?"
                    rf"(?P<name>{_LOWER_NAME})", re.IGNORECASE)
WEAK = re.compile(rf"(?<!\w)(?P<intro>(?i:{words(WEAK_INTRO)}))\s+(?:(?i:{words(TITLES)})\s+)?"
                  rf"(?P<name>{_CAP_NAME})")
MET = re.compile(rf"(?:^|[.!?,;:]\s*|(?<!\w)(?i:{words(GREETINGS)})[,!.]?\s+)(?P<intro>(?i:met|c'est|soy))\s+"
                 rf"(?P<name>{_CAP_NAME})")
CUED = re.compile(rf"(?<!\w)(?P<intro>{words(CUED_INTRO)})\s+(?P<name>{_LOWER_NAME}?)\s*,?\s+(?:{words(CLOSING)})(?!\w)",
                  re.IGNORECASE)
LOWER_INTRO = WEAK_INTRO + ("met", "c'est")
# In text without capitals (speech recognition writes lower case, often without punctuation) a
# first-person introduction anywhere, or "met"/"c'est" at the start of a sentence or after a
# greeting, is followed by a lower-case name: "ik ben mehmet yilmaz", "goedemiddag met wim dekker".
MET_LOWER = re.compile(rf"(?:(?:^|[.!?,;:]\s*|(?<!\w)(?:{words(GREETINGS)})[,!.]?\s+)(?P<intro>met|c'est)"
                       rf"|(?<!\w)(?P<intro2>{words(WEAK_INTRO)}))\s+(?P<name>{_LOWER_NAME})")


# Which patterns can match at all, by substrings of the lower-case text (most text has no
# introduction, no title and no greeting: a few substring tests instead of a pass per pattern).
_TITLE_CUES = cues(TITLES)
_PASS_CUES = {"STRONG": cues(STRONG_INTRO), "WEAK": cues(WEAK_INTRO), "MET": cues(("met", "c'est", "soy")),
              "CUED": cues(CLOSING), "MET_LOWER": cues(LOWER_INTRO)}


# A lower-case surname that starts with a particle ("de vries", "van dijk", "de la cruz") is also
# an article or preposition with a noun ("meneer de brief sturen", "meneer op de hoek"): taken
# only where someone is addressed: the title after a greeting, a thank-you or a sentence start,
# or the name before a sentence end, a comma or the end of the text.
_PARTICLE_WORDS = frozenset(p for p in PARTICLES if " " not in p)
THANKS = ("dank u", "dank je", "bedankt", "dankjewel", "dankuwel", "tot ziens", "thank you", "thanks", "bye",
          "goodbye", "merci", "au revoir", "gracias", "adiós", "adios", "hasta luego")
_ADDRESS_BEFORE = re.compile(rf"(?:^|[.!?,;:]\s*|(?<!\w)(?i:{words(GREETINGS + THANKS)})[,!.]?\s+)$")
_ADDRESS_AFTER = re.compile(r"\s*(?:[.!?,;:]|$)")  # after the surname


def _particle_name(text: str, span: tuple[int, int]) -> tuple[int, int] | None:
    """`span` cut to its particles and the one word after them ("de vries", "de la cruz")."""
    toks = list(re.finditer(r"\S+", text[span[0]:span[1]]))
    i = 0
    while i < len(toks) and toks[i].group(0).lower() in _PARTICLE_WORDS:
        i += 1
    return (span[0], span[0] + toks[i].end()) if 0 < i < len(toks) else None


def _addressed(text: str, title_start: int, name_end: int) -> bool:
    return bool(_ADDRESS_BEFORE.search(text, 0, title_start) or _ADDRESS_AFTER.match(text, name_end))


AGENT_BEFORE = re.compile(rf"(?i:{words(AGENT_GREETING)})\s*$")


def _trim(name: str, offset: int, lower_ok: bool) -> tuple[int, int] | None:
    """The span of a captured name once function words and trailing particles are cut off."""
    parts = [(m.start(), m.end(), m.group(0)) for m in re.finditer(r"\S+", name)]
    keep: list[tuple[int, int, str]] = []
    for s, e, w in parts:
        bare = w.strip(".,;:!?").lower()
        if (bare in STOP and bare not in PARTICLES) or bare in REFERENCE_WORDS:
            break
        if bare in PARTICLES and sum(1 for k in keep if k[2].lower() not in PARTICLES) >= 2:
            break  # "Erik Smeets van Marketing": a first and last name, then where they work
        if not lower_ok and w[0].islower() and bare not in PARTICLES:
            break
        keep.append((s, e, w))
        if w[-1] in ".,;:!?":
            break
    while keep and keep[-1][2].strip(".,;:!?").lower() in PARTICLES:
        keep.pop()
    if keep and keep[0][2].lower() in PARTICLES and lower_ok and len(keep) < 2:
        return None
    if not keep or keep[0][2] in NOT_NAMES:
        return None
    end = keep[-1][1] - (len(keep[-1][2]) - len(keep[-1][2].rstrip(".,;:!?")))
    return offset + keep[0][0], offset + end


def known_name_pattern(names: Sequence[str], any_case: bool = False) -> re.Pattern[str] | None:
    """One pattern for every known name: the full name and its tail from the surname ("de Vries")
    in any case; a single part ("Jan", "Vries") only capitalised as in the name, unless `any_case`
    (a text written without capitals)."""
    full: set[str] = set()
    parts: set[str] = set()
    for name in names:
        toks = [t for t in re.split(r"\s+", (name or "").strip()) if t]
        if not toks:
            continue
        full.add(" ".join(toks))
        for i in range(1, len(toks)):
            tail = toks[i:]
            if tail[0].lower() in PARTICLES and len(tail) > 1:
                full.add(" ".join(tail))
        for t in toks:
            if len(t) > 2 and t.lower() not in PARTICLES:
                parts.add(t)
    if not full:
        return None
    alts = [f"(?i:{words(full)})"] + ([f"(?i:{words(parts)})" if any_case else words(parts)] if parts else [])
    return re.compile(rf"(?<![\w\-])(?:{'|'.join(alts)})(?![\w\-])")


_NAME_KEYS = ("customer_name", "customer_names", "klantnaam", "caller_name", "naam_klant", "client_name")


def known_names_from(meta: Mapping[str, Any] | None) -> tuple[str, ...]:
    """Customer names carried by a transcript's `extra` or a metadata row: `customer_name` (or
    `klantnaam`, `caller_name`, `client_name`; a string or a list), or `customer: {name: ...}`."""
    if not meta:
        return ()
    out: list[str] = []
    for k in _NAME_KEYS:
        v = meta.get(k)
        if isinstance(v, str) and v.strip():
            out.append(v.strip())
        elif isinstance(v, (list, tuple)):
            out.extend(str(x).strip() for x in v if isinstance(x, str) and x.strip())
    cust = meta.get("customer")
    if isinstance(cust, Mapping):
        v = cust.get("name")
        if isinstance(v, str) and v.strip():
            out.append(v.strip())
    return tuple(dict.fromkeys(out))


def without_names(meta: Mapping[str, Any]) -> dict[str, Any]:
    """`meta` (a transcript's `extra`) with the customer-name fields `known_names_from` reads
    replaced by the tag."""
    out = dict(meta)
    for k in _NAME_KEYS:
        if k in out and out[k]:
            out[k] = [Name.tag] * len(out[k]) if isinstance(out[k], (list, tuple)) else Name.tag
    cust = out.get("customer")
    if isinstance(cust, Mapping) and cust.get("name"):
        out["customer"] = {**cust, "name": Name.tag}
    return out


@register
class Name(Detector):
    kind, tag, priority = "name", "[NAME]", 70

    def find(self, scan: Scan) -> Iterable[tuple[int, int]]:
        known: list[tuple[int, int]] = []
        if scan.known_names:
            pattern = known_name_pattern(scan.known_names, any_case=not any(ch.isupper() for ch in scan.text))
            if pattern is not None:
                known = [m.span() for m in pattern.finditer(scan.text)]
        if not known:
            return self._said(scan)
        return _with_known(known, list(self._said(scan)))

    def _said(self, scan: Scan) -> Iterable[tuple[int, int]]:
        """The names said or addressed (see the module docstring), in the order of the passes."""
        text = scan.text
        keep_own = scan.options.own_name_greeting
        agent = scan.speaker == "agent"
        lower_text = not any(ch.isupper() for ch in text)
        if scan.has_any(_TITLE_CUES):
            for m in TITLED.finditer(text):
                yield m.span("name")
            for m in TITLED_ANY.finditer(text):  # lower case after a title: only a known-name-less guess
                span = _trim(m.group("name"), m.start("name"), lower_ok=True)
                if not span or not m.group("name")[:1].islower():
                    continue
                first = m.group("name").split()[0].lower()
                if first in _PARTICLE_WORDS:  # "mevrouw de vries", but not "meneer de brief sturen"
                    span = _particle_name(text, span)
                    if span and _addressed(text, m.start("title"), span[1]):
                        yield span
                elif first not in STOP:
                    yield span
        passes = [(STRONG, True, "STRONG"), (WEAK, False, "WEAK"), (MET, False, "MET"), (CUED, True, "CUED")]
        if lower_text:
            passes.append((MET_LOWER, True, "MET_LOWER"))
        for pattern, lower_ok, key in passes:
            if not scan.has_any(_PASS_CUES[key]):
                continue
            for m in pattern.finditer(text):
                span = _trim(m.group("name"), m.start("name"), lower_ok)
                if span is None:
                    continue
                intro = m.start("intro") if m.group("intro") is not None else m.start("intro2")
                if keep_own and (agent or AGENT_BEFORE.search(text, 0, intro)
                                 or AGENT_BEFORE.search(text, 0, m.start("name"))):
                    continue  # the agent's own name in their greeting
                yield span


def _with_known(known: list[tuple[int, int]], said: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The known-name spans and the said ones, a said name that holds a known one's part taken
    whole ("Mijn naam is Piet Smit" with "Anna Smit" known: "Piet Smit", not only "Smit")."""
    out = []
    for s, e in said:
        inside = [k for k in known if k[0] < e and s < k[1]]
        if inside:
            s, e = min(s, *(k[0] for k in inside)), max(e, *(k[1] for k in inside))
            known = [k for k in known if k not in inside]
        out.append((s, e))
    return [*known, *out]
