"""Projects and programs by report grammar (issue 14): each rule on real sentences of the odd half or
the seeds (cited by file), and on a sentence of another report in the same grammar."""

from __future__ import annotations

import pytest

from tests.extract.test_commitments import PLAN, REVIEW, Row, commit

# Each group of rows is one rule of report grammar, named by the comment before it.
CASES = [
    # --- verb before a bare head is part of the name
    # A trigger verb right before a bare head modifies it and stays in the name (推进计划, 实施方案,
    # 提升行动). tests/real/texts/19_hebei-2014 (pinyin glosses as in the file):
    (
        "實施開發(fā)區(qū)產(chǎn)業(yè)倍增三年推進計劃。",
        PLAN,
        [("开发区产业倍增三年推进计划", "program", "planned")],
    ),
    # seeds/004 (a 行动计划 with no verb inside stays whole):
    ("实施牦牛和青稞产业发展三年行动计划。", PLAN, [("牦牛和青稞产业发展三年行动计划", "program", "planned")]),
    # report style, another report's grammar:
    ("全面实施全民健身三年推进计划。", REVIEW, [("全民健身三年推进计划", "program", "ongoing")]),
    ("开展市容环境综合整治提升行动。", PLAN, [("市容环境综合整治提升行动", "program", "planned")]),
    # A verb before a name that is not a bare head still starts the name after it.
    ("用心用情推进城区治理。", REVIEW, []),
    # --- joined levels of a kind name no project
    # tests/real/texts/19_hebei-2014: levels of a kind joined by 和 name no one zone.
    ("抓好國家級和省級開發(fā)區(qū)、高新區(qū)建設(shè)。", PLAN, []),
    # report style: the same with 及.
    ("推动省级及以上开发区提质增效。", PLAN, []),
    # A named zone is still one.
    ("加快推进临港经济开发区建设。", PLAN, [("临港经济开发区", "project", "planned")]),
    # --- framed clause keeps its object
    # tests/real/texts/19_hebei-2014: 在…的同时 frames a clause that still undertakes its object.
    (
        "在推動首都新機場開工建設(shè)的同時,編制實施臨空經濟區(qū)發(fā)展規(guī)劃。",
        PLAN,
        [("首都新机场", "project", "planned")],
    ),
    # report style: 在…的基础上.
    (
        "在完成老城区供水管网改造工程的基础上，启动新区供水管网建设。",
        REVIEW,
        [("老城区供水管网改造工程", "project", "completed"), ("新区供水管网", "project", "ongoing")],
    ),
    # --- quoted brands
    # tests/real/texts/03_yangzhou-2021: straight quotes read as “”, and the levels of government that
    # run a brand may stand between 实行 and it.
    (
        '揚州實行市縣"每日視頻點調",建立"一見底、兩徹底、三到位"機制。',
        REVIEW,
        [("每日视频点调", "program", "ongoing"), ("一见底、两彻底、三到位机制", "program", "ongoing")],
    ),
    # report style: the same on another brand.
    ('全面推行"最多跑一次"改革。', PLAN, [("最多跑一次改革", "program", "planned")]),
    # seeds/000: a quoted manner of work (…式) is no program, nor the quote it runs on to.
    ("实行“台账式”“销号制”管理，深入排查、找准症结。", REVIEW, []),
    # seeds/004: quotes in a run that are programs stay programs.
    (
        "做好“青洽会”“城洽会”协办主办工作。",
        PLAN,
        [("青洽会", "program", "planned"), ("城洽会", "program", "planned")],
    ),
    # --- aims and slogans are no programs
    # tests/real/texts/13_anjuqu-2022: the aim a result serves (为建设“…”奠定基础) is not undertaken.
    ("为建设“成渝之星”安居极核和湖光山色中的安逸安居奠定了坚实基础。", REVIEW, []),
    # report style: a brand undertaken, then what it serves.
    ("大力推进“两个一批”，为高质量发展奠定基础。", PLAN, [("两个一批", "program", "planned")]),
    # tests/real/texts/37_zhangzhou-2010: three-character slogans (深改革, 扩开放) are a line of policy.
    ("著力謀長遠、抓重點,著力轉方式、調結構,著力深改革、擴開放,著力惠民生、保穩定。", PLAN, []),
    # report style (seeds' grammar): 稳增长、促改革 likewise.
    ("统筹推进稳增长、促改革、调结构、惠民生、防风险。", REVIEW, []),
    # --- lists and predicates of works
    # A list closed by its count and kind without 等 (report style): the kind completes items without
    # a head of their own.
    (
        "文昌路、江阳路、扬子江路三条快速路建成通车。",
        REVIEW,
        [
            ("文昌路", "project", "completed"),
            ("江阳路", "project", "completed"),
            ("扬子江路", "project", "completed"),
        ],
    ),
    (
        "开工建设东区、西区两座污水处理厂。",
        PLAN,
        [("东区污水处理厂", "project", "planned"), ("西区污水处理厂", "project", "planned")],
    ),
    # tests/real/texts/01_zhenjiang-2019 and seeds/004: counts of indicators or fields close no list of works.
    ("地区生产总值、社会消费品零售总额、固定资产投资三项指标未能完成人代会确定的目标。", REVIEW, []),
    ("在发展理念、产业路径、城市风貌、制度环境四个领域打造样板。", PLAN, []),
    # Zones are works (report style): 商务区, 经济区, 起步区, 自贸区.
    (
        "加快推进虹桥商务区、前滩国际商务区建设。",
        PLAN,
        [("虹桥商务区", "project", "planned"), ("前滩国际商务区", "project", "planned")],
    ),
    ("争取雄安新区起步区开工建设。", PLAN, [("雄安新区起步区", "project", "planned")]),
    # 开发建设 after works is their building (report style); a list of works that 落户 lands (report
    # style), but companies that settle are none (seeds/004).
    ("深入推进北部新城开发建设。", PLAN, [("北部新城", "project", "planned")]),
    (
        "吉利汽车、长城汽车等整车项目落户。",
        REVIEW,
        [("吉利汽车整车项目", "project", "ongoing"), ("长城汽车整车项目", "project", "ongoing")],
    ),
    ("长城汽车、雅迪电动车、东鹏陶瓷等一批龙头企业相继落户。", REVIEW, []),
    # 建成使用 ends a clause as 建成投用 does (report style).
    (
        "市民中心、奥体中心建成使用。",
        REVIEW,
        [("市民中心", "project", "completed"), ("奥体中心", "project", "completed")],
    ),
    # --- heads and predicates
    # 工程 after a verb that helps or raises people names a campaign (report style).
    ("全面实施健康扶贫工程。", REVIEW, [("健康扶贫工程", "program", "ongoing")]),
    ("实施青年人才培养工程。", PLAN, [("青年人才培养工程", "program", "planned")]),
    # Works still are works.
    ("推进南水北调中线配套工程建设。", PLAN, [("南水北调中线配套工程", "project", "planned")]),
    # More predicates that end a clause of works, and a school's branch is works (report style).
    ("投资5亿元的城北水厂建成供水。", REVIEW, [("城北水厂", "project", "completed")]),
    (
        "市一中新校区、实验小学分校投入使用。",
        REVIEW,
        [("市一中新校区", "project", "completed"), ("实验小学分校", "project", "completed")],
    ),
    ("新城医院投入运行。", REVIEW, [("新城医院", "project", "completed")]),
    ("龙湖天街项目动工。", REVIEW, [("龙湖天街项目", "project", "ongoing")]),
    # --- predicates after adverbs
    # 圆满/高标准 before a predicate that ends the clause, and 通过验收 as one (report style).
    ("第四次全国经济普查圆满完成。", REVIEW, [("第四次全国经济普查", "program", "ongoing")]),
    ("南湖公园高标准建成开放。", REVIEW, [("南湖公园", "project", "completed")]),
    (
        "城南污水处理厂提标改造工程通过验收。",
        REVIEW,
        [("城南污水处理厂提标改造工程", "project", "completed")],
    ),
]


@pytest.mark.parametrize(("sentence", "heading", "expected"), CASES)
def test_program_and_project_kinds(sentence: str, heading: str, expected: list[Row]) -> None:
    assert commit(sentence, heading) == expected
