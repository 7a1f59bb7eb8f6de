import math

import pytest

from app.eval.metrics import expected_calibration_error, score
from app.inference import MOODS, Mood


def test_perfect_predictions() -> None:
    report = score(["happy", "sad"], ["happy", "sad"])

    assert report.accuracy == 1.0
    assert report.per_mood["happy"].f1 == 1.0
    # Moods absent from both sides score 0, and macro-F1 still averages over all seven.
    assert report.macro_f1 == pytest.approx(2 / 7)


def test_hand_computed_example() -> None:
    expected: list[Mood] = ["happy", "happy", "sad", "neutral"]
    predicted: list[Mood] = ["happy", "neutral", "happy", "neutral"]

    report = score(expected, predicted)

    assert report.accuracy == 0.5
    happy = report.per_mood["happy"]
    assert (happy.precision, happy.recall, happy.support) == (0.5, 0.5, 2)
    assert happy.f1 == 0.5
    neutral = report.per_mood["neutral"]
    assert (neutral.precision, neutral.recall) == (0.5, 1.0)
    assert math.isclose(neutral.f1, 2 / 3)
    assert report.per_mood["sad"].f1 == 0.0
    assert math.isclose(report.macro_f1, (0.5 + 2 / 3) / 7)
    assert report.confusion["sad"]["happy"] == 1
    assert sum(sum(row.values()) for row in report.confusion.values()) == 4
    assert list(report.per_mood) == list(MOODS)
    assert report.emotional_as_neutral == pytest.approx(1 / 3)  # of happy, happy, sad: one answered neutral
    assert report.ece is None  # no confidences given


def test_mismatched_lengths_are_an_error() -> None:
    with pytest.raises(ValueError):
        score(["happy"], [])


def test_ece_by_hand() -> None:
    # Bin 0.9-1.0: confidences 0.95, 0.95, right and wrong -> |0.5 - 0.95| * 2/4.
    # Bin 0.6-0.7: 0.6, 0.6, both right -> |1.0 - 0.6| * 2/4.
    ece = expected_calibration_error([0.95, 0.95, 0.6, 0.6], [True, False, True, True])

    assert ece == pytest.approx(0.45 * 0.5 + 0.4 * 0.5)


def test_ece_is_zero_when_confidence_matches_accuracy_and_top_confidence_counts() -> None:
    assert expected_calibration_error([0.75] * 4, [True, True, True, False]) == pytest.approx(0.0)
    assert expected_calibration_error([1.0, 1.0], [True, True]) == pytest.approx(0.0)


def test_score_passes_answer_confidences_to_ece() -> None:
    report = score(["happy", "sad"], ["happy", "happy"], [1.0, 1.0])

    assert report.ece == pytest.approx(0.5)
    with pytest.raises(ValueError):
        score(["happy"], ["happy"], [0.5, 0.5])
