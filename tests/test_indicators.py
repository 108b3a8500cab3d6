"""indicators: the curated scheme is complete, names one indicator per name, and aligns reports' names."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import assess, indicators
from kg.lexicons import read_tsv
from kg.model import BuildResult, EntityType
from kg.pipeline import BuildOptions, build
from kg.resolve import normalise_name, unframed

TEXTS = Path(__file__).parent / "real" / "texts"

# Things that differ and must stay two indicators (issue 15).
APART = [
    ("一般公共预算收入", "地方一般公共预算收入"),
    ("地方一般公共预算收入", "财政总收入"),
    ("进出口总额", "出口总额"),
    ("规模以上工业增加值", "工业增加值"),
    ("一般公共预算支出", "民生支出"),
    ("民生支出", "民生支出占比"),
    ("农村居民人均可支配收入", "农村居民人均纯收入"),
    ("研发经费投入强度", "研发经费投入"),
    ("发明专利拥有量", "每万人口高价值发明专利拥有量"),
    ("实际利用外资", "实际利用外商直接投资"),
    ("网络零售额", "电子商务交易额"),
    ("社会消费品零售总额", "限额以上单位消费品零售额"),
    ("高技术制造业增加值", "高技术产业增加值"),
    ("保障性住房", "保障性租赁住房"),
    ("常住人口城镇化率", "户籍人口城镇化率"),
    ("新能源汽车", "民用汽车保有量"),
    ("公路通车里程", "高速公路通车里程"),
]

# Other names of one indicator, as bulletins and reports of different years write them.
SAME = [
    ("城镇居民人均可支配收入", "城镇常住居民人均可支配收入", "城市居民人均可支配收入"),
    ("单位地区生产总值能耗", "万元地区生产总值能耗", "单位GDP能耗"),
    ("单位地区生产总值用水量", "单位GDP用水量"),
    ("研发经费投入强度", "研发经费支出占地区生产总值比重", "全社会研发投入强度"),
    ("常住人口城镇化率", "城镇化率"),
    ("每千人口托位数", "每千人口拥有3岁以下婴幼儿托位数"),
    ("粮食产量", "粮食总产量"),
    ("实际利用外资", "实际使用外资"),
    ("规模以上工业企业营业收入", "规模以上工业企业主营业务收入"),
    ("第三产业增加值占地区生产总值比重", "服务业增加值占比"),
]


def test_indicators_scheme_has_150_complete_rows() -> None:
    scheme = indicators.scheme()
    assert len(scheme) >= 150
    base_units = {row["base_unit"] for row in read_tsv("units.tsv")}
    for indicator in scheme:
        assert indicator.pref_zh and indicator.pref_en, indicator.id
        assert indicator.unit in base_units, f"{indicator.id}: {indicator.unit} is not a base unit (units.tsv)"
        assert indicator.better in ("higher", "lower"), indicator.id


def test_indicators_no_name_names_two_indicators() -> None:
    names = [name for i in indicators.scheme() for name in (i.pref_zh, *i.alt_zh)]
    assert len(names) == len(set(names)), "a name of one indicator is a name of another"


@pytest.mark.parametrize("indicator", indicators.scheme(), ids=lambda i: i.id)
def test_indicators_every_name_can_match(indicator: indicators.Indicator) -> None:
    # The resolver looks names up after normalising and stripping framing words (kg/resolve.py): a
    # name that those change (Ⅲ → III under NFKC) could never match, and one whose bare form is
    # another indicator's name would be ambiguous.
    for name in (indicator.pref_zh, *indicator.alt_zh):
        assert normalise_name(name, EntityType.INDICATOR) == name
        assert indicators.lookup(unframed(name)) in (None, indicator), name


@pytest.mark.parametrize(("a", "b"), APART)
def test_indicators_different_things_stay_apart(a: str, b: str) -> None:
    first, second = indicators.lookup(a), indicators.lookup(b)
    assert first is not None and second is not None and first != second


@pytest.mark.parametrize("names", SAME, ids=lambda names: names[0])
def test_indicators_other_names_are_one_indicator(names: tuple[str, ...]) -> None:
    found = {indicators.lookup(name) for name in names}
    assert len(found) == 1 and None not in found


def test_indicators_better_is_what_assess_reads() -> None:
    lower = {i.id for i in indicators.scheme() if i.better == "lower"}
    assert assess.lower_is_better() == lower
    assert {"cpi", "registered-unemployment-rate", "energy-intensity", "water-intensity", "so2-emissions"} <= lower
    assert not {"gdp", "urban-new-jobs", "forest-coverage"} & lower


@pytest.fixture(scope="module")
def real_build() -> BuildResult:
    numbers = {"03", "09", "19", "25", "29", "31", "33", "37", "47"}  # odd files only (tests/real/README.md)
    return build([p for p in sorted(TEXTS.glob("*.txt")) if p.name[:2] in numbers], BuildOptions(output_dir=None))


# (indicator id, (report, name as that report writes it), …): reports of other places and years.
ALIGNED = [
    (
        "urban-disposable-income",
        ("31_jilinshi-2011", "城市居民人均可支配收入"),
        ("29_mouding-2022-digest", "城镇常住居民人均可支配收入"),
        ("03_yangzhou-2021-traditional-spaces", "城镇居民人均可支配收入"),
    ),
    (
        "rural-net-income",
        ("37_zhangzhou-2010-traditional-year-conflict", "农民人均纯收入"),
        ("25_xinjiang-2004-traditional-chinese-numerals", "农牧民人均纯收入"),
        ("31_jilinshi-2011", "农村居民人均纯收入"),
    ),
    (
        "total-fiscal-revenue",
        ("31_jilinshi-2011", "全口径财政收入"),
        ("29_mouding-2022-digest", "地方财政总收入"),
        ("37_zhangzhou-2010-traditional-year-conflict", "财政总收入"),
    ),
    (
        "local-general-budget-revenue",
        ("31_jilinshi-2011", "地方级财政收入"),
        ("09_guangzhou-2018-news", "地方一般公共预算收入"),
    ),
    (
        "exports",
        ("47_jinhua-2025-chinese-numeral-dateline", "外贸出口总额"),
        ("09_guangzhou-2018-news", "商品出口总值"),
        ("37_zhangzhou-2010-traditional-year-conflict", "外贸出口"),
    ),
    (
        "foreign-trade",
        ("19_hebei-2014-traditional-targets", "进出口总值"),
        ("47_jinhua-2025-chinese-numeral-dateline", "进出口总额"),
    ),
    (
        "above-scale-industrial-value-added",
        ("37_zhangzhou-2010-traditional-year-conflict", "规模工业增加值"),
        ("33_longjing-2026-news-session-conflict", "规模以上工业增加值"),
        ("03_yangzhou-2021-traditional-spaces", "规上工业增加值"),
    ),
]


@pytest.mark.issue(15)
@pytest.mark.parametrize("case", ALIGNED, ids=lambda case: case[0])
def test_indicators_names_of_real_reports_resolve_to_one_indicator(
    real_build: BuildResult, case: tuple[str, ...]
) -> None:
    indicator_id, *mentions = case
    for report, name in mentions:
        written = {o.indicator for f in real_build.facts if f.report.id == report for o in f.observations}
        assert name in written, f"{report} no longer yields an observation of {name}"
        assert real_build.resolution.iri(EntityType.INDICATOR, name).endswith(f"/indicator/{indicator_id}"), name


@pytest.mark.issue(15)
def test_indicators_seed_reports_name_tourists_three_ways(seed_build: BuildResult) -> None:
    names = {"接待游客量", "旅游人次", "旅游总人数"}  # seeds 000, 004 and 001
    written = {o.indicator for f in seed_build.facts for o in f.observations}
    assert names <= written
    iris = {seed_build.resolution.iri(EntityType.INDICATOR, n) for n in names}
    assert len(iris) == 1 and iris.pop().endswith("/indicator/tourists")
