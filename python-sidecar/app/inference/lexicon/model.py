"""An offline mood classifier: VADER's valence plus curated cues for the specific feelings.

How a message is scored:
1. Words and phrases from words.py, emoji and emoticons from emoji.py add evidence to their moods.
   An intensifier before a cue ("so", "super") scales it, capitals add emphasis, and a negation
   in the same clause ("not happy", "dont hate") turns joy into sadness and cancels the rest.
2. Punctuation and capitals: "?!" is surprise, a message shouted in capitals is some anger, and
   each "!" (up to four; shouting counts as four) raises the arousal of whatever was found.
3. VADER's compound valence adds to `happy` when positive. When negative, it is shared among the
   negative moods in proportion to their evidence; with none, it goes to `angry` for an aroused
   message and `sad` otherwise ("this is awful" vs "THIS IS AWFUL!!").
4. `neutral` competes with a fixed score, so a line needs some real evidence to carry a mood;
   a softmax over all seven turns the evidence into probabilities.
"""

import math
import re
from collections.abc import Mapping

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from app.inference.base import MOODS, Mood, MoodModel, Prediction
from app.inference.lexicon.emoji import EMOJI, EMOTICONS
from app.inference.lexicon.text import Token, spellings, tokenize
from app.inference.lexicon.words import EMOTION_WORDS, INTENSIFIERS, NEGATORS, Emotion

NEUTRAL_SCORE = 0.6
"""The evidence a mood needs to beat neutral: about one clear cue."""
SHARPNESS = 4.0
"""Softmax inverse temperature: how quickly extra evidence turns into confidence."""
POSITIVE_VALENCE_WEIGHT = 1.0
NEGATIVE_VALENCE_WEIGHT = 1.4
SHOUTED_WORD_BOOST = 1.4
MAX_INTENSITY = 2.0
NEGATION_REACH = 3
"""How many words after "not" (within the clause) a negation reaches."""
NEGATED_JOY_TO_SADNESS = 0.5
NEGATION_CANCELLERS = frozenset({"stop", "help", "quit"})
"""After a negation these flip it back: "cant stop crying" is crying, "couldnt help laughing"."""
SHOUTING_ANGER = 0.5
"""A message written in capitals reads as raised voice even with no angry word in it."""
AROUSAL_PER_EXCLAMATION = 0.1
MAX_EXCLAMATIONS = 4
INTERROBANG_SURPRISE = 0.6
REPEATED_QUESTION_SURPRISE = 0.3
REPEATED_EMOJI_BOOST = 0.3
MAX_EMOJI_REPEATS = 4

NEGATIVE_MOODS: tuple[Emotion, ...] = ("sad", "angry", "scared", "disgusted")
_VARIATION_SELECTOR = "\ufe0f"
_INTERROBANG = re.compile(r"\?+!|!+\?")
_REPEATED_QUESTION = re.compile(r"\?{2,}")

Cues = Mapping[Emotion, float]


class _Lexicon:
    """Looks up the longest word, phrase or stem entry starting at a token."""

    def __init__(self, words_by_mood: Mapping[Emotion, Mapping[str, float]]) -> None:
        self._phrases: dict[tuple[str, ...], dict[Emotion, float]] = {}
        self._stems: dict[str, dict[Emotion, float]] = {}
        for mood, words in words_by_mood.items():
            for term, weight in words.items():
                if term.endswith("*"):
                    self._stems.setdefault(term[:-1], {})[mood] = weight
                else:
                    self._phrases.setdefault(tuple(term.split()), {})[mood] = weight
        self._longest_phrase = max(len(phrase) for phrase in self._phrases)
        self._stems_longest_first = sorted(self._stems, key=len, reverse=True)

    def match(self, tokens: list[Token], start: int) -> tuple[int, Cues] | None:
        """The (token count, cues) of the longest entry at `start`, or None."""
        for length in range(min(self._longest_phrase, len(tokens) - start), 1, -1):
            span = tokens[start : start + length]
            if not any(token.is_break for token in span):
                phrase_cues = self._phrases.get(tuple(token.text for token in span))
                if phrase_cues is not None:
                    return length, phrase_cues
        cues = self._word(tokens[start].text)
        return (1, cues) if cues is not None else None

    def _word(self, word: str) -> Cues | None:
        for spelling in spellings(word):
            if (spelling,) in self._phrases:
                return self._phrases[(spelling,)]
            for stem in self._stems_longest_first:
                if spelling.startswith(stem):
                    return self._stems[stem]
        return None


