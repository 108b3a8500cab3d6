"""commitments: one rule per case, each on a real sentence of the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.evaluate import evaluate_graph
from kg.extract.commitments import extract_commitments
from kg.model import BuildResult, RawText, Source
from kg.pipeline import BuildOptions, read_report

REVIEW, PLAN = "回首2019", "着眼2020"
Row = tuple[str, str, str]


def commit(sentence: str, heading: str) -> list[Row]:
    """Commitments in a sentence placed under a review or plan heading of a 2020 city report."""
    raw = RawText(Source(Path("t.txt"), "0" * 64, "utf-8"), f"2020年西宁市政府工作报告\n{heading}\n{sentence}\n")
    report = read_report(raw, "t", BuildOptions())
    return [(c.subject, c.subject_type.value, c.status.value) for c in extract_commitments(report)]


@pytest.mark.parametrize(
    ("sentence", "heading", "expected"),
    [
        # A list after a trigger verb, closed by "等项目": each item is a project.
        (
            "全力推进曹家寨片区改造、老旧小区综合整治及配套基础设施改造、大园山文化体育公园等项目。",
            PLAN,
            [
                ("曹家寨片区改造", "project", "planned"),
                ("老旧小区综合整治", "project", "planned"),
                ("配套基础设施改造项目", "project", "planned"),
                ("大园山文化体育公园", "project", "planned"),
            ],
        ),
        # A list closed by "等…战略" names strategies, each a program, head or not (issue 14; a
        # sentence written in report style, not the odd file's).
        (
            "深入实施乡村振兴、区域协调发展等战略。",
            PLAN,
            [("乡村振兴", "program", "planned"), ("区域协调发展", "program", "planned")],
        ),
        # A campaign named as the favourable factor behind a result is its occasion, not undertaken
        # (issue 14; report style, not the odd file's sentence).
        ("受“一带一路”建设、长江经济带等利好因素拉动，全市外贸进出口增长较快。", REVIEW, []),
        # A brand coded in digits takes the words after it to the clause's end as its name (issue 14;
        # report style, not the odd file's sentence); a quoted amount does not ("实现“15分钟”…").
        (
            "全面实施“123”乡村振兴示范创建，推动产业兴旺。",
            PLAN,
            [("123乡村振兴示范创建", "program", "planned")],
        ),
        # A count in words may stand between the verb and a quoted brand (issue 14; report style).
        ("全力推进两个“头号工程”。", PLAN, [("头号工程", "program", "planned")]),
        # "以“…”为抓手" makes a quoted brand the work's lever; a paired slogan stays none (issue 14).
        ("以“四送一服”为抓手，优化营商环境。", PLAN, [("四送一服", "program", "planned")]),
        ("坚持以“保民生、兜底线”为抓手，增进民生福祉。", PLAN, []),
        # An adverb before a bare head is no name: "强力攻坚" is how the work goes (issue 14; report style).
        ("重点工程建设强力攻坚。", REVIEW, []),
        # A 工程 that brings back, trains or raises people is a campaign, not works (issue 14; report style).
        ("深入实施青年人才引育工程。", PLAN, [("青年人才引育工程", "program", "planned")]),
        # Items without a head of their own are projects when the list says so.
        (
            "实施海湖路上跨桥、群星路下穿等项目。",
            PLAN,
            [("海湖路上跨桥", "project", "planned"), ("群星路下穿", "project", "planned")],
        ),
        # Name first, completion predicate last: completed in a review.
        (
            "凤凰山路、时代大道全线通车。",
            REVIEW,
            [("凤凰山路", "project", "completed"), ("时代大道", "project", "completed")],
        ),
        # What is put into service is a project, head or not.
        (
            "推动大美煤业烯烃、中复神鹰碳纤维建成投产。",
            PLAN,
            [("大美煤业烯烃", "project", "planned"), ("中复神鹰碳纤维", "project", "planned")],
        ),
        # Bare words before a campaign share its head (the shape without "三大"; not a seed sentence);
        # a list of longer items does not lend a program head ("…的项目调度制度" is one system).
        (
            "深入推进河长制、林长制，打好蓝天、碧水、净土保卫战。",
            REVIEW,
            [
                ("河长制", "program", "ongoing"),
                ("林长制", "program", "ongoing"),
                ("蓝天保卫战", "program", "ongoing"),
                ("碧水保卫战", "program", "ongoing"),
                ("净土保卫战", "program", "ongoing"),
            ],
        ),
        ("严格执行周检查、旬协调、月督办的项目调度制度。", PLAN, [("项目调度制度", "program", "planned")]),
        # A verb that ends a name (…建设, …提升改造) is not the clause's predicate.
        ("青海国家高新区建设加速推进。", REVIEW, [("青海国家高新区", "project", "ongoing")]),
        # A list's tail "等重点项目" says the items are projects; "重点" is not part of their names.
        (
            "加快推进城南综合客运枢纽、第二人民医院迁建等重点项目。",
            PLAN,
            [("城南综合客运枢纽", "project", "planned"), ("第二人民医院迁建", "project", "planned")],
        ),
        # A count after a list's tail counts the list; its named items are still projects; 续建 goes on.
        (
            "续建沿江快速路、中山大道改造等项目48个。",
            PLAN,
            [("沿江快速路", "project", "ongoing"), ("中山大道改造", "project", "ongoing")],
        ),
        # A compound completion verb before its object; a section of a road is a project.
        (
            "开工建设东湖隧道，建成通车绕城高速北段。",
            PLAN,
            [("东湖隧道", "project", "planned"), ("绕城高速北段", "project", "planned")],
        ),
        # 争创 commits to a title as 创建 does.
        (
            "全力创建全国文明城市，争创国家生态园林城市。",
            PLAN,
            [("全国文明城市", "program", "planned"), ("国家生态园林城市", "program", "planned")],
        ),
        # Water diversions are works by their naming pattern (引汉济渭, 引江济淮), quoted or not.
        ("加快引汉济渭二期工程建设。", PLAN, [("引汉济渭二期工程", "project", "planned")]),
        ("协调推进“引江济淮”。", PLAN, [("引江济淮", "project", "planned")]),
        # The preparatory work of a project is the project (not a seed sentence).
        ("启动城市轨道交通1号线前期工作。", PLAN, [("城市轨道交通1号线", "project", "planned")]),
        # A time before a completion predicate is not part of the name; a count of schools is no project.
        ("确保庄墓中学新校区秋季开学。", PLAN, [("庄墓中学新校区", "project", "planned")]),
        ("认真落实分级分类、错时错峰开学要求，辖区34所学校顺利开学。", REVIEW, []),
        # The noun of a list's tail completes its items.
        (
            "加快建设花儿、果蔬、森林康养等特色小镇。",
            PLAN,
            [
                ("花儿特色小镇", "project", "planned"),
                ("果蔬特色小镇", "project", "planned"),
                ("森林康养特色小镇", "project", "planned"),
            ],
        ),
        # Short items share the head of the last: "南川河、北川河综合整治".
        (
            "推进南川河、北川河综合整治。",
            PLAN,
            [("南川河综合整治", "project", "planned"), ("北川河综合整治", "project", "planned")],
        ),
        # The same action head without a place is a program.
        ("持续开展农村人居环境整治。", PLAN, [("农村人居环境整治", "program", "planned")]),
        # 和 splits where the part after it names a place of its own.
        (
            "完成危险废物处置和付家寨地下水风险防控等工程。",
            PLAN,
            [("危险废物处置工程", "project", "planned"), ("付家寨地下水风险防控", "project", "planned")],
        ),
        # Programs: a name first with an evaluative predicate; quoted lists; a quoted brand of 工程.
        ("蓝天保卫战纵深推进。", REVIEW, [("蓝天保卫战", "program", "ongoing")]),
        (
            "深入推进“街长制”“门前六包”责任制。",
            REVIEW,
            [("街长制", "program", "ongoing"), ("门前六包责任制", "program", "ongoing")],
        ),
        (
            "狠抓“会战黄金季”“夏秋季攻势”等专项行动。",
            REVIEW,
            [("会战黄金季专项行动", "program", "ongoing"), ("夏秋季攻势", "program", "ongoing")],
        ),
        ("深入推进“幸福养老”工程。", REVIEW, [("幸福养老工程", "program", "ongoing")]),
        (
            "做好第七次人口普查和第三次国土调查。",
            PLAN,
            [("第七次人口普查", "program", "planned"), ("第三次国土调查", "program", "planned")],
        ),
        # A list named as a set ("三大保卫战") is a campaign's parts, each named with the set's head.
        (
            "持续深入打好蓝天、碧水、净土三大保卫战。",
            PLAN,
            [
                ("蓝天保卫战", "program", "planned"),
                ("碧水保卫战", "program", "planned"),
                ("净土保卫战", "program", "planned"),
            ],
        ),
        # Two facilities joined by 和 are two projects.
        (
            "完成城东区养老示范基地和老年大学建设。",
            PLAN,
            [("城东区养老示范基地", "project", "planned"), ("老年大学", "project", "planned")],
        ),
        # A campaign with a distinctive head is a program wherever the clause mentions it.
        ("在扫黑除恶专项斗争中，坚持打早打小。", REVIEW, [("扫黑除恶专项斗争", "program", "ongoing")]),
        ("以市域社会治理现代化试点为牵引。", PLAN, [("市域社会治理现代化试点", "program", "planned")]),
        # A verb right before a quote makes the quoted words the program.
        ("全面推行“双随机一公开”公开公正监管。", REVIEW, [("双随机一公开", "program", "ongoing")]),
        # Not commitments: generic facilities, kinds of projects, counted things, plan periods.
        ("完善城乡基础设施。", PLAN, []),
        ("实施一批支撑性、骨干性工程。", PLAN, []),
        ("建成垃圾分类示范小区16个。", REVIEW, []),
        ("今年是实施“十四五”规划的关键一年。", PLAN, []),
        # Nor quoted amounts, a pilot's counted units, or a partner after a preposition.
        ("实现“15分钟”助餐送餐配餐，已经提前实现“翻一番”。", REVIEW, []),
        ("深入推进生活垃圾分类，新增试点小区18个。", REVIEW, [("生活垃圾分类", "program", "ongoing")]),
        ("深化与中西亚等“一带一路”沿线国家交流合作。", PLAN, []),
        # Kinds of project (等17类…项目) are programs; activities in a list of 项目 are not projects
        # (jieba tags 转化 a verb), works in a list of 工程 are.
        (
            "实施光伏扶贫、高原美丽乡村等17类1380个扶贫项目。",
            REVIEW,
            [("光伏扶贫", "program", "ongoing"), ("高原美丽乡村", "program", "ongoing")],
        ),
        ("推动成果转化、人才引进等50个项目。", PLAN, []),
        ("完成危险废物处置等工程。", PLAN, [("危险废物处置工程", "project", "planned")]),
        # Joined by 和, a whole that names nothing gives its named parts; a basin says where.
        ("扎实推进火车站南岸广场改造和自建房片区征收工作。", PLAN, [("火车站南岸广场改造", "project", "planned")]),
        ("开展湟水流域系统性综合整治和水生态修复。", PLAN, [("湟水流域系统性综合整治", "project", "planned")]),
        ("实现所有乡镇村通硬化路和客运班车。", REVIEW, []),
        # The quoted brand a counted set of projects is filed under is a program.
        (
            "五四桥拓宽等73个“幸福西宁·绿色交通”项目开工。",
            REVIEW,
            [("五四桥拓宽", "project", "ongoing"), ("幸福西宁·绿色交通", "program", "ongoing")],
        ),
        # Phases, road sections, and predicates that end a clause of names (加快建设, 建成招生, 开馆).
        (
            "四川时代动力电池项目二期、三期建成投产。",
            REVIEW,
            [
                ("四川时代动力电池项目二期", "project", "completed"),
                ("四川时代动力电池项目三期", "project", "completed"),
            ],
        ),
        (
            "成宜高速铁路宜宾段、宜宾港志城作业区二期加快建设。",
            REVIEW,
            [("成宜高速铁路宜宾段", "project", "ongoing"), ("宜宾港志城作业区二期", "project", "ongoing")],
        ),
        ("莆炎高速永泰段开工建设。", REVIEW, [("莆炎高速永泰段", "project", "ongoing")]),
        (
            "城关中学新校区建成招生，县博物馆新馆开馆。",
            REVIEW,
            [
                ("城关中学新校区", "project", "completed"),
                ("县博物馆新馆", "project", "completed"),
            ],
        ),
        ("力争叙州机场改扩建工程完成前期工作。", PLAN, [("叙州机场改扩建工程", "project", "planned")]),
        (
            "推进三江口CBD、天原集团年产10万吨磷酸铁锂项目建设。",
            PLAN,
            [("三江口CBD", "project", "planned"), ("天原集团年产10万吨磷酸铁锂项目", "project", "planned")],
        ),
        (
            "建成县级政务服务中心新大厅和城东停车场。",
            PLAN,
            [
                ("县级政务服务中心新大厅", "project", "planned"),
                ("城东停车场", "project", "planned"),
            ],
        ),
        ("进入攻坚阶段。", PLAN, []),
        # Plans (…计划) are programs, a year's plan is not; a numbered brand with a head (“七五”普法)
        # is a program; a brand's works (“两岸青山”工程) are a campaign.
        ("实施全民参保计划，完成年度计划。", PLAN, [("全民参保计划", "program", "planned")]),
        ("“七五”普法深入实施。", REVIEW, [("七五普法", "program", "ongoing")]),
        ("实施长江生态修复“两岸青山”工程。", PLAN, [("长江生态修复两岸青山工程", "program", "planned")]),
        ("启动新一轮美丽乡村建设。", PLAN, [("美丽乡村建设", "program", "planned")]),
        # Parallel place words before a list's last item take everything after its own place word.
        (
            "加快东川、南川、甘河工业园区循环化改造。",
            PLAN,
            [
                ("东川工业园区循环化改造", "project", "planned"),
                ("南川工业园区循环化改造", "project", "planned"),
                ("甘河工业园区循环化改造", "project", "planned"),
            ],
        ),
        # A name starts after the description before 的; a bare kind after 的 names nothing.
        ("具有国际竞争力、世界一流的2万吨碳纤维项目落地开工。", REVIEW, [("2万吨碳纤维项目", "project", "ongoing")]),
        ("建立清欠与根治农民工工资的协调联动机制。", PLAN, [("协调联动机制", "program", "planned")]),
        ("制定更加有力的激励政策。", PLAN, []),
        # A topped-out or structurally finished building is still under way.
        (
            "区人民医院新院区主体封顶，市第二人民医院新院区主体完工。",
            REVIEW,
            [("区人民医院新院区", "project", "ongoing"), ("市第二人民医院新院区", "project", "ongoing")],
        ),
        # Transport works by their heads (高速, 轻轨, 环线).
        (
            "加快推进成兰铁路、九绵高速等重大交通项目建设。",
            PLAN,
            [("成兰铁路", "project", "planned"), ("九绵高速", "project", "planned")],
        ),
        # Standing campaigns of these years named by their own words.
        (
            "统筹抓好疫情防控和经济社会发展，深化东西部协作和对口支援。",
            PLAN,
            [
                ("疫情防控", "program", "planned"),
                ("东西部协作", "program", "planned"),
                ("对口支援", "program", "planned"),
            ],
        ),
        # A place branded by a campaign is a program without a head word.
        (
            "持续推进平安西宁建设，深入推进法治城东建设，加强数字政府建设。",
            PLAN,
            [
                ("平安西宁建设", "program", "planned"),
                ("法治城东建设", "program", "planned"),
                ("数字政府建设", "program", "planned"),
            ],
        ),
        ("加快发展数字经济。", PLAN, []),
        # Verbs of focus before a campaign are not part of its name.
        (
            "充分发挥铸牢中华民族共同体意识主题教育作用。",
            PLAN,
            [("铸牢中华民族共同体意识主题教育", "program", "planned")],
        ),
    ],
)
def test_commitments_rules(sentence: str, heading: str, expected: list[Row]) -> None:
    assert commit(sentence, heading) == expected


# Issue 14: kinds of phrasing found on real reports; each sentence is written in the grammar of
# real reports, not taken from the report where the miss was seen.
@pytest.mark.issue(14)
@pytest.mark.parametrize(
    ("sentence", "heading", "expected"),
    [
        # A list closed by 等 + count + kind and a predicate: the verb in the tail (续建) is no
        # predicate, and an amount that describes the items (总投资…的) is not part of a name.
        (
            "总投资52亿元的金川公司、宏达集团等12个续建项目投产达效。",
            REVIEW,
            [("金川公司项目", "project", "completed"), ("宏达集团项目", "project", "completed")],
        ),
        # A name, time words, then a completion predicate.
        ("城北物流园项目当年建成。", REVIEW, [("城北物流园项目", "project", "completed")]),
        ("总投资30亿元的南岭抽水蓄能电站近期开工。", PLAN, [("南岭抽水蓄能电站", "project", "planned")]),
        ("市疾控中心检验实验室建成投用。", REVIEW, [("市疾控中心检验实验室", "project", "completed")]),
        # Completing a step of preparation leaves the works under way.
        ("乙烯扩能改造项目完成初步设计审查。", REVIEW, [("乙烯扩能改造项目", "project", "ongoing")]),
        # Place-named items share the head of the last one; 推进顺利 is a progress predicate.
        (
            "青龙湖、白河源、凤凰山国家级湿地公园项目建设推进顺利。",
            REVIEW,
            [
                ("青龙湖国家级湿地公园", "project", "ongoing"),
                ("白河源国家级湿地公园", "project", "ongoing"),
                ("凤凰山国家级湿地公园", "project", "ongoing"),
            ],
        ),
        # Events the government runs.
        ("成功举办第三届中国西部投资贸易博览会。", REVIEW, [("第三届中国西部投资贸易博览会", "program", "ongoing")]),
        # Plans and documents in 《》, numbered measures.
        ("制定《优化营商环境三年行动方案》。", REVIEW, [("优化营商环境三年行动方案", "program", "ongoing")]),
        ("出台稳外贸稳外资12条措施。", REVIEW, [("稳外贸稳外资12条措施", "program", "ongoing")]),
        # Predicates after a system or a census that say it stands or ran (全面建立, 落实到位, 圆满完成).
        ("城乡居民大病保险制度全面建立。", REVIEW, [("城乡居民大病保险制度", "program", "ongoing")]),
        ("耕地地力保护补贴政策落实到位。", REVIEW, [("耕地地力保护补贴政策", "program", "ongoing")]),
        ("第三次全国国土调查圆满完成。", REVIEW, [("第三次全国国土调查", "program", "ongoing")]),
        ("金沙江大桥主体工程基本完成。", REVIEW, [("金沙江大桥", "project", "ongoing")]),
        ("青山水库除险加固工程通过竣工验收。", REVIEW, [("青山水库除险加固工程", "project", "completed")]),
        ("全面启动城乡环境综合整治。", PLAN, [("城乡环境综合整治", "program", "planned")]),
        # The verb that issues a document (制定, 印发) is no part of its name.
        ("制定稳增长“15条措施”。", REVIEW, [("稳增长15条措施", "program", "ongoing")]),
        ("印发促进消费十条措施。", PLAN, [("促进消费十条措施", "program", "planned")]),
        # Standing national programs named without a verb or a head.
        ("统筹疫情防控和经济社会发展。", REVIEW, [("疫情防控", "program", "ongoing")]),
        ("全年减税降费28.6亿元。", REVIEW, [("减税降费", "program", "ongoing")]),
        ("建成全民健身中心。", REVIEW, [("全民健身中心", "project", "completed")]),
        # A large batch of projects is a kind, not a project.
        ("实施了一大批民生项目。", REVIEW, []),
        # The verb of a title won (成功创建) is no part of the campaign's name.
        ("高新区成功创建国家知识产权试点。", REVIEW, [("国家知识产权试点", "program", "ongoing")]),
        # A guiding formula in quotes, named with what it is (布局, 战略部署), is no program.
        ("统筹推进“五位一体”总体布局，协调推进“四个全面”战略布局。", REVIEW, []),
        # A double dash opens a clause: the name starts after it.
        ("坚持精准施策，城区品质显著提升——北山公园建成开放。", REVIEW, [("北山公园", "project", "completed")]),
        # The predicate falls on a part of the works (首台机组): the name is the works before it.
        (
            "总投资60亿元的青峰抽水蓄能电站首台机组并网发电。",
            REVIEW,
            [("青峰抽水蓄能电站", "project", "completed")],
        ),
        # Works named as a corridor or a second track; a list of company projects that land (落地).
        ("蒙西至华中铁路煤运通道开工建设。", REVIEW, [("蒙西至华中铁路煤运通道", "project", "ongoing")]),
        (
            "加快推进宝中铁路复线、银西高铁建设。",
            PLAN,
            [("宝中铁路复线", "project", "planned"), ("银西高铁", "project", "planned")],
        ),
        (
            "中石化、中海油等12个重大项目相继落地。",
            REVIEW,
            [("中石化项目", "project", "ongoing"), ("中海油项目", "project", "ongoing")],
        ),
        # A verb of a clause before a name of works (融入) makes it no undertaking.
        ("坚持向东开放，加快融入西部陆海新通道。", PLAN, []),
        # Cooperation schemes are programs.
        (
            "全面完成年度任务，东西部扶贫协作和定点扶贫成效显著。",
            REVIEW,
            [("东西部扶贫协作", "program", "ongoing"), ("定点扶贫", "program", "ongoing")],
        ),
        # A count inside a quoted brand is part of its name, not a count of things.
        (
            "深入推进“放管服”改革，“两个一批”成效明显。",
            REVIEW,
            [("放管服改革", "program", "ongoing"), ("两个一批", "program", "ongoing")],
        ),
        # Events the government runs: fairs, games, summits.
        (
            "承办省第十六届运动会，举办第二十届中国东西部合作与投资贸易洽谈会。",
            REVIEW,
            [
                ("省第十六届运动会", "program", "ongoing"),
                ("第二十届中国东西部合作与投资贸易洽谈会", "program", "ongoing"),
            ],
        ),
        # Relocation out of poverty is a program; a reform rolled out (推开); a title won is progress.
        (
            "扎实推进易地扶贫搬迁，全面推开营改增试点。",
            REVIEW,
            [("易地扶贫搬迁", "program", "ongoing"), ("营改增试点", "program", "ongoing")],
        ),
        ("全国文明城市创建取得新突破。", REVIEW, [("全国文明城市创建", "program", "ongoing")]),
        # Place-named items of unequal length share what follows the last one's place.
        (
            "丹江、金钱河、乾佑河国家级湿地公园项目建设推进顺利。",
            REVIEW,
            [
                ("丹江国家级湿地公园", "project", "ongoing"),
                ("金钱河国家级湿地公园", "project", "ongoing"),
                ("干佑河国家级湿地公园", "project", "ongoing"),
            ],
        ),
        # Earlier dated steps of the same works before the predicate (当年开工当年投产).
        (
            "中伟新材料年产10万吨三元前驱体项目当年开工当年投产。",
            REVIEW,
            [("中伟新材料年产10万吨三元前驱体项目", "project", "completed")],
        ),
        # A section of a high-speed railway; a new district built where the name says.
        (
            "开工建设西康高铁商洛段、商洛机场，推进洛南县城北新区建设。",
            PLAN,
            [
                ("西康高铁商洛段", "project", "planned"),
                ("商洛机场", "project", "planned"),
                ("洛南县城北新区", "project", "planned"),
            ],
        ),
        # Works counted before their verb are a measure; a progress predicate that ends the
        # clause overrides a completion verb before the name.
        ("道路网络持续完善，12条背街小巷新建改造工程顺利推进。", REVIEW, []),
        ("新建城北污水处理厂顺利推进。", REVIEW, [("城北污水处理厂", "project", "ongoing")]),
        # Predicates of finished works: lines through (贯通), trial runs, opened to traffic.
        (
            "银西高铁全线贯通，城市污水处理厂二期试运行。",
            REVIEW,
            [("银西高铁", "project", "completed"), ("城市污水处理厂二期", "project", "completed")],
        ),
        ("丹凤至宁陕高速公路正式开通。", REVIEW, [("丹凤至宁陕高速公路", "project", "completed")]),
        # Numbered national and provincial roads are located works; a red line is not.
        (
            "实施国道345线、省道102线改扩建。",
            PLAN,
            [("国道345线", "project", "planned"), ("省道102线改扩建", "project", "planned")],
        ),
        ("守住耕地红线，筑牢安全底线。", PLAN, []),
        # A standing program after a preposition frames the clause; it is not undertaken there.
        ("以乡村振兴为统领，为脱贫攻坚提供坚强保障。", PLAN, []),
        # A list closed by a kind of program (等改革, 等专项行动) names a program per item; a
        # list of fields (等领域改革) or of activities (集中学习、专题研讨等活动) does not.
        (
            "推进财税金融、投融资体制等改革。",
            PLAN,
            [("财税金融改革", "program", "planned"), ("投融资体制改革", "program", "planned")],
        ),
        ("开展打击电信诈骗等专项行动。", REVIEW, [("打击电信诈骗专项行动", "program", "ongoing")]),
        ("抓好农业农村、教育、社保等领域改革。", PLAN, []),
        ("开展集中学习、专题研讨等活动。", REVIEW, []),
        # A quoted brand that projects or works are named after is a program.
        ("“两个一批”项目完成投资50亿元。", REVIEW, [("两个一批", "program", "ongoing")]),
        # Named examples of a kind (以…为代表的一批…项目) are a list of it; a verb's object may
        # follow a colon; 了 after a verb is no part of a name.
        (
            "以吉利汽车、宁德时代为代表的一批重大项目相继落地。",
            REVIEW,
            [("吉利汽车项目", "project", "ongoing"), ("宁德时代项目", "project", "ongoing")],
        ),
        (
            "重点推进：长江大桥、滨江大道等项目。",
            PLAN,
            [("长江大桥", "project", "planned"), ("滨江大道", "project", "planned")],
        ),
        (
            "建成投产了金龙铜管、宁德时代等项目。",
            REVIEW,
            [("金龙铜管项目", "project", "completed"), ("宁德时代项目", "project", "completed")],
        ),
        # A campaign whose chance a clause takes (契机, 机遇) is not undertaken there.
        ("紧抓全国数字金融试点契机，抢抓乡村振兴机遇。", REVIEW, []),
        # An event named after the verb that holds it, whatever it is called (…樱花节).
        ("举办首届乡村美食节，拉动消费1.2亿元。", REVIEW, [("首届乡村美食节", "program", "ongoing")]),
        # Campaigns named as a battle or a year of effort, and works of reform, are programs.
        ("开展项目建设大会战。", PLAN, [("项目建设大会战", "program", "planned")]),
        ("打响农村公路建设三年大决战。", PLAN, [("农村公路建设三年大决战", "program", "planned")]),
        ("实施“放管服”改革工程。", PLAN, [("放管服改革工程", "program", "planned")]),
        # A share is no part of a name: "…100%通硬化路" states a target, it names no works.
        ("新建农村公路300公里，实现具备条件的行政村100%通硬化路。", PLAN, []),
        # A threshold describes the kind a list's tail counts: the items' head is the noun after it.
        (
            "吉利汽车、立讯精密二期等15个亿元以上项目建成投产。",
            REVIEW,
            [("吉利汽车项目", "project", "completed"), ("立讯精密二期", "project", "completed")],
        ),
        # 新建成 completes what it counts; counted facilities are measures, not works.
        ("新建成3座污水处理厂。", REVIEW, []),
        # A list announced before a colon ("以下项目：") is of the kind announced.
        (
            "重点推进以下项目：滨江大道、市民中心、会展中心。",
            PLAN,
            [
                ("滨江大道", "project", "planned"),
                ("市民中心", "project", "planned"),
                ("会展中心", "project", "planned"),
            ],
        ),
        # Predicates that say a campaign reached a stage or its end (创建成功, 圆满收官, 取得重大进展).
        ("省级全域旅游示范区创建成功。", REVIEW, [("省级全域旅游示范区", "program", "ongoing")]),
        ("城乡环境综合整治三年行动圆满收官。", REVIEW, [("城乡环境综合整治三年行动", "program", "ongoing")]),
        # Paired verbs (建立健全, 健全完善) are one trigger: the name starts after both.
        ("建立健全农村低收入人口常态化帮扶机制。", PLAN, [("农村低收入人口常态化帮扶机制", "program", "planned")]),
        # Opening to visitors (开园迎客, 开馆迎客) completes a park or a museum.
        (
            "湿地公园、市博物馆新馆开园迎客。",
            REVIEW,
            [("湿地公园", "project", "completed"), ("市博物馆新馆", "project", "completed")],
        ),
        # A field a place sets out to be strong in is a campaign (教育强市, 交通强省); a rank (百强县) is not.
        (
            "加快建设交通强省，推进教育强市建设。",
            PLAN,
            [("交通强省", "program", "planned"), ("教育强市建设", "program", "planned")],
        ),
        ("成功跻身全国百强县。", REVIEW, []),
        # Works reported by their stage (进入…阶段) or by the share of their work done are under way.
        ("滨江大道改造工程进入路面铺装阶段。", REVIEW, [("滨江大道改造工程", "project", "ongoing")]),
        ("南湖隧道工程完成总工程量的60%。", REVIEW, [("南湖隧道工程", "project", "ongoing")]),
        # Predicates of progress (按计划推进, 全速推进, 即将竣工) report works under way.
        (
            "城东污水处理厂三期按计划推进，体育中心即将竣工。",
            REVIEW,
            [("城东污水处理厂三期", "project", "ongoing"), ("体育中心", "project", "ongoing")],
        ),
        # Predicates of completion after a name (提前建成, 落成使用, 建成营业) complete works.
        (
            "市儿童医院提前建成，市档案馆新馆落成使用。",
            REVIEW,
            [("市儿童医院", "project", "completed"), ("市档案馆新馆", "project", "completed")],
        ),
        # 筹建 undertakes the works it names.
        ("筹建市职业技术学院。", PLAN, [("市职业技术学院", "project", "planned")]),
        # Verbs that keep up or make use of a program (巩固提升, 抓实, 用好, 开展好) are no part of its name.
        (
            "巩固提升“厕所革命”成果，抓实林长制，开展好“放心消费”行动。",
            PLAN,
            [
                ("厕所革命", "program", "planned"),
                ("林长制", "program", "planned"),
                ("放心消费行动", "program", "planned"),
            ],
        ),
        # What a commentator says should be done is no commitment of the government.
        ("省社科院研究员李某认为，应加快建设城际铁路环线，推进“放管服”改革。", PLAN, []),
        # A foundation laid or a main structure finished leaves works under way; production begun completes them.
        (
            "城南水厂开工奠基，市档案馆主体竣工，光伏组件产业园投入生产。",
            REVIEW,
            [
                ("城南水厂", "project", "ongoing"),
                ("市档案馆", "project", "ongoing"),
                ("光伏组件产业园", "project", "completed"),
            ],
        ),
        # A quoted run of good years is no program.
        ("粮食生产实现“十连丰”。", REVIEW, []),
        # Numbered lines listed after the first write their kind once.
        (
            "轨道交通2号线、5号线建成通车。",
            REVIEW,
            [("轨道交通2号线", "project", "completed"), ("轨道交通5号线", "project", "completed")],
        ),
        # Abbreviated event names end in the short heads (…运会, …博会, …交会), and 办好 holds one.
        ("办好第十五届省运会，确保安全精彩。", PLAN, [("第十五届省运会", "program", "planned")]),
        # …and one character may stand before a short head (世博会, 全运会); lines numbered in words
        # write their kind once too.
        (
            "全力办好世博会，加快推进轨道交通十号线、十一号线建设。",
            PLAN,
            [
                ("世博会", "program", "planned"),
                ("轨道交通十号线", "project", "planned"),
                ("轨道交通十一号线", "project", "planned"),
            ],
        ),
        ("成功举办2019农博会。", REVIEW, [("2019农博会", "program", "ongoing")]),
        # A title won (创建…示范园区) is a program, though its head names a place of works.
        ("经开区成功创建国家级绿色制造示范园区。", REVIEW, [("国家级绿色制造示范园区", "program", "ongoing")]),
        # Kinds of platform or zone (开放合作平台, 省级开发区) name no one undertaking.
        ("搭建开放合作平台，支持省级开发区扩区调位。", PLAN, []),
        # Predicates after adverbs (正式, 正在, 建成并) and after 实现; one name of works holds its
        # own verbs (改造提升); a part of works (主体工程) is no name.
        (
            "城北污水处理厂正式投运，市民文化中心建成并投入使用。",
            REVIEW,
            [("城北污水处理厂", "project", "completed"), ("市民文化中心", "project", "completed")],
        ),
        ("南湖公园改造提升工程基本完工。", REVIEW, [("南湖公园改造提升工程", "project", "completed")]),
        (
            "南山隧道正在加紧建设，滨江大道已完成主体工程。",
            REVIEW,
            [("南山隧道", "project", "ongoing"), ("滨江大道", "project", "ongoing")],
        ),
        (
            "确保东湖大桥建成通车，南山隧道实现贯通。",
            PLAN,
            [("东湖大桥", "project", "planned"), ("南山隧道", "project", "planned")],
        ),
        # A bracketed phase or part after a name keeps its head.
        (
            "东湖公园（二期）建成开放，城北污水处理厂(二期)投入运营。",
            REVIEW,
            [("东湖公园（二期）", "project", "completed"), ("城北污水处理厂(二期)", "project", "completed")],
        ),
        # A strategy named by a verb phrase (对外开放) keeps its verb: it is the name, not a verb
        # before one; a row of verbs (打赢打好) names nothing.
        (
            "大力实施科教兴省、人才强省和对外开放三大战略。",
            PLAN,
            [
                ("科教兴省", "program", "planned"),
                ("人才强省", "program", "planned"),
                ("对外开放", "program", "planned"),
            ],
        ),
        ("坚决打赢打好三大攻坚战。", PLAN, [("三大攻坚战", "program", "planned")]),
        # Brands quoted in corner brackets, as a Hong Kong or Taiwan page prints them.
        (
            "紮實開展「不忘初心、牢記使命」主題教育，「放管服」改革深入推進。",
            REVIEW,
            [("不忘初心、牢记使命主题教育", "program", "ongoing"), ("放管服改革", "program", "ongoing")],
        ),
        # A verb that makes a brand makes the quoted name after it a campaign's; before works it
        # names no project.
        (
            "着力打造“15分钟健身圈”，叫响“绿色食品牌”。",
            PLAN,
            [("15分钟健身圈", "program", "planned"), ("绿色食品牌", "program", "planned")],
        ),
        ("打造一批特色小镇，打造滨江公园。", PLAN, []),
        # The building or work of a quoted brand, then a predicate of progress, is a program.
        ("海淀区“城市大脑”建设全面展开。", REVIEW, [("城市大脑建设", "program", "ongoing")]),
        # Heads of transport works: passenger lines, intercity rail, national and provincial roads.
        (
            "开工建设京石客运专线，京津城际延长线、G318国道改造加快推进。",
            REVIEW,
            [
                ("京石客运专线", "project", "ongoing"),
                ("京津城际延长线", "project", "ongoing"),
                ("G318国道改造", "project", "ongoing"),
            ],
        ),
        # Stations, terminals, new sites of facilities; a tunnel through (洞通) is still works under way.
        (
            "沪宁城际铁路昆山南站加快建设，市第一人民医院新院建成启用，轨道交通3号线实现全线洞通。",
            REVIEW,
            [
                ("沪宁城际铁路昆山南站", "project", "ongoing"),
                ("市第一人民医院新院", "project", "completed"),
                ("轨道交通3号线", "project", "ongoing"),
            ],
        ),
        (
            "建设市疾病预防控制中心新址和市紧急医疗救援中心。",
            PLAN,
            [("市疾病预防控制中心新址", "project", "planned"), ("市紧急医疗救援中心", "project", "planned")],
        ),
        # 综合治理 with no place is a campaign (a place makes it works); a 先行区 is a designation won.
        (
            "深入开展大气污染综合治理，实施沙塘川河综合治理，成功创建全国水土保持高质量发展先行区。",
            REVIEW,
            [
                ("大气污染综合治理", "program", "ongoing"),
                ("沙塘川河综合治理", "project", "ongoing"),
                ("全国水土保持高质量发展先行区", "program", "ongoing"),
            ],
        ),
        # A brand that opens its clause, then what it became or won, is a campaign's; a pair of
        # phrases is a slogan.
        (
            "“最多跑一次”入选全国改革案例，“厕所革命”获评全省典型。",
            REVIEW,
            [
                ("最多跑一次", "program", "ongoing"),
                ("厕所革命", "program", "ongoing"),
            ],
        ),
        ("“同心同向、奋楫笃行”成为报告的关键词。", REVIEW, []),
        # A bonded zone is works, and 封关运作 completes it; an interviewer's question commits no one.
        ("赣州综合保税区封关运作。", REVIEW, [("赣州综合保税区", "project", "completed")]),
        ("问：脱贫攻坚有哪些“硬任务”？", REVIEW, []),
        # A quoted list whose items take the head after it names each item, not the list again.
        (
            "深入实施“蓝天、碧水、净土”三大行动。",
            REVIEW,
            [
                ("蓝天行动", "program", "ongoing"),
                ("碧水行动", "program", "ongoing"),
                ("净土行动", "program", "ongoing"),
            ],
        ),
        # Predicates of progress: 加紧推进, 全面提速, 启动实施.
        (
            "地铁1号线改造工程和海河综合开发改造加紧推进，蛇口渔港片区改造启动实施。",
            REVIEW,
            [
                ("地铁1号线改造工程", "project", "ongoing"),
                ("海河综合开发改造", "project", "ongoing"),
                ("蛇口渔港片区改造", "project", "ongoing"),
            ],
        ),
        # A numbered heading's mark is no part of a name; a generic noun after it names nothing.
        ("（二）项目建设强力推进。", REVIEW, []),
        ("（三）南湖公园建设强力推进。", REVIEW, [("南湖公园", "project", "ongoing")]),
        # 工程 after the jobs or livelihood it serves names a campaign, not works.
        (
            "认真实施再就业工程，落实民心工程。",
            REVIEW,
            [("再就业工程", "program", "ongoing"), ("民心工程", "program", "ongoing")],
        ),
        # A program named again by a longer name in the same year is the same program.
        (
            "坚决打赢脱贫攻坚战，脱贫攻坚成果持续巩固。",
            REVIEW,
            [("脱贫攻坚战", "program", "ongoing")],
        ),
    ],
)
def test_commitments_issue14_rules(sentence: str, heading: str, expected: list[Row]) -> None:
    assert commit(sentence, heading) == expected


def test_commitments_sentence_about_a_county_names_its_own_region() -> None:
    raw = RawText(
        Source(Path("t.txt"), "0" * 64, "utf-8"),
        "2020年西宁市政府工作报告\n着眼2020\n大通县加快完善北川工业园基础设施。\n",
    )
    (commitment,) = extract_commitments(read_report(raw, "t", BuildOptions()))
    assert (commitment.region, commitment.subject) == ("大通回族土族自治县", "北川工业园基础设施")


def test_commitments_investment_stated_in_the_clause() -> None:
    raw = RawText(
        Source(Path("t.txt"), "0" * 64, "utf-8"),
        "2020年西宁市政府工作报告\n回首2019\n投入资金2500万元实施了东大门环境综合治理。\n",
    )
    (commitment,) = extract_commitments(read_report(raw, "t", BuildOptions()))
    assert commitment.investment == 25_000_000


def test_commitments_seed_project_and_program_bars(seed_build: BuildResult, gold_path: Path) -> None:
    """Issue 4's bars on the seeds: project F1 ≥ 0.80, program F1 ≥ 0.75, precision ≥ 0.80 for both."""
    scores = evaluate_graph(seed_build.graph, gold_path).scores
    project, program = scores["project"], scores["program"]  # type: ignore[index]
    assert project.f1 >= 0.80 and project.precision >= 0.80
    assert program.f1 >= 0.75 and program.precision >= 0.80
