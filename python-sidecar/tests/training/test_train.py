"""The shipped artefact is what `python -m training` makes from the committed corpus."""

from pathlib import Path

import numpy as np
import pytest

from app.eval.dataset import load_corpus
from app.inference import MOODS
from app.inference.linear import LinearModel
from app.inference.linear.model import ARTEFACT_DIR, Artefact
from training.train import TEMPERATURES, choose_threshold, data_hash, decide, fit_temperature, softmax, train

WEIGHT_TOLERANCE = 1e-5
"""Absolute; float32 weights from another BLAS may differ in the last bits, never more."""


@pytest.fixture(scope="module")
def shipped() -> Artefact:
    return Artefact.load(ARTEFACT_DIR)


@pytest.fixture(scope="module")
def retrained(shipped: Artefact) -> Artefact:
    return train(load_corpus(), seed=shipped.manifest["seed"], trained_on=shipped.manifest["trained_on"])


def test_retraining_from_the_committed_corpus_gives_the_shipped_artefact(shipped: Artefact, retrained: Artefact) -> None:
    assert retrained.vocabulary == shipped.vocabulary
    assert retrained.weights.shape == shipped.weights.shape
    np.testing.assert_allclose(retrained.weights, shipped.weights, rtol=0, atol=WEIGHT_TOLERANCE)
    assert retrained.manifest == shipped.manifest  # data hash, calibration, metrics, version


def test_retrained_and_shipped_models_answer_alike_on_every_corpus_line(retrained: Artefact, tmp_path: Path) -> None:
    retrained.save(tmp_path)
    texts = [example.text for example in load_corpus()]

    ours, theirs = LinearModel(tmp_path).predict_batch(texts), LinearModel().predict_batch(texts)

    assert [p.mood for p in ours] == [p.mood for p in theirs]
    np.testing.assert_allclose([p.confidence for p in ours], [p.confidence for p in theirs], atol=1e-4)


def test_the_manifest_records_data_features_metrics_and_date(shipped: Artefact) -> None:
    manifest = shipped.manifest

    assert manifest["data"]["sha256"] == data_hash(load_corpus())
    assert sum(manifest["data"]["lines"].values()) == len(load_corpus())
    assert manifest["features"]["sparse"]["vocabulary"] == len(shipped.vocabulary)
    assert set(manifest["metrics"]) == {"dev", "test"}
    assert {"accuracy", "macro_f1", "min_recall", "ece", "emotional_as_neutral"} <= set(manifest["metrics"]["test"])
    assert len(manifest["trained_on"]) == 10 and manifest["trained_on"][4] == "-"


def test_fit_temperature_finds_the_temperature_that_made_the_labels() -> None:
    rng = np.random.default_rng(7)
    logits = rng.normal(scale=3.0, size=(4000, len(MOODS)))
    true_probabilities = softmax(logits / 2.0)
    labels = np.array([rng.choice(len(MOODS), p=row) for row in true_probabilities])

    assert fit_temperature(logits, labels) == pytest.approx(2.0, rel=0.1)
    assert fit_temperature(logits, labels) in TEMPERATURES


def test_decide_answers_neutral_below_the_threshold() -> None:
    probabilities = np.array([[0.1, 0.6, 0.1, 0.05, 0.05, 0.05, 0.05], [0.2, 0.3, 0.25, 0.1, 0.05, 0.05, 0.05]])

    assert decide(probabilities, 0.0) == ["happy", "happy"]
    assert decide(probabilities, 0.5) == ["happy", "neutral"]


def test_choose_threshold_sends_unsure_answers_to_neutral_when_that_scores_better() -> None:
    # Two sure, right answers; two unsure, wrong ones whose lines are really neutral.
    probabilities = np.array(
        [
            [0.0, 0.9, 0.1, 0.0, 0.0, 0.0, 0.0],
            [0.0, 0.1, 0.9, 0.0, 0.0, 0.0, 0.0],
            [0.3, 0.4, 0.3, 0.0, 0.0, 0.0, 0.0],
            [0.3, 0.0, 0.4, 0.3, 0.0, 0.0, 0.0],
        ]
    )

    threshold = choose_threshold(probabilities, ["happy", "sad", "neutral", "neutral"])

    assert 0.4 < threshold <= 0.9
    assert decide(probabilities, threshold) == ["happy", "sad", "neutral", "neutral"]