class LexiconModel(MoodModel):
    name = "vader-lexicon-v1"

    def __init__(self) -> None:
        self._vader = SentimentIntensityAnalyzer()
        self._lexicon = _Lexicon(EMOTION_WORDS)

    def predict(self, text: str) -> Prediction:
        tokens = tokenize(text)
        evidence: dict[Emotion, float] = dict.fromkeys(EMOTION_WORDS, 0.0)
        _add(evidence, self._word_evidence(tokens))
        _add(evidence, _emoji_evidence(text))
        if _INTERROBANG.search(text):
            evidence["surprised"] += INTERROBANG_SURPRISE
        elif _REPEATED_QUESTION.search(text):
            evidence["surprised"] += REPEATED_QUESTION_SURPRISE

        shouting = _is_shouting(tokens)
        if shouting:
            evidence["angry"] += SHOUTING_ANGER
        # Shouting a whole message counts as the most exclamation marks there can be.
        exclamations = MAX_EXCLAMATIONS if shouting else min(text.count("!"), MAX_EXCLAMATIONS)
        self._add_valence(evidence, text, aroused=exclamations >= 2)
        arousal = 1.0 + AROUSAL_PER_EXCLAMATION * exclamations
        return _to_prediction({mood: score * arousal for mood, score in evidence.items()})

    def _word_evidence(self, tokens: list[Token]) -> dict[Emotion, float]:
        evidence: dict[Emotion, float] = {}
        negation_left = 0
        index = 0
        while index < len(tokens):
            token = tokens[index]
            if token.is_break or token.text == "but":  # "not great, but fine": the clause ends
                negation_left = 0
                index += 1
                continue
            match = self._lexicon.match(tokens, index)
            if match is not None:
                length, cues = match
                emphasis = _intensity(tokens, index)
                if any(t.shouted for t in tokens[index : index + length]):
                    emphasis *= SHOUTED_WORD_BOOST
                _add(evidence, _negate(cues) if negation_left else cues, emphasis)
                negation_left = max(0, negation_left - length)
                index += length
                continue
            if token.text in NEGATORS:
                negation_left = NEGATION_REACH
            elif token.text in NEGATION_CANCELLERS:
                negation_left = 0
            else:
                negation_left = max(0, negation_left - 1)
            index += 1
        return evidence

    def _add_valence(self, evidence: dict[Emotion, float], text: str, aroused: bool) -> None:
        compound: float = self._vader.polarity_scores(text)["compound"]
        if compound >= 0:
            evidence["happy"] += POSITIVE_VALENCE_WEIGHT * compound
            return
        negativity = NEGATIVE_VALENCE_WEIGHT * -compound
        found = {mood: evidence[mood] for mood in NEGATIVE_MOODS if evidence[mood] > 0}
        if not found:
            evidence["angry" if aroused else "sad"] += negativity
            return
        total = sum(found.values())
        for mood, score in found.items():
            evidence[mood] += negativity * score / total


def _add(evidence: dict[Emotion, float], cues: Cues, factor: float = 1.0) -> None:
    for mood, weight in cues.items():
        evidence[mood] = evidence.get(mood, 0.0) + weight * factor


def _negate(cues: Cues) -> Cues:
    """Negated joy reads as sadness ("not happy"); other negated feelings carry none ("not scared")."""
    return {"sad": cues["happy"] * NEGATED_JOY_TO_SADNESS} if "happy" in cues else {}


def _intensity(tokens: list[Token], index: int) -> float:
    """The product of the intensifiers in the two words before `index`, within the clause."""
    factor = 1.0
    for previous in reversed(tokens[max(0, index - 2) : index]):
        if previous.is_break:
            break
        factor *= INTENSIFIERS.get(previous.text, 1.0)
    return min(factor, MAX_INTENSITY)


def _emoji_evidence(text: str) -> dict[Emotion, float]:
    evidence: dict[Emotion, float] = {}
    plain = text.replace(_VARIATION_SELECTOR, "")
    for emoji, cues in EMOJI.items():
        count = plain.count(emoji)
        if count:
            _add(evidence, cues, 1.0 + REPEATED_EMOJI_BOOST * (min(count, MAX_EMOJI_REPEATS) - 1))
    for pattern, cues in EMOTICONS:
        if pattern.search(text):
            _add(evidence, cues)
    return evidence


def _is_shouting(tokens: list[Token]) -> bool:
    """Most of a message of several words in capitals: "WHY WOULD YOU DO THAT"."""
    words = [token for token in tokens if not token.is_break and token.text.isalpha()]
    return len(words) >= 3 and sum(token.shouted for token in words) / len(words) >= 0.6


def _to_prediction(evidence: Mapping[Emotion, float]) -> Prediction:
    logits: dict[Mood, float] = {"neutral": NEUTRAL_SCORE}
    logits.update((mood, score) for mood, score in evidence.items())
    top = max(logits.values())
    weights = {mood: math.exp(SHARPNESS * (logits[mood] - top)) for mood in MOODS}
    total = sum(weights.values())
    scores = {mood: weight / total for mood, weight in weights.items()}
    # max() keeps the first of equal scores, and MOODS starts with neutral: a tie is neutral.
    mood = max(MOODS, key=scores.__getitem__)
    return Prediction(mood=mood, confidence=scores[mood], scores=scores)
