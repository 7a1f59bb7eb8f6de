import math

import pytest

from app.inference import MOODS, LexiconModel, Mood


@pytest.fixture(scope="module")
def model() -> LexiconModel:
    return LexiconModel()


@pytest.mark.parametrize(
    ("text", "moods"),
    [
        # What the API's tests rely on.
        ("I am so happy today!", {"happy"}),
        ("this is terrible, I hate it", {"angry", "sad"}),
        ("ok see you at 5", {"neutral"}),
        # One clear line per mood.
        ("can you pass me the charger", {"neutral"}),
        ("yay we're going to the beach tomorrow 🎉", {"happy"}),
        ("I miss him so much, I cried all night", {"sad"}),
        ("I'm furious, they cancelled again without telling anyone", {"angry"}),
        ("whoa, I did not see that coming", {"surprised"}),
        ("I'm terrified, someone is knocking on the window", {"scared"}),
        ("ewww the milk smells rotten", {"disgusted"}),
    ],
)
def test_clear_lines(model: LexiconModel, text: str, moods: set[Mood]) -> None:
    assert model.predict(text).mood in moods


@pytest.mark.parametrize(
    ("text", "mood"),
    [
        ("🤮", "disgusted"),
        ("😡😡", "angry"),
        ("😱", "scared"),
        ("see you later :(", "sad"),
        ("see you later :D", "happy"),
        ("you did WHAT?!", "surprised"),
        ("WHY WOULD ANYONE DO THAT", "angry"),
    ],
)
def test_emoji_emoticons_punctuation_and_capitals(model: LexiconModel, text: str, mood: Mood) -> None:
    assert model.predict(text).mood == mood


def test_negated_joy_reads_as_sad(model: LexiconModel) -> None:
    assert model.predict("I'm not happy with how it went").mood == "sad"


def test_negated_fear_carries_no_fear(model: LexiconModel) -> None:
    assert model.predict("honestly I'm not scared of it").mood != "scared"


def test_a_clause_break_ends_the_negation(model: LexiconModel) -> None:
    assert model.predict("no, I'm terrified").mood == "scared"


def test_cant_stop_is_not_a_negation(model: LexiconModel) -> None:
    assert model.predict("I can't stop crying").mood == "sad"


def test_intensifiers_raise_confidence(model: LexiconModel) -> None:
    plain = model.predict("I'm scared")
    intense = model.predict("I'm so scared")

    assert plain.mood == intense.mood == "scared"
    assert intense.confidence > plain.confidence


def test_held_down_letters_are_read(model: LexiconModel) -> None:
    assert model.predict("grossss").mood == "disgusted"
    assert model.predict("sooo scaaared").mood == "scared"


def test_inflected_forms_are_found(model: LexiconModel) -> None:
    assert model.predict("she annoys me").mood == "angry"
    assert model.predict("he just yells and insults people").mood == "angry"


def test_scores_are_a_distribution_over_all_moods(model: LexiconModel) -> None:
    prediction = model.predict("omg I can't believe you did that!!")

    assert tuple(prediction.scores) == MOODS
    assert math.isclose(sum(prediction.scores.values()), 1.0)
    assert all(0.0 <= p <= 1.0 for p in prediction.scores.values())
    assert prediction.confidence == max(prediction.scores.values()) == prediction.scores[prediction.mood]


def test_batch_matches_single_predictions_in_order(model: LexiconModel) -> None:
    texts = ["ewww", "I am so happy today!", "ok see you at 5"]

    assert model.predict_batch(texts) == [model.predict(text) for text in texts]
