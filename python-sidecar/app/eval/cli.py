"""Run the mood models over labelled sets and print how they do: a summary table (Markdown, the one
in the README), then per model and set the per-mood scores and the confusion matrix; or JSON.

Sets: the corpus's dev and test splits, the adversarial set, or any JSON Lines file of
{"text", "mood"} given with --data (a private held-out set, say)."""

import argparse
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from app.eval.dataset import ADVERSARIAL_SET, DatasetError, Example, corpus_split, load_corpus, load_examples
from app.eval.metrics import Report, score
from app.inference import MOODS, LexiconModel, MoodModel, StubModel

BATCH = 16
"""Texts per predict_batch call when timing, as the API sends them."""


def _linear() -> MoodModel:
    from app.inference.linear import LinearModel

    return LinearModel()


MODELS: dict[str, Callable[[], MoodModel]] = {"stub": StubModel, "lexicon": LexiconModel, "linear": _linear}
SETS = ("dev", "test", "adversarial")


@dataclass(frozen=True)
class Result:
    model: str
    dataset: str
    report: Report
    ms_per_text: float
    by_kind: dict[str, float]
    """Accuracy per `kind` of line, for sets that tag them (the adversarial set)."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app.eval", description=__doc__)
    parser.add_argument("--set", action="append", choices=SETS, help="set to score, repeatable (default: all three)")
    parser.add_argument("--data", type=Path, action="append", help="a JSON Lines file of {text, mood} instead, repeatable")
    parser.add_argument(
        "--model", action="append", choices=sorted(MODELS), help="model to evaluate, repeatable (default: all)"
    )
    parser.add_argument("--json", action="store_true", help="print machine-readable JSON instead of tables")
    args = parser.parse_args(argv)

    try:
        datasets = _datasets(args.data, args.set)
    except (OSError, DatasetError) as error:
        parser.error(str(error))

    results = []
    for key in args.model or MODELS:
        model = MODELS[key]()
        for name, examples in datasets.items():
            results.append(evaluate(model, name, examples))

    print(json.dumps(_as_json(results), indent=2) if args.json else _as_text(results))
    return 0


def _datasets(paths: list[Path] | None, sets: list[str] | None) -> dict[str, list[Example]]:
    if paths:
        return {_shown(path): load_examples(path) for path in paths}
    corpus = load_corpus()
    loaders: dict[str, Callable[[], list[Example]]] = {
        "dev": lambda: corpus_split("dev", corpus),
        "test": lambda: corpus_split("test", corpus),
        "adversarial": lambda: load_examples(ADVERSARIAL_SET),
    }
    return {name: loaders[name]() for name in sets or SETS}


def evaluate(model: MoodModel, dataset: str, examples: Sequence[Example]) -> Result:
    texts = [example.text for example in examples]
    model.predict_batch(texts[:BATCH])  # warm-up: first-call costs are not per-text costs
    started = time.perf_counter()
    predictions = [p for start in range(0, len(texts), BATCH) for p in model.predict_batch(texts[start : start + BATCH])]
    elapsed = time.perf_counter() - started
    expected = [example.mood for example in examples]
    answers = [p.mood for p in predictions]
    kinds: dict[str, list[bool]] = {}
    for example, answer in zip(examples, answers, strict=True):
        if example.source and "/" not in example.source:
            kinds.setdefault(example.source, []).append(answer == example.mood)
    return Result(
        model=model.name,
        dataset=dataset,
        report=score(expected, answers, [p.confidence for p in predictions]),
        ms_per_text=1000 * elapsed / len(texts),
        by_kind={kind: sum(hits) / len(hits) for kind, hits in sorted(kinds.items())},
    )


def _shown(path: Path) -> str:
    """The dataset's path as the reader would type it: relative to where they are, if inside."""
    return str(path.resolve().relative_to(Path.cwd())) if path.resolve().is_relative_to(Path.cwd()) else str(path)


def _as_json(results: list[Result]) -> dict[str, Any]:
    return {
        "results": [
            {
                "model": r.model,
                "dataset": r.dataset,
                "examples": sum(m.support for m in r.report.per_mood.values()),
                "ms_per_text": round(r.ms_per_text, 4),
                **asdict(r.report),
                "by_kind": r.by_kind,
            }
            for r in results
        ]
    }


def _lowest_recall(report: Report) -> float:
    """The lowest recall over the moods the set has lines of."""
    return min((m.recall for m in report.per_mood.values() if m.support), default=0.0)


def _as_text(results: list[Result]) -> str:
    lines = [
        "| model | set | lines | accuracy | macro-F1 | lowest recall | ECE | emotional → neutral | ms/text |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in results:
        n = sum(m.support for m in r.report.per_mood.values())
        ece = f"{r.report.ece:.3f}" if r.report.ece is not None else "-"
        lines.append(
            f"| {r.model} | {r.dataset} | {n} | {r.report.accuracy:.3f} | {r.report.macro_f1:.3f} | "
            f"{_lowest_recall(r.report):.3f} | {ece} | {r.report.emotional_as_neutral:.3f} | {r.ms_per_text:.3f} |"
        )
    for r in results:
        lines += ["", f"model: {r.model}  set: {r.dataset}  accuracy: {r.report.accuracy:.3f}  macro-F1: {r.report.macro_f1:.3f}"]
        lines.append(f"{'mood':<10} {'precision':>9} {'recall':>9} {'f1':>9} {'support':>9}")
        for mood, m in r.report.per_mood.items():
            lines.append(f"{mood:<10} {m.precision:>9.3f} {m.recall:>9.3f} {m.f1:>9.3f} {m.support:>9}")
        lines += ["confusion (rows: labelled mood, columns: predicted mood)"]
        lines.append(" " * 10 + "".join(f" {mood:>9}" for mood in MOODS))
        for truth, row in r.report.confusion.items():
            lines.append(f"{truth:<10}" + "".join(f" {row[guess]:>9}" for guess in MOODS))
        if r.by_kind:
            lines.append("accuracy by kind: " + ", ".join(f"{kind} {acc:.2f}" for kind, acc in r.by_kind.items()))
    return "\n".join(lines)
