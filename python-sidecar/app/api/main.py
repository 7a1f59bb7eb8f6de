from fastapi import APIRouter

from app.api.routes import health, infer

api_router = APIRouter()
api_router.include_router(health.router)
api_router.include_router(infer.router)
