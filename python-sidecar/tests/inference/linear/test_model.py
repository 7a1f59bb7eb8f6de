import json
import math
import shutil
from pathlib import Path

import numpy as np
import pytest

from app.inference import MOODS, Mood
from app.inference.linear import ArtefactError, LinearModel
from app.inference.linear.model import ARTEFACT_DIR, LEXICON_MAX_CHARS, MANIFEST_FILE, WEIGHTS_FILE, dense_features


@pytest.fixture(scope="module")
def model() -> LinearModel:
    return LinearModel()


@pytest.mark.parametrize(
    ("text", "mood"),
    [
        ("I am so happy today!", "happy"),
        ("we had to put our dog down this morning", "sad"),
        ("stop ignoring my messages!!", "angry"),
        ("no way, you two are related??", "surprised"),
        ("I heard glass breaking downstairs and I'm home alone", "scared"),
        ("the milk in the office fridge is chunky and green, ew", "disgusted"),
        ("can you send me the agenda for tomorrow", "neutral"),
    ],
)
def test_clear_lines(model: LinearModel, text: str, mood: Mood) -> None:
    assert model.predict(text).mood == mood


def test_scores_are_calibrated_probabilities_over_all_moods(model: LinearModel) -> None:
    prediction = model.predict("omg I cant believe you did that 😱")

    assert list(prediction.scores) == list(MOODS)
    assert math.isclose(sum(prediction.scores.values()), 1.0)
    assert all(0 < p < 1 for p in prediction.scores.values())
    assert prediction.confidence == prediction.scores[prediction.mood] == max(prediction.scores.values())


def test_batch_matches_single_predictions_in_order(model: LinearModel) -> None:
    texts = ["yay we won!!", "the bus leaves at 9", "ugh gross", "I'm so scared"]

    assert model.predict_batch(texts) == [model.predict(text) for text in texts]


def _copy_artefact(tmp_path: Path) -> Path:
    copy = tmp_path / "artefact"
    shutil.copytree(ARTEFACT_DIR, copy)
    return copy


def test_below_the_threshold_the_answer_is_neutral_with_neutral_s_probability(model: LinearModel, tmp_path: Path) -> None:
    artefact = _copy_artefact(tmp_path)
    manifest = json.loads((artefact / MANIFEST_FILE).read_text())
    manifest["calibration"]["threshold"] = 0.99
    (artefact / MANIFEST_FILE).write_text(json.dumps(manifest))
    strict = LinearModel(artefact)
    text = "omg I cant believe you did that 😱"

    prediction = strict.predict(text)

    assert model.predict(text).mood == "surprised"  # the shipped threshold lets it through
    assert prediction.mood == "neutral"
    assert prediction.confidence == prediction.scores["neutral"]
    assert prediction.scores == model.predict(text).scores  # the probabilities themselves are unchanged


def test_temperature_scales_the_logits(model: LinearModel) -> None:
    texts = ["I am so happy today!", "hmm ok"]
    logits = model.logits(texts)
    expected = np.exp(logits / model.temperature)
    expected /= expected.sum(axis=1, keepdims=True)

    np.testing.assert_allclose(model.probabilities(texts), expected)


def test_a_missing_artefact_stops_loading_with_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ArtefactError, match="cannot load the mood-linear artefact"):
        LinearModel(tmp_path)


def test_a_manifest_without_calibration_is_refused(tmp_path: Path) -> None:
    artefact = _copy_artefact(tmp_path)
    manifest = json.loads((artefact / MANIFEST_FILE).read_text())
    del manifest["calibration"]
    (artefact / MANIFEST_FILE).write_text(json.dumps(manifest))

    with pytest.raises(ArtefactError, match="calibration"):
        LinearModel(artefact)


def test_weights_that_do_not_fit_the_vocabulary_are_refused(tmp_path: Path) -> None:
    artefact = _copy_artefact(tmp_path)
    weights = np.load(artefact / WEIGHTS_FILE)
    np.save(artefact / WEIGHTS_FILE, weights[:-1])

    with pytest.raises(ArtefactError, match="does not fit this code"):
        LinearModel(artefact)


def test_the_lexicon_reads_only_the_head_of_a_long_line(model: LinearModel) -> None:
    head = "😀" * LEXICON_MAX_CHARS
    lexicon = model._lexicon  # the same instance the model uses

    short, long = dense_features([head, head + " I hate you so much, get out"], model._emoji, lexicon)

    np.testing.assert_array_equal(short[-len(MOODS) :], long[-len(MOODS) :])  # the seven lexicon columns
    assert not np.array_equal(short[: -len(MOODS)], long[: -len(MOODS)])  # the emoji model reads it all
