from fastapi import APIRouter

from app.api.deps import ModelDep
from app.models import HealthResponse

router = APIRouter(tags=["health"])


@router.get("/health")
async def health(model: ModelDep) -> HealthResponse:
    return HealthResponse(status="ok", model=model.name, version=model.version)
