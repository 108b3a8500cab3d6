"""segment: sentences that know their part (review/plan) and year."""

from __future__ import annotations

import pytest

from kg.model import Part, Report


def _find(report: Report, fragment: str):  # type: ignore[no-untyped-def]
    return next(s for s in report.sentences if fragment in s.text)


@pytest.mark.parametrize(
    ("doc", "fragment", "part", "year"),
    [
        ("004_68102dd28083233a", "地区生产总值增长7.5%", Part.REVIEW, 2019),
        ("004_68102dd28083233a", "建议今年经济社会发展主要预期目标是", Part.PLAN, 2020),
        ("000_6a8a5062bf73147d", "完成非房投资18亿元", Part.REVIEW, 2019),
        ("001_7756f7c55821148a", "地区生产总值同比增长11.5%", Part.REVIEW, 2023),
        ("003_338ed807dc2533c7", "地区生产总值增长7%以", Part.PLAN, 2023),
        # Seed 003 prints review paragraphs under its plan heading: the wording wins.
        ("003_338ed807dc2533c7", "完成城镇新增就业7557人", Part.REVIEW, 2022),
        ("002_913eb7918d03026b", "上半年以来", Part.REVIEW, 2024),
    ],
)
def test_segment_part_and_year(seed_reports: dict[str, Report], doc: str, fragment: str, part: Part, year: int) -> None:
    sentence = _find(seed_reports[doc], fragment)
    assert (sentence.part, sentence.year) == (part, year)


def test_segment_evidence_slices_match_clean_text(
    seed_clean: dict[str, object], seed_reports: dict[str, Report]
) -> None:
    for doc, report in seed_reports.items():
        text = seed_clean[doc].text  # type: ignore[attr-defined]
        for sentence in report.sentences:
            assert text[sentence.start : sentence.end] == sentence.text


@pytest.mark.parametrize(
    ("heading", "part"),
    [
        # A numbered heading that names only the plan year opens the plan part, whatever its words.
        ("二、2023年工作任务", Part.PLAN),
        ("三、2023年政府工作的总体要求", Part.PLAN),
        ("2023年 重点工作", Part.PLAN),
        # …and one naming only the reviewed year keeps (or returns to) the review part.
        ("一、2022年主要工作", Part.REVIEW),
    ],
)
def test_segment_heading_naming_a_year_sets_the_part(heading: str, part: Part) -> None:
    from pathlib import Path

    from kg.model import RawText, Source
    from kg.pipeline import BuildOptions, read_report

    text = f"2023年某区政府工作报告\n{heading}\n新建幼儿园6所。\n"
    report = read_report(RawText(Source(Path("t.txt"), "0" * 64, "utf-8"), text), "t", BuildOptions())
    assert _find(report, "新建幼儿园").part is part


def test_segment_paragraph_opening_with_the_plan_year_is_plan() -> None:
    """A digest without a plan heading: "2023年，…预期目标为：…" in a 2023 report sets out plans."""
    from pathlib import Path

    from kg.model import RawText, Source
    from kg.pipeline import BuildOptions, read_report

    text = (
        "某区2023年政府工作报告摘要\n过去一年 成绩喜人\n全年完成地区生产总值186.5亿元，同比增长5.2%。\n"
        "2023年，全区经济社会发展主要预期目标为：地区生产总值增长6.5%左右，固定资产投资增长10%。\n"
    )
    report = read_report(RawText(Source(Path("t.txt"), "0" * 64, "utf-8"), text), "t", BuildOptions())
    assert _find(report, "186.5亿元").part is Part.REVIEW
    assert (_find(report, "6.5%左右").part, _find(report, "6.5%左右").year) == (Part.PLAN, 2023)


def _parts(text: str) -> list[tuple[str, Part, int | None]]:
    from pathlib import Path

    from kg.model import RawText, Source
    from kg.pipeline import BuildOptions, read_report

    report = read_report(RawText(Source(Path("t.txt"), "0" * 64, "utf-8"), text), "t", BuildOptions())
    return [(s.text[:6], s.part, s.year) for s in report.sentences if not s.heading]


