"""The corpus is big enough, balanced enough, and its splits share no line or near-copy."""

from collections import Counter

import pytest

from app.eval.dataset import ADVERSARIAL_SET, Example, load_corpus, load_examples, split_of
from app.inference import MOODS
from training.corpus_check import NEAR_DUPLICATE, exact_duplicates, near_duplicates


@pytest.fixture(scope="module")
def corpus() -> list[Example]:
    return load_corpus()


def test_at_least_3000_lines_and_300_per_mood(corpus: list[Example]) -> None:
    per_mood = Counter(example.mood for example in corpus)

    assert len(corpus) >= 3000
    assert set(per_mood) == set(MOODS)
    assert min(per_mood.values()) >= 300


def test_no_line_is_there_twice(corpus: list[Example]) -> None:
    assert exact_duplicates(corpus) == []


def test_no_near_duplicates_across_splits(corpus: list[Example]) -> None:
    assert [(p.first.text, p.second.text) for p in near_duplicates(corpus) if p.across_splits] == []


def test_the_split_rule_gives_about_70_15_15(corpus: list[Example]) -> None:
    shares = Counter(split_of(example.text) for example in corpus)

    assert shares["train"] / len(corpus) == pytest.approx(0.70, abs=0.04)
    assert shares["dev"] / len(corpus) == pytest.approx(0.15, abs=0.03)
    assert shares["test"] / len(corpus) == pytest.approx(0.15, abs=0.03)


def test_the_split_depends_only_on_the_normalised_text() -> None:
    lines = [f"line number {n} of the lobby" for n in range(200)]

    assert [split_of(line) for line in lines] == [split_of(f"  {line.upper()} ") for line in lines]
    assert {split_of(line) for line in lines} == {"train", "dev", "test"}


def test_the_adversarial_set_covers_its_kinds_and_copies_no_corpus_line(corpus: list[Example]) -> None:
    adversarial = load_examples(ADVERSARIAL_SET)
    kinds = Counter(example.source for example in adversarial)

    assert set(kinds) == {"negation", "intensifier", "emoji-only", "all-caps", "lol-after-bad-news", "neutral-with-emotion-words"}
    assert min(kinds.values()) >= 10
    assert exact_duplicates(corpus + adversarial) == []
    pairs = near_duplicates(corpus + adversarial, NEAR_DUPLICATE)
    assert [(p.first.text, p.second.text) for p in pairs if (p.first in adversarial) != (p.second in adversarial)] == []
