"""Run the mood models over a labelled set and print how they do, as a table or as JSON."""

import argparse
import json
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from app.eval.dataset import DEFAULT_DATASET, DatasetError, load_examples
from app.eval.metrics import Report, score
from app.inference import MOODS, LexiconModel, MoodModel, StubModel

MODELS: dict[str, Callable[[], MoodModel]] = {"stub": StubModel, "lexicon": LexiconModel}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app.eval", description=__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATASET, help="JSON Lines of {text, mood}")
    parser.add_argument(
        "--model", action="append", choices=sorted(MODELS), help="model to evaluate, repeatable (default: all)"
    )
    parser.add_argument("--json", action="store_true", help="print machine-readable JSON instead of tables")
    args = parser.parse_args(argv)

    try:
        examples = load_examples(args.data)
    except (OSError, DatasetError) as error:
        parser.error(str(error))

    expected = [example.mood for example in examples]
    texts = [example.text for example in examples]
    reports: dict[str, Report] = {}
    for key in args.model or MODELS:
        model = MODELS[key]()
        reports[model.name] = score(expected, [p.mood for p in model.predict_batch(texts)])

    if args.json:
        print(json.dumps(_as_json(args.data, len(examples), reports), indent=2))
    else:
        print(_as_text(args.data, len(examples), reports))
    return 0


def _shown(path: Path) -> str:
    """The dataset's path as the reader would type it: relative to where they are, if inside."""
    return str(path.resolve().relative_to(Path.cwd())) if path.resolve().is_relative_to(Path.cwd()) else str(path)


def _as_json(data: Path, size: int, reports: dict[str, Report]) -> dict[str, Any]:
    return {
        "dataset": _shown(data),
        "examples": size,
        "results": [{"model": name, **asdict(report)} for name, report in reports.items()],
    }


def _as_text(data: Path, size: int, reports: dict[str, Report]) -> str:
    lines = [f"dataset: {_shown(data)} ({size} examples)"]
    for name, report in reports.items():
        lines += ["", f"model: {name}  accuracy: {report.accuracy:.3f}  macro-F1: {report.macro_f1:.3f}"]
        lines.append(f"{'mood':<10} {'precision':>9} {'recall':>9} {'f1':>9} {'support':>9}")
        for mood, m in report.per_mood.items():
            lines.append(f"{mood:<10} {m.precision:>9.3f} {m.recall:>9.3f} {m.f1:>9.3f} {m.support:>9}")
        lines += ["", "confusion (rows: labelled mood, columns: predicted mood)"]
        lines.append(" " * 10 + "".join(f" {mood:>9}" for mood in MOODS))
        for truth, row in report.confusion.items():
            lines.append(f"{truth:<10}" + "".join(f" {row[guess]:>9}" for guess in MOODS))
    return "\n".join(lines)
