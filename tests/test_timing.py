"""The timing check itself can fail: four times the input of a quadratic step is refused, of a linear one accepted."""
from __future__ import annotations

import pytest


def linear(text: str) -> int:
    return sum(1 for char in text if char == "7")


def quadratic(text: str) -> int:
    # every character compared with a growing prefix: the rescan-per-match bug the value readers once had
    return sum(text.count(char, 0, i) for i, char in enumerate(text[:len(text) // 20]))


def test_linear_code_passes(assert_linear) -> None:
    assert_linear(linear, lambda n: "7" * n, 400_000, "a linear count")


def test_quadratic_code_fails(assert_linear) -> None:
    with pytest.raises(AssertionError, match="something is not linear"):
        assert_linear(quadratic, lambda n: "7" * n, 200_000, "a quadratic scan")
