"""meta: region and years read from the reports themselves."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.clean import clean
from kg.ingest import read_source
from kg.meta import read_meta
from kg.model import FrameOverride, RawText, Source

SEEDS = Path(__file__).parent.parent / "seeds"


@pytest.mark.parametrize(
    ("name", "region", "report", "review", "plan"),
    [
        ("000_6a8a5062bf73147d.txt", "城东区", 2020, 2019, 2020),  # no year in the text: dated plenums
        ("001_7756f7c55821148a.txt", "城东区", 2024, 2023, 2024),  # 精彩2023 / 奋进2024
        ("002_913eb7918d03026b.txt", "城东区", 2024, 2024, 2024),  # 回望上半年: a mid-year report
        ("003_338ed807dc2533c7.txt", "城西区", 2023, 2022, 2023),  # doubled PDF headings
        ("004_68102dd28083233a.txt", "西宁市", 2020, 2019, 2020),  # 回首2019 / 着眼2020
    ],
)
def test_meta_reads_seed_reports(name: str, region: str, report: int, review: int, plan: int) -> None:
    raw = read_source(SEEDS / name)
    assert isinstance(raw, RawText)
    meta = read_meta(clean(raw))
    assert (meta.region, meta.report_year, meta.review_year, meta.plan_year) == (region, report, review, plan)


def _meta(text: str, **overrides: object):  # type: ignore[no-untyped-def]
    given = FrameOverride(**overrides)  # type: ignore[arg-type]
    return read_meta(clean(RawText(Source(Path("x.txt"), "0" * 64, "utf-8"), text)), given)


def test_meta_title_line_gives_region_and_year() -> None:
    meta = _meta("2021年大通回族土族自治县政府工作报告\n各位代表：\n现在，我代表县人民政府向大会报告工作。")
    assert meta.region == "大通回族土族自治县"
    assert (meta.report_year, meta.review_year, meta.plan_year) == (2021, 2020, 2021)


def test_meta_unknown_region_from_title() -> None:
    meta = _meta("2022年某某县政府工作报告\n过去一年，全县经济平稳。")
    assert meta.region == "某某县"
    assert meta.plan_year == 2022


def test_meta_traditional_characters() -> None:
    meta = _meta("2021年西寧市政府工作報告\n回首2020，全市經濟平穩。")
    assert meta.region == "西宁市"
    assert (meta.review_year, meta.plan_year) == (2020, 2021)


def test_meta_overrides_win() -> None:
    meta = _meta("2021年西宁市政府工作报告\n", region="城东区", year=2019)
    assert (meta.region, meta.report_year, meta.review_year, meta.plan_year) == ("城东区", 2019, 2018, 2019)


def test_meta_title_with_year_after_the_region_names_the_district_and_its_city() -> None:
    # The gazetteer lists cities, not every district: the title says which city this one is in.
    meta = _meta("成都市武侯区2023年政府工作报告\n一、2022年工作回顾\n全区地区生产总值增长3.1%。\n")
    assert (meta.region, meta.region_parent, meta.report_year) == ("武侯区", "成都市", 2023)


@pytest.mark.parametrize(
    ("text", "region", "parent", "year"),
    [
        # 广州 ends in 州 but 广州市 is one name.
        ("2022年广州市天河区人民政府工作报告\n过去一年，全区经济平稳。", "天河区", "广州市", 2022),
        # A district's name may end like a common noun (山区, 湖区): jieba's dictionary knows it.
        ("南山区政府工作报告（2021年）\n一、2020年工作回顾\n", "南山区", None, 2021),
        # The session line, dated by month only.
        ("政府工作报告\n——2023年1月在西湖区第十届人民代表大会第三次会议上\n区长 张三\n", "西湖区", None, 2023),
    ],
)
def test_meta_title_forms_of_unlisted_districts(text: str, region: str, parent: str | None, year: int) -> None:
    meta = _meta(text)
    assert (meta.region, meta.region_parent, meta.report_year) == (region, parent, year)
