#!/usr/bin/env sh
# Installs the sidecar's runtime dependencies (requirements.txt, no test tools) into a virtualenv.
# Usage: python-sidecar/scripts/install-runtime.sh <venv-dir>. The sidecar's Dockerfile runs this.
# $PYTHON: the interpreter (python3). $EXTRA_CA_FILE: PEM certificates pip trusts besides its own
# bundle (for a TLS-intercepting network; the bundle made from them stays outside the venv).
set -eu
venv="${1:?usage: install-runtime.sh <venv-dir>}"
here="$(cd "$(dirname "$0")/.." && pwd)"
"${PYTHON:-python3}" -m venv "$venv"
if [ -s "${EXTRA_CA_FILE:-}" ] && grep -q 'BEGIN CERTIFICATE' "$EXTRA_CA_FILE"; then
  PIP_CERT="$(mktemp)"
  cat "$("$venv/bin/python" -c 'from pip._vendor import certifi; print(certifi.where())')" "$EXTRA_CA_FILE" >"$PIP_CERT"
  export PIP_CERT
fi
"$venv/bin/pip" install --no-cache-dir --disable-pip-version-check -q -r "$here/requirements.txt"
