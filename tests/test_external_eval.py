"""Smoke test of benchmarks/external.py: a few ANS pairs through the Python API give the figures structure.

Reads ../shared (external data no one here wrote); skips cleanly without it.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _external():
    spec = importlib.util.spec_from_file_location("benchmarks_external", ROOT / "benchmarks" / "external.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


def test_quick_ans_figures(shared: Path) -> None:
    external = _external()
    figures = external.run(shared, quick=True, limit=2, sets=("ans",), say=lambda _line: None)

    ans = figures["ans"]
    assert set(ans) == {"disagree_numbers_differ", "agree_numbers_both", "agree_numbers_same", "disagree_all",
                        "agree_all"}
    for tally in ans.values():
        assert 0 < tally["n"] <= 2
        assert 0 <= tally["flagged"] <= tally["n"]
        assert tally["share"] == tally["flagged"] / tally["n"]
        assert len(tally["flagged_examples"]) + len(tally["missed_examples"]) == tally["n"]
    assert figures["meta"]["pairs_checked"] <= 10
    rows = external.table_rows(figures)
    assert [row[0] for row in rows] == ["ANS ar"] * 5


def test_numbers_decide_the_numeric_subset() -> None:
    external = _external()
    differ = external.Pair("x", "رحيل المغني عن 74 عاما", "المغني يتوفى عن عمر يناهز 90 عاما", "disagree", "ar")
    same = external.Pair("y", "نيكاي يرتفع لأعلى مستوى منذ 1991", "ارتفاع قياسي لمؤشر نيكاي منذ ١٩٩١", "agree", "ar")
    none = external.Pair("z", "استقرار الذهب", "ضعف الدولار يدعم الذهب", "agree", "ar")
    assert external.numeric_class(differ) == "differ"
    assert external.numeric_class(same) == "same"
    assert external.numeric_class(none) is None


def test_skips_without_shared(tmp_path: Path, capsys) -> None:
    assert _external().main(["--shared", str(tmp_path)]) == 0
    assert capsys.readouterr().out.startswith("skipped: ")
