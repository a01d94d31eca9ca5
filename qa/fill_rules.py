"""Word-level tests behind the fill analysis of `qa.findings` (NIVEA, seed 004): is the customer's
turn unfinished, and does the agent's next turn finish it. Pure functions of word lists and
phrase matchers, so each rule can be read and tested alone."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from qa.lexicon import PhraseMatcher


def ends_searching(word_search: PhraseMatcher, norm: str) -> bool:
    """The sentence ends on a word-search phrase (at most two words after it: "hoe heet het nou")."""
    hits = word_search.finditer(norm)
    return bool(hits) and len(norm[hits[-1].end():].split()) <= 2


def extends_fragment(prev_words: list[str], words: list[str]) -> bool:
    """The agent's opening words hold a longer word that the customer's broken-off last word
    begins ("kinder" -> "kinderbijslag", "certif" -> "certificat"): the word supplied."""
    if not prev_words or not words or len(words) > 8:
        return False
    frag = prev_words[-1]
    return len(frag) >= 4 and any(w != frag and w.startswith(frag) for w in words[:3])


def echoes_and_continues(prev_words: list[str], words: list[str], continuation: frozenset[str]) -> bool:
    """The customer stops on a word no sentence ends with (a conjunction or an article: "... weten
    of") and the agent's turn opens with that same word and goes on ("of je spullen vergoed
    worden"): the sentence finished for them. A question that ends on "dat" is finished."""
    return bool(prev_words) and prev_words[-1] in continuation and len(words) >= 3 and words[0] == prev_words[-1]


def supplies_and_confirms(words: list[str], confirm: frozenset[str], backchannel: frozenset[str]) -> bool:
    """The agent's turn opens with a few words it supplies and then confirms them itself
    ("afgewezen ja ...", "la 40 ya", "trois semaines oui")."""
    for i, w in enumerate(words[:6]):
        if w in confirm:
            head = words[:i]
            return bool(head) and not all(x in backchannel for x in head)
    return False


def short_guess(words: list[str], qwords: frozenset[str], backchannel: frozenset[str]) -> bool:
    """A question of at most three words with no question word: a guess at the missing word."""
    return 0 < len(words) <= 3 and not any(w in qwords for w in words) and not all(w in backchannel for w in words)


def raw_first(text: str) -> str:
    """The first word as written, lowercased, accents kept ("¿Que ...?" but not "¿Qué ...?")."""
    words = text.lstrip("¿¡\"'«( ").split()
    return words[0].lower().strip(",.;:?!") if words else ""


def tag_prefixes(norm: str, tag_ends: frozenset[str], max_words: int = 14) -> list[str]:
    """Unpunctuated speech closes an assumption with a tag or hedge in mid-turn ("quieres
    fraccionar el pago no eso se pide ...", "dat is de update van gisteren toch dan ..."): the
    turn's openings that end on a tag's last word and are followed by more words, each padded
    like a sentence so that the tag lists' "$" patterns match them."""
    words = norm.split()
    return [" " + " ".join(words[:i + 1]) + " " for i in range(2, min(len(words) - 1, max_words))
            if words[i] in tag_ends]
