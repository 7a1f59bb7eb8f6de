"""python -m training.ablation: how each feature group and hyperparameter does, on data the model
is not fitted on, to choose Hyperparameters. Never touches the test split.

Two scores per configuration:
- dev: fitted on the train split, scored on the dev split;
- older sets: fitted on the train split without the lines of the two older sets (batches
  eval-v1 and holdout-v1, written in another session before the rest of the corpus), scored on
  those older lines that are in train or dev (never test). It estimates how the model does on
  chat it was not written alongside, which is what the private acceptance set is.
"""

import argparse
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_limits

from app.eval.dataset import Example, load_corpus, split_of
from app.eval.metrics import score
from app.inference.base import MOODS
from app.inference.lexicon import LexiconModel
from app.inference.linear.emoji import EmojiModel
from training.train import Features, build_vocabulary, featurise

OLDER_BATCHES = ("eval-v1", "holdout-v1")
GROUPS = {
    "n-grams": ("sparse",),
    "lexicon": ("lexicon",),
    "emoji": ("emoji",),
    "lexicon+emoji": ("lexicon", "emoji"),
    "n-grams+lexicon": ("sparse", "lexicon"),
    "n-grams+emoji": ("sparse", "emoji"),
    "all": ("sparse", "lexicon", "emoji"),
}


def _fit_and_score(
    train: Sequence[Example], test: Sequence[Example], groups: Sequence[str], C: float, dense_weight: float
) -> tuple[float, float, float]:
    emoji, lexicon = EmojiModel(), LexiconModel()
    vocabulary = build_vocabulary([e.text for e in train], 2)
    fitted, scored = (featurise([e.text for e in rows], vocabulary, emoji, lexicon) for rows in (train, test))
    n_emoji = len(emoji.emoji)
    mean, std = fitted.dense.mean(axis=0), fitted.dense.std(axis=0) + 1e-6

    def design(features: Features) -> sp.csr_matrix:
        dense = dense_weight * (features.dense - mean) / std
        blocks = {"sparse": features.sparse, "emoji": sp.csr_matrix(dense[:, :n_emoji]), "lexicon": sp.csr_matrix(dense[:, n_emoji:])}
        return sp.hstack([blocks[group] for group in groups], format="csr")

    with threadpool_limits(limits=1):
        model = LogisticRegression(C=C, max_iter=3000).fit(design(fitted), [MOODS.index(e.mood) for e in train])
    answers = [MOODS[i] for i in model.predict(design(scored))]
    report = score([e.mood for e in test], answers)
    return report.accuracy, report.macro_f1, min(m.recall for m in report.per_mood.values())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.ablation", description=__doc__)
    parser.parse_args(argv)
    corpus = load_corpus()
    split = {id(e): split_of(e.text) for e in corpus}
    older = {id(e) for e in corpus if e.source.split("/")[1] in OLDER_BATCHES}
    train = [e for e in corpus if split[id(e)] == "train"]
    dev = [e for e in corpus if split[id(e)] == "dev"]
    train_new = [e for e in train if id(e) not in older]
    older_seen = [e for e in corpus if id(e) in older and split[id(e)] != "test"]

    configs = [(name, groups, 1.0, 0.2) for name, groups in GROUPS.items()]
    configs += [("all", GROUPS["all"], C, weight) for C in (0.3, 1.0, 3.0) for weight in (0.1, 0.2, 0.3) if (C, weight) != (1.0, 0.2)]
    print(f"train {len(train)}, dev {len(dev)}; older sets: fitted on {len(train_new)}, scored on {len(older_seen)}")
    print("| features | C | dense weight | dev accuracy | dev macro-F1 | dev lowest recall | older-sets accuracy | older-sets macro-F1 | older-sets lowest recall |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, groups, C, weight in configs:
        dev_scores = _fit_and_score(train, dev, groups, C, weight)
        other = _fit_and_score(train_new, older_seen, groups, C, weight)
        print(
            f"| {name} | {C} | {weight} | {dev_scores[0]:.3f} | {dev_scores[1]:.3f} | {dev_scores[2]:.3f} | "
            f"{other[0]:.3f} | {other[1]:.3f} | {other[2]:.3f} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