def test_segment_news_piece_turns_from_results_to_plans_mid_paragraph() -> None:
    """A news piece reports the review and the plan in one paragraph; each announcement turns the part."""
    text = (
        "某某市十五届人大三次会议开幕\n"
        "今天上午，某某市第十五届人民代表大会第三次会议开幕。报告首先回顾了2019年工作。"
        "预计全年地区生产总值增长6%。对于2020年工作，报告提出主要预期目标为地区生产总值增长6%左右。"
    )
    parts = _parts(text)
    assert [(p, y) for _, p, y in parts] == [
        (Part.REVIEW, 2019),
        (Part.REVIEW, 2019),
        (Part.REVIEW, 2019),
        (Part.PLAN, 2020),
    ]


def test_segment_digest_heading_naming_the_reviewed_year_opens_the_review() -> None:
    """ "摘要(一):2021年全县…目标任务全面完成" names the reviewed year: its plan words do not make it a plan."""
    text = (
        "《政府工作报告》摘要(一)：2021年全县经济社会发展各项目标任务全面完成\n"
        "1月20日，某某县县长在作《政府工作报告》时，对2021年工作作了全面回顾，对2022年的主要工作作了安排部署。\n"
        "据统计预测，全县地区生产总值增长12%。\n"
    )
    assert _parts(text)[-1][1:] == (Part.REVIEW, 2021)


@pytest.mark.parametrize(
    "plan_sentence",
    [
        "某某省省长在《政府工作报告》中提出，2020年，全省将力争生产总值增长7%以上。",
        "他表示，今年全市要千方百计扩大有效投资，固定资产投资增长10%。",
        "省长指出，要构建开放型经济新体制，进出口总额增长5%。",
        "《报告》称，二〇二〇年全省经济社会发展的主要预期目标是：生产总值增长7%。",
        "对于今年，报告提出，全省地区生产总值增长7%左右。",
        "报告明确，要深化东西部协作，开工建设民用机场。",
        "答：今年再建成通组硬化路2.4万公里，建成机场三期扩建工程。",
    ],
)
def test_segment_news_piece_reporting_plans_turns_to_the_plan(plan_sentence: str) -> None:
    """Reported speech of plans (提出/表示/指出…将/要/力争, 今年…要) and a plan year in Chinese numerals."""
    text = f"某某新闻\n今天上午，某某省第十三届人民代表大会第三次会议开幕。回顾了2019年工作。{plan_sentence}"
    assert _parts(text)[-1][1:] == (Part.PLAN, 2020)


def test_segment_report_delivered_in_december_says_this_year_of_the_reviewed_year() -> None:
    """Delivered in December for the next year's session, 今年 is the year under review, 明年 the plan."""
    text = (
        "政府工作报告\n——2021年12月20日在某某县第十九届人民代表大会第一次会议上\n"
        "今年以来，全县上下要素保障有力，地区生产总值增长7%。今年全县将完成固定资产投资80亿元。"
        "明年全县要力争地区生产总值增长8%。\n"
    )
    assert [(p, y) for _, p, y in _parts(text)[-3:]] == [(Part.REVIEW, 2021), (Part.REVIEW, 2021), (Part.PLAN, 2022)]


def test_segment_news_piece_goes_on_with_the_plans_paragraph_by_paragraph() -> None:
    """A news piece that turned to the plans ("市长指出，要…") quotes them paragraph by paragraph in the
    imperative; those paragraphs stay plans until one reports results ("过去一年…"). Found on 河北's
    2014 digest (tests/real/texts/19), checked here in another government's words."""
    text = (
        "某某市长在市十六届人大三次会议上作政府工作报告时指出，要加快建设现代化产业体系。\n"
        "着力推进城市更新。加快老城区改造步伐，抓好东湖公园、滨江大道等项目建设，继续实施西湖治理二期工程，力争年底前建成。\n"
        "过去一年，全市地区生产总值增长6%，城镇新增就业1.2万人。\n"
    )
    parts = [(text, part) for text, part, _ in _parts(text.replace("某某市长", "2021年1月，某某市长"))]
    assert [part for _, part in parts] == [Part.PLAN, Part.PLAN, Part.PLAN, Part.REVIEW]


