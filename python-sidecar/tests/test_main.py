"""The app as uvicorn serves it: a real process, real environment, real signals."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

SIDECAR_ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _start(port: int, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "app.main:app", "--host", "127.0.0.1", "--port", str(port)],
        cwd=SIDECAR_ROOT,
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


@pytest.fixture
def server() -> Iterator[tuple[subprocess.Popen[str], str]]:
    port = _free_port()
    process = _start(port, ENABLE_MODEL="1")
    try:
        yield process, f"http://127.0.0.1:{port}"
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()


def _get_json(url: str, deadline: float) -> object:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                return json.load(response)
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def test_serves_the_model_from_the_environment_and_stops_cleanly_on_sigterm(
    server: tuple[subprocess.Popen[str], str],
) -> None:
    process, base_url = server

    health = _get_json(f"{base_url}/health", deadline=time.monotonic() + 20)
    manifest = json.loads((SIDECAR_ROOT / "app/inference/linear/artefact/manifest.json").read_text())
    assert health == {"status": "ok", "model": "mood-linear-v3", "version": manifest["version"]}

    process.send_signal(signal.SIGTERM)
    output, _ = process.communicate(timeout=5)

    assert "Application shutdown complete" in output
    # After shutting down, uvicorn re-raises the signal so the process ends the way its parent
    # expects of a SIGTERM; scripts/serve.mjs reports that as exit code 0.
    assert process.returncode == -signal.SIGTERM


def test_a_bad_mood_model_stops_the_process_at_start_naming_the_setting() -> None:
    process = _start(_free_port(), ENABLE_MODEL="1", MOOD_MODEL="bert")
    output, _ = process.communicate(timeout=30)

    assert process.returncode not in (0, None)
    assert "MOOD_MODEL" in output
    assert "'linear' or 'lexicon'" in output
