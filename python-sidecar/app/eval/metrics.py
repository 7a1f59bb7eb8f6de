"""Accuracy, macro-F1 and per-mood precision/recall/F1, over all seven moods."""

from collections.abc import Sequence
from dataclasses import dataclass

from app.inference.base import MOODS, Mood


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


def score(expected: Sequence[Mood], predicted: Sequence[Mood]) -> Report:
    if len(expected) != len(predicted) or not expected:
        raise ValueError("need as many predictions as labels, and at least one")
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

    return Report(
        accuracy=sum(confusion[mood][mood] for mood in MOODS) / len(expected),
        macro_f1=sum(metrics.f1 for metrics in per_mood.values()) / len(MOODS),
        per_mood=per_mood,
        confusion=confusion,
    )
