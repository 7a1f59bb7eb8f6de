# syntax=docker/dockerfile:1
# The mood sidecar image: FastAPI under uvicorn, runtime dependencies only, as a non-root user.

FROM python:3.11-slim AS build
WORKDIR /src
COPY python-sidecar/requirements.txt python-sidecar/requirements.txt
COPY python-sidecar/scripts/install-runtime.sh python-sidecar/scripts/install-runtime.sh
RUN sh python-sidecar/scripts/install-runtime.sh /opt/venv

FROM python:3.11-slim AS runtime
RUN useradd --system --uid 10001 --no-create-home sidecar
COPY --from=build /opt/venv /opt/venv
WORKDIR /app
COPY --chown=sidecar python-sidecar/app ./app
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    ENABLE_MODEL=0
USER sidecar
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=2).status == 200 else 1)"
CMD ["python", "-m", "uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]
