"""numbers: numerals as written in reports → exact values."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kg.extract.numbers import parse_numeral


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("三千", Decimal(3000)),
        ("二千零一十五", Decimal(2015)),
        # A decimal part after 点; 0 written for 〇; digits written one by one (issue 14).
        ("二千五百四十点三", Decimal("2540.3")),
        ("十点七", Decimal("10.7")),
        ("四点0五", Decimal("4.05")),
        ("二〇二三", Decimal(2023)),
        ("二00四", Decimal(2004)),
        ("1,234.5", Decimal("1234.5")),
    ],
)
def test_numbers_parse_numeral(numeral: str, value: Decimal) -> None:
    assert parse_numeral(numeral) == value
