import json
from pathlib import Path

from fastapi.testclient import TestClient

MANIFEST = Path(__file__).resolve().parents[3] / "app" / "inference" / "linear" / "artefact" / "manifest.json"


def test_health_names_the_stub_by_default(stub_client: TestClient) -> None:
    response = stub_client.get("/health")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "model": "stub", "version": "1"}


def test_health_names_the_lexicon_model_when_chosen(lexicon_client: TestClient) -> None:
    response = lexicon_client.get("/health")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "model": "vader-lexicon-v1", "version": "1"}


def test_health_names_the_trained_model_and_the_data_it_was_trained_on(linear_client: TestClient) -> None:
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))

    response = linear_client.get("/health")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "model": "mood-linear-v3", "version": manifest["version"]}
    assert manifest["version"] == f"3.0.0+data.{manifest['data']['sha256'][:12]}"
