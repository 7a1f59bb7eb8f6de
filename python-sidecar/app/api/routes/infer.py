"""Mood inference. The handlers are plain functions, so FastAPI runs them in its thread pool and
a slow model never blocks the event loop (or a SIGTERM shutdown)."""

from fastapi import APIRouter

from app.api.deps import ModelDep
from app.inference import Prediction
from app.models import BatchInferRequest, BatchInferResponse, BatchInferResult, InferRequest, InferResponse

router = APIRouter(prefix="/infer", tags=["infer"])

DECIMALS = 4
"""Probabilities are rounded for the wire: more digits mean nothing for a mood."""


def _response(prediction: Prediction, model: str) -> InferResponse:
    return InferResponse(
        mood=prediction.mood,
        confidence=round(prediction.confidence, DECIMALS),
        scores={mood: round(p, DECIMALS) for mood, p in prediction.scores.items()},
        model=model,
    )


@router.post("")
def infer(body: InferRequest, model: ModelDep) -> InferResponse:
    return _response(model.predict(body.text), model.name)


@router.post("/batch", response_model_exclude_none=True)
def infer_batch(body: BatchInferRequest, model: ModelDep) -> BatchInferResponse:
    """Results in the order of `items`; each carries its item's `messageId` when one was sent."""
    predictions = model.predict_batch([item.text for item in body.items])
    return BatchInferResponse(
        results=[
            BatchInferResult(**_response(prediction, model.name).model_dump(), messageId=item.messageId)
            for item, prediction in zip(body.items, predictions, strict=True)
        ]
    )
