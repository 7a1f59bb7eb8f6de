"""Chat text to tokens: lower case, apostrophes dropped, clause breaks kept (they end negation)."""

import re
from dataclasses import dataclass

_TOKEN = re.compile(r"[A-Za-z0-9']+|[.,;:!?]+")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})
_RUN_OF_THREE = re.compile(r"(.)\1{2,}")
_RUN_OF_TWO = re.compile(r"(.)\1+")
# Suffix, then what may have stood in its place: "hated" -> "hate", "yelled" -> "yell".
_INFLECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ing", ("", "e")),
    ("ed", ("e", "")),
    ("es", ("e", "")),
    ("s", ("",)),
)


@dataclass(frozen=True)
class Token:
    text: str
    """Normalised: lower case, without apostrophes ("Don't" -> "dont")."""
    shouted: bool
    """Written in capitals ("HATE"), which VADER also reads as emphasis."""
    is_break: bool
    """Punctuation that ends a clause, and with it the reach of a negation."""


def tokenize(text: str) -> list[Token]:
    tokens = []
    for raw in _TOKEN.findall(text.translate(_APOSTROPHES)):
        if raw[0] in ".,;:!?":
            tokens.append(Token(text=raw, shouted=False, is_break=True))
            continue
        word = raw.replace("'", "")
        if word:
            tokens.append(Token(text=word.lower(), shouted=word.isupper() and len(word) > 1, is_break=False))
    return tokens


def spellings(word: str) -> list[str]:
    """Forms to look a word up by, best first: the word, then shorter spellings of letters held
    down in chat ("sooo" -> "soo", "so"), then the word without a common inflection ("blamed" ->
    "blame", "blam"), so the lexicon need not list every form."""
    candidates = [word]
    for pattern, replacement in ((_RUN_OF_THREE, r"\1\1"), (_RUN_OF_TWO, r"\1")):
        shorter = pattern.sub(replacement, candidates[-1])
        if shorter != candidates[-1]:
            candidates.append(shorter)
    for suffix, replacements in _INFLECTIONS:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            candidates += [word[: -len(suffix)] + ending for ending in replacements]
    return candidates
