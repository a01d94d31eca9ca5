"""Where a question starts in an unpunctuated (speech-recognition) sentence.

A question cue of two or more words anywhere ("wat is uw", "avez vous"), or any cue or opener
("hoe", "quand", "il y a") where a clause starts: the sentence start or after a boundary word
("oke", "en", "d accord", "vale"), or a wh-word that closes the sentence ("vous l'avez envoyée
quand"). A one-word wh-word or an opener in mid-clause is a conjunction or a statement ("quand
le contrôle sera terminé", "il y a un contrôle").

After set E:
* a wh-word followed at once by a subject (`embedded_subjects`: "wat ik u kan aanbieden is",
  "what you need is") opens an embedded clause, not a question;
* a verb-first cue (`clause_start_cues`: "heeft u", "kunt u") right after an adverb
  (`inversion_heads`: "dan", "daar") or a preposition and its noun (`inversion_prepositions`:
  "voor India") is the inversion of a statement ("voor India heeft u een visum nodig");
* a finite verb followed by a subject at a clause start (`verb_first`: "stond de container",
  "werkt het") is a yes/no question.

After sets F and G:
* a word followed at once by the polite addressee (`postverbal_subjects`: "usted", "vous") at a
  clause start, or after a clitic (`postverbal_clitics`: "se empadrona usted"), is a verb put
  before its subject: a yes/no question ("vive usted en un piso de alquiler o es propietario",
  "habitez vous seule"). Words that take the addressee as an object or complement
  (`postverbal_stop`: "para usted", "je vous") do not count. After a confirming word ("sí",
  `confirm_openers`), which may also be "if", the clause must offer an alternative (" o ", " ou ").
  Dutch V1 with "u" is also the polite imperative: a marker right after it (`postverbal_imperative`:
  "kijkt u even", "belt u maar") makes it one.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from qa.lexicon import Lexicon
    from qa.text import Sentence


def question_start(s: Sentence, lex: Lexicon) -> int | None:
    """The position in `s.norm` where the question starts, or None (unpunctuated speech)."""
    norm = s.norm
    boundaries = lex.wordset("clarifying", "clause_boundaries")
    embedded = lex.wordset("common", "embedded_subjects")
    wh = lex.wordset("common", "wh_words")
    for m in lex.phrases_of("common", "question_cues", "question_cues_more", "question_openers",
                            "verb_first").finditer(norm):
        before = norm[1:m.start()].split()
        if before and before[-1] not in boundaries:
            continue
        cue = m.group(0)
        if not before and cue in wh and norm[m.end():].split()[:1] and norm[m.end():].split()[0] in embedded:
            continue  # "wat ik u kan aanbieden is ...": an embedded clause opening the sentence
        found = m.start()
        break
    else:
        found = None
    anywhere = _cue_anywhere(norm, lex, found)
    pv = postverbal_start(norm, lex)  # "habitez vous ... ou êtes vous ...": the earlier one counts
    if anywhere is not None:
        return min(anywhere, pv) if pv is not None else anywhere
    if found is not None:
        return min(found, pv) if pv is not None else found
    words = norm.split()
    if len(words) >= 3 and words[-1] in lex.wordset("common", "final_wh"):
        return 1  # a wh-word closing the sentence: "vous l'avez envoyée quand", "y eso cuándo"
    return pv


def postverbal_start(norm: str, lex: Lexicon) -> int | None:
    """Where a verb-before-addressee question starts ("vive usted ..."), or None."""
    subjects = lex.wordset("common", "postverbal_subjects")
    if not subjects:
        return None
    words = norm.split()
    boundaries = lex.wordset("clarifying", "clause_boundaries")
    confirm = lex.wordset("clarifying", "confirm_openers")
    clitics = lex.wordset("common", "postverbal_clitics")
    stop = lex.wordset("common", "postverbal_stop")
    alternative = lex.wordset("common", "alternative_words")
    imperative = lex.wordset("common", "postverbal_imperative")
    for i in range(1, len(words)):
        if words[i] not in subjects or words[i - 1] in stop or words[i - 1] in subjects:
            continue
        if words[i - 1] in boundaries or words[i - 1] in confirm:
            continue  # "oke u spreekt met ...": no verb before the addressee
        if i + 1 < len(words) and words[i + 1] in imperative:
            continue  # "kijkt u even op de site", "belt u maar terug": a polite imperative
        h = i - 1  # the verb; a clitic may stand before it
        if h >= 1 and words[h - 1] in clitics:
            h -= 1
        before = words[h - 1] if h >= 1 else None
        if before is None or before in boundaries:
            return len(" ".join(words[:h])) + (2 if h else 1)
        if before in confirm and alternative.intersection(words[i + 1:i + 12]):
            return len(" ".join(words[:h])) + 2
    return None


def _cue_anywhere(norm: str, lex: Lexicon, before_pos: int | None) -> int | None:
    """A question cue of two or more words before `before_pos` (anywhere when None): "... the
    options are you moving for work" asks from "are you" on, before a later "and could you"."""
    start_only = lex.phrases("common", "clause_start_cues")
    heads = lex.wordset("common", "inversion_heads")
    preps = lex.wordset("common", "inversion_prepositions")
    for m in lex.phrases_of("common", "question_cues", "question_cues_more").finditer(norm):
        if " " not in m.group(0):
            continue
        if before_pos is not None and m.start() >= before_pos:
            return None
        if start_only and start_only.first(" " + m.group(0) + " "):
            before = norm[1:m.start()].split()
            if (before and before[-1] in heads) or (len(before) >= 2 and before[-2] in preps):
                continue  # "voor india heeft u een visum nodig", "dan kunt u": a statement's inversion
        return m.start()
    return None


def question_spans(norm: str, start: int, lex: Lexicon) -> list[str]:
    """The questions of one unpunctuated sentence from `start` on: the text is cut where another
    question starts after a boundary word ("are you moving for work | and could you tell me your
    student number"), so an identification question does not hide the need question before it."""
    boundaries = lex.wordset("clarifying", "clause_boundaries")
    cuts = [start]
    for m in lex.phrases_of("common", "question_cues", "question_cues_more", "question_openers",
                            "verb_first").finditer(norm):
        if m.start() <= cuts[-1]:
            continue
        before = norm[1:m.start()].split()
        if before and before[-1] in boundaries:
            cuts.append(m.start() - len(before[-1]) - 1)  # the boundary word opens the next question
    cuts.append(len(norm))
    return [" " + norm[a:b].strip() + " " for a, b in zip(cuts, cuts[1:]) if norm[a:b].strip()]
