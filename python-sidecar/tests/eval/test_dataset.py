from pathlib import Path

import pytest

from app.eval.dataset import DEFAULT_DATASET, DatasetError, Example, load_examples
from app.inference import MOODS


def test_loads_examples_and_skips_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "set.jsonl"
    path.write_text('{"text": "yay", "mood": "happy"}\n\n{"text": "ew", "mood": "disgusted"}\n')

    assert load_examples(path) == [Example("yay", "happy"), Example("ew", "disgusted")]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("not json", "2: not JSON"),
        ('{"text": "hi", "mood": "bored"}', "2: 'mood' must be one of"),
        ('{"text": "  ", "mood": "happy"}', "2: needs a non-empty string 'text'"),
        ('["hi", "happy"]', "2: needs a non-empty string 'text'"),
    ],
)
def test_bad_lines_name_their_line_number(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "set.jsonl"
    path.write_text('{"text": "fine", "mood": "neutral"}\n' + line + "\n")

    with pytest.raises(DatasetError, match=message):
        load_examples(path)


HOLDOUT = DEFAULT_DATASET.with_name("holdout.jsonl")


@pytest.mark.parametrize(("path", "per_mood"), [(DEFAULT_DATASET, 30), (HOLDOUT, 10)])
def test_the_shipped_sets_cover_every_mood(path: Path, per_mood: int) -> None:
    examples = load_examples(path)

    assert all(sum(e.mood == mood for e in examples) >= per_mood for mood in MOODS)
    assert len({e.text for e in examples}) == len(examples)


def test_the_two_shipped_sets_share_no_line() -> None:
    holdout = load_examples(HOLDOUT)

    assert not {e.text for e in load_examples(DEFAULT_DATASET)} & {e.text for e in holdout}
