"""Labelled chat lines: the corpus (corpus/lines/<mood>/<batch>.txt, split by a fixed rule), the
adversarial set, and any JSON Lines file of `{"text": ..., "mood": ...}` (e.g. a private held-out set)."""

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, cast, get_args

from app.inference.base import MOODS, Mood

SIDECAR_ROOT = Path(__file__).resolve().parents[2]
CORPUS_LINES = SIDECAR_ROOT / "corpus" / "lines"
ADVERSARIAL_SET = SIDECAR_ROOT / "corpus" / "adversarial.jsonl"

Split = Literal["train", "dev", "test"]
SPLITS: tuple[Split, ...] = get_args(Split)
TRAIN_PERCENT = 70
DEV_PERCENT = 15
"""The rest (15 %) is the test split."""

_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Example:
    text: str
    mood: Mood
    source: str = ""
    """Where the line comes from: `<mood>/<batch>` for the corpus, a tag or "" elsewhere."""


class DatasetError(ValueError):
    pass


def normalise(text: str) -> str:
    """The form two lines are compared in: NFKC, lower case, single spaces."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text).lower()).strip()


def split_of(text: str) -> Split:
    """The split a line belongs to, from the SHA-256 of its normalised text: the first 4 bytes as a
    big-endian number, modulo 100, below 70 is train, below 85 dev, the rest test. It depends on
    nothing but the text, so adding lines never moves another line to a different split."""
    bucket = int.from_bytes(hashlib.sha256(normalise(text).encode("utf-8")).digest()[:4], "big") % 100
    if bucket < TRAIN_PERCENT:
        return "train"
    return "dev" if bucket < TRAIN_PERCENT + DEV_PERCENT else "test"


def load_corpus(lines_dir: Path = CORPUS_LINES) -> list[Example]:
    """Every line of `<lines_dir>/<mood>/<batch>.txt` (one chat line per line, blank lines skipped),
    in a fixed order: mood directories and batch files sorted by name, lines as written."""
    examples = []
    for mood_dir in sorted(path for path in lines_dir.iterdir() if path.is_dir()):
        if mood_dir.name not in MOODS:
            raise DatasetError(f"{mood_dir}: not a mood ({', '.join(MOODS)})")
        mood = cast(Mood, mood_dir.name)
        for batch in sorted(mood_dir.glob("*.txt")):
            for line in batch.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    examples.append(Example(text=line.strip(), mood=mood, source=f"{mood}/{batch.stem}"))
    if not examples:
        raise DatasetError(f"{lines_dir}: no examples")
    return examples


def corpus_split(split: Split, examples: list[Example] | None = None) -> list[Example]:
    """The corpus lines of one split, in corpus order."""
    return [example for example in (examples or load_corpus()) if split_of(example.text) == split]


def load_examples(path: Path) -> list[Example]:
    """Read JSON Lines of `{"text": ..., "mood": ...}`, blank lines skipped. A string "kind" (the
    adversarial set tags its lines so) becomes the example's `source`; other keys are ignored."""
    examples = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                raise DatasetError(f"{path}:{number}: not JSON ({error.msg})") from error
            text, mood = (row.get("text"), row.get("mood")) if isinstance(row, dict) else (None, None)
            if not isinstance(text, str) or not text.strip():
                raise DatasetError(f"{path}:{number}: needs a non-empty string 'text'")
            if mood not in MOODS:
                raise DatasetError(f"{path}:{number}: 'mood' must be one of {', '.join(MOODS)}")
            kind = row.get("kind")
            examples.append(Example(text=text, mood=cast(Mood, mood), source=kind if isinstance(kind, str) else ""))
    if not examples:
        raise DatasetError(f"{path}: no examples")
    return examples
