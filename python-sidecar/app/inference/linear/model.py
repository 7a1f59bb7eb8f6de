"""mood-linear: a multinomial logistic regression over n-grams, the lexicon model's scores and the
emoji model's probabilities (features.py, emoji.py), trained by `python -m training` from
corpus/. Serving is numpy only: look up the line's n-grams in the vocabulary, add their weight
rows, add the dense features times theirs, divide by the temperature fitted on the dev split, and
softmax. Below the confidence threshold chosen on dev the answer is neutral."""

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from app.inference.base import MOODS, Mood, MoodModel, Prediction
from app.inference.lexicon import LexiconModel
from app.inference.linear.emoji import EmojiModel
from app.inference.linear.features import ngrams

ARTEFACT_DIR = Path(__file__).resolve().parent / "artefact"
MANIFEST_FILE = "manifest.json"
VOCABULARY_FILE = "vocabulary.json"
WEIGHTS_FILE = "weights.npy"
LOG_FLOOR = 1e-4
"""Dense features enter as log(p + LOG_FLOOR), so a probability near 0 stays finite."""
LEXICON_MAX_CHARS = 200
"""The lexicon model reads only this much of a line: VADER's time grows with the square of the
length (500 emoji took 0.3 s), and no corpus line is half as long."""
SPARSE_BLOCKS: dict[str, str] = {"w": "words", "neg": "words", "b": "bigrams", "c": "chars"}
"""N-gram prefix -> block. Each block of a line is scaled to unit length on its own, so a long
line's many character n-grams do not drown its few words."""


class ArtefactError(RuntimeError):
    """The artefact is missing, incomplete or does not fit this code."""


@dataclass(frozen=True)
class Artefact:
    """What `python -m training` writes and LinearModel loads."""

    manifest: dict[str, Any]
    vocabulary: list[str]
    weights: np.ndarray
    """Rows: one per vocabulary entry, then the emoji model's columns, then the lexicon's seven
    moods, then the bias; columns: MOODS. Dense standardisation is folded in."""

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        # np.save of a plain array is byte-for-byte reproducible (no timestamps, unlike savez).
        np.save(directory / WEIGHTS_FILE, np.ascontiguousarray(self.weights, dtype="<f4"), allow_pickle=False)
        (directory / VOCABULARY_FILE).write_text(
            json.dumps(self.vocabulary, ensure_ascii=False, indent=0) + "\n", encoding="utf-8"
        )
        (directory / MANIFEST_FILE).write_text(
            json.dumps(self.manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )

    @classmethod
    def load(cls, directory: Path) -> "Artefact":
        try:
            manifest = json.loads((directory / MANIFEST_FILE).read_text(encoding="utf-8"))
            vocabulary = json.loads((directory / VOCABULARY_FILE).read_text(encoding="utf-8"))
            weights = np.load(directory / WEIGHTS_FILE, allow_pickle=False)
        except (OSError, ValueError) as error:
            raise ArtefactError(f"cannot load the mood-linear artefact from {directory}: {error}") from error
        return cls(manifest=manifest, vocabulary=vocabulary, weights=weights)


class LinearModel(MoodModel):
    def __init__(self, artefact_dir: Path = ARTEFACT_DIR) -> None:
        artefact = Artefact.load(artefact_dir)
        manifest = artefact.manifest
        try:
            self.name = str(manifest["name"])
            self.version = str(manifest["version"])
            self.temperature = float(manifest["calibration"]["temperature"])
            self.threshold = float(manifest["calibration"]["threshold"])
            moods, emoji = tuple(manifest["moods"]), tuple(manifest["features"]["emoji"])
        except (KeyError, TypeError, ValueError) as error:
            raise ArtefactError(f"the manifest in {artefact_dir} lacks or garbles {error}") from error
        self._emoji = EmojiModel()
        self._lexicon = LexiconModel()
        n_vocab, n_emoji = len(artefact.vocabulary), len(self._emoji.emoji)
        expected = (n_vocab + n_emoji + len(MOODS) + 1, len(MOODS))
        if artefact.weights.shape != expected or moods != MOODS:
            raise ArtefactError(
                f"the artefact in {artefact_dir} does not fit this code: weights {artefact.weights.shape}, "
                f"expected {expected} for moods {MOODS}"
            )
        if emoji != self._emoji.emoji:
            raise ArtefactError(f"the artefact in {artefact_dir} was trained with another emoji model")
        weights = artefact.weights.astype(np.float64)
        self._sparse = weights[:n_vocab]
        self._dense = weights[n_vocab:-1]
        self._bias = weights[-1]
        self._index = vocabulary_index(artefact.vocabulary)

    def predict(self, text: str) -> Prediction:
        return self.predict_batch([text])[0]

    def predict_batch(self, texts: Sequence[str]) -> list[Prediction]:
        probabilities = self.probabilities(texts)
        return [self._prediction(row) for row in probabilities]

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """Calibrated probabilities, (len(texts), 7) in MOODS order."""
        return softmax(self.logits(texts) / self.temperature)

    def logits(self, texts: Sequence[str]) -> np.ndarray:
        dense = dense_features(texts, self._emoji, self._lexicon)
        result = np.empty((len(texts), len(MOODS)))
        # Row by row, so a line's answer does not depend on the batch it came in (a matrix
        # product over the batch may round differently from one over a single row).
        for row, text in enumerate(texts):
            columns, values = sparse_features(text, self._index)
            result[row] = dense[row] @ self._dense + values @ self._sparse[columns] + self._bias
        return result

    def _prediction(self, probabilities: np.ndarray) -> Prediction:
        scores: dict[Mood, float] = {mood: float(p) for mood, p in zip(MOODS, probabilities, strict=True)}
        best = int(np.argmax(probabilities))
        mood = MOODS[best] if probabilities[best] >= self.threshold else "neutral"
        return Prediction(mood=mood, confidence=scores[mood], scores=scores)


VocabularyIndex = Mapping[str, tuple[int, str]]
"""n-gram -> (its column, its block)."""


def vocabulary_index(vocabulary: Sequence[str]) -> VocabularyIndex:
    return {name: (column, SPARSE_BLOCKS[name.split(":", 1)[0]]) for column, name in enumerate(vocabulary)}


def sparse_features(text: str, index: VocabularyIndex) -> tuple[list[int], np.ndarray]:
    """The columns of the line's n-grams found in the vocabulary, each once, and their values:
    1/sqrt(n) for the n found in the same block (each block has unit length)."""
    by_block: dict[str, list[int]] = {}
    for name in dict.fromkeys(ngrams(text)):
        found = index.get(name)
        if found is not None:
            by_block.setdefault(found[1], []).append(found[0])
    columns = [column for block in by_block.values() for column in block]
    values = np.array([1 / np.sqrt(len(block)) for block in by_block.values() for _ in block])
    return columns, values


def dense_features(texts: Sequence[str], emoji: EmojiModel, lexicon: LexiconModel) -> np.ndarray:
    """log(p + LOG_FLOOR) of the emoji model's 151 probabilities and the lexicon model's seven (of
    the line's first LEXICON_MAX_CHARS characters)."""
    heads = [text[:LEXICON_MAX_CHARS] for text in texts]
    lexicon_scores = [[p.scores[mood] for mood in MOODS] for p in lexicon.predict_batch(heads)]
    return np.log(np.hstack([emoji.probabilities(texts), np.array(lexicon_scores).reshape(len(texts), len(MOODS))]) + LOG_FLOOR)


def softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)
