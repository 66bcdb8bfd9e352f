"""provcheck: source-provenance and link-integrity checker for archived news articles."""

__version__ = "0.1.0"
