from pathlib import Path

import pytest

from app.eval.dataset import DatasetError, Example, corpus_split, load_corpus, load_examples
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


def test_a_kind_becomes_the_source(tmp_path: Path) -> None:
    path = tmp_path / "set.jsonl"
    path.write_text('{"text": "😭😭", "mood": "sad", "kind": "emoji-only"}\n')

    assert load_examples(path) == [Example("😭😭", "sad", "emoji-only")]


def _write_corpus(root: Path, files: dict[str, str]) -> Path:
    for name, content in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(content)
    return root


def test_the_corpus_is_read_by_mood_directory_and_batch_file_in_order(tmp_path: Path) -> None:
    lines = _write_corpus(
        tmp_path, {"sad/b.txt": "so lonely\n\n", "happy/z.txt": "  yay  \n", "happy/a.txt": "we won\nlets go\n"}
    )

    assert load_corpus(lines) == [
        Example("we won", "happy", "happy/a"),
        Example("lets go", "happy", "happy/a"),
        Example("yay", "happy", "happy/z"),
        Example("so lonely", "sad", "sad/b"),
    ]


def test_a_directory_that_is_not_a_mood_is_refused(tmp_path: Path) -> None:
    lines = _write_corpus(tmp_path, {"bored/a.txt": "meh\n"})

    with pytest.raises(DatasetError, match="bored: not a mood"):
        load_corpus(lines)


def test_the_splits_partition_the_corpus() -> None:
    corpus = load_corpus()
    splits = [corpus_split(name, corpus) for name in ("train", "dev", "test")]

    assert sorted(e.text for split in splits for e in split) == sorted(e.text for e in corpus)
    assert all(splits)