def test_segment_targets_of_the_plan_year_open_the_plans_that_follow() -> None:
    """A report printed without a plan heading goes on from the planned year's targets to its tasks:
    the paragraphs after "2021年主要目标：…" are plans, though written without plan words."""
    text = (
        "2021年某某县人民政府工作报告\n"
        "2020年，新开工项目128个，城南污水处理厂等一批项目建成投用。\n"
        "2021年主要目标：地区生产总值增长9%左右，固定资产投资增长10%。\n"
        "启动高铁站前广场前期工作，开工建设S237县城段改建工程。\n"
        "落实“六稳”“六保”任务，新增市场主体5000户。\n"
    )
    assert [(p, y) for _, p, y in _parts(text)] == [
        (Part.REVIEW, 2020),
        (Part.PLAN, 2021),
        (Part.PLAN, 2021),
        (Part.PLAN, 2021),
    ]


def test_segment_reporter_background_after_the_targets_is_no_plan() -> None:
    """A news piece that quoted the targets and then gives background of its own ("据了解，…") reports."""
    text = (
        "某某省十四届人大二次会议开幕\n"
        "《报告》称，2024年全省经济社会发展的主要预期目标是：地区生产总值增长5.5%左右。\n"
        "据了解，本次会议期间共收到代表建议620件，其中已办结580件。\n"
    )
    assert [p for _, p, _ in _parts(text)] == [Part.PLAN, Part.REVIEW]


def test_segment_a_news_piece_titled_by_its_plans_reports_first() -> None:
    """A piece titled by its plans ("…2022年某某区这样干") may open with the year reviewed: each turn
    ("报告指出，2021年…", "一年来", "对于2022年，报告提出") holds for the paragraphs after it, however
    they are worded."""
    text = (
        "政府工作报告解读：2022年某某区这样干\n"
        "1月10日，某某区第三届人民代表大会第一次会议开幕，区长作政府工作报告。\n"
        "报告指出，2021年全区实现地区生产总值980亿元，同比增长8.1%。\n"
        "一年来，全区坚持项目为王，东站枢纽、北山隧道等项目顺利推进。\n"
        "扎实推进“三改一拆”，完成城中村改造5000户。\n"
        "对于2022年，报告提出，全区地区生产总值增长7%左右。\n"
        "加快推进东站枢纽、轨道交通2号线等重大工程，开工建设区人民医院新院区。\n"
    )
    assert [(p, y) for _, p, y in _parts(text)[1:]] == [
        (Part.REVIEW, 2021),
        (Part.REVIEW, 2021),
        (Part.REVIEW, 2021),
        (Part.PLAN, 2022),
        (Part.PLAN, 2022),
    ]


def test_segment_a_clause_opened_by_the_reviewed_year_turns_to_the_review() -> None:
    """After the plans, "受…影响，2011年，全省实现…" reports the reviewed year: the year opens a clause."""
    text = (
        "某某省十一届人大五次会议开幕\n"
        "——2012年1月15日在某某省第十一届人民代表大会第五次会议上\n"
        "报告提出，2012年全省生产总值增长10%以上。\n"
        "受西部大开发等利好因素影响，2011年，全省实现生产总值8750亿元，同比增长13.7%。\n"
    )
    assert [(p, y) for _, p, y in _parts(text)][-2:] == [(Part.PLAN, 2012), (Part.REVIEW, 2011)]


