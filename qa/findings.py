"""Findings that several criteria use, computed once per contact: backchannels, fills and
interruptions, the customer's emotional turns, holds.

The engine builds one `Findings` per contact beside the prepared text (`qa.text.Prepared`) and
hands it to every criterion through its context. Each analysis runs the first time a criterion
asks for it and is kept for the rest of the contact, so nivea, clarifying_questions, next_steps
and room_for_emotion all read the same fills, and a criterion never calls another criterion.
The settings of these shared analyses live in the scorecard's own `[findings]` section
(`FindingsOptions`, the one owner of their defaults), never in a criterion's parameters.

Fills (*niet invullen voor een ander*, seed 004) are one of:
* completion: the agent finishes the customer's unfinished sentence (or supplies the word they are
  searching for): the customer's turn trails off ("...", a trailing "de"/"the"/"que") and the
  agent's turn continues it (starts with "...", or cuts in more than `overlap_s` before the
  customer stops, or is a short phrase right after a customer searching for a word);
* assumption: an assuming phrase ("u belt zeker over", "you must be calling about") whose content
  the customer had not said (if they had, it is a summary: good practice);
* self-answer: the agent asks a question and answers it in the same turn.
Interruptions (the agent cuts in `overlap_s` or more before the customer stops) are recorded
whether or not they fill anything in; room_for_emotion judges them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from qa.emotion_rules import (defends_at_once, echo_phrase, evaluative_ack, intensified, long_words, misspelt,
                              modelled_emotion, old_age, response_turns, tells_situation, without_hedges,
                              without_matches)
from qa.fill_rules import (echoes_and_continues, ends_searching, extends_fragment, raw_first, short_guess,
                           supplies_and_confirms, tag_prefixes)
from qa.questions import question_start
from qa.text import Prepared, PreparedTurn, Sentence, ends_with_ellipsis, starts_with_ellipsis

if TYPE_CHECKING:
    from qa.lexicon import Lexicon, PhraseMatcher


@dataclass(frozen=True)
class FindingsOptions:
    """Settings of the shared analyses: the scorecard's `[findings]` section (defaults live here)."""

    overlap_s: float = 0.5  # an agent turn starting this many seconds before the customer stops cuts in
    emotion_min_points: int = 2  # emotion points (strong word 2, mild signal 1) that make a turn emotional
    # the trained distress layer (qa.emotion_model): "off", "fallback" (on customer sentences of a
    # contact where the rules found no emotion) or "only" (instead of the lexicon; for measuring)
    emotion_model: str = "off"

    @classmethod
    def keys(cls) -> dict[str, object]:
        return {k: getattr(cls(), k) for k in cls.__dataclass_fields__}


@dataclass
class Fill:
    turn: int
    sentence: Sentence
    kind: str  # completion | assumption | self-answer
    term: str


@dataclass
class FillAnalysis:
    fills: dict[int, Fill] = field(default_factory=dict)  # agent turn index -> first fill in it
    interruptions: list[tuple[int, int, float]] = field(default_factory=list)  # (agent, customer, s)


@dataclass(frozen=True)
class Emotion:
    """The first customer turn with strong emotion, its points and the emotion terms found."""

    turn: PreparedTurn
    points: int
    terms: tuple[str, ...]
    sentence: Sentence | None = None  # the sentence that decided it, when a model did


_FINAL = re.compile(r"[.!?…»\"')\]]\s*$")


def starts_with(m: PhraseMatcher, norm: str) -> str | None:
    """The phrase of `m` that opens `norm` (padded normalised text), or None."""
    for hit in m.finditer(norm):
        if hit.start() == 1:
            return hit.group(0)
        break
    return None


def _content_words(text: str) -> list[str]:
    return [w for w in text.split() if len(w) >= 4 and not w.isdigit()]


_SHOUT = re.compile(r"[!?]\s*[!?]")  # "!!", "?!", "!!!": typed agitation
_CAPS = re.compile(r"\b[A-Z]{4,}\b")


def _said(word: str, said: str) -> bool:
    return f" {word[:5]}" in said




