"""faiss neighbourhoods: indices, thresholds, determinism."""
from __future__ import annotations

import numpy as np
import pytest

from checker.cluster import centroids, components, neighbour_pairs
from checker.embed import normalize_rows


def test_neighbour_pairs_keeps_close_rows_only() -> None:
    vectors = normalize_rows(np.array([[1, 0], [0.99, 0.1], [0, 1], [-1, 0]], dtype=np.float32))
    pairs = neighbour_pairs(vectors, k=3, threshold=0.9)
    assert [(i, j) for i, j, _ in pairs] == [(0, 1)]
    assert pairs[0][2] == pytest.approx(0.995, abs=1e-3)


def test_neighbour_pairs_are_deterministic() -> None:
    rng = np.random.default_rng(7)
    vectors = normalize_rows(rng.normal(size=(200, 16)).astype(np.float32))
    assert neighbour_pairs(vectors, 5, 0.2) == neighbour_pairs(vectors.copy(), 5, 0.2)


def test_components_labels_are_smallest_member() -> None:
    assert components(5, [(3, 4), (1, 3)]) == [0, 1, 2, 1, 1]


def test_centroids_are_unit_means() -> None:
    vectors = np.array([[1, 0], [1, 0], [0, 1]], dtype=np.float32)
    result = centroids(vectors, [0, 0, 1], 3)
    assert result[0] == pytest.approx([1, 0])
    assert result[1] == pytest.approx([0, 1])
    assert result[2] == pytest.approx([0, 0])
