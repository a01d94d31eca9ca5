"""Phone numbers: Dutch (the national numbering plan: 0 + area code + subscriber, 10 digits;
"020-123 4567", "(020) 123 4567", "06-12345678", "+31 (0)6 1234 5678", "0031 6 ...") and
international ("+32 470 12 34 56", "+44 20 7946 0958", "+1 (212) 555-0123", and a NANP number
written "(212) 555-0123" or "212-555-0123"), written or said (normalised first: "plus drie een",
"nul zes twaalf", "double six").

A candidate is a stretch of digits with the separators people write (spaces, dashes, dots,
slashes, parentheses, a leading + or 00); it is cut at its spaces into the longest pieces the
`phonenumbers` library (Google's libphonenumber metadata) accepts as a valid number, so two
numbers in a row are both found and an invalid look-alike stays. A number written nationally in
another country's plan ("07400 711447", "633 652 900", "01 75 58 39 35") counts when a phone word
("bel", "call me", "joindre", "móvil", ...) stands near it: one of the usual countries' plans, or
any plan libphonenumber knows ("mon portable, c'est le 138 1234 5678"). Not phone numbers: fewer
than 9 digits (service numbers like "bel 0800-1234 gratis" are an organisation's, not a person's)
unless the words say it is the speaker's own ("u kunt me bereiken op 0800 1234", "my number is"),
dates ("01-02-2026"), and a number right after a reference word ("ordernummer 0612345678").
"het nummer is", "the number is", "le numéro est", "el número es" right before a number count as
a phone word; the speaker's own number may also be a local one of 6-7 digits without its area
code ("you can reach me on 56-12-34"), never a dd-mm-yy date or an amount ("1.250.000"). A list
dash before a number ("-0612345678" starting a line) is not part of it. A number to call back on
("terugbelnummer", "contact number", "joignable", "numéro de rappel", "localizable", "devolver la
llamada", before or after it) is the speaker's own; then an international number whose country
code is known counts even when the plan's metadata does not find it valid ("+33712457898"). The
country prefix before a piece ("+421 ", "00 ", "(+45) ") and a trunk "(0)" are masked with it.
Without any cue word: a national number with its trunk 0 of 10 digits or more in BE, GB, FR or DE
("dus 01 75 58 39 35, klopt dat?"), a "+" (or a "00" said) with a known country code and 10 digits
or more, a country code said without its "+" ("trois un six un ..."), and a number dictated in
number words of 9 digits or more that some plan accepts ("alors euh le zéro un trois ..."); never
with a reference word within 60 characters before or in the sentence after, a BSN, IBAN or account
word near ("mon numéro bsn c'est le ...", "... dat is mijn bsn"), an amount word after it, or an
IBAN's country code spelled before it ("b e zeventig ...")."""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

import phonenumbers

from meeluister.redaction.base import Detector, Scan, register, words
from meeluister.redaction.references import REFERENCE

# Not inside a longer code ("2026-0612345678", "A-0612..."), but after a list dash ("-0612345678"
# starting a chat line, " -0612345678").
CANDIDATE = re.compile(r"(?:(?<![\w+\-/.(])|(?<=-)(?<![\w+\-/.]-))\(?(?:\+|00)?\s?\(?\d[\d\s\-./()]{4,24}\d(?![\d\w])")
_DATE_LIKE = re.compile(r"(?<!\d)(?:(?:0?[1-9]|[12]\d|3[01])(?P<s>[\-/.])(?:0?[1-9]|1[0-2])(?P=s)(?:19|20)\d{2}"
                        r"|(?:19|20)\d{2}(?P<t>[\-/.])(?:0?[1-9]|1[0-2])(?P=t)(?:0?[1-9]|[12]\d|3[01]))(?!\d)")
