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


class FakeEmbedder:
    """A cheap, deterministic stand-in for a sentence encoder: hashed bag of words in a few dimensions.

    Texts that share words are close and texts that share none are orthogonal-ish; it knows no meaning, so use it
    for tests of plumbing (inputs, offsets, determinism), never for tests of what is the same fact.
    """

    name = "fake-bag-of-words"
    dimension = 16

    def encode(self, texts):  # -> numpy.ndarray, imported lazily to keep collection cheap
        import hashlib

        import numpy as np

        from checker.embed import normalize_rows

        vectors = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.split():
                digest = hashlib.blake2b(word.encode("utf-8"), digest_size=4).digest()
                vectors[row, int.from_bytes(digest, "little") % self.dimension] += 1.0
        return normalize_rows(vectors)


@pytest.fixture(scope="session")
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture(scope="session")
def real_embedder():
    """The default encoder (USE multilingual v3), loaded once per test session; pass it as `check(embedder=...)`."""
    from checker.embed import load_embedder

    return load_embedder()
