from app.core.config import Settings
from app.inference import LexiconModel, StubModel, build_model
from app.inference.linear import LinearModel


def test_enable_model_off_selects_the_stub() -> None:
    model = build_model(Settings(ENABLE_MODEL=False, _env_file=None))

    assert isinstance(model, StubModel)
    assert (model.name, model.version) == ("stub", "1")


def test_enable_model_off_selects_the_stub_whatever_mood_model_says() -> None:
    assert isinstance(build_model(Settings(ENABLE_MODEL=False, MOOD_MODEL="lexicon", _env_file=None)), StubModel)


def test_enable_model_on_serves_the_trained_model_by_default() -> None:
    model = build_model(Settings(ENABLE_MODEL=True, _env_file=None))

    assert isinstance(model, LinearModel)
    assert model.name == "mood-linear-v3"
    assert model.version.startswith("3.0.0+data.")


def test_mood_model_lexicon_keeps_the_lexicon_model_available() -> None:
    model = build_model(Settings(ENABLE_MODEL=True, MOOD_MODEL="lexicon", _env_file=None))

    assert isinstance(model, LexiconModel)
    assert model.name == "vader-lexicon-v1"
