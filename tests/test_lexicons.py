"""lexicons: every data file is well formed, and every unit converts."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kg.extract.numbers import to_base
from kg.indicators import scheme
from kg.lexicons import read_tsv

FILES = {
    "units.tsv": "unit",
    "multipliers.tsv": "prefix",
    "qualifiers.tsv": "cue",
    "indicators.tsv": "id",
    "subjects.tsv": "head",
    "events.tsv": "phrase",
    "places.tsv": "word",
    "generic_subjects.tsv": "word",
    "nations.tsv": "name",
    "regions.tsv": "id",
}


@pytest.mark.parametrize(("name", "key"), FILES.items())
def test_lexicons_have_no_duplicate_rows(name: str, key: str) -> None:
    keys = [row[key] for row in read_tsv(name)]
    assert keys and len(keys) == len(set(keys))


@pytest.mark.parametrize("row", read_tsv("units.tsv"), ids=lambda r: r["unit"])
def test_lexicons_every_unit_converts(row: dict[str, str]) -> None:
    value, base = to_base(Decimal(2), row["unit"])
    assert base == row["base_unit"] and value == 2 * Decimal(row["factor"])
    wan_value, wan_base = to_base(Decimal(2), "万" + row["unit"])
    if row["unit"] not in ("%", "‰", "个百分点"):
        assert (wan_value, wan_base) == (value * 10_000, base)


def test_lexicons_indicator_scheme_is_curated() -> None:
    indicators = scheme()
    assert len(indicators) >= 150
    assert all(i.pref_en and i.pref_zh for i in indicators)
    names = [name for i in indicators for name in (i.pref_zh, *i.alt_zh)]
    assert len(names) == len(set(names)), "a synonym names two indicators"
