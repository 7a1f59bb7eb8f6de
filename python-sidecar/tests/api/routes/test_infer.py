import asyncio
import math
from collections.abc import Sequence
from typing import Any, cast

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.api.routes.infer import INLINE_CHARS
from app.core.config import settings
from app.inference import MOODS, Prediction, StubModel

MAX_TEXT = settings.MAX_TEXT_LENGTH
MAX_BATCH = settings.MAX_BATCH_SIZE


def assert_valid_result(body: dict[str, Any]) -> None:
    assert body["mood"] in MOODS
    assert 0.0 <= body["confidence"] <= 1.0
    assert set(body["scores"]) == set(MOODS)
    assert math.isclose(sum(body["scores"].values()), 1.0, abs_tol=1e-3)  # rounded to 4 decimals
    assert body["confidence"] == body["scores"][body["mood"]]
    assert all(round(p, 4) == p for p in body["scores"].values())


class TestInfer:
    def test_stub_answers_neutral_with_full_confidence(self, stub_client: TestClient) -> None:
        body = {"text": "I am so happy today!", "messageId": "m1", "seed": "ab12cd34"}

        response = stub_client.post("/infer", json=body)

        assert response.status_code == 200
        result = response.json()
        assert set(result) == {"mood", "confidence", "scores", "model"}  # echoes nothing else
        assert result["mood"] == "neutral"
        assert result["confidence"] == 1.0
        assert result["model"] == "stub"
        assert_valid_result(result)

    def test_lexicon_model_reads_the_mood(self, lexicon_client: TestClient) -> None:
        response = lexicon_client.post("/infer", json={"text": "I am so happy today!"})

        assert response.status_code == 200
        body = response.json()
        assert body["mood"] == "happy"
        assert body["model"] == "vader-lexicon-v1"
        assert_valid_result(body)

    def test_trained_model_answers_with_a_probability_for_every_mood(self, linear_client: TestClient) -> None:
        response = linear_client.post("/infer", json={"text": "omg I cant believe you did that 😱", "messageId": "m1"})

        assert response.status_code == 200
        body = response.json()
        assert set(body) == {"mood", "confidence", "scores", "model"}  # the shape SPEC section 9 gives
        assert body["mood"] == "surprised"
        assert body["model"] == "mood-linear-v3"
        assert_valid_result(body)
        # Probabilities, not a one-hot (the smallest may round to 0 at 4 decimals).
        assert body["confidence"] < 1 and sorted(body["scores"].values())[-2] > 0

    def test_text_is_stripped_before_the_length_check(self, stub_client: TestClient) -> None:
        response = stub_client.post("/infer", json={"text": "   " + "a" * MAX_TEXT + "\n\t "})

        assert response.status_code == 200

    def test_text_of_exactly_the_maximum_length_is_accepted(self, stub_client: TestClient) -> None:
        assert stub_client.post("/infer", json={"text": "a" * MAX_TEXT}).status_code == 200

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({"text": ""}, "text"),
            ({"text": "   \n\t "}, "text"),
            ({"text": "a" * (MAX_TEXT + 1)}, "text"),
            ({}, "text"),
            ({"messageId": "m1"}, "text"),
            ({"text": 42}, "text"),
            ({"text": None}, "text"),
            ({"text": ["hi"]}, "text"),
            ({"text": "hi", "messageId": 7}, "messageId"),
            ({"text": "hi", "seed": ""}, "seed"),
            ({"text": "hi", "mood": "happy"}, "mood"),
        ],
    )
    def test_invalid_bodies_are_rejected(self, stub_client: TestClient, body: dict[str, Any], field: str) -> None:
        response = stub_client.post("/infer", json=body)

        assert response.status_code == 422
        assert [error["loc"] for error in response.json()["detail"]] == [["body", field]]

    @pytest.mark.parametrize(
        ("content", "content_type"),
        [
            (b"{not json", "application/json"),
            (b"hello", "text/plain"),
            (b'["a list"]', "application/json"),
            (b"", "application/json"),
        ],
    )
    def test_non_object_bodies_are_rejected(self, stub_client: TestClient, content: bytes, content_type: str) -> None:
        response = stub_client.post("/infer", content=content, headers={"content-type": content_type})

        assert response.status_code == 422


