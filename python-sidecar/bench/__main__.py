"""python -m bench: the mood model's limits, measured (issue 13). Prints a Markdown block; with
--write it replaces the model's block in docs/BENCHMARKS.md's "Sidecar model" section.
Run from python-sidecar/ (npx nx bench sidecar does).

- load: a fresh interpreter imports the app's inference code and builds the model (what the
  sidecar does at start), best of three; and uvicorn's spawn-to-healthy time;
- latency: a real uvicorn pinned to one core (taskset), the client on the other core, sending
  /infer/batch requests of 16 corpus lines one after another over one keep-alive connection;
  per text = request time / 16, percentiles over the requests (nearest rank). The same for the
  model alone (predict_batch in this process, pinned to one core);
- worst case: a batch of 16 copies of a 500-emoji line, the API's longest message of the kind
  that costs VADER most;
- memory: the uvicorn process's RSS after the run, and its peak (VmHWM);
- size: the artefact and the vendored emoji model on disk;
- --install: the runtime venv (requirements.txt, as scripts/install-runtime.sh makes it) against
  one made from main's requirements.txt: what the model's dependencies add;
- --wheels: that every runtime dependency has a linux/aarch64 wheel for Python 3.11 on PyPI.

The machine is shared: figures are noisy, and the load average before and after is recorded.
"""

import argparse
import http.client
import json
import os
import platform
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import cast

from app.core.config import MoodModelName, Settings
from app.eval.dataset import load_corpus
from app.inference import build_model

SIDECAR = Path(__file__).resolve().parents[1]
REPO = SIDECAR.parent
DOC = REPO / "docs" / "BENCHMARKS.md"
BATCH = 16
WORST_LINE = "😀" * 500
"""The API's longest message (MAX_MESSAGE_LENGTH) of the kind that costs VADER most."""
TARGETS = {"p50": 2.0, "p99": 10.0, "load": 3.0, "rss": 400.0, "install": 150.0, "artefact": 50.0}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="linear", choices=("linear", "lexicon"), help="MOOD_MODEL to measure")
    parser.add_argument("--batches", type=int, default=400, help="timed /infer/batch requests (after 20 warm-up)")
    parser.add_argument("--install", action="store_true", help="also measure what the runtime install adds (about 1 min)")
    parser.add_argument("--wheels", action="store_true", help="also check linux/aarch64 wheels on PyPI")
    parser.add_argument("--write", action="store_true", help=f"write the block into {DOC.relative_to(REPO)}")
    parser.add_argument("--max-load", type=float, help="wait until the 1-minute load average is below this first")
    parser.add_argument("--max-wait", type=float, default=900, help="seconds to wait for --max-load (default 900)")
    args = parser.parse_args(argv)

    texts = [example.text for example in load_corpus()]
    random.Random(13).shuffle(texts)
    waited = _wait_for_quiet(args.max_load, args.max_wait) if args.max_load else 0.0
    load_before = os.getloadavg()[0]
    started = datetime.now(UTC)
    rows: list[tuple[str, str, str, str]] = []

    load_s = min(_load_time(args.model) for _ in range(3))
    rows.append(("model load (fresh interpreter: imports + build), best of 3", f"{load_s:.2f} s", "≤ 3 s", _verdict(load_s <= TARGETS["load"])))

    http_ms, ready_s, rss, peak = _http_latency(args.model, texts, args.batches)
    rows.append(("uvicorn spawn → /health answers", f"{ready_s:.2f} s", "", ""))
    rows += _latency_rows("per text inside /infer/batch of 16, HTTP, server on 1 core", http_ms)
    rows.append(("sidecar RSS after the run / peak", f"{rss:.0f} / {peak:.0f} MiB", "≤ 400 MiB", _verdict(peak <= TARGETS["rss"])))

    model_ms = _model_latency(args.model, texts, args.batches)
    rows += _latency_rows("per text, predict_batch of 16 in process, 1 core (no HTTP)", model_ms, targets=False)
    worst_ms = _model_latency(args.model, [WORST_LINE] * (BATCH + 1), 10)
    rows.append(("per text, a batch of 16 of the longest line the API sends (500 emoji), in process", f"median {_percentile(worst_ms, 50):.1f} ms", "", ""))

    if args.model == "linear":
        artefact_mb = _size_mb(SIDECAR / "app/inference/linear/artefact") + _size_mb(SIDECAR / "app/inference/linear/emoji_model")
        rows.append(("artefact + vendored emoji model on disk", f"{artefact_mb:.1f} MB", "≤ 50 MB", _verdict(artefact_mb <= TARGETS["artefact"])))
    if args.install:
        added, base, total = _install_added()
        rows.append(("runtime venv: main's requirements → these", f"{base:.0f} → {total:.0f} MB (+{added:.0f} MB)", "≤ +150 MB", _verdict(added <= TARGETS["install"])))
    if args.wheels:
        missing = _missing_aarch64_wheels()
        rows.append(("runtime deps with manylinux2014 aarch64 / py3 wheels for Python 3.11", "all" if not missing else f"missing: {', '.join(missing)}", "all", _verdict(not missing)))

    block = _block(args, started, load_before, os.getloadavg()[0], rows, waited)
    print(block)
    if args.write:
        _write(block, args.model)
        print(f"\nwritten to {DOC.relative_to(REPO)}", file=sys.stderr)
    return 0


