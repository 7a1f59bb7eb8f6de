from typing import Annotated, cast

from fastapi import Depends, Request

from app.inference import MoodModel


def get_model(request: Request) -> MoodModel:
    """The model chosen at start-up (see app.main's lifespan)."""
    return cast(MoodModel, request.app.state.model)


ModelDep = Annotated[MoodModel, Depends(get_model)]