class TestInferBatch:
    def test_results_come_back_in_order_with_their_message_ids(self, lexicon_client: TestClient) -> None:
        items = [
            {"text": "I am so happy today!", "messageId": "a"},
            {"text": "ok see you at 5", "messageId": "b", "seed": "0f0f0f0f"},
            {"text": "ewww that is disgusting"},
            {"text": "I'm terrified of the dark", "messageId": "d"},
        ]

        response = lexicon_client.post("/infer/batch", json={"items": items})

        assert response.status_code == 200
        results = response.json()["results"]
        assert [result["mood"] for result in results] == ["happy", "neutral", "disgusted", "scared"]
        assert [result.get("messageId") for result in results] == ["a", "b", None, "d"]
        assert "messageId" not in results[2]  # nothing is made up for an item that sent none
        for result in results:
            assert set(result) <= {"mood", "confidence", "scores", "model", "messageId"}
            assert result["model"] == "vader-lexicon-v1"
            assert_valid_result(result)

    def test_batch_agrees_with_single_inference(self, lexicon_client: TestClient) -> None:
        texts = ["this is terrible, I hate it", "wait what?! since when", "my cat died 😢"]

        batch = lexicon_client.post("/infer/batch", json={"items": [{"text": t} for t in texts]}).json()["results"]
        single = [lexicon_client.post("/infer", json={"text": t}).json() for t in texts]

        assert batch == single

    def test_trained_model_batch_is_in_order_and_agrees_with_single_inference(self, linear_client: TestClient) -> None:
        texts = [
            "I am so happy today!",
            "the train leaves at 7:45",
            "ewww there's a hair in my soup",
            "there's someone outside my window",
            "I miss my grandpa so much",
            "WHO KEEPS TAKING MY CHARGER",
        ]
        items = [{"text": text, "messageId": f"m{i}"} for i, text in enumerate(texts)]

        batch = linear_client.post("/infer/batch", json={"items": items}).json()["results"]
        single = [linear_client.post("/infer", json={"text": text}).json() for text in texts]

        assert [r["mood"] for r in batch] == ["happy", "neutral", "disgusted", "scared", "sad", "angry"]
        assert [r["messageId"] for r in batch] == [f"m{i}" for i in range(len(texts))]
        assert [{k: v for k, v in r.items() if k != "messageId"} for r in batch] == single
        for result in batch:
            assert_valid_result(result)

    def test_the_maximum_batch_size_is_accepted(self, stub_client: TestClient) -> None:
        response = stub_client.post("/infer/batch", json={"items": [{"text": f"line {i}"} for i in range(MAX_BATCH)]})

        assert response.status_code == 200
        assert len(response.json()["results"]) == MAX_BATCH

    @pytest.mark.parametrize(
        "body",
        [
            {"items": []},
            {"items": [{"text": "hi"}] * (MAX_BATCH + 1)},
            {},
            {"items": {"text": "hi"}},
            {"items": [{"text": "hi"}], "extra": True},
        ],
        ids=["empty", "too-many", "missing", "not-a-list", "extra-field"],
    )
    def test_invalid_batches_are_rejected(self, stub_client: TestClient, body: dict[str, Any]) -> None:
        assert stub_client.post("/infer/batch", json=body).status_code == 422

    def test_one_invalid_item_rejects_the_batch_and_names_it(self, stub_client: TestClient) -> None:
        response = stub_client.post("/infer/batch", json={"items": [{"text": "fine"}, {"text": "  "}]})

        assert response.status_code == 422
        assert [error["loc"] for error in response.json()["detail"]] == [["body", "items", 1, "text"]]


class _WhereItRuns(StubModel):
    """The stub, noting for each call whether it ran on the event loop's thread."""

    def __init__(self) -> None:
        self.on_loop: list[bool] = []

    def predict_batch(self, texts: Sequence[str]) -> list[Prediction]:
        try:
            asyncio.get_running_loop()
            self.on_loop.append(True)
        except RuntimeError:  # a thread-pool thread runs no event loop
            self.on_loop.append(False)
        return super().predict_batch(texts)


class TestWhereTheModelRuns:
    @pytest.fixture
    def recorded(self, stub_client: TestClient) -> _WhereItRuns:
        model = _WhereItRuns()
        cast(FastAPI, stub_client.app).state.model = model
        return model

    def test_a_chat_sized_batch_is_scored_on_the_event_loop(self, stub_client: TestClient, recorded: _WhereItRuns) -> None:
        # Sixteen lines of exactly INLINE_CHARS characters in all: the bound itself stays on the loop.
        lengths = [INLINE_CHARS // 16] * 15 + [INLINE_CHARS - 15 * (INLINE_CHARS // 16)]
        items = [{"text": "x" * n} for n in lengths]

        assert stub_client.post("/infer/batch", json={"items": items}).status_code == 200
        assert stub_client.post("/infer", json={"text": "x" * INLINE_CHARS}).status_code == 200

        assert recorded.on_loop == [True, True]

    def test_a_longer_batch_is_scored_in_the_thread_pool(self, stub_client: TestClient, recorded: _WhereItRuns) -> None:
        items = [{"text": "x" * (INLINE_CHARS // 2)}, {"text": "x" * (INLINE_CHARS // 2 + 1)}]

        assert stub_client.post("/infer/batch", json={"items": items}).status_code == 200
        assert stub_client.post("/infer", json={"text": "x" * (INLINE_CHARS + 1)}).status_code == 200

        assert recorded.on_loop == [False, False]
