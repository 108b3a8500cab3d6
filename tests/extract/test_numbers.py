"""numbers: numerals as written in reports → exact values."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kg.extract.numbers import find_quantities, parse_numeral


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


@pytest.mark.issue(14)
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A minus sign after a word is the number's sign; between numbers it is a range or a date.
        ("规模以上工业增加值增长-2.3%。", [("-2.3%", Decimal("-2.3"), "%")]),
        ("实施2019-2021年行动，新建学校12所。", [("12所", Decimal(12), "所")]),
        # 万 inside a Chinese numeral is the numeral's; at its end it is the unit's multiplier.
        ("生产总值一万三千六百九十八亿元", [("一万三千六百九十八亿元", Decimal(13698), "亿元")]),
        ("新增就业岗位五十五万个", [("五十五万个", Decimal(55), "万个")]),
        # A place in a ranking and a number in a document's title are not amounts.
        ("我县进入全国百强县前50名。", []),
        ("出台《促进消费20条措施》。", []),
        # The time something was done in is not an amount; a time cut to a bound is.
        ("在24小时内建成隔离点。", []),
        ("审批时限压缩到5个工作日以内。", [("5个工作日", Decimal(5), "个工作日")]),
        # People counted in 万 with no unit word (people.tsv); money in 万 keeps its own unit.
        ("发展特色产业，带动3万农民增收。", [("3万", Decimal(3), "万人")]),
        ("惠及12.5万群众，投入资金20万元。", [("12.5万", Decimal("12.5"), "万人"), ("20万元", Decimal(20), "万元")]),
    ],
)
def test_numbers_find_quantities(text: str, expected: list[tuple[str, Decimal, str]]) -> None:
    assert [(q.stated, q.value, q.unit) for q in find_quantities(text)] == expected


def test_numbers_every_match_starts_with_a_numeral_character() -> None:
    """find_quantities skips a text without any character a match of its pattern can start with:
    every match in the seeds and the real texts starts with one (a new kind of numeral in the
    pattern must be added to ``_NUMBER_START`` too)."""
    from pathlib import Path

    from kg.extract.numbers import _NUMBER_START, _pattern

    root = Path(__file__).parent.parent.parent
    paths = [*sorted((root / "seeds").glob("*.txt")), *sorted((root / "tests" / "real" / "texts").glob("*.txt"))]
    starts = [match.group(0)[0] for path in paths for match in _pattern().finditer(path.read_text(encoding="utf-8"))]
    assert starts
    assert [char for char in starts if not _NUMBER_START.match(char)] == []
    assert find_quantities("百分之八点二") and find_quantities("Ⅲ类") and find_quantities("新建学校两所")
