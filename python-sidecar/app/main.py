import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from app.api.main import api_router
from app.core.config import Settings, settings
from app.inference import build_model

logger = logging.getLogger(__name__)


def create_app(app_settings: Settings = settings) -> FastAPI:
    """Build the app. `app_settings` chooses the model and log level; the request limits are read
    from the environment once, at import, because they are part of the OpenAPI schema."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # uvicorn configures only its own loggers; this gives ours a handler and a level.
        logging.basicConfig(format="%(levelname)-8s %(name)s: %(message)s")
        logging.getLogger("app").setLevel(app_settings.LOG_LEVEL)
        app.state.model = build_model(app_settings)
        logger.info("mood model ready: %s %s", app.state.model.name, app.state.model.version)
        yield

    app = FastAPI(title="moodlobby sidecar", summary="Mood inference for chat messages", lifespan=lifespan)
    app.include_router(api_router)
    return app


app = create_app()
