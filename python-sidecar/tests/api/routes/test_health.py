from fastapi.testclient import TestClient


def test_health_names_the_stub_by_default(stub_client: TestClient) -> None:
    response = stub_client.get("/health")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "model": "stub"}


def test_health_names_the_lexicon_model_when_enabled(lexicon_client: TestClient) -> None:
    response = lexicon_client.get("/health")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "model": "vader-lexicon-v1"}
