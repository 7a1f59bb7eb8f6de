from app.inference.lexicon.model import LexiconModel

__all__ = ["LexiconModel"]
