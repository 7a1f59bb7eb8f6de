import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.eval.cli import main
from app.inference import MOODS

SIDECAR_ROOT = Path(__file__).resolve().parents[2]
LINES = [
    ("I am so happy today!", "happy"),
    ("ok see you at 5", "neutral"),
    ("ewww gross", "disgusted"),
    ("I'm terrified", "scared"),
]


@pytest.fixture
def tiny_set(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.jsonl"
    path.write_text("".join(json.dumps({"text": text, "mood": mood}) + "\n" for text, mood in LINES))
    return path


def test_table_output(tiny_set: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data", str(tiny_set)]) == 0

    out = capsys.readouterr().out
    assert f"({len(LINES)} examples)" in out
    assert "model: stub  accuracy: 0.250  macro-F1: 0.057" in out
    assert "model: vader-lexicon-v1  accuracy: 1.000  macro-F1: 0.571" in out
    headers = [line.split() for line in out.splitlines() if line.startswith("mood ")]
    assert headers == [["mood", "precision", "recall", "f1", "support"]] * 2
    rows = [line.split() for line in out.splitlines() if line.split()[:1] == ["disgusted"]]
    assert ["disgusted", "0.000", "0.000", "0.000", "1"] in rows  # stub: per-mood row
    assert ["disgusted", "1.000", "1.000", "1.000", "1"] in rows  # lexicon: per-mood row


def test_json_output(tiny_set: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data", str(tiny_set), "--json", "--model", "lexicon"]) == 0

    report = json.loads(capsys.readouterr().out)
    assert report["examples"] == len(LINES)
    [result] = report["results"]
    assert set(result) == {"model", "accuracy", "macro_f1", "per_mood", "confusion"}
    assert result["model"] == "vader-lexicon-v1"
    assert result["accuracy"] == 1.0
    assert list(result["per_mood"]) == list(MOODS)
    assert set(result["per_mood"]["happy"]) == {"precision", "recall", "f1", "support"}
    assert result["confusion"]["scared"]["scared"] == 1


def test_a_missing_dataset_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--data", str(tmp_path / "nope.jsonl")])

    assert exit_info.value.code == 2
    assert "nope.jsonl" in capsys.readouterr().err


def test_runs_as_a_module(tiny_set: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "app.eval", "--data", str(tiny_set), "--json"],
        cwd=SIDECAR_ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )

    assert [r["model"] for r in json.loads(completed.stdout)["results"]] == ["stub", "vader-lexicon-v1"]