_NANP = re.compile(r"^(?:\+?1[\s\-.]?)?\(?[2-9]\d{2}\)?[\s\-.]?[2-9]\d{2}[\s\-.]?\d{4}$")
# Written nationally in another country's plan (no + or 00): Belgium, the UK, France, Spain, Germany,
# the NANP. Valid for one of them AND a phone word near it ("bel", "call me", "joindre", "móvil").
OTHER_REGIONS = ("BE", "GB", "FR", "ES", "DE", "US")
ALL_REGIONS = tuple(sorted(phonenumbers.SUPPORTED_REGIONS - {"US"}))  # the NANP only in its own shape
PHONE_WORDS = re.compile(r"(?<!\w)(?:" + words((
    "bel", "bellen", "belt", "terugbellen", "terug bellen", "bereiken", "bereikbaar", "telefoon", "telefoonnummer",
    "mobiel", "mobiele", "mobieltje", "tel", "tel.", "whatsapp", "sms", "gebeld",
    "mijn nummer", "uw nummer", "je nummer", "zijn nummer", "haar nummer", "vaste nummer", "mobiele nummer",
    "call", "calls", "called", "calling", "phone", "mobile", "cell", "reach", "ring", "telephone", "landline",
    "my number", "your number", "his number", "her number",
    "appeler", "appelez", "appelle", "rappeler", "rappelez", "joindre", "téléphone", "portable", "tél", "tél.",
    "fixe", "mon numéro", "votre numéro", "ton numéro", "son numéro",
    "llamar", "llamarme", "llámeme", "llameme", "llame", "teléfono", "telefono", "móvil", "movil", "celular",
    "contactar", "fijo", "mi número", "su número", "tu número", "mi numero", "su numero",
)) + r")(?!\w)", re.IGNORECASE)
# The speaker's own number ("you can reach me on", "mijn nummer is", "mon portable"): then a short
# national number (8 digits, "0800 1234") is theirs too, not an organisation's service number.
OWN_PHONE = re.compile(r"(?<!\w)(?:" + words((
    "me bereiken", "mij bereiken", "ben bereikbaar", "ben ik bereikbaar", "ik bereikbaar", "ik altijd bereikbaar", "bel me", "bel mij", "me bellen", "mij bellen", "me terugbellen",
    "mij terugbellen", "call me on", "call me at", "my home phone", "my work phone", "teléfono de contacto",
    "número de contacto", "numéro de contact", "me puede llamar", "me pueden llamar", "puede llamarme",
    "me podéis llamar", "me llama", "me llamas", "belt u mij", "mijn nummer", "mijn telefoonnummer",
    "mijn mobiel", "mijn mobiele nummer", "mijn telefoon", "mijn vaste nummer",
    "reach me", "call me", "ring me", "my number", "my phone", "my phone number", "my mobile", "my cell", "my landline",
    "me joindre", "m'appeler", "me rappeler", "mon numéro", "mon portable", "mon téléphone", "mon fixe",
    "llamarme", "llámeme", "llameme", "mi número", "mi numero", "mi móvil", "mi movil", "mi teléfono", "mi telefono",
    # a number to call back on, or to be reached on: the caller's own
    "terugbelnummer", "terugbellen", "bereikbaar op", "contactnummer",
    "call me back", "call back", "callback", "contact number", "reach me at", "best number", "phone number",
    "joignable", "numéro de rappel", "rappelez-moi", "appelez-moi", "appelle-moi",
    "localizable", "devolver la llamada", "llámame", "llamame", "número de teléfono", "numero de telefono",
)) + r")(?!\w)", re.IGNORECASE)
OWN_MIN_DIGITS = 8
# The speaker's own number said without its area code ("you can reach me on 56-12-34", "bel me op
# 561234"): a local subscriber number, 6 or 7 digits, that libphonenumber finds possible as a local
# number in one of the usual plans; never a date ("12-03-26").
LOCAL_MIN_DIGITS = 6
_THOUSANDS = re.compile(r"\d{1,3}(?:[.,\s]\d{3})+(?:[.,]\d{2})?")  # an amount: "1.250.000", "125 000"
_SHORT_DATE = re.compile(r"(?:0?[1-9]|[12]\d|3[01])(?P<s>[\-/.])(?:0?[1-9]|1[0-2])(?P=s)\d{2}")
# "het nummer is", "the number is", "le numéro est", "el número es", "number:" right before the
# digits: a number that some plan accepts is a phone number (a reference word before the number,
# "het ordernummer is", "the case number is", still makes it a reference).
NUMBER_IS = re.compile(r"(?<!\w)(?:nummer|number|numéro|numero|número)(?:\s+(?:is|est|c'est|es)|\s*:)\s*$", re.IGNORECASE)
CONTEXT_BEFORE, CONTEXT_AFTER = 60, 45  # characters: a phone word this close to the number
# The body of an IBAN-shaped string (country, check digits, groups): its groups are never a phone.
_IBAN_BEFORE = re.compile(r"(?<![\w])[A-Za-z]{2}[ \-]?\d{2}(?:[ \-]?[A-Za-z0-9]{4})*[ \-]?$"
                          r"|(?<![\w])[A-Za-z][ ,]?[A-Za-z][ ,]{1,2}\d{1,2}(?:[ ,]{1,2}[A-Za-z])+[ ,]*$")  # "g b 84 l o y d "
