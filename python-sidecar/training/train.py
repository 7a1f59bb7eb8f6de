"""Train mood-linear from the corpus: fit on train, calibrate on dev, score dev and test once.

Deterministic: the corpus is read in a fixed order, the vocabulary is sorted, L-BFGS has no
randomness and runs on one BLAS thread, and the temperature and threshold come from fixed grids.
The seed is recorded and passed to the solver, which (for L-BFGS) does not use it.
"""

import hashlib
import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_limits

from app.eval.dataset import SPLITS, Example, Split, split_of
from app.eval.metrics import score
from app.inference.base import MOODS, Mood
from app.inference.lexicon import LexiconModel
from app.inference.linear.emoji import MODEL_FILE, EmojiModel
from app.inference.linear.features import CHAR_NGRAMS, ngrams
from app.inference.linear.model import (
    LOG_FLOOR,
    SPARSE_BLOCKS,
    Artefact,
    dense_features,
    softmax,
    sparse_features,
    vocabulary_index,
)

logger = logging.getLogger(__name__)

NAME = "mood-linear-v3"
VERSION = "3.0.0"
"""Bump with any change to features, data or hyperparameters that changes the weights."""
DEFAULT_SEED = 13


@dataclass(frozen=True)
class Hyperparameters:
    """Chosen with python -m training.ablation: the best mean of dev macro-F1 and older-sets
    macro-F1, a near tie (within 0.005) going to the smaller C (stronger regularisation)."""

    C: float = 3.0
    """Inverse L2 strength of the logistic regression."""
    dense_weight: float = 0.1
    """Scale of the standardised emoji and lexicon features against the unit-length n-gram blocks."""
    min_count: int = 2
    """An n-gram enters the vocabulary when at least this many training lines have it."""
    max_iter: int = 3000


TEMPERATURES = tuple(float(t) for t in np.round(np.exp(np.linspace(np.log(0.25), np.log(4.0), 161)), 4))
THRESHOLDS = tuple(round(0.01 * step, 2) for step in range(0, 71))


@dataclass(frozen=True)
class Features:
    """The training-side view of the same features LinearModel computes."""

    vocabulary: list[str]
    sparse: sp.csr_matrix
    dense: np.ndarray


def build_vocabulary(texts: Sequence[str], min_count: int) -> list[str]:
    counts = Counter(name for text in texts for name in set(ngrams(text)))
    return sorted(name for name, count in counts.items() if count >= min_count)


def featurise(texts: Sequence[str], vocabulary: list[str], emoji: EmojiModel, lexicon: LexiconModel) -> Features:
    index = vocabulary_index(vocabulary)
    rows, columns, values = [], [], []
    for row, text in enumerate(texts):
        found, weights = sparse_features(text, index)
        rows += [row] * len(found)
        columns += found
        values += weights.tolist()
    sparse = sp.csr_matrix((values, (rows, columns)), shape=(len(texts), len(vocabulary)))
    return Features(vocabulary=vocabulary, sparse=sparse, dense=dense_features(texts, emoji, lexicon))


def fit_temperature(logits: np.ndarray, labels: np.ndarray) -> float:
    """The temperature from TEMPERATURES with the lowest negative log-likelihood (first on a tie)."""
    losses = [_nll(softmax(logits / t), labels) for t in TEMPERATURES]
    return TEMPERATURES[int(np.argmin(losses))]


def choose_threshold(probabilities: np.ndarray, labels: Sequence[Mood]) -> float:
    """The threshold from THRESHOLDS with the best macro-F1 on these lines; of equal ones the
    highest, since a wrong mood shows in the VN view more than a missed one does."""
    best, best_f1 = 0.0, -1.0
    for threshold in THRESHOLDS:
        f1 = score(labels, decide(probabilities, threshold)).macro_f1
        if f1 >= best_f1 - 1e-12:
            best, best_f1 = threshold, max(f1, best_f1)
    return best


def decide(probabilities: np.ndarray, threshold: float) -> list[Mood]:
    """What LinearModel answers: the most probable mood, or neutral below the threshold."""
    best = probabilities.argmax(axis=1)
    return [MOODS[i] if probabilities[row, i] >= threshold else "neutral" for row, i in enumerate(best)]


def _nll(probabilities: np.ndarray, labels: np.ndarray) -> float:
    return float(-np.mean(np.log(probabilities[np.arange(len(labels)), labels] + 1e-12)))


def data_hash(examples: Sequence[Example]) -> str:
    """SHA-256 over the corpus as trained on: mood, tab, text, newline, in corpus order."""
    digest = hashlib.sha256()
    for example in examples:
        digest.update(f"{example.mood}\t{example.text}\n".encode())
    return digest.hexdigest()


