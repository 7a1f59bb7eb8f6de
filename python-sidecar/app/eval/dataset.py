import json
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from app.inference.base import MOODS, Mood

DEFAULT_DATASET = Path(__file__).resolve().parents[2] / "eval" / "moods.jsonl"


@dataclass(frozen=True)
class Example:
    text: str
    mood: Mood


class DatasetError(ValueError):
    pass


def load_examples(path: Path) -> list[Example]:
    """Read JSON Lines of `{"text": ..., "mood": ...}`; blank lines are skipped."""
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
            examples.append(Example(text=text, mood=cast(Mood, mood)))
    if not examples:
        raise DatasetError(f"{path}: no examples")
    return examples