class Findings:
    """The shared analyses of one contact, each computed on first use and then kept."""

    def __init__(self, p: Prepared, lex: Lexicon | None, options: FindingsOptions | None = None) -> None:
        self.p = p
        self.lex = lex
        self.options = options or FindingsOptions()
        self._backchannel: dict[int, bool] = {}
        self._fills: FillAnalysis | None = None
        self._emotion: tuple[Emotion | None] | None = None
        self._points: dict[int, tuple[int, list[str]]] = {}
        self._holds: dict[float, list[tuple[int, int, float]]] = {}

    # backchannels ----------------------------------------------------------------------------
    def is_backchannel(self, pt: PreparedTurn) -> bool:
        """A short listening signal ("ja", "hm-hm", "okay", "oui", "sí"), not a turn of its own."""
        if self.lex is None:
            return False
        hit = self._backchannel.get(pt.index)
        if hit is not None:
            return hit
        words = pt.norm.split()
        bc = self.lex.wordset("common", "backchannel_words")
        result = False
        if words and len(words) <= 3 and all(w in bc for w in words):
            result = True
        elif words and len(words) <= 4 and self.p.timed and pt.start is not None:
            # a short turn lying wholly inside the other party's turn is a listening signal
            for other in self.p.turns:
                if other.speaker != pt.speaker and other.start is not None and other.end is not None:
                    if other.start <= pt.start and pt.end is not None and pt.end <= other.end:
                        result = True
                        break
        self._backchannel[pt.index] = result
        return result

    def previous_customer(self, pt: PreparedTurn) -> PreparedTurn | None:
        """The customer's substantive turn just before this agent turn, if the agent has not
        spoken (substantively) since."""
        for prev in reversed(self.p.turns[: pt.index]):
            if prev.speaker == "customer":
                if self.is_backchannel(prev):
                    continue
                return prev
            if prev.speaker == "agent" and not self.is_backchannel(prev):
                return None
        return None

    def previous_customer_index(self, agent_turn: int) -> int | None:
        """The customer's last substantive turn before `agent_turn`, whoever spoke since."""
        for prev in reversed(self.p.turns[:agent_turn]):
            if prev.speaker == "customer" and not self.is_backchannel(prev):
                return prev.index
        return None

    # fills and interruptions -----------------------------------------------------------------
    @property
    def fills(self) -> dict[int, Fill]:
        return self.fill_analysis().fills

    @property
    def interruptions(self) -> list[tuple[int, int, float]]:
        return self.fill_analysis().interruptions

    def fill_analysis(self) -> FillAnalysis:
        if self._fills is None:
            self._fills = self._find_fills()
        return self._fills

    def _find_fills(self) -> FillAnalysis:
        res = FillAnalysis()
        lex = self.lex
        if lex is None:
            return res
        p = self.p
        overlap_min = float(self.options.overlap_s)
        assuming = lex.phrases_of("nivea", "assuming", "assuming_composed", "assuming_more", "assuming_reason",
                                  "assuming_e")
        intent = lex.phrases_of("nivea", "assuming_intent", "assuming_intent_more")
        tags = lex.phrases("nivea", "confirm_tags")
        hedges = lex.phrases("nivea", "statement_hedges")
        summary = lex.phrases("nivea", "summary")
        openers = lex.phrases("nivea", "interrupt_openers")
        self_openers = lex.phrases_of("nivea", "self_answer_openers", "self_answer_openers_more")
        confirm = lex.wordset("nivea", "confirm_words_more")
        qwords = lex.wordset("nivea", "question_words_more")
        fillers = lex.wordset("common", "fillers")
        backchannel = lex.wordset("common", "backchannel_words")
        procedural = lex.phrases("common", "procedural_questions")
        trailing = lex.wordset("nivea", "trailing_words") | lex.wordset("nivea", "trailing_words_more")
        word_search = lex.phrases_of("nivea", "word_search", "word_search_more")
        conditional = lex.wordset("nivea", "conditional_words")
        continuation = lex.wordset("nivea", "continuation_words")
        complementisers = lex.wordset("nivea", "completion_openers")
        tag_ends = frozenset(p.split()[-2] for k in ("confirm_tags", "statement_hedges", "assuming")
                             for p in lex.raw("nivea", k) if p.endswith(" $") and len(p.split()) >= 2)
        customer_said: list[str] = []  # normalised customer text so far
        phone = p.transcript.channel == "phone"
        typed = p.transcript.channel in ("chat", "whatsapp")  # sent half-finished: "Cuando me llaman sale"

        for pt in p.turns:
            if pt.speaker == "customer":
                customer_said.append(pt.norm)
                continue
            if pt.speaker != "agent" or not pt.norm.strip() or self.is_backchannel(pt):
                continue
            prev = self.previous_customer(pt)
            first = pt.sentences[0]
            # 1. completion of the customer's unfinished sentence
            if prev is not None:
                prev_words = prev.norm.split()
                last_word = prev_words[-1] if prev_words else ""
                ellipsis = ends_with_ellipsis(prev.turn.text)
                # spoken and transcribed with punctuation, but the turn has no final mark: it broke off
                stops = phone and prev.punctuated and not _FINAL.search(prev.turn.text)
                # typed: the turn has sentences with their marks, and its last one has none
                stops = stops or (typed and len(prev.sentences) > 1 and not _FINAL.search(prev.turn.text))
                # unpunctuated speech trails off with a filler ("die is eh", "il y a euh")
                raw = prev.turn.text.lower().rstrip(" .…,;:!?").split()
                trails = bool(raw) and raw[-1].strip(".,…") in fillers
                # the customer stops on the word-search itself ("... met die eh hoe heet het nou",
                # "How you say"): the turn is unfinished, whatever its punctuation
                search_end = ends_searching(word_search, prev.sentences[-1].norm)
                weak = ellipsis or last_word in trailing or stops or trails or search_end
                searching = word_search.search(prev.sentences[-1].norm) is not None or trails
                asks = prev.turn.text.rstrip().endswith("?")  # "..., of...?" is a question to answer
                strong = not asks and ((ellipsis and last_word in trailing) or (searching and weak))
                ov = 0.0
                if p.timed and prev.end is not None and pt.start is not None:
                    ov = prev.end - pt.start
                opener = starts_with(openers, first.norm)
                if not prev.punctuated and ov >= overlap_min:
                    weak = True  # speech recognition shows no trailing off: cutting in is the signal
                if ov >= overlap_min:
                    res.interruptions.append((pt.index, prev.index, ov))
                filled = False
                if weak and starts_with_ellipsis(pt.turn.text):
                    filled = True
                elif weak and ov >= overlap_min and opener is None:
                    filled = True
                elif strong and opener is None and len(first.norm.split()) <= 8 and not first.question:
                    filled = True
                elif weak and opener is None and supplies_and_confirms(first.norm.split(), confirm, backchannel):
                    filled = True  # "dat u moet bijbetalen ja", "your new bill yeah they all went out"
                elif (ellipsis or trails or search_end) and opener is None and first.question and \
                        short_guess(first.norm.split(), qwords, backchannel):
                    filled = True  # "qui a euh..." -> "Douze ans ?": the word supplied as a guess
                elif weak and opener is None and extends_fragment(prev_words, first.norm.split()):
                    filled = True  # "de kinder... kinder..." -> "De kinderbijslag."
                elif weak and opener is None and echoes_and_continues(prev_words, first.norm.split(), continuation):
                    filled = True  # "ik wil weten of" -> "of je spullen vergoed worden"
                elif weak and opener is None and first.question and 0 < len(first.norm.split()) <= 10 and \
                        raw_first(first.text) in complementisers:
                    filled = True  # "Cuando me llaman sale" -> "¿Que el número no existe?": the clause supplied
                if filled:
                    res.fills[pt.index] = Fill(pt.index, first, "completion", "completes the customer's sentence")
                    continue
            # 2. assuming phrases, unless the customer had already said it (then it is a summary)
            said = " ".join(customer_said)
            for s in pt.sentences:
                if summary.search(s.norm):
                    continue
                hits = assuming.finditer(s.norm)
                stop = len(s.norm)
                if not hits:
                    # "U wilt opzeggen, toch?" (a question) or "U wilt bezwaar maken, begrijp ik."
                    # (a statement closed with a hedge): an intent put in the customer's mouth
                    tag = tags.finditer(s.norm) if s.question else hedges.finditer(s.norm)
                    if tag:
                        hits, stop = intent.finditer(s.norm)[:1], tag[0].start()
                    elif not pt.punctuated:  # speech: "quieres fraccionar el pago no eso se pide ..."
                        for pre in tag_prefixes(s.norm, tag_ends):
                            tag = tags.finditer(pre) or hedges.finditer(pre)
                            closing = [x for x in assuming.finditer(pre) if x.end() >= len(pre) - 1]
                            if closing or (tag and intent.finditer(pre)):  # "... de ayer seguro le está ..."
                                hits, stop = closing[-1:] or intent.finditer(pre)[:1], len(pre) if closing else tag[0].start()
                                break
                for m in hits:
                    if s.norm[:m.start()].split()[-1:] and s.norm[:m.start()].split()[-1] in conditional:
                        continue  # "If you're calling to rebook ...": a condition, not an assumption
                    after = _content_words(s.norm[m.end():stop])[:4]
                    if after and all(_said(w, said) for w in after):
                        continue  # restating what the customer said
                    res.fills[pt.index] = Fill(pt.index, s, "assumption", m.group(0))
                    break
                if pt.index in res.fills:
                    break
            if pt.index in res.fills:
                continue
            # 3. the agent answers their own question
            sents = pt.sentences
            for j, s in enumerate(sents[:-1]):
                if not s.question or procedural.search(s.norm):
                    continue
                nxt = sents[j + 1]
                if nxt.question:
                    continue
                hit = starts_with(self_openers, nxt.norm)
                if hit:
                    res.fills[pt.index] = Fill(pt.index, nxt, "self-answer", hit)
                    break
        return res

    # questions in unpunctuated speech ---------------------------------------------------------
    def question_at(self, s: Sentence, punctuated: bool) -> int | None:
        """Where the question in sentence `s` starts (a position in `s.norm`), or None.
        Punctuated text: the question mark decides (position 1); unpunctuated speech:
        `qa.questions.question_start`."""
        if punctuated:
            return 1 if s.question else None
        if self.lex is None:
            return None
        return question_start(s, self.lex)

    # emotion ---------------------------------------------------------------------------------
    def without_intensifiers(self, norm: str) -> str:
        """`norm` without words that only strengthen ("wat ontzettend vervelend" -> "wat
        vervelend"), so a lexicon phrase also matches its intensified forms. Returns `norm`
        itself when there is none."""
        assert self.lex is not None
        return without_matches(norm, self.lex.phrases("emotion", "intensifiers").finditer(norm))

    def emotion_points(self, pt: PreparedTurn) -> tuple[int, list[str]]:
        """Emotion points of one turn (strong phrase 2, mild 1) and the phrases found."""
        hit = self._points.get(pt.index)
        if hit is not None:
            return hit
        assert self.lex is not None
        lex = self.lex
        strong = lex.phrases_of("emotion", "strong", "strong_more", "strong_extra", "strong_d", "sarcasm",
                                "situation_grave", "expletives", "fear")
        positive = lex.wordset("emotion", "positive")
        # mild signals, and distress told through the situation (age, alone, money gone, no heating)
        mild = lex.phrases_of("emotion", "mild", "situation", "situation_more", "situation_e")
        long_strong = long_words(lex)
        terms: list[str] = []
        points = 0
        for s in pt.sentences:
            norm = without_hedges(s.norm, lex)  # "ik ben bang dat we ...": an expectation, not fear
            plain = self.without_intensifiers(norm)
            for weight, matcher in ((2, strong), (1, mild)):
                found = [m.group(0) for m in matcher.finditer(norm)]
                if plain is not norm:  # "lig er echt wakker van": the phrase without "echt"
                    found += [t for t in (m.group(0) for m in matcher.finditer(plain)) if t not in found]
                points += weight * len(found)
                if weight == 1:  # "so annoyed": an intensified mild word counts as a strong one
                    points += sum(intensified(s.norm, t, lex) for t in found)
                terms.extend(found)
            if long_strong:
                for w in s.norm.split():
                    if len(w) >= 8 and misspelt(w, long_strong):
                        points += 2
                        terms.append(w)
            if (_SHOUT.search(s.text) and not positive.intersection(s.norm.split())) or len(_CAPS.findall(s.text)) >= 2:
                points += 2  # "!!", "?!" (not beside thanks: "Muchas gracias!!") or shouting in capitals
                terms.append("!!")
            age = old_age(s.norm, lex.phrases("emotion", "age_intro"))
            if age and not any(age.split()[-1] in t.split() for t in terms):
                points += 1  # an age the situation list did not already count
                terms.append(age)
        self._points[pt.index] = (points, terms)
        return points, terms

    def is_emotional(self, pt: PreparedTurn) -> bool:
        return self.emotion_points(pt)[0] >= self.options.emotion_min_points

    def first_emotion(self) -> Emotion | None:
        """The first customer turn at or above `emotion_min_points`, or None."""
        if self._emotion is None:
            found = None
            if self.lex is not None:
                for pt in self.p.turns:
                    if pt.speaker == "customer":
                        pts, terms = self.emotion_points(pt)
                        if pts >= self.options.emotion_min_points and self.options.emotion_model != "only":
                            found = Emotion(pt, pts, tuple(terms))
                            break
                found = found or self._echoed_emotion()
                if self.options.emotion_model in ("fallback", "only"):
                    found = found or modelled_emotion(self)
            self._emotion = (found,)
        return self._emotion[0]

    def _echoed_emotion(self) -> Emotion | None:
        """A customer turn telling a situation that the agent's next turn opens with empathy for
        (`qa.emotion_rules`); its terms end with the agent's phrase, marked "agent: "."""
        assert self.lex is not None
        turns = self.p.turns
        for pt in turns:
            if pt.speaker != "customer" or self.is_backchannel(pt):
                continue
            pts, terms = self.emotion_points(pt)
            if not tells_situation(pts, pt, self.lex):
                continue
            # the agent's answer (a greeting message and the next one count together)
            answer = response_turns(turns, pt.index + 1, self.is_backchannel)
            hit = next((h for h in (echo_phrase(a, self.lex) for a in answer) if h), None)
            if hit is None and answer:
                # a bare "ja." and at once the procedure, answering a situation with a distress
                # signal: the situation pressed, and no room was given (qa.emotion_rules)
                bare = (self.lex.wordset("common", "backchannel_words") | self.lex.wordset("nivea", "confirm_words_more")
                        | self.lex.wordset("emotion", "bare_acknowledgements"))
                d = defends_at_once(answer[0], self.lex, bare)
                hit = f"defends at once: {d}" if d else None
            if hit:
                return Emotion(pt, pts, (*terms, f"agent: {hit}"))
        return None

    def acknowledgement(self, sentences: list[Sentence]) -> tuple[Sentence, str] | None:
        """The first sentence that acknowledges the emotion, and its phrase. A bare one- or
        two-word acknowledgement followed at once by a defence of the procedure ("Oké. Maar
        volgens de voorwaarden ...") does not count."""
        assert self.lex is not None
        ack = self.lex.phrases_of("emotion", "acknowledge", "acknowledge_more", "acknowledge_d", "empathy_echo")
        defence = self.lex.phrases("emotion", "procedure_defence")
        policy = self.lex.phrases_of("emotion", "defence_anywhere", "defence_more")
        for j, s in enumerate(sentences):
            m = ack.first(s.norm) or ack.first(self.without_intensifiers(s.norm))
            if m is None:
                judged = None if s.question or len(s.norm.split()) < 4 else evaluative_ack(s.norm, self.lex)
                if judged:  # "Het is heel heftig als ...": the situation judged as hard
                    return s, judged
                continue
            # what follows the acknowledgement: the rest of its sentence, then the next sentence
            after = s.norm[m.end():].split() if m.string is s.norm else []
            if len(s.norm.split()) - len(after) <= 3:  # the acknowledgement is (almost) all there is
                nxt = sentences[j + 1].norm.split() if j + 1 < len(sentences) else []
                tail = (after + nxt) if len(after) <= 1 else after
                if len(after) <= 1 and policy.first(" " + " ".join(tail) + " ") is not None:
                    continue  # "I understand. Refunds take 14 days, as stated in our policy."
                for skip in (0, 1):  # "begrijpelijk. maar ...", "ik begrijp het maar ..."
                    d = defence.first(" " + " ".join(tail[skip:]) + " ")
                    if d is not None and d.start() == 1:
                        break
                else:
                    return s, m.group(0)
                continue
            return s, m.group(0)
        return None

    # holds -----------------------------------------------------------------------------------
    def holds(self, min_gap: float) -> list[tuple[int, int, float]]:
        """Gaps of at least `min_gap` s while the customer waits for the agent: (index of the last
        turn before the gap, index of the turn after it, gap seconds)."""
        hit = self._holds.get(min_gap)
        if hit is not None:
            return hit
        holds: list[tuple[int, int, float]] = []
        if self.lex is not None:
            checkin = self.lex.phrases("hold", "checkin")
            latest_end = None
            latest_i = None
            for pt in self.p.turns:
                if pt.start is None or pt.end is None:
                    continue
                if latest_end is not None and latest_i is not None:
                    gap = pt.start - latest_end
                    if gap >= min_gap:
                        waiting_for_agent = pt.speaker == "agent" or (
                            pt.speaker == "customer" and pt.words <= 6 and checkin.search(pt.norm) is not None)
                        if waiting_for_agent:
                            holds.append((latest_i, pt.index, gap))
                if latest_end is None or pt.end >= latest_end:
                    latest_end, latest_i = pt.end, pt.index
        self._holds[min_gap] = holds
        return holds