_REF_BEFORE = 30  # characters before a number in which a reference word makes it a reference
MIN_DIGITS = 9
NO_CUE_MIN_DIGITS = 10  # a number with no phone word near: this long at least
NO_CUE_REGIONS = ("BE", "GB", "FR", "DE")  # national forms with a trunk 0 that need no phone word
_TRUNK = re.compile(r"(?<=\d)\s?\(0\)\s?")  # "+31 (0)6 ...", "+49(0)1560 77474"


def is_phone(s: str, context: int = 0, dictated: bool = False) -> bool:
    """`s` (one candidate piece) is a valid phone number: international (+ or 00), Dutch national
    (0 + 9 digits), or, with `context` (1: a phone word near it), national in another country's
    plan: the usual ones first, then any plan libphonenumber knows; 2 (the speaker's own number):
    also an 8-digit one, or a local one of 6-7 digits. `dictated` (said in number words, no
    phone word, no word of another kind of number): 9 digits or more in any plan."""
    s = s.strip(" .-/")
    if _DATE_LIKE.search(s):
        return False
    digits = re.sub(r"\D", "", s)
    if context >= 2 and LOCAL_MIN_DIGITS <= len(digits) < OWN_MIN_DIGITS:
        if s.startswith(("+", "00")) or _SHORT_DATE.fullmatch(s) or _THOUSANDS.fullmatch(s):
            return False
        return any(_local(s, r) for r in OTHER_REGIONS)
    if len(digits) < (OWN_MIN_DIGITS if context >= 2 else MIN_DIGITS) or len(digits) > 15:
        return False
    s = _TRUNK.sub("", s)  # "+49(0)1560 77474": the (0) is dialled only nationally
    plus = s.lstrip("(").startswith("+")
    if s.startswith(("00", "(00")):
        s = "+" + s.lstrip("(")[2:]
    if s.lstrip("(").startswith("+"):
        s = s.lstrip("(").replace(")", " ", 1) if s.startswith("(") else s  # "(+45) 12345678"
        # the country code says which plan; with a phone word, any number that country's plan
        # finds possible, or any length ("+33712457898" after "my phone number is"); a "+" (or a
        # "00" said) with ten digits or more and a known country code needs no word ("plus
        # cinquante-deux ...", "nul nul twee zeven ...")
        return _valid(s, None) or (context >= 1 and _possible(s)) or (
            _known_country(s) and (context >= 1 or (context == 0 and (plus or dictated) and len(digits) >= NO_CUE_MIN_DIGITS)))
    if s.lstrip("(").startswith("0") and len(digits) == 10 and _valid(s, "NL"):
        return True
    if context < 0:
        return False  # another number's word near (BSN, IBAN, account): only the forms above
    if not context:
        # No phone word: a national number with its trunk 0 in one of the usual plans
        # ("01314 960537", "01 75 58 39 35"), or a country code said without its "+"
        # ("trois un six un deux ..." for 31 6 12...), of ten digits or more
        if dictated and len(digits) >= MIN_DIGITS and any(_valid(s, r) for r in ALL_REGIONS):
            return True  # "alors euh le zéro un trois un quatre ..." dictated in a call
        if len(digits) < NO_CUE_MIN_DIGITS:
            return False
        if s.lstrip("(").startswith("0"):
            return any(_valid(s, r) for r in NO_CUE_REGIONS)
        return len(digits) >= NO_CUE_MIN_DIGITS + 1 and _valid("+" + digits, None)
    if any(_valid(s, r) for r in OTHER_REGIONS if r != "US" or _NANP.match(s)):
        return True
    return any(_valid(s, r) for r in ALL_REGIONS)


