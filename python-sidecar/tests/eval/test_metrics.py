import math

import pytest

from app.eval.metrics import score
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


def test_mismatched_lengths_are_an_error() -> None:
    with pytest.raises(ValueError):
        score(["happy"], [])
