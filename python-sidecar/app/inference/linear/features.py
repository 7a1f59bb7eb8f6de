"""From a chat line to the features of the mood-linear model. Training (python -m training) and
serving both use this module, so what was trained is what runs.

Three groups of features:
- sparse n-grams, names in a vocabulary fixed at training: word unigrams and bigrams (negated words
  get a mark of their own, "not happy" gives `neg:happy`), and character 2-5-grams inside words;
- the lexicon model's seven mood probabilities (app/inference/lexicon);
- the 151 emoji probabilities of a fastText model trained on social media posts (see emoji.py),
  which know how words outside this project's corpus are used.
"""

import re
import unicodedata
from collections.abc import Iterator

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})
# Invisible joiners and modifiers inside emoji sequences: the base emoji carries the meaning.
_EMOJI_NOISE = re.compile("[\u200d\ufe0e\ufe0f\U0001f3fb-\U0001f3ff]")
_TOKEN = re.compile(
    r"(?<![a-z0-9])[:;=]['\-]?[()\[\]dpo3/\\|*]+(?![a-z0-9])|</?3"  # emoticons: ":(", ";-)", ":'(", "<3"
    r"|[a-z0-9']+|[!?]+|\.{2,}|[.,;:]"
    r"|[^\sa-z0-9'!?.,;:\"()\[\]{}\-_*/\\|<>=]"  # any other symbol on its own: emoji
)
_HELD_DOWN = re.compile(r"(.)\1{2,}")
NEGATORS = frozenset(
    {"not", "no", "never", "nothing", "nobody", "none", "nor", "neither", "without", "cant", "cannot",
     "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "wont", "wouldnt", "couldnt",
     "shouldnt", "aint", "havent", "hasnt", "hadnt", "nah", "nope"}
)
"""Words after which, up to the end of the clause, a word is read as negated."""
_CLAUSE_ENDS = frozenset({".", ",", ";", ":", "!", "?", "...", "but", "though", "although"})
CHAR_NGRAMS = (2, 5)
"""Lengths of the character n-grams taken inside each word, padded with a space on both sides."""


def normalise(text: str) -> str:
    """Lower case, one kind of apostrophe, letters held down three times or more cut to two
    ("sooo" -> "soo"), emoji without skin tones and joiners."""
    text = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).lower()
    return _HELD_DOWN.sub(r"\1\1", _EMOJI_NOISE.sub("", text))


def tokens(text: str) -> list[str]:
    """Emoticons (":(", "<3"), words (apostrophes dropped: "don't" -> "dont"), runs of ! and ?
    ("!!!" -> "!!", "?!" -> "?!"), ellipses, clause punctuation, and every other symbol on its own
    (emoji). Brackets, quotes and dashes outside emoticons are dropped."""
    result = []
    for token in _TOKEN.findall(normalise(text)):
        if token[0] in "!?":
            token = token[:2] if len(set(token)) == 1 else "?!"
        elif "'" in token:
            token = token.replace("'", "")
            if not token:
                continue
        result.append(token)
    return result


def ngrams(text: str) -> Iterator[str]:
    """The names of the sparse features of a line (repeats included; the model counts each once)."""
    words = tokens(text)
    negated = False
    for index, word in enumerate(words):
        yield f"w:{word}"
        if negated and word not in _CLAUSE_ENDS:
            yield f"neg:{word}"
        if word in NEGATORS:
            negated = True
        elif word in _CLAUSE_ENDS:
            negated = False
        previous = words[index - 1] if index else "<s>"
        yield f"b:{previous} {word}"
    if words:
        yield f"b:{words[-1]} </s>"
    low, high = CHAR_NGRAMS
    for word in words:
        padded = f" {word} "
        for size in range(low, high + 1):
            for start in range(len(padded) - size + 1):
                yield f"c:{padded[start : start + size]}"
