import numpy as np
import pytest

from app.inference.linear.emoji import EmojiModel, preprocess


@pytest.fixture(scope="module")
def model() -> EmojiModel:
    return EmojiModel()


def test_preprocess_spaces_out_punctuation_like_nade() -> None:
    assert preprocess("Wait... WHAT?!  really") == "wait ... what ?! really"
    assert preprocess("«quoted»,ok") == "« quoted », ok"  # a run of punctuation stays one word


def test_one_row_of_151_probabilities_per_text(model: EmojiModel) -> None:
    probabilities = model.probabilities(["hello there", "I miss you so much", "ewww"])

    assert probabilities.shape == (3, 151)
    assert len(model.emoji) == 151 == len(set(model.emoji))
    assert np.all((probabilities >= 0) & (probabilities <= 1))


@pytest.mark.parametrize(
    ("text", "expected"),
    [("ewww there's a hair in my soup", "🤢"), ("my grandma passed away", "💔"), ("wait what?? since when", "😯")],
)
def test_the_likeliest_emoji_fit_the_line(model: EmojiModel, text: str, expected: str) -> None:
    row = model.probabilities([text])[0]
    top = [model.emoji[i] for i in np.argsort(-row)[:3]]

    assert expected in top


def test_a_line_break_does_not_cut_the_text(model: EmojiModel) -> None:
    joined, broken = model.probabilities(["my grandma passed away", "my grandma\npassed away"])

    np.testing.assert_allclose(joined, broken)
