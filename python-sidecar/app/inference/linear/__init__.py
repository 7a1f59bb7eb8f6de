from app.inference.linear.model import ArtefactError, LinearModel

__all__ = ["ArtefactError", "LinearModel"]