def _valid(s: str, region: str | None) -> bool:
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(s, region))
    except phonenumbers.NumberParseException:
        return False


def _possible(s: str) -> bool:
    try:
        return phonenumbers.is_possible_number(phonenumbers.parse(s, None))
    except phonenumbers.NumberParseException:
        return False


def _known_country(s: str) -> bool:
    """The digits after + start with a country code libphonenumber knows ("+52...", not "+999...")."""
    try:
        phonenumbers.parse(s, None)
    except phonenumbers.NumberParseException:
        return False
    return True


def _local(s: str, region: str) -> bool:
    try:
        n = phonenumbers.parse(s, region)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_possible_number_with_reason(n) == phonenumbers.ValidationResult.IS_POSSIBLE_LOCAL_ONLY


def _pieces(text: str, start: int, end: int, context: int, dictated: bool = False) -> Iterable[tuple[int, int]]:
    """The valid numbers inside candidate text[start:end], longest first from the left."""
    cand = text[start:end]
    cuts = [0] + [m.end() for m in re.finditer(r"\s+", cand)]
    ends = [m.start() for m in re.finditer(r"\s+", cand)] + [len(cand)]
    i = 0
    while i < len(cuts):
        for j in range(len(ends) - 1, i - 1, -1):
            a, b = cuts[i], ends[j]
            if b > a and is_phone(cand[a:b], context, dictated):
                yield start + a, start + b
                i = j + 1
                break
        else:
            i += 1


# Words that say a number is another kind (a BSN, an account): between a phone word and the
# number ("mon numéro bsn c'est le ..."), or, with no phone word, before it.
_OTHER_NUMBER = r"(?<!\w)(?:" + words((
    "bsn", "b s n", "burgerservicenummer", "sofinummer", "sofi", "iban", "rekeningnummer", "rekening",
    "account", "compte", "cuenta", "citizen service number", "social security", "sécurité sociale",
    "seguridad social", "service citoyen")) + r")(?!\w)"
OTHER_NUMBER = re.compile(_OTHER_NUMBER, re.IGNORECASE)
# Between a phone word and its number: no other number and no end of a sentence, nor such a word.
_BETWEEN = re.compile(r"\d|[.!?](?:\s|$)|" + _OTHER_NUMBER, re.IGNORECASE)


def _context(text: str, start: int, end: int) -> int:
    """A phone word close before [start, end) or after it, that belongs to this number: 2 when it
    says the number is the speaker's own, 1 for another phone word, 0 for none."""
    lo = max(0, start - CONTEXT_BEFORE)
    before = [m for m in PHONE_WORDS.finditer(text, lo, start)] + [m for m in OWN_PHONE.finditer(text, lo, start)]
    before = [m for m in before if not _BETWEEN.search(text, m.end(), start)]
    if before:
        return 2 if any(m.re is OWN_PHONE for m in before) else 1
    said = NUMBER_IS.search(text, lo, start)
    if said and not REFERENCE.search(text, max(0, said.start() - _REF_BEFORE), said.end()) \
            and not OTHER_NUMBER.search(text, max(0, said.start() - _REF_BEFORE), said.end()):
        return 1  # "het nummer is", not "my order number is" (a reference: no plan is tried), nor "my sofi number is"
    hi = min(len(text), end + CONTEXT_AFTER)
    after = [m for m in (PHONE_WORDS.search(text, end, hi), OWN_PHONE.search(text, end, hi))
             if m and not _BETWEEN.search(text, end, m.start())]
    if not after:
        return -1 if OTHER_NUMBER.search(text, lo, start) or OTHER_NUMBER.search(text, end, hi) else 0
    return 2 if any(m.re is OWN_PHONE for m in after) else 1  # "... als uw terugbelnummer"


# A country code or international prefix just before a piece, in the same candidate: "+421 ",
# "00 ", "(+31) ", "0049 ".
_PREFIX_BEFORE = re.compile(r"(?<![\w+])\(?(?:\+|00)\s?\d{0,3}\)?\s*$")


