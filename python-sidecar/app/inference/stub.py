from app.inference.base import MOODS, MoodModel, Prediction

_NEUTRAL = Prediction(
    mood="neutral",
    confidence=1.0,
    scores={mood: 1.0 if mood == "neutral" else 0.0 for mood in MOODS},
)


class StubModel(MoodModel):
    """The default (ENABLE_MODEL=0): every message is neutral, so the stack runs with no model."""

    name = "stub"

    def predict(self, text: str) -> Prediction:
        return _NEUTRAL
