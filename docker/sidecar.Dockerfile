# The mood sidecar image: FastAPI under uvicorn, runtime dependencies only, as a non-root user.
#
# Nothing here is compiled: the dependencies install as wheels for the target platform (they
# exist for linux/amd64 and linux/arm64), so a foreign-platform build emulates only pip.
# Build from the repository root (docker/compose.yml does):
#   docker build -f docker/sidecar.Dockerfile [--platform linux/arm64] .
# Base (build argument PYTHON_IMAGE; unset or empty: Docker Hub's python image,
# DEFAULT_PYTHON_IMAGE). docker/stand-in-bases.sh makes a stand-in for machines without Docker Hub.

ARG DEFAULT_PYTHON_IMAGE=python:3.11-slim-bookworm
ARG PYTHON_IMAGE

FROM ${PYTHON_IMAGE:-$DEFAULT_PYTHON_IMAGE} AS build
# CI only: extra CA certificates (PEM) for a TLS-intercepting network; pip trusts them besides its
# own bundle. Used in this stage only; nothing of it reaches the runtime image.
ARG EXTRA_CA_CERTS=
WORKDIR /src
COPY python-sidecar/requirements.txt python-sidecar/requirements.txt
COPY python-sidecar/scripts/install-runtime.sh python-sidecar/scripts/install-runtime.sh
RUN (printenv EXTRA_CA_CERTS || true) >/tmp/extra-ca.pem \
 && EXTRA_CA_FILE=/tmp/extra-ca.pem PYTHON=python3 sh python-sidecar/scripts/install-runtime.sh /opt/venv
# The app whole (with any model files it ships), compiled ahead so a cold start does not.
COPY python-sidecar/app /app/app
COPY docker/sidecar-serve.py /app/serve.py
RUN /opt/venv/bin/python -m compileall -q /app

FROM ${PYTHON_IMAGE:-$DEFAULT_PYTHON_IMAGE} AS runtime
COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app
WORKDIR /app
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    ENABLE_MODEL=0
# A numeric user needs no /etc/passwd entry, so the runtime stage runs nothing (no emulation).
USER 10001:10001
EXPOSE 8000
STOPSIGNAL SIGTERM
# bash's /dev/tcp rather than a Python process per check: cheap on a small board and under emulation.
HEALTHCHECK --interval=5s --timeout=5s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8000 && printf 'GET /health HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
# uvicorn finishes requests in flight on SIGTERM, waiting at most 3 s for them, then exits 0.
CMD ["python", "serve.py", "app.main:app", "--host", "0.0.0.0", "--port", "8000", "--timeout-graceful-shutdown", "3", "--no-access-log"]
