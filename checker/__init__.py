"""checker: find where news sources disagree."""
from __future__ import annotations

__version__ = "0.1.0"
