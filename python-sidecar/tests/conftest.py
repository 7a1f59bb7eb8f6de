from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.core.config import MoodModelName, Settings
from app.main import create_app


def _client(enable_model: bool, mood_model: MoodModelName = "linear") -> Iterator[TestClient]:
    # _env_file=None: a developer's .env must not change what the tests see.
    app = create_app(Settings(ENABLE_MODEL=enable_model, MOOD_MODEL=mood_model, _env_file=None))
    with TestClient(app) as client:  # `with` runs the lifespan, which loads the model
        yield client


@pytest.fixture
def stub_client() -> Iterator[TestClient]:
    yield from _client(enable_model=False)


@pytest.fixture
def lexicon_client() -> Iterator[TestClient]:
    yield from _client(enable_model=True, mood_model="lexicon")


@pytest.fixture(scope="session")
def linear_client() -> Iterator[TestClient]:
    """One for the session: mood-linear takes about a second to load, and no test changes it."""
    yield from _client(enable_model=True)