def _file_hash(path: Any) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def train(
    corpus: Sequence[Example],
    seed: int = DEFAULT_SEED,
    hyper: Hyperparameters = Hyperparameters(),
    trained_on: str | None = None,
) -> Artefact:
    """Fit, calibrate and score. `trained_on` (YYYY-MM-DD) defaults to today, UTC."""
    by_split: dict[Split, list[Example]] = {split: [] for split in SPLITS}
    for example in corpus:
        by_split[split_of(example.text)].append(example)
    train_set, dev_set = by_split["train"], by_split["dev"]
    emoji, lexicon = EmojiModel(), LexiconModel()

    vocabulary = build_vocabulary([e.text for e in train_set], hyper.min_count)
    features = {split: featurise([e.text for e in by_split[split]], vocabulary, emoji, lexicon) for split in SPLITS}
    labels = {split: np.array([MOODS.index(e.mood) for e in by_split[split]]) for split in SPLITS}
    mean = features["train"].dense.mean(axis=0)
    std = features["train"].dense.std(axis=0) + 1e-6

    def design(split: Split) -> sp.csr_matrix:
        dense = hyper.dense_weight * (features[split].dense - mean) / std
        return sp.hstack([features[split].sparse, sp.csr_matrix(dense)], format="csr")

    with threadpool_limits(limits=1):
        classifier = LogisticRegression(C=hyper.C, max_iter=hyper.max_iter, random_state=seed)
        classifier.fit(design("train"), labels["train"])
    if classifier.n_iter_.max() >= hyper.max_iter:
        raise RuntimeError(f"L-BFGS did not converge in {hyper.max_iter} iterations")

    # Fold the standardisation into the weights: w' = a*w/std, b' = b - sum(a*mean*w/std).
    coef = classifier.coef_.T.astype(np.float64)
    n_vocab = len(vocabulary)
    dense_coef = hyper.dense_weight * coef[n_vocab:] / std[:, None]
    bias = classifier.intercept_ - mean @ dense_coef
    weights = np.vstack([coef[:n_vocab], dense_coef, bias[None, :]]).astype("<f4")

    def logits(split: Split) -> np.ndarray:
        w = weights.astype(np.float64)
        return features[split].sparse @ w[:n_vocab] + features[split].dense @ w[n_vocab:-1] + w[-1]

    temperature = fit_temperature(logits("dev"), labels["dev"])
    threshold = choose_threshold(softmax(logits("dev") / temperature), [e.mood for e in dev_set])

    metrics: dict[str, Any] = {}
    for split in ("dev", "test"):
        probabilities = softmax(logits(split) / temperature)
        answers = decide(probabilities, threshold)
        confidences = [float(probabilities[row, MOODS.index(mood)]) for row, mood in enumerate(answers)]
        report = score([e.mood for e in by_split[split]], answers, confidences)
        metrics[split] = {
            "lines": len(by_split[split]),
            "accuracy": round(report.accuracy, 4),
            "macro_f1": round(report.macro_f1, 4),
            "min_recall": round(min(m.recall for m in report.per_mood.values()), 4),
            "ece": round(report.ece or 0.0, 4),
            "emotional_as_neutral": round(report.emotional_as_neutral, 4),
        }

    manifest: dict[str, Any] = {
        "name": NAME,
        "version": f"{VERSION}+data.{data_hash(corpus)[:12]}",
        "trained_on": trained_on or datetime.now(UTC).date().isoformat(),
        "seed": seed,
        "moods": list(MOODS),
        "data": {
            "sha256": data_hash(corpus),
            "lines": {split: len(by_split[split]) for split in SPLITS},
            "per_mood": {mood: sum(e.mood == mood for e in corpus) for mood in MOODS},
            "split_rule": "sha256(normalised text)[:4] as big-endian int % 100: <70 train, <85 dev, else test",
        },
        "features": {
            "sparse": {
                "blocks": sorted(set(SPARSE_BLOCKS.values())),
                "prefixes": SPARSE_BLOCKS,
                "char_ngrams": list(CHAR_NGRAMS),
                "min_count": hyper.min_count,
                "vocabulary": n_vocab,
            },
            "dense": {"log_floor": LOG_FLOOR, "lexicon": "vader-lexicon-v1 scores", "emoji_model_sha256": _file_hash(MODEL_FILE)},
            "emoji": list(emoji.emoji),
        },
        "hyperparameters": asdict(hyper),
        "calibration": {"temperature": temperature, "threshold": threshold, "fitted_on": "dev"},
        "metrics": metrics,
        "solver": {"iterations": int(classifier.n_iter_.max())},
    }
    return Artefact(manifest=manifest, vocabulary=vocabulary, weights=weights)
