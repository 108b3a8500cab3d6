"""meta: region and years read from the reports themselves."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.clean import clean
from kg.ingest import read_source
from kg.meta import read_meta
from kg.model import FrameOverride, RawText, ReviewPeriod, Source

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


def test_meta_title_is_no_breadcrumb_trail() -> None:
    """A page saved from a government site opens on where it sits ("首页 > 政务公开 > 政府工作报告"):
    the title is the report's own line after it."""
    text = (
        "某某市人民政府门户网站 首页 > 政务公开 > 政府工作报告\n2021年某某市政府工作报告\n"
        "——2021年1月25日在某某市第十五届人民代表大会第五次会议上\n各位代表："
    )
    assert _meta(text).title == "2021年某某市政府工作报告"


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
    # A district the gazetteer lacks (锦官区 is made up): the title says which city it is in.
    meta = _meta("成都市锦官区2023年政府工作报告\n一、2022年工作回顾\n全区地区生产总值增长3.1%。\n")
    assert (meta.region, meta.region_parent, meta.report_year) == ("锦官区", "成都市", 2023)
    # A district the gazetteer knows needs no parent from the text: its row has it.
    meta = _meta("成都市武侯区2023年政府工作报告\n一、2022年工作回顾\n全区地区生产总值增长3.1%。\n")
    assert (meta.region, meta.region_parent, meta.report_year) == ("武侯区", None, 2023)


@pytest.mark.parametrize(
    ("text", "region", "parent", "year"),
    [
        # 广州 ends in 州 but 广州市 is one name (珠江区 is made up).
        ("2022年广州市珠江区人民政府工作报告\n过去一年，全区经济平稳。", "珠江区", "广州市", 2022),
        # A district's name may end like a common noun (山区, 湖区): jieba's dictionary knows it.
        ("南山区政府工作报告（2021年）\n一、2020年工作回顾\n", "南山区", None, 2021),
        # The session line, dated by month only.
        ("政府工作报告\n——2023年1月在西湖区第十届人民代表大会第三次会议上\n区长 张三\n", "西湖区", None, 2023),
    ],
)
def test_meta_title_forms_of_unlisted_districts(text: str, region: str, parent: str | None, year: int) -> None:
    meta = _meta(text)
    assert (meta.region, meta.region_parent, meta.report_year) == (region, parent, year)


# Issue 13: the frame read as weighed evidence. Each text is written in the grammar of a kind of
# report that failed, with names other than those of the reports the kind was found in.
@pytest.mark.parametrize(
    ("text", "region"),
    [
        # A session line naming city and district: the most specific government is the issuer.
        ("政府工作报告\n——2021年1月12日在福州市鼓楼区第十七届人民代表大会第五次会议上\n各位代表：", "鼓楼区"),
        # The speaker line names the issuer; the level the report speaks at agrees.
        ("政府工作报告\n成都市武侯区人民政府区长 李四\n各位代表：\n现在，我代表区人民政府向大会报告工作。", "武侯区"),
        # A slogan title, 全市 throughout, and one other city named only as a partner.
        (
            "奋力谱写高质量发展新篇章\n过去一年，全市上下团结奋斗。我们与宁波市持续深化帮扶合作，"
            "与宁波市共建产业园。全市地区生产总值增长6%。西宁市经济运行稳中向好，西宁市城乡面貌焕然一新。",
            "西宁市",
        ),
        # A digest that speaks of 全市 and names its province more often than itself, by short name.
        (
            "产业强市 勇争一流\n来源：中共甘肃省委新闻网 甘肃省政府网\n2019年，全市经济运行稳中有进，天水速度领跑全省。"
            "全市上下奋力拼搏，天水港吞吐量增长。全市生产总值增长6%。",
            "天水市",
        ),
        # A news piece: "X市十五届人大二次会议" is the issuer's congress.
        ("昨日上午，温州市十四届人大三次会议开幕，市长作政府工作报告。", "温州市"),
    ],
)
def test_meta_issuer_is_the_best_supported_and_most_specific(text: str, region: str) -> None:
    assert _meta(text).region == region


