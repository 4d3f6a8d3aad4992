"""Units of one dimension (metres and kilometres, hours and minutes): which convert and at what factor.

The factors are the lexicon's (checker/lexicon/common/conversions.yaml); currencies are not here, since their rate
is the one an article gives (checker.scope.exchange_rates), not a constant.
"""
from __future__ import annotations

from functools import lru_cache

from checker import lexicon
from checker.model import Quantity


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


def in_unit(quantity: Quantity, target: str) -> Quantity:
    """The quantity in `target` units (its unit converts to target: unit_factor is not None)."""
    factor = unit_factor(quantity.unit, target)

    def scale(x: float | None) -> float | None:
        return None if x is None else x * factor

    return quantity.model_copy(update={"value": quantity.value * factor, "low": scale(quantity.low),
                                       "high": scale(quantity.high), "unit": target})
