from app.core.config import Settings
from app.inference import LexiconModel, StubModel, build_model


def test_enable_model_off_selects_the_stub() -> None:
    model = build_model(Settings(ENABLE_MODEL=False, _env_file=None))

    assert isinstance(model, StubModel)
    assert model.name == "stub"


def test_enable_model_on_selects_the_lexicon_model() -> None:
    model = build_model(Settings(ENABLE_MODEL=True, _env_file=None))

    assert isinstance(model, LexiconModel)
    assert model.name == "vader-lexicon-v1"
