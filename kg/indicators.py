"""The curated indicator scheme (``kg/lexicons/indicators.tsv``): lookup by any of its names."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Literal, cast

from kg.lexicons import read_tsv

Better = Literal["higher", "lower"]


@dataclass(frozen=True, slots=True)
class Indicator:
    """A curated indicator: slug id, preferred labels, the synonyms reports use, base unit and good direction."""

    id: str
    pref_zh: str
    pref_en: str
    alt_zh: tuple[str, ...]
    unit: str
    better: Better


@functools.lru_cache(maxsize=1)
def scheme() -> tuple[Indicator, ...]:
    """Every curated indicator, in file order."""
    rows = read_tsv("indicators.tsv")
    return tuple(
        Indicator(
            row["id"],
            row["pref_zh"],
            row["pref_en"],
            tuple(a for a in row["alt_zh"].split("|") if a),
            row["unit"],
            cast(Better, row["better"]),
        )
        for row in rows
    )


@functools.lru_cache(maxsize=1)
def _by_name() -> dict[str, Indicator]:
    names: dict[str, Indicator] = {}
    for indicator in scheme():
        for alt in indicator.alt_zh:
            names.setdefault(alt, indicator)
    for indicator in scheme():
        names[indicator.pref_zh] = indicator
    return names


def lookup(name: str) -> Indicator | None:
    """The curated indicator a name (preferred or synonym) stands for, if any."""
    return _by_name().get(name)
