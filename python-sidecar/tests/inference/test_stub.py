import pytest

from app.inference import MOODS, StubModel


@pytest.mark.parametrize("text", ["I am so happy today!", "I HATE THIS 😡", "ewww", "ok"])
def test_stub_is_always_neutral(text: str) -> None:
    prediction = StubModel().predict(text)

    assert prediction.mood == "neutral"
    assert prediction.confidence == 1.0
    assert prediction.scores == {mood: 1.0 if mood == "neutral" else 0.0 for mood in MOODS}


def test_stub_batch_keeps_one_prediction_per_text() -> None:
    predictions = StubModel().predict_batch(["a", "b", "c"])

    assert [p.mood for p in predictions] == ["neutral"] * 3
