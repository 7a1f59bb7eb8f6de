"""scripts/ensure-venv.mjs, run by Node on a copy of the sidecar with a fake Python that records
its calls, so the tests neither build a real venv nor touch the one in use."""

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "ensure-venv.mjs"
NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="needs Node.js")

# Answers the version probe, "creates" a venv by copying itself into it, and records every call.
FAKE_PYTHON = """#!/bin/sh
echo "$@" >> "$CALLS"
case "$1 $2" in
  "-c "*) echo "${FAKE_VERSION:-3 11}" ;;
  "-m venv") mkdir -p "$4/bin" && cp "$0" "$4/bin/python" ;;
  "-m pip") exit "${FAKE_PIP_STATUS:-0}" ;;
esac
"""


class Sidecar:
    def __init__(self, root: Path) -> None:
        self.root = root / "python-sidecar"
        (self.root / "scripts").mkdir(parents=True)
        shutil.copy(SCRIPT, self.root / "scripts" / SCRIPT.name)
        (self.root / "requirements.txt").write_text("fastapi==0.165.0\n")
        (self.root / "requirements-dev.txt").write_text("-r requirements.txt\npytest==9.2.0\n")
        self.python = root / "python3"
        self.python.write_text(FAKE_PYTHON)
        self.python.chmod(self.python.stat().st_mode | stat.S_IXUSR)
        self.calls_file = root / "calls.log"

    @property
    def stamp(self) -> Path:
        return self.root / ".venv" / ".requirements.sha256"

    def calls(self) -> list[str]:
        return self.calls_file.read_text().splitlines() if self.calls_file.exists() else []

    def run(self, **env: str) -> subprocess.CompletedProcess[str]:
        assert NODE is not None
        return subprocess.run(
            [NODE, str(self.root / "scripts" / SCRIPT.name)],
            env={**os.environ, "SIDECAR_PYTHON": str(self.python), "CALLS": str(self.calls_file), **env},
            cwd=self.root.parent,
            capture_output=True,
            text=True,
            timeout=30,
        )


@pytest.fixture
def sidecar(tmp_path: Path) -> Sidecar:
    return Sidecar(tmp_path)


def test_creates_the_venv_and_installs_the_dev_requirements(sidecar: Sidecar) -> None:
    result = sidecar.run()

    assert result.returncode == 0, result.stderr
    assert "creating python-sidecar/.venv" in result.stdout
    assert "(new venv)" in result.stdout
    venv = sidecar.root / ".venv"
    assert sidecar.calls()[1:] == [
        f"-m venv --clear {venv}",
        "-m pip install --disable-pip-version-check --quiet -r requirements-dev.txt",
    ]
    assert len(sidecar.stamp.read_text().strip()) == 64


def test_does_nothing_and_says_nothing_when_up_to_date(sidecar: Sidecar) -> None:
    sidecar.run()
    calls_before = sidecar.calls()

    result = sidecar.run()

    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert sidecar.calls() == calls_before


@pytest.mark.parametrize("changed", ["requirements.txt", "requirements-dev.txt"])
def test_reinstalls_when_a_requirements_file_changes(sidecar: Sidecar, changed: str) -> None:
    sidecar.run()
    stamp_before = sidecar.stamp.read_text()
    with (sidecar.root / changed).open("a") as requirements:
        requirements.write("httpx2==2.16.2\n")

    result = sidecar.run()

    assert result.returncode == 0, result.stderr
    assert "(requirements changed)" in result.stdout
    assert sidecar.calls()[-1].startswith("-m pip install")
    assert sidecar.stamp.read_text() != stamp_before


def test_a_failed_install_leaves_no_stamp_so_the_next_run_retries(sidecar: Sidecar) -> None:
    failed = sidecar.run(FAKE_PIP_STATUS="1")

    assert failed.returncode == 1
    assert "pip install failed" in failed.stderr
    assert not sidecar.stamp.exists()
    assert sidecar.run().returncode == 0
    assert sidecar.stamp.exists()


def test_a_missing_python_is_a_clear_error(sidecar: Sidecar) -> None:
    result = sidecar.run(SIDECAR_PYTHON=str(sidecar.root / "no-such-python"))

    assert result.returncode == 1
    assert "no-such-python not found" in result.stderr
    assert "SIDECAR_PYTHON" in result.stderr
    assert not (sidecar.root / ".venv").exists()


def test_an_old_python_is_refused(sidecar: Sidecar) -> None:
    result = sidecar.run(FAKE_VERSION="3 9")

    assert result.returncode == 1
    assert "is Python 3.9; the sidecar needs 3.11+" in result.stderr