def _wait_for_quiet(limit: float, max_wait: float) -> float:
    """Seconds spent waiting for the load average to fall below `limit` (gives up after max_wait)."""
    began = time.monotonic()
    while os.getloadavg()[0] >= limit and time.monotonic() - began < max_wait:
        time.sleep(5)
    return time.monotonic() - began


def _verdict(ok: bool) -> str:
    return "**PASS**" if ok else "**MISS**"


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, int(-(-q * len(ordered) // 100)) - 1))]


def _latency_rows(what: str, per_text_ms: list[float], targets: bool = True) -> list[tuple[str, str, str, str]]:
    p50, p99 = _percentile(per_text_ms, 50), _percentile(per_text_ms, 99)
    value = f"p50 {p50:.3f} ms, p99 {p99:.3f} ms, max {max(per_text_ms):.3f} ms ({len(per_text_ms)} batches)"
    if not targets:
        return [(what, value, "", "")]
    return [(what, value, "p50 ≤ 2 ms, p99 ≤ 10 ms", _verdict(p50 <= TARGETS["p50"] and p99 <= TARGETS["p99"]))]


def _env(model: str) -> dict[str, str]:
    return {**os.environ, "ENABLE_MODEL": "1", "MOOD_MODEL": model, "LOG_LEVEL": "WARNING"}


def _load_time(model: str) -> float:
    code = (
        "import time; t = time.perf_counter(); from app.core.config import Settings; "
        "from app.inference import build_model; build_model(Settings(_env_file=None)); "
        "print(time.perf_counter() - t)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=SIDECAR, env=_env(model), capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _pin(cores: set[int]) -> list[str]:
    return ["taskset", "-c", ",".join(map(str, sorted(cores)))] if shutil.which("taskset") else []


def _http_latency(model: str, texts: list[str], batches: int) -> tuple[list[float], float, float, float]:
    port = _free_port()
    command = [*_pin({0}), sys.executable, "-m", "uvicorn", "app.main:app", "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
    spawned = time.perf_counter()
    server = subprocess.Popen(command, cwd=SIDECAR, env=_env(model), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        connection = _wait_healthy(server, port)
        ready = time.perf_counter() - spawned
        os.sched_setaffinity(0, {1 % (os.cpu_count() or 1)})
        per_text = []
        for index in range(20 + batches):
            start = (index * BATCH) % (len(texts) - BATCH)
            body = json.dumps({"items": [{"text": text} for text in texts[start : start + BATCH]]})
            began = time.perf_counter()
            connection.request("POST", "/infer/batch", body, {"content-type": "application/json"})
            response = connection.getresponse()
            payload = response.read()
            elapsed = time.perf_counter() - began
            if response.status != 200 or len(json.loads(payload)["results"]) != BATCH:
                raise RuntimeError(f"/infer/batch answered {response.status}: {payload[:200]!r}")
            if index >= 20:
                per_text.append(1000 * elapsed / BATCH)
        rss, peak = _memory_mib(server.pid)
        return per_text, ready, rss, peak
    finally:
        os.sched_setaffinity(0, set(range(os.cpu_count() or 1)))
        server.terminate()
        server.wait(timeout=10)


def _wait_healthy(server: subprocess.Popen[str], port: int) -> http.client.HTTPConnection:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the sidecar exited at start: {server.stderr.read() if server.stderr else ''}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.request("GET", "/health")
            response = connection.getresponse()
            response.read()
            if response.status == 200:
                return connection
        except OSError:
            time.sleep(0.02)
    raise RuntimeError("the sidecar did not answer /health within 60 s")


def _memory_mib(pid: int) -> tuple[float, float]:
    status = Path(f"/proc/{pid}/status").read_text()
    return _kib(status, "VmRSS") / 1024, _kib(status, "VmHWM") / 1024


def _kib(proc_file: str, key: str) -> int:
    """A `Key:   123 kB` value of a /proc file."""
    found = re.search(rf"^{key}:\s+(\d+) kB", proc_file, re.M)
    if found is None:
        raise RuntimeError(f"no {key} in /proc")
    return int(found.group(1))


def _model_latency(model: str, texts: list[str], batches: int) -> list[float]:
    os.sched_setaffinity(0, {0})
    try:
        mood_model = build_model(Settings(ENABLE_MODEL=True, MOOD_MODEL=cast(MoodModelName, model), _env_file=None))
        per_text = []
        for index in range(20 + batches):
            start = (index * BATCH) % (len(texts) - BATCH)
            began = time.perf_counter()
            mood_model.predict_batch(texts[start : start + BATCH])
            if index >= 20:
                per_text.append(1000 * (time.perf_counter() - began) / BATCH)
        return per_text
    finally:
        os.sched_setaffinity(0, set(range(os.cpu_count() or 1)))


def _size_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def _install_added() -> tuple[float, float, float]:
    main_requirements = subprocess.run(
        ["git", "show", "main:python-sidecar/requirements.txt"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout
    with tempfile.TemporaryDirectory() as tmp:
        sizes = []
        for name, requirements in (("main", main_requirements), ("this", (SIDECAR / "requirements.txt").read_text())):
            file = Path(tmp) / f"{name}.txt"
            file.write_text(requirements)
            venv = Path(tmp) / f"venv-{name}"
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
            subprocess.run([venv / "bin/pip", "install", "--no-cache-dir", "--disable-pip-version-check", "-q", "-r", file], check=True)
            sizes.append(_size_mb(venv))
    return sizes[1] - sizes[0], sizes[0], sizes[1]


def _missing_aarch64_wheels() -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        pip = [sys.executable, "-m", "pip", "download", "--disable-pip-version-check", "-q", "-d", tmp]
        target = ["--only-binary=:all:", "--platform", "manylinux2014_aarch64", "--python-version", "3.11"]
        result = subprocess.run([*pip, *target, "-r", str(SIDECAR / "requirements.txt")], capture_output=True, text=True)
        if result.returncode == 0:
            return []
        return sorted(set(re.findall(r"for the requirement (\S+)", result.stderr))) or [result.stderr.strip()[-200:]]


def _machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")), platform.processor())
    ram = _kib(Path("/proc/meminfo").read_text(), "MemTotal") / 2**20
    return f"{cpu}, {os.cpu_count()} cores, {ram:.1f} GiB RAM, Python {platform.python_version()}, {platform.platform()}"


def _block(
    args: argparse.Namespace, started: datetime, before: float, after: float, rows: list[tuple[str, str, str, str]], waited: float
) -> str:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True).stdout.strip()
    measured = ["python-sidecar/app", "python-sidecar/bench", "python-sidecar/requirements.txt"]
    dirty = subprocess.run(["git", "status", "--porcelain", *measured], cwd=REPO, capture_output=True, text=True).stdout.strip()
    flags = " ".join(
        f
        for f, on in (
            ("--install", args.install),
            ("--wheels", args.wheels),
            ("--write", args.write),
            (f"--max-load {args.max_load}", args.max_load),
        )
        if on
    )
    quiet = "" if not args.max_load else (f"; waited {waited:.0f} s for it to fall below {args.max_load}" if before < args.max_load else f"; **still above {args.max_load} after waiting {waited:.0f} s: figures are pessimistic**")
    lines = [
        f"### MOOD_MODEL={args.model}",
        "",
        f"- **Run:** {started:%Y-%m-%d %H:%M} UTC — `cd python-sidecar && .venv/bin/python -m bench --model {args.model} --batches {args.batches}{' ' + flags if flags else ''}`",
        f"- **Code:** commit {commit}{' (with uncommitted changes to app/, bench/ or requirements.txt)' if dirty else ''}",
        f"- **Machine:** {_machine()}",
        f"- **Load average (1 min):** {before:.2f} before → {after:.2f} after (shared machine: other jobs may have run){quiet}",
        "",
        "| metric | value | target | result |",
        "| --- | --- | --- | --- |",
        *[f"| {metric} | {value} | {target} | {verdict} |" for metric, value, target, verdict in rows],
    ]
    return "\n".join(lines)


def _write(block: str, model: str) -> None:
    """Replace this model's block, between <!-- sidecar-model-bench:<model>:begin/end --> markers."""
    begin, end = f"<!-- sidecar-model-bench:{model}:begin -->", f"<!-- sidecar-model-bench:{model}:end -->"
    doc = DOC.read_text(encoding="utf-8")
    if begin not in doc or end not in doc:
        raise SystemExit(f"{DOC} has no {begin} … {end} block to write into")
    head, rest = doc.split(begin, 1)
    _, tail = rest.split(end, 1)
    DOC.write_text(f"{head}{begin}\n{block}\n{end}{tail}", encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
