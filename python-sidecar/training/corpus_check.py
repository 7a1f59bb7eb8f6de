"""Duplicates and near-duplicates in the corpus. Two lines are near-duplicates when the Jaccard
similarity of their sets of character 3-grams (of the normalised text, with word boundaries) is
at least NEAR_DUPLICATE; such pairs would let the test split score lines the model has all but
seen, and are a sign of templated writing."""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from app.eval.dataset import Example, normalise, split_of

NEAR_DUPLICATE = 0.7


@dataclass(frozen=True)
class Pair:
    first: Example
    second: Example
    similarity: float

    @property
    def across_splits(self) -> bool:
        return split_of(self.first.text) != split_of(self.second.text)


def trigrams(text: str) -> set[str]:
    padded = f" {normalise(text)} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def near_duplicates(examples: Sequence[Example], threshold: float = NEAR_DUPLICATE) -> list[Pair]:
    """Every pair of lines at or above `threshold`, most similar first."""
    grams = [trigrams(example.text) for example in examples]
    columns: dict[str, int] = {}
    rows, cols = [], []
    for row, line_grams in enumerate(grams):
        for gram in line_grams:
            rows.append(row)
            cols.append(columns.setdefault(gram, len(columns)))
    matrix = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(grams), len(columns)))
    shared = sp.triu(matrix @ matrix.T, k=1).tocoo()
    sizes = np.array([len(line_grams) for line_grams in grams])
    similarity = shared.data / (sizes[shared.row] + sizes[shared.col] - shared.data)
    found = [
        Pair(examples[i], examples[j], float(s))
        for i, j, s in zip(shared.row, shared.col, similarity, strict=True)
        if s >= threshold
    ]
    return sorted(found, key=lambda pair: (-pair.similarity, pair.first.text, pair.second.text))


def exact_duplicates(examples: Sequence[Example]) -> list[tuple[Example, Example]]:
    """Pairs of lines equal once normalised (the second one seen, and the first)."""
    seen: dict[str, Example] = {}
    found = []
    for example in examples:
        key = normalise(example.text)
        if key in seen:
            found.append((example, seen[key]))
        else:
            seen[key] = example
    return found
