"""The one interface every mood model implements, and the types it speaks."""

from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, get_args

# Same names and order as MOODS in libs/shared/src/lib/mood.ts.
Mood = Literal["neutral", "happy", "sad", "angry", "surprised", "scared", "disgusted"]
MOODS: tuple[Mood, ...] = get_args(Mood)


@dataclass(frozen=True)
class Prediction:
    mood: Mood
    confidence: float
    """The probability given to `mood`, in [0, 1]."""
    scores: Mapping[Mood, float]
    """A probability for every mood in MOODS; they sum to 1."""


class MoodModel(ABC):
    """A mood classifier. Built once at start-up, then shared by all requests (and threads)."""

    name: str
    """Reported as `model` in every response, so results can be traced to what produced them."""
    version: str = "1"
    """Reported by /health: which build of the model runs (a trained model names its data too)."""

    @abstractmethod
    def predict(self, text: str) -> Prediction:
        """Classify one message."""

    def predict_batch(self, texts: Sequence[str]) -> list[Prediction]:
        """Classify several messages, in order. Models that batch natively override this."""
        return [self.predict(text) for text in texts]
