"""One error base for the whole package; the CLI turns any of these into a one-line `Error: ...`."""
from __future__ import annotations


class CheckerError(Exception):
    """Base of every error checker raises on purpose."""


class InputError(CheckerError):
    """A file or value given to checker cannot be used; the message names it and says what would be valid."""


class ModelError(CheckerError):
    """An embedding model cannot be loaded or does not fit a saved index."""


class LexiconError(CheckerError):
    """A language data file is missing or malformed (a packaging bug, caught by the integrity tests)."""