@pytest.mark.parametrize(
    ("text", "years"),
    [
        # A date line in Chinese numerals, with ○ (U+25CB), 〇 or a digit zero for 〇.
        ("政府工作报告\n二○一一年一月十日在某某市第十四届人民代表大会第四次会议上\n", (2011, 2010, 2011)),
        ("政府工作报告\n——二〇一九年二月二十日在某某县第十七届人民代表大会第三次会议上\n", (2019, 2018, 2019)),
        ("二0一0年上海经济社会发展的主要目标包括，全市生产总值增长百分之八以上。", (2010, 2009, 2010)),
        # "2019年，云南省…的主要预期目标建议为": the year of the targets.
        ("2019年，某某省经济社会发展的主要预期目标建议为：生产总值增长8.5%左右。", (2019, 2018, 2019)),
        # Delivered early in 2023: a "2023年" in its title does not make 2023 the reviewed year.
        ("2023年某某区政府工作报告回顾(20230114)\n各位代表：过去一年，全区经济平稳。", (2023, 2022, 2023)),
        # No date line: the year only opens the review.
        ("各位代表：\n2016年，在区委的坚强领导下，全区经济平稳增长。", (2017, 2016, 2017)),
        # A news article about the session: the review and the plan each name their year.
        (
            "今天上午，某某市第十五届人民代表大会第三次会议开幕。报告首先回顾了2017年工作。"
            "对于2018年工作，报告提出预期目标为地区生产总值增长7.5%左右。",
            (2018, 2017, 2018),
        ),
        # Delivered in December for the next year's session: it reviews its own year.
        ("政府工作报告\n——2020年12月23日在某某县第十八届人民代表大会第五次会议上\n", (2020, 2020, 2021)),
        # The date in brackets after the speaker, and an aggregator's title year that is the reviewed year.
        (
            "2019年某某县人民政府工作报告(全文)——在某某县第十七届人民代表大会第四次会议上县长王五(2020年1月8日)",
            (2020, 2019, 2020),
        ),
        # No year at all but a provincial congress's session: they have met in step since 1998.
        (
            "山东省省长在省十三届人大四次会议上作政府工作报告时指出，今年全省生产总值预期增长6%以上。",
            (2021, 2020, 2021),
        ),
        # Two plan clues naming different years, the headline's first: the body's "2011年…总体要求" is one
        # clue, though two patterns match it (要求 is no "要"). Found on 漳州's digest (tests/real/texts/37).
        (
            "政府工作报告提出：2012年某某市经济社会发展主要目标\n代市长昨日在报告中提出2011年政府工作总体要求。",
            (2012, 2011, 2012),
        ),
        # A news piece of a December session that names only the year it plans for (…的重点任务):
        # delivered the year before, reviewing its own year.
        (
            "12月26日，某某县第十八届人民代表大会第五次会议开幕。县长代表县人民政府作政府工作报告，"
            "报告回顾了今年以来的工作，安排部署了2021年的重点任务。",
            (2020, 2020, 2021),
        ),
        # A news piece whose only years are the results it reports ("报告显示，2020年…"), one quoted
        # from the report ("：“2020年，全州…”"); the plans are 今年's.
        (
            "1月下旬召开的某某州第十五届人民代表大会第五次会议上，报告中的一句话引来掌声：“2020年，全州8个县市全部脱贫摘帽。”"
            "报告显示，2020年全州地区生产总值达到297.9亿元。对于今年，报告提出，全州地区生产总值增长7%左右。",
            (2021, 2020, 2021),
        ),
        # No year at all but a milestone that dates this year.
        ("今年是“十四五”开局之年，全市要奋力开创新局面。", (2021, 2020, 2021)),
        ("今年是党的二十大召开之年，地区生产总值增长8%以上。", (2022, 2021, 2022)),
    ],
)
def test_meta_years_in_every_style(text: str, years: tuple[int, int, int]) -> None:
    meta = _meta(text)
    assert (meta.report_year, meta.review_year, meta.plan_year) == years


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("政府工作报告\n一、过去五年工作回顾\n过去五年，全县经济总量翻了一番。", ReviewPeriod.FIVE_YEARS),
        ("一、“十三五”时期及2020年工作回顾\n“十三五”时期，全区经济快速发展。", ReviewPeriod.FIVE_YEARS),
        ("一、本届政府工作回顾\n本届政府以来，我们坚持稳中求进。", ReviewPeriod.TERM),
        ("一、2022年工作回顾\n过去一年，全市经济稳中向好。", ReviewPeriod.YEAR),
    ],
)
def test_meta_review_period_kept_apart_from_the_reviewed_year(text: str, period: ReviewPeriod) -> None:
    assert _meta(text).review_period is period


def test_meta_a_report_that_names_no_government_has_no_region() -> None:
    meta = _meta("各位代表：\n现在，我代表县人民政府向大会报告工作。过去一年，全县经济平稳。")
    assert meta.region is None


