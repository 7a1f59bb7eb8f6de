"""Mood models behind one interface, and the one place that picks which one runs."""

from app.core.config import Settings
from app.inference.base import MOODS, Mood, MoodModel, Prediction
from app.inference.lexicon import LexiconModel
from app.inference.stub import StubModel

__all__ = ["MOODS", "LexiconModel", "Mood", "MoodModel", "Prediction", "StubModel", "build_model"]


def build_model(settings: Settings) -> MoodModel:
    """Pick the model the settings ask for. A new backend is one more branch here. A model that
    cannot load (say, its artefact is missing) raises, which stops the sidecar at start."""
    if not settings.ENABLE_MODEL:
        return StubModel()
    if settings.MOOD_MODEL == "lexicon":
        return LexiconModel()
    # Imported here so the stub and the lexicon model start without numpy and fastText.
    from app.inference.linear import LinearModel

    return LinearModel()
