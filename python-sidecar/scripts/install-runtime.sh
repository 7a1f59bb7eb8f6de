#!/usr/bin/env sh
# Installs the sidecar's runtime dependencies (requirements.txt, no test tools) into a virtualenv.
# Usage: python-sidecar/scripts/install-runtime.sh <venv-dir>. The sidecar's Dockerfile runs
# this; so does CI (docker/smoke.sh), so the image's install step is known to work.
set -eu
venv="${1:?usage: install-runtime.sh <venv-dir>}"
here="$(cd "$(dirname "$0")/.." && pwd)"
"${PYTHON:-python3}" -m venv "$venv"
"$venv/bin/pip" install --no-cache-dir --disable-pip-version-check -q -r "$here/requirements.txt"
