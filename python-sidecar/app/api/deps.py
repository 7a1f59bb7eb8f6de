from typing import Annotated, cast

from fastapi import Depends, Request

from app.inference import MoodModel


async def get_model(request: Request) -> MoodModel:
    """The model chosen at start-up (see app.main's lifespan). A coroutine, so FastAPI calls it
    on the event loop: a plain function would cost every request a round trip to the thread pool."""
    return cast(MoodModel, request.app.state.model)


ModelDep = Annotated[MoodModel, Depends(get_model)]
