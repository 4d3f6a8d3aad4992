"""Units of one dimension (metres and kilometres, hours and minutes): which convert and at what factor.

The factors are the lexicon's (checker/lexicon/common/conversions.yaml); currencies are not here, since their rate
is the one an article gives (checker.scope.exchange_rates), not a constant.
"""
from __future__ import annotations

from functools import lru_cache

from checker import lexicon


@lru_cache(maxsize=None)
def _dimensions() -> dict[str, tuple[str, float]]:
    """unit -> (dimension, how many of the dimension's first unit one of it is)."""
    return {unit: (dimension, float(factor))
            for dimension, units in lexicon.load_shared("conversions").items() for unit, factor in units.items()}


def dimension_of(unit: str | None) -> str | None:
    found = _dimensions().get(unit or "")
    return found[0] if found else None


def unit_factor(source: str | None, target: str | None) -> float | None:
    """How many `target` one `source` is, for two different units of one dimension; None otherwise."""
    table = _dimensions()
    if source == target or source not in table or target not in table or table[source][0] != table[target][0]:
        return None
    return table[source][1] / table[target][1]
