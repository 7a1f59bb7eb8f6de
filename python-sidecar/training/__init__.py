"""Training of the mood-linear model (python -m training). Needs requirements-dev.txt; the sidecar
itself never imports this package."""
