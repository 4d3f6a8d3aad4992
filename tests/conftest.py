"""Cheap fixtures shared by the suite; the real encoder is loaded once per session (see `real_embedder`)."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared beside the checkout: external data that no one here wrote. Tests that need it skip without it."""
    if not (SHARED / "data" / "external").is_dir():
        pytest.skip(f"{SHARED} is absent: external data tests need ../shared beside the checkout")
    return SHARED


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return ROOT / "seeds"


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return ROOT / "fixtures"
