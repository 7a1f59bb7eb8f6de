"""The emoji a line would be posted with, as 151 probabilities: a fastText model that predicts the
emoji of social media posts from their text, trained by the author of the MIT-licensed PyPI
package `nade` (0.3.1) and shipped in its wheel. Only the model file and its emoji index are
taken (emoji_model/, copied by scripts/vendor-emoji-model.sh); nade's own code, its LightGBM
emotion regressors and its dependencies are not used. It is run by `fasttext-predict`, a
predict-only build of fastText with no dependencies.

Because it learned from a great many posts, it knows words and phrasings this project's corpus
never saw (its likeliest emoji for "my condolences" are 🤍 😔 😢, for "ewww there's a hair in my
soup" 🤢 🤮), which is what the trained classifier needs to generalise."""

import json
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import fasttext
import numpy as np

MODEL_DIR = Path(__file__).resolve().parent / "emoji_model"
MODEL_FILE = MODEL_DIR / "nade_250k_hp.ftz"
INDEX_FILE = MODEL_DIR / "emoji_frequencies.jsonl"

# nade's preprocessing, which the model was trained with: a run of punctuation (Unicode category
# P*) becomes a word of its own, whitespace collapses, lower case. Built over the Basic
# Multilingual Plane, where all punctuation of chat text lies.
_PUNCTUATION = "".join(chr(c) for c in range(0x10000) if unicodedata.category(chr(c)).startswith("P"))
_PUNCTUATION_RUN = re.compile(rf"\s*([{re.escape(_PUNCTUATION)}]+)\s*")
_SPACES = re.compile(r"\s+")


def preprocess(text: str) -> str:
    text = _PUNCTUATION_RUN.sub(r" \1 ", text)
    return _SPACES.sub(" ", text).lower().strip()


class EmojiModel:
    """Loads once (about 10 MB); `probabilities` is safe to call from several threads."""

    def __init__(self, model_file: Path = MODEL_FILE, index_file: Path = INDEX_FILE) -> None:
        rows = [json.loads(line) for line in index_file.read_text(encoding="utf-8").splitlines() if line.strip()]
        rows.sort(key=lambda row: int(row["hash"]))
        self.emoji: tuple[str, ...] = tuple(row["emoji"] for row in rows)
        """The emoji in the column order of `probabilities`."""
        self._column = {f"__label__{row['hash']}": column for column, row in enumerate(rows)}
        self._model = fasttext.load_model(str(model_file))

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """A (len(texts), 151) array: for each text, each emoji's probability (one-vs-all, so a
        row does not sum to 1)."""
        result = np.zeros((len(texts), len(self.emoji)), dtype=np.float64)
        for row, text in enumerate(texts):
            # One line per call (fasttext-predict's list form returns no probabilities); a line
            # break inside the text would end it early.
            line = preprocess(text.replace("\n", " ").replace("\r", " "))
            labels, probs = self._model.predict(line, k=-1, threshold=0.0)
            for label, p in zip(labels, probs, strict=True):
                result[row, self._column[label]] = p
        return result

