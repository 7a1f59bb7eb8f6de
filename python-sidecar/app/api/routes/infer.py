"""Mood inference.

The handlers are coroutines. A request of up to INLINE_CHARS characters in all (a chat batch:
sixteen lines of a few dozen characters) is scored on the event loop: a round trip through the
thread pool costs about 0.4 ms of CPU per request, more than the stub's whole answer and about
what mood-linear spends on one short line. A longer request is scored in the thread pool, so
/health and a SIGTERM shutdown never wait behind a slow one.
"""

from collections.abc import Sequence

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool

from app.api.deps import ModelDep
from app.inference import MoodModel, Prediction
from app.models import BatchInferRequest, BatchInferResponse, BatchInferResult, InferRequest, InferResponse

router = APIRouter(prefix="/infer", tags=["infer"])

DECIMALS = 4
"""Probabilities are rounded for the wire: more digits mean nothing for a mood."""

INLINE_CHARS = 1000
"""The most characters, over a request's texts, scored on the event loop. At this length
mood-linear takes about 8 ms (sixteen lines of plain text; 22 ms all emoji) and VADER at most
about 0.12 s (all emoji)."""


async def _predict(model: MoodModel, texts: Sequence[str]) -> list[Prediction]:
    if sum(len(text) for text in texts) <= INLINE_CHARS:
        return model.predict_batch(texts)
    return await run_in_threadpool(model.predict_batch, texts)


def _response(prediction: Prediction, model: str) -> InferResponse:
    return InferResponse(
        mood=prediction.mood,
        confidence=round(prediction.confidence, DECIMALS),
        scores={mood: round(p, DECIMALS) for mood, p in prediction.scores.items()},
        model=model,
    )


@router.post("")
async def infer(body: InferRequest, model: ModelDep) -> InferResponse:
    [prediction] = await _predict(model, [body.text])
    return _response(prediction, model.name)


@router.post("/batch", response_model_exclude_none=True)
async def infer_batch(body: BatchInferRequest, model: ModelDep) -> BatchInferResponse:
    """Results in the order of `items`; each carries its item's `messageId` when one was sent."""
    predictions = await _predict(model, [item.text for item in body.items])
    return BatchInferResponse(
        results=[
            BatchInferResult(**_response(prediction, model.name).model_dump(), messageId=item.messageId)
            for item, prediction in zip(body.items, predictions, strict=True)
        ]
    )
