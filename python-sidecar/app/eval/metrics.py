"""Accuracy, macro-F1, per-mood precision/recall/F1, confusion, calibration (ECE) and how often an
emotional line is answered neutral, over all seven moods."""

from collections.abc import Sequence
from dataclasses import dataclass

from app.inference.base import MOODS, Mood

ECE_BINS = 10


@dataclass(frozen=True)
class MoodMetrics:
    precision: float
    recall: float
    f1: float
    support: int
    """How many examples carry this mood."""


@dataclass(frozen=True)
class Report:
    accuracy: float
    macro_f1: float
    """The unweighted mean of the seven F1 scores, so rare moods count as much as common ones."""
    per_mood: dict[Mood, MoodMetrics]
    confusion: dict[Mood, dict[Mood, int]]
    """confusion[true mood][predicted mood] = count."""
    emotional_as_neutral: float
    """Of the lines labelled with a mood other than neutral, the share answered neutral."""
    ece: float | None = None
    """Expected calibration error of the answers' confidences (None when none were given)."""


def score(expected: Sequence[Mood], predicted: Sequence[Mood], confidences: Sequence[float] | None = None) -> Report:
    if len(expected) != len(predicted) or not expected:
        raise ValueError("need as many predictions as labels, and at least one")
    if confidences is not None and len(confidences) != len(expected):
        raise ValueError("need one confidence per prediction")
    confusion: dict[Mood, dict[Mood, int]] = {truth: dict.fromkeys(MOODS, 0) for truth in MOODS}
    for truth, guess in zip(expected, predicted, strict=True):
        confusion[truth][guess] += 1

    per_mood = {}
    for mood in MOODS:
        hits = confusion[mood][mood]
        predicted_as_mood = sum(confusion[truth][mood] for truth in MOODS)
        support = sum(confusion[mood].values())
        # A mood never predicted (or never present) scores 0 rather than being undefined.
        precision = hits / predicted_as_mood if predicted_as_mood else 0.0
        recall = hits / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_mood[mood] = MoodMetrics(precision=precision, recall=recall, f1=f1, support=support)

    emotional = [guess for truth, guess in zip(expected, predicted, strict=True) if truth != "neutral"]
    return Report(
        accuracy=sum(confusion[mood][mood] for mood in MOODS) / len(expected),
        macro_f1=sum(metrics.f1 for metrics in per_mood.values()) / len(MOODS),
        per_mood=per_mood,
        confusion=confusion,
        emotional_as_neutral=sum(guess == "neutral" for guess in emotional) / len(emotional) if emotional else 0.0,
        ece=None
        if confidences is None
        else expected_calibration_error(confidences, [t == g for t, g in zip(expected, predicted, strict=True)]),
    )


def expected_calibration_error(confidences: Sequence[float], correct: Sequence[bool], bins: int = ECE_BINS) -> float:
    """Sum over equal-width confidence bins of |accuracy - mean confidence|, weighted by the bin's
    share of the answers (Guo et al. 2017). A confidence of exactly 1 falls in the top bin."""
    totals = [[0, 0.0, 0] for _ in range(bins)]  # answers, summed confidence, correct answers
    for confidence, right in zip(confidences, correct, strict=True):
        cell = totals[min(int(confidence * bins), bins - 1)]
        cell[0] += 1
        cell[1] += confidence
        cell[2] += int(right)
    return sum(abs(hits - summed) for _, summed, hits in totals) / len(confidences)