def test_segment_a_text_without_line_breaks_starts_a_sentence_at_each_part_heading() -> None:
    """A text whose line breaks were lost runs its part headings into the sentences around them
    ("…会议上一、2021年工作回顾2021年，全市…"): the heading starts a sentence, so the title's year
    does not date the first result, and "二、2022年工作安排" opens the plans."""
    text = (
        "某某市2022年政府工作报告——2022年1月6日在某某市第七届人民代表大会第二次会议上一、2021年工作回顾"
        "2021年，全市地区生产总值增长7.1%。二、2022年工作安排地区生产总值增长6%左右。全市一、二、三产业协调发展。"
    )
    parts = _parts(text)
    assert [(t, p, y) for t, p, y in parts[1:]] == [
        ("一、2021", Part.REVIEW, 2021),
        ("二、2022", Part.PLAN, 2022),
        ("全市一、二、", Part.PLAN, 2022),
    ]


def test_segment_a_digests_bulleted_items_are_sentences_without_their_bullets() -> None:
    """A digest lists its figures as bulleted lines without punctuation ("▲地区生产总值增长8.3%"):
    each is a sentence of its own, not a heading, and its bullet is no part of it; a bulleted line
    that states no number ("◆【主要预期目标】") is still a heading."""
    from pathlib import Path

    from kg.model import RawText, Source
    from kg.pipeline import BuildOptions, read_report

    text = "2022年某某市政府工作报告\n◆【回眸2021】\n▲地区生产总值增长8.3%\n■城镇新增就业5.6万人\n"
    report = read_report(RawText(Source(Path("t.txt"), "0" * 64, "utf-8"), text), "t", BuildOptions())
    assert [(s.text, s.heading) for s in report.sentences[1:]] == [
        ("【回眸2021】", True),
        ("地区生产总值增长8.3%", False),
        ("城镇新增就业5.6万人", False),
    ]


def test_segment_a_posts_emoji_bullets_open_items_as_bullets_do() -> None:
    """A social-media post opens its items with emoji ("✅…", "🚧…") and decorates them ("…建成投用🏥"):
    each item is a sentence without them, also one that states no number; a bracketed title is a heading."""
    from pathlib import Path

    from kg.model import RawText, Source
    from kg.pipeline import BuildOptions, read_report

    text = (
        "2026年某某县政府工作报告出炉👇\n【2025年成绩单】📈\n✅全县地区生产总值346.8亿元，增长6.1%\n"
        "✅县医院新院区建成投用🏥\n🚧开工建设滨江大道、城南公园\n"
    )
    report = read_report(RawText(Source(Path("t.txt"), "0" * 64, "utf-8"), text), "t", BuildOptions())
    assert [(s.text, s.heading) for s in report.sentences[1:]] == [
        ("【2025年成绩单】", True),
        ("全县地区生产总值346.8亿元，增长6.1%", False),
        ("县医院新院区建成投用", False),
        ("开工建设滨江大道、城南公园", False),
    ]


def test_segment_a_commentators_main_point_is_no_plan() -> None:
    """主要, 重要 and 需要 hold 要 but state no intent: a commentator's "…主要来自…" reports."""
    text = (
        "某某新闻\n今天上午，某某省第十三届人民代表大会第三次会议开幕。报告显示，2019年全省生产总值增长6%。"
        "一位教授分析说，全省的增长主要来自项目投资拉动。报告中提到，南湖大桥建成通车。\n"
        "报告提出，今年全省生产总值增长7%左右。\n"
    )
    assert [p for _, p, _ in _parts(text)] == [Part.REVIEW, Part.REVIEW, Part.REVIEW, Part.REVIEW, Part.PLAN]


def test_segment_a_date_of_this_year_in_the_review_turns_nothing() -> None:
    """ "今年1月，…获批" in a report's review is news of the delivery year, not its plans: the review goes on."""
    text = (
        "2021年某某市政府工作报告\n一、2020年工作回顾\n全市地区生产总值增长3%。\n"
        "今年1月，国务院批复设立某某新区。\n城镇新增就业5万人。\n"
    )
    assert [p for _, p, _ in _parts(text)][-3:] == [Part.REVIEW, Part.REVIEW, Part.REVIEW]
