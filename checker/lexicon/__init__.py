"""Language knowledge as data: one YAML file per language and topic (`<lang>/<topic>.yaml`).

Code stays language-neutral where it can; what differs between Arabic, English and French (number words, month
names, modifiers, counted nouns) lives in these files and is checked by tests/test_lexicon.py.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from checker.errors import LexiconError

LANGS = ("ar", "en", "fr")
# libyaml's loader parses the lexicons about ten times faster than the pure-Python one (seconds per run otherwise);
# PyYAML wheels ship it, a source build without libyaml falls back.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=None)
def load(lang: str, topic: str) -> Any:
    """The parsed `<lang>/<topic>.yaml` (cached: these files are read-only at run time)."""
    path = resources.files(__package__).joinpath(lang, f"{topic}.yaml")
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)
    except FileNotFoundError as err:
        raise LexiconError(f"lexicon {lang}/{topic}.yaml is missing from the installed package") from err
    except yaml.YAMLError as err:
        raise LexiconError(f"lexicon {lang}/{topic}.yaml is not valid YAML: {err}") from err


def load_shared(topic: str) -> Any:
    """A language-independent data file (`common/<topic>.yaml`), such as unit concepts shared by all languages."""
    return load("common", topic)
