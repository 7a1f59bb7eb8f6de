"""Request and response bodies. Limits come from the settings, so they also show in /docs."""

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from app.core.config import settings
from app.inference import Mood

MessageText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=settings.MAX_TEXT_LENGTH)
]
# Ids the API passes through: a message UUID and its 8-character seed, with room to spare.
ShortId = Annotated[str, StringConstraints(min_length=1, max_length=128)]


class InferRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: MessageText
    messageId: ShortId | None = None
    seed: ShortId | None = None
    """Accepted for the API's convenience; moods do not depend on it."""


class BatchInferRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    items: Annotated[list[InferRequest], Field(min_length=1, max_length=settings.MAX_BATCH_SIZE)]


class InferResponse(BaseModel):
    mood: Mood
    confidence: Annotated[float, Field(ge=0, le=1)]
    scores: dict[Mood, float]
    model: str


class BatchInferResult(InferResponse):
    messageId: str | None = None


class BatchInferResponse(BaseModel):
    results: list[BatchInferResult]


class HealthResponse(BaseModel):
    status: Literal["ok"]
    model: str
    """The `model` every inference response carries."""
    version: str
    """Which build of it: for mood-linear, the release and the hash of the data it was trained on."""
