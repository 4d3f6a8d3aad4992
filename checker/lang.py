"""Which of the languages checker reads an article is written in: Arabic, English or French.

lingua restricted to those three is accurate on a sentence or two, which is all an article's opening needs; its
models load on first use, so a run that is told every language never pays for them.
"""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from checker.model import Lang
from checker.text import script_of

if TYPE_CHECKING:
    from lingua import LanguageDetector

# The opening of an article decides its language; reading further only costs time.
SAMPLE_CHARS = 2000


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(Language.ARABIC, Language.ENGLISH, Language.FRENCH).build()


def _by_script(text: str) -> Lang:
    """The fallback when lingua has no answer: Arabic letters mean Arabic, anything else is read as English."""
    return "ar" if script_of(text) == "arabic" else "en"


def detect_lang(text: str) -> Lang:
    """'ar', 'en' or 'fr' for `text`; never raises (an empty or letterless text is read as English)."""
    sample = text[:SAMPLE_CHARS]
    if not sample.strip():
        return _by_script(sample)
    try:
        language = _detector().detect_language_of(sample)
    except Exception:  # lingua is a compiled extension: a failure there must not stop a run
        return _by_script(sample)
    if language is None:
        return _by_script(sample)
    return {"ARABIC": "ar", "ENGLISH": "en", "FRENCH": "fr"}[language.name]
