"""Neighbourhoods over unit vectors with faiss: candidate pairs and groups, returned as indices.

Inner product over normalised rows is cosine. Below `APPROXIMATE_ABOVE` rows the exact flat index is both fast and
deterministic; above it an HNSW graph keeps a newsroom archive sub-quadratic. No caller compares all pairs itself.
"""
from __future__ import annotations

from typing import Iterable, Sequence

import faiss
import numpy as np

# Exact search over 50k 512-d rows is ~25 G multiply-adds per full kNN pass: still seconds on 2 cores; past that,
# HNSW's log-time search wins (see benchmarks/speed.py for the measured crossover).
APPROXIMATE_ABOVE = 50_000


def build_index(vectors: np.ndarray) -> faiss.Index:
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    dimension = vectors.shape[1]
    if len(vectors) > APPROXIMATE_ABOVE:
        index = faiss.IndexHNSWFlat(dimension, 32, faiss.METRIC_INNER_PRODUCT)
        # One thread while building: HNSW insertion order, hence the graph, is then the same on every run.
        threads = faiss.omp_get_max_threads()
        faiss.omp_set_num_threads(1)
        try:
            index.add(vectors)
        finally:
            faiss.omp_set_num_threads(threads)
    else:
        index = faiss.IndexFlatIP(dimension)
        index.add(vectors)
    return index


def neighbour_pairs(vectors: np.ndarray, k: int, threshold: float) -> list[tuple[int, int, float]]:
    """Each row's k nearest other rows with cosine >= threshold, as sorted, de-duplicated (i, j, cos), i < j."""
    count = len(vectors)
    if count < 2:
        return []
    index = build_index(vectors)
    similarities, neighbours = index.search(np.ascontiguousarray(vectors, dtype=np.float32), min(k + 1, count))
    # Over arrays, not a Python loop per neighbour: at 4,000 articles the loop took longer than the search.
    rows = np.repeat(np.arange(count, dtype=np.int64), neighbours.shape[1])
    cols = neighbours.ravel().astype(np.int64)
    sims = similarities.ravel()
    keep = (cols >= 0) & (cols != rows) & (sims >= threshold)
    low, high, sims = np.minimum(rows, cols)[keep], np.maximum(rows, cols)[keep], sims[keep]
    order = np.lexsort((-sims, high, low))  # each pair's best similarity first
    low, high, sims = low[order], high[order], sims[order]
    first = np.ones(len(low), dtype=bool)
    first[1:] = (low[1:] != low[:-1]) | (high[1:] != high[:-1])
    return [(int(i), int(j), round(float(sim), 6)) for i, j, sim in zip(low[first], high[first], sims[first])]


def components(count: int, edges: Iterable[tuple[int, int]]) -> list[int]:
    """Connected-component label of each of `count` nodes (labels are the smallest member index: deterministic)."""
    parent = list(range(count))

    def root(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, b in edges:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return [root(node) for node in range(count)]


def centroids(vectors: np.ndarray, groups: Sequence[int], group_count: int) -> np.ndarray:
    """The normalised mean vector of each group (an article's topic from its claims), one row per group."""
    dimension = vectors.shape[1] if vectors.ndim == 2 else 0
    sums = np.zeros((group_count, dimension), dtype=np.float32)
    if len(groups):
        np.add.at(sums, np.asarray(groups, dtype=np.int64), vectors)
    norms = np.linalg.norm(sums, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return sums / norms
