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


class Recording:
    """An encoder that records every text it is asked to embed (what a stage sends the encoder is the point)."""

    def __init__(self, embedder) -> None:
        self.name, self.dimension, self._embedder, self.texts = embedder.name, embedder.dimension, embedder, []

    def encode(self, texts):
        self.texts.extend(texts)
        return self._embedder.encode(texts)


@pytest.fixture(scope="session")
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture(scope="session")
def real_embedder():
    """The default encoder (USE multilingual v3), loaded once per test session; pass it as `check(embedder=...)`."""
    from checker.embed import load_embedder

    return load_embedder()


# Timing tests never assert an absolute time: they time one input and one GROWTH_FACTOR times its size in the same
# run. Linear code takes 4 times as long on 4 times the input, a quadratic step 16 times; the limit is 8, the middle
# of the two on a log scale, so either may waver by a factor of 2 before the check is wrong. (Doubling the input
# with a limit of 3 left a quadratic step 4/3 of room: CI once timed one at under 3.) Each size is timed in CPU time
# of this process (another process on a busy machine does not add to it), best of a few runs taken in turn, so a
# burst of load or a cache warm-up cannot favour one size. Speed itself is measured and reported by
# benchmarks/speed.py.
GROWTH_FACTOR = 4
GROWTH_LIMIT = 8.0
GROWTH_REPEATS = 2


def time_growth(run, make_input, size: int, repeats: int = GROWTH_REPEATS) -> tuple[float, float]:
    """CPU seconds of `run(make_input(size))` and of `run(make_input(GROWTH_FACTOR * size))`, best of `repeats` each."""
    import gc
    import time

    small_input, large_input = make_input(size), make_input(GROWTH_FACTOR * size)
    run(make_input(max(size // 100, 1)))  # lexicons and patterns load on first use: not part of either timing
    best = {"small": float("inf"), "large": float("inf")}
    collecting = gc.isenabled()
    gc.disable()  # as timeit does: a collection landing in one timing is not the code's growth
    try:
        for _ in range(repeats):
            for which, data in (("small", small_input), ("large", large_input)):
                began = time.process_time()
                run(data)
                best[which] = min(best[which], time.process_time() - began)
    finally:
        if collecting:
            gc.enable()
    return best["small"], best["large"]


# A timing this short is mostly the clock and the scheduler: the input is doubled until the smaller one takes at
# least this much CPU time. A floor on what can be measured, not a bar on speed: nothing fails for being slow.
MEASURABLE = 0.1
# On a machine shared with other work even CPU time wavers (caches, frequency): a growth above the limit is measured
# once more, and fails only when it shows again. Quadratic code shows it every time.
GROWTH_TRIES = 2


@pytest.fixture(scope="session")
def assert_linear():
    """`assert_linear(run, make_input, size, what)`: fails when GROWTH_FACTOR times the input takes more than
    GROWTH_LIMIT times as long, naming both timings. `size` is where to start: it doubles until a run is long
    enough to measure."""
    def check(run, make_input, size: int, what: str) -> None:
        small, large = time_growth(run, make_input, size)
        while small < MEASURABLE and size < 10_000_000:
            size *= 2
            small, large = time_growth(run, make_input, size)
        for _ in range(GROWTH_TRIES - 1):
            if large <= GROWTH_LIMIT * small:
                break
            small, large = time_growth(run, make_input, size, repeats=GROWTH_REPEATS + 1)
        assert large <= GROWTH_LIMIT * small, (
            f"{what}: {size} characters {small:.3f} s, {GROWTH_FACTOR * size} characters {large:.3f} s "
            f"(x{large / small:.1f} for x{GROWTH_FACTOR} the input, at most x{GROWTH_LIMIT:g}, twice): "
            "something is not linear")
    return check