# An IBAN's country code spelled right before the digits ("n l", "b e,", "E S").
_SPELLED_COUNTRY = re.compile(r"(?<!\w)(?:" + "|".join(f"{c[0]}[ ,]+{c[1]}" for c in (
    "nl", "be", "de", "fr", "es", "gb", "lu", "it", "pt", "at", "ch", "ie", "pl", "dk", "se", "no", "fi")) + r")[ ,]+$",
    re.IGNORECASE)
_AMOUNT_AFTER = re.compile(r"\s*(?:euro|euros|eur|€|dollar|dollars|pond|pound|pounds|francs?|pesos?|cent|cents|céntimos)(?!\w)",
                           re.IGNORECASE)


def _reference_after(text: str, end: int) -> bool:
    """A reference word after `end`, in the same sentence, within CONTEXT_AFTER."""
    m = REFERENCE.search(text, end, min(len(text), end + CONTEXT_AFTER))
    return bool(m and not _SENTENCE_END.search(text, end, m.start()))


_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


def _dictated(scan: Scan, start: int, end: int) -> bool:
    """Most digits of text[start:end] were said as number words (not written)."""
    pieces = scan.doc.pieces
    if not pieces:
        return False
    k = bisect.bisect_right(scan.doc.starts, start) - 1
    said = 0
    for a, b, _oa, _ob in pieces[max(k, 0):]:
        if a >= end:
            break
        said += max(0, min(b, end) - max(a, start))
    return 2 * said > sum(map(str.isdigit, scan.text[start:end]))


def _tokens(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(start + m.start(), start + m.end()) for m in re.finditer(r"\S+", text[start:end])]


@register
class Phone(Detector):
    kind, tag, priority = "phone", "[PHONE]", 40

    def find(self, scan: Scan) -> Iterable[tuple[int, int]]:
        text = scan.text
        for m in CANDIDATE.finditer(text):
            s, e = m.span()
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1] in ")(":
                e -= 1
            digits = sum(map(str.isdigit, text[s:e]))
            if digits < LOCAL_MIN_DIGITS:
                continue
            if digits < OWN_MIN_DIGITS and not OWN_PHONE.search(text, max(0, s - CONTEXT_BEFORE), s) \
                    and not OWN_PHONE.search(text, e, min(len(text), e + CONTEXT_AFTER)):
                continue  # a short number is only a phone as the speaker's own (a local number)
            if scan.is_taken(s, e) and all(scan.is_taken(a, b) for a, b in _tokens(text, s, e)):
                continue  # inside what an earlier detector took (an IBAN's digits, an e-mail)
            if _IBAN_BEFORE.search(text, max(0, s - 40), s):
                continue
            context = _context(text, s, e)
            # A number valid without the phone word's help (Dutch national, international) wins
            # over a longer piece only some other plan accepts: "nummer 12 0612345678" keeps 12.
            pieces = list(_pieces(text, s, e, 0)) if context > 0 else []
            if context == 0 and _SPELLED_COUNTRY.search(text, max(0, s - 8), s):
                context = -1  # "b e zeventig drie ...": an IBAN said (its check failed), no phone word
            dictated = context == 0 and _dictated(scan, s, e) and not _AMOUNT_AFTER.match(text, e)
            for a, b in pieces or _pieces(text, s, e, context, dictated):
                if text[a] == "(" and ")" not in text[a:b]:
                    a += 1
                while text[a] in "-./":  # a list dash before the second number of a candidate
                    a += 1
                # a number only the rules without a cue word accept: a reference word further
                # before it, or after it ("een twee drie ... is mijn ordernummer"), makes it one
                loose = context == 0 and not is_phone(text[a:b], -1)
                if REFERENCE.search(text, max(0, a - (CONTEXT_BEFORE if loose else _REF_BEFORE)), a):
                    continue
                if loose and _reference_after(text, b):
                    continue
                prefix = _PREFIX_BEFORE.search(text, s, a)  # "+421 [PHONE]" would leave the country readable
                yield (prefix.start() if prefix else a), b
