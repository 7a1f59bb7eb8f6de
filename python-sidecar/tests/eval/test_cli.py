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


def test_summary_table_and_details(tiny_set: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data", str(tiny_set), "--model", "stub", "--model", "lexicon"]) == 0

    out = capsys.readouterr().out
    rows = [[cell.strip() for cell in line.strip("|").split("|")] for line in out.splitlines() if line.startswith("| ") and not line.startswith("| ---")]
    assert rows[0][:5] == ["model", "set", "lines", "accuracy", "macro-F1"]
    stub, lexicon = rows[1], rows[2]
    assert stub[0] == "stub" and stub[2:6] == ["4", "0.250", "0.057", "0.000"]
    assert stub[6:8] == ["0.750", "1.000"]  # ECE: always sure, right 1 in 4; every emotional line neutral
    assert lexicon[0] == "vader-lexicon-v1" and lexicon[2:4] == ["4", "1.000"]
    assert "model: stub  set: " in out
    assert out.count("confusion (rows: labelled mood, columns: predicted mood)") == 2
    details = [line.split() for line in out.splitlines() if line.split()[:1] == ["disgusted"]]
    assert ["disgusted", "0.000", "0.000", "0.000", "1"] in details  # stub: per-mood row


def test_json_output(tiny_set: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data", str(tiny_set), "--json", "--model", "linear"]) == 0

    [result] = json.loads(capsys.readouterr().out)["results"]
    assert result["model"] == "mood-linear-v3"
    assert result["examples"] == len(LINES)
    assert {"accuracy", "macro_f1", "per_mood", "confusion", "ece", "emotional_as_neutral", "ms_per_text"} <= set(result)
    assert result["accuracy"] == 1.0
    assert list(result["per_mood"]) == list(MOODS)
    assert result["confusion"]["scared"]["scared"] == 1
    assert result["ms_per_text"] > 0


def test_default_sets_are_dev_test_and_adversarial_with_kinds(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--model", "stub", "--json"]) == 0

    results = json.loads(capsys.readouterr().out)["results"]
    assert [r["dataset"] for r in results] == ["dev", "test", "adversarial"]
    assert results[0]["by_kind"] == {}
    assert "emoji-only" in results[2]["by_kind"]


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
        timeout=120,
    )

    assert [r["model"] for r in json.loads(completed.stdout)["results"]] == ["stub", "vader-lexicon-v1", "mood-linear-v3"]
