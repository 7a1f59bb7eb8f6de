from pathlib import Path

import pytest
from pydantic import ValidationError

from app.core.config import Settings

FIELDS = ("ENABLE_MODEL", "MOOD_MODEL", "MAX_TEXT_LENGTH", "MAX_BATCH_SIZE", "LOG_LEVEL")


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in FIELDS:
        monkeypatch.delenv(name, raising=False)


def test_defaults() -> None:
    settings = Settings(_env_file=None)

    assert settings.ENABLE_MODEL is False
    assert settings.MOOD_MODEL == "linear"
    assert settings.MAX_TEXT_LENGTH == 2000
    assert settings.MAX_BATCH_SIZE == 64
    assert settings.LOG_LEVEL == "INFO"


@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("0", False), ("true", True), ("", False)])
def test_enable_model_from_environment(monkeypatch: pytest.MonkeyPatch, raw: str, expected: bool) -> None:
    monkeypatch.setenv("ENABLE_MODEL", raw)

    assert Settings(_env_file=None).ENABLE_MODEL is expected


@pytest.mark.parametrize(
    ("name", "raw"),
    [
        ("ENABLE_MODEL", "maybe"),
        ("MOOD_MODEL", "bert"),
        ("MOOD_MODEL", "stub"),
        ("MAX_TEXT_LENGTH", "0"),
        ("MAX_BATCH_SIZE", "-1"),
        ("LOG_LEVEL", "LOUD"),
    ],
)
def test_bad_values_are_rejected_at_start(monkeypatch: pytest.MonkeyPatch, name: str, raw: str) -> None:
    monkeypatch.setenv(name, raw)

    with pytest.raises(ValidationError, match=name):
        Settings(_env_file=None)


def test_log_level_is_case_insensitive(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOG_LEVEL", "debug")

    assert Settings(_env_file=None).LOG_LEVEL == "DEBUG"


@pytest.mark.parametrize(("raw", "expected"), [("lexicon", "lexicon"), (" Linear ", "linear"), ("LEXICON", "lexicon")])
def test_mood_model_from_environment(monkeypatch: pytest.MonkeyPatch, raw: str, expected: str) -> None:
    monkeypatch.setenv("MOOD_MODEL", raw)

    assert Settings(_env_file=None).MOOD_MODEL == expected


def test_reads_the_shared_env_file_and_ignores_the_api_settings_in_it(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("PORT=3000\nSIDECAR_URL=http://127.0.0.1:8000\nENABLE_MODEL=1\nMAX_BATCH_SIZE=8\n")

    settings = Settings(_env_file=env_file)

    assert settings.ENABLE_MODEL is True
    assert settings.MAX_BATCH_SIZE == 8
