"""The sidecar's settings: every knob is an environment variable, validated once at start."""

from pathlib import Path
from typing import Literal

from pydantic import PositiveInt, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# The monorepo root's .env (shared with the API, see SPEC section 11), when there is one.
WORKSPACE_ENV_FILE = Path(__file__).resolve().parents[3] / ".env"

LogLevel = Literal["CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG"]
MoodModelName = Literal["linear", "lexicon"]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=WORKSPACE_ENV_FILE,
        env_ignore_empty=True,
        # The shared .env also holds the API's settings; they are none of the sidecar's business.
        extra="ignore",
    )

    ENABLE_MODEL: bool = False
    """False (0): the stub answers `neutral`. True (1): the classifier MOOD_MODEL names runs."""
    MOOD_MODEL: MoodModelName = "linear"
    """Which classifier ENABLE_MODEL=1 runs: `linear` (mood-linear-v3, trained, the most accurate)
    or `lexicon` (vader-lexicon-v1). Ignored while ENABLE_MODEL is off."""

    MAX_TEXT_LENGTH: PositiveInt = 2000
    MAX_BATCH_SIZE: PositiveInt = 64
    LOG_LEVEL: LogLevel = "INFO"

    @field_validator("LOG_LEVEL", mode="before")
    @classmethod
    def _upper_case_level(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator("MOOD_MODEL", mode="before")
    @classmethod
    def _lower_case_model(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value


settings = Settings()
