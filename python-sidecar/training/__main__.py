"""python -m training: train mood-linear from corpus/ and write the artefact the sidecar serves."""

import argparse
import json
import sys
import time
from pathlib import Path

from app.eval.dataset import CORPUS_LINES, load_corpus
from app.inference.linear.model import ARTEFACT_DIR
from training.corpus_check import exact_duplicates, near_duplicates
from training.train import DEFAULT_SEED, train


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training", description=__doc__)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"recorded in the manifest (default {DEFAULT_SEED})")
    parser.add_argument("--out", type=Path, default=ARTEFACT_DIR, help="artefact directory (default: the shipped one)")
    parser.add_argument("--corpus", type=Path, default=CORPUS_LINES, help="corpus lines directory")
    parser.add_argument("--date", help="trained_on date for the manifest, YYYY-MM-DD (default: today, UTC)")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    corpus = load_corpus(args.corpus)
    duplicates = exact_duplicates(corpus)
    leaks = [pair for pair in near_duplicates(corpus) if pair.across_splits]
    if duplicates or leaks:
        for again, first in duplicates:
            print(f"duplicate: {again.source}: {again.text!r} (also in {first.source})", file=sys.stderr)
        for pair in leaks:
            print(f"near-duplicate across splits ({pair.similarity:.2f}): {pair.first.text!r} / {pair.second.text!r}", file=sys.stderr)
        print("fix the corpus first: every line must be distinct from every line in another split", file=sys.stderr)
        return 1

    artefact = train(corpus, seed=args.seed, trained_on=args.date)
    artefact.save(args.out)
    manifest = artefact.manifest
    print(f"wrote {manifest['name']} {manifest['version']} to {args.out} in {time.perf_counter() - started:.1f} s")
    print(f"corpus: {json.dumps(manifest['data']['lines'])}, vocabulary {manifest['features']['sparse']['vocabulary']}")
    print(f"calibration (dev): {json.dumps(manifest['calibration'])}")
    for split, metrics in manifest["metrics"].items():
        print(f"{split}: {json.dumps(metrics)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