def test_meta_date_line_settles_the_years_over_a_five_year_reviews_clues() -> None:
    """A December report reviewing a five-year period names the period's first year as an opening."""
    text = (
        "某某县2021年政府工作报告\n——2020年12月29日在某某县第十七届人民代表大会第六次会议上\n"
        "一、“十三五”时期工作回顾\n2016年，是“十三五”开局之年。五年来，全县地区生产总值年均增长6.5%。\n"
    )
    meta = _meta(text)
    assert (meta.report_year, meta.review_year, meta.plan_year, meta.review_period) == (
        2020,
        2020,
        2021,
        ReviewPeriod.FIVE_YEARS,
    )


# Issue 13: with every district, county and county-level city known, the grammar of the frame
# still decides. Names differ from the reports each rule was found in.
@pytest.mark.issue(13)
@pytest.mark.parametrize(
    ("text", "region", "parent"),
    [
        # A session line naming city and district: the district, though the city is named more.
        (
            "政府工作报告\n——2024年1月9日在南京市鼓楼区第十八届人民代表大会第四次会议上\n"
            "一年来，在南京市委、南京市政府的坚强领导下，我们融入南京市发展大局，服务南京市中心城区建设，"
            "对接南京市重大项目，推动南京市高质量发展。",
            "鼓楼区",
            "南京市",
        ),
        # A shared name without its city in the frame: the places the text names place it.
        ("鼓楼区政府工作报告\n过去一年，全区上下在福州市委领导下，推进福州市三坊七巷保护。", "鼓楼区", "福州市"),
        # "X自治区" as reports write it is the autonomous region.
        (
            "政府工作报告\n宁夏自治区人民政府主席 王五\n各位代表：现在，我代表自治区人民政府向大会报告工作。",
            "宁夏回族自治区",
            None,
        ),
        # A county-level city of a prefecture that the text names too.
        (
            "今年以来，在延边州委、州政府的坚强领导下，珲春市经济运行稳中向好。"
            "珲春市地区生产总值增长5%，全市固定资产投资增长8%。延边朝鲜族自治州下达的任务全面完成。",
            "珲春市",
            None,
        ),
    ],
)
def test_meta_issuer_is_the_most_specific_known_government(text: str, region: str, parent: str | None) -> None:
    meta = _meta(text)
    assert (meta.region, meta.region_parent) == (region, parent)


@pytest.mark.issue(13)
@pytest.mark.parametrize(
    ("text", "years"),
    [
        # posted the day after the session opened: the page's date is the session's
        (
            "九江市十五届人大四次会议开幕\n某某新闻网 2019-01-16 08:30\n"
            "昨日上午，九江市第十五届人民代表大会第四次会议隆重开幕。市长向大会作政府工作报告。",
            (2019, 2018, 2019),
        ),
        # a day named without a year, on a page posted weeks later in the same year
        # (as 成都's digest, tests/real/texts/11, is dated; in other words)
        (
            "财经图书馆 2021-03-20 10:33:06\n2月21日上午9时，九江市第十五届人民代表大会第六次会议在市会议中心开幕。",
            (2021, 2020, 2021),
        ),
        # a December session on a page posted in January: the year before the page's, reviewing its own year
        (
            "九江市十五届人大五次会议开幕\n发布时间：2020-01-05 09:00\n"
            "12月28日上午，九江市第十五届人民代表大会第五次会议开幕。",
            (2019, 2019, 2020),
        ),
    ],
)
def test_meta_a_news_piece_dates_the_session_by_its_page(text: str, years: tuple[int, int, int]) -> None:
    meta = _meta(text)
    assert (meta.report_year, meta.review_year, meta.plan_year) == years


def test_issuer_clues_scan_only_near_their_anchors_and_find_the_same() -> None:
    """``_clues`` skips what lies far from a clue's anchor: on every stretch of the seeds and of the
    real texts, it finds the matches a scan of the whole stretch finds, no more, no fewer."""
    from kg.dates import arabic_years
    from kg.ingest import read_sources
    from kg.meta import _HEAD, _ISSUER_CLUES, _clues

    texts, _ = read_sources([SEEDS, SEEDS.parent / "tests" / "real" / "texts"])
    found = 0
    for raw in texts:
        text = arabic_years(clean(raw).simplified)
        for start in range(0, len(text), _HEAD // 2):
            head = text[start : start + _HEAD]
            for pattern, _, anchor in _ISSUER_CLUES:
                whole = [(m.span(), m.groupdict()) for m in pattern.finditer(head)]
                assert [(m.span(), m.groupdict()) for m in _clues(pattern, anchor, head)] == whole
                found += len(whole)
    assert found > 100
