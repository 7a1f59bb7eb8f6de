"""Offline evaluation of the mood models on a labelled set: `python -m app.eval --help`."""
