"""observations: one rule per case, each on a real sentence of the seeds."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from kg.evaluate import evaluate_graph
from kg.extract.observations import extract_observations
from kg.model import Aspect, BuildResult, Kind, Qualifier, RawText, Source
from kg.pipeline import BuildOptions, read_report

Row = tuple[str, str, str, Aspect, Qualifier]


def observe(text: str, *, heading: str = "回首2019") -> list[Row]:
    """Observations in a sentence placed under a review heading of a 2020 city report."""
    raw = RawText(Source(Path("t.txt"), "0" * 64, "utf-8"), f"2020年西宁市政府工作报告\n{heading}\n{text}\n")
    report = read_report(raw, "t", BuildOptions())
    return [
        (o.indicator, str(o.quantity.value), o.quantity.unit, o.aspect, o.qualifier)
        for o in extract_observations(report)
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # Subject, link verb, number: the verb is not part of the indicator.
        ("完成地方一般公共预算收入6.2亿元。", [("地方一般公共预算收入", "6.2", "亿元", Aspect.LEVEL, Qualifier.EXACT)]),
        # A clause without its own subject continues the previous one; 增长 makes it growth.
        (
            "争取上级专项资金5.6亿元，同比增长10.5%。",
            [
                ("上级专项资金", "5.6", "亿元", Aspect.LEVEL, Qualifier.EXACT),
                ("上级专项资金", "10.5", "%", Aspect.GROWTH, Qualifier.EXACT),
            ],
        ),
        # 分别 pairs a list of subjects with a list of numbers; words the list writes once are shared.
        (
            "批发、零售、住宿、餐饮业分别增长0.5%、15.9%、18.5%、22.3%。",
            [
                ("批发业", "0.5", "%", Aspect.GROWTH, Qualifier.EXACT),
                ("零售业", "15.9", "%", Aspect.GROWTH, Qualifier.EXACT),
                ("住宿业", "18.5", "%", Aspect.GROWTH, Qualifier.EXACT),
                ("餐饮业", "22.3", "%", Aspect.GROWTH, Qualifier.EXACT),
            ],
        ),
        (
            "地方一般公共预算收入、支出增长9.5%、10.3%。",
            [
                ("地方一般公共预算收入", "9.5", "%", Aspect.GROWTH, Qualifier.EXACT),
                ("地方一般公共预算支出", "10.3", "%", Aspect.GROWTH, Qualifier.EXACT),
            ],
        ),
        # A clause without a subject after a paired list continues the whole list. (The common
        # bulletin sentence about incomes; no seed states incomes this way.)
        (
            "城镇和农村居民人均可支配收入分别达到38215元、19870元，分别增长4.3%和7.1%。",
            [
                ("城镇居民人均可支配收入", "38215", "元", Aspect.LEVEL, Qualifier.EXACT),
                ("农村居民人均可支配收入", "19870", "元", Aspect.LEVEL, Qualifier.EXACT),
                ("城镇居民人均可支配收入", "4.3", "%", Aspect.GROWTH, Qualifier.EXACT),
                ("农村居民人均可支配收入", "7.1", "%", Aspect.GROWTH, Qualifier.EXACT),
            ],
        ),
        # "分别" after subjects named in separate clauses pairs them in order; "其中" names parts
        # of the previous subject by their group (bulletin grammar, not seed sentences).
        (
            "全年累计接待游客860万人次，实现旅游综合收入72亿元，分别增长15%和18%。",
            [
                ("接待游客", "860", "万人次", Aspect.LEVEL, Qualifier.EXACT),
                ("旅游综合收入", "72", "亿元", Aspect.LEVEL, Qualifier.EXACT),
                ("接待游客", "15", "%", Aspect.GROWTH, Qualifier.EXACT),
                ("旅游综合收入", "18", "%", Aspect.GROWTH, Qualifier.EXACT),
            ],
        ),
        (
            "全体居民人均可支配收入32100元，其中城镇居民41200元、农村居民18900元。",
            [
                ("全体居民人均可支配收入", "32100", "元", Aspect.LEVEL, Qualifier.EXACT),
                ("城镇居民人均可支配收入", "41200", "元", Aspect.LEVEL, Qualifier.EXACT),
                ("农村居民人均可支配收入", "18900", "元", Aspect.LEVEL, Qualifier.EXACT),
            ],
        ),
        # "由…缩短到": the first number is where the change started; the subject carries over.
        ("企业开办由1天缩短到6小时。", [("企业开办", "6", "小时", Aspect.LEVEL, Qualifier.EXACT)]),
        # "两年平均增长" is growth of the clause's subject (bulletin grammar, not a seed sentence).
        (
            "全县实现地区生产总值312.5亿元，同比增长9.1%，两年平均增长6.3%。",
            [
                ("地区生产总值", "312.5", "亿元", Aspect.LEVEL, Qualifier.EXACT),
                ("地区生产总值", "9.1", "%", Aspect.GROWTH, Qualifier.EXACT),
                ("地区生产总值", "6.3", "%", Aspect.GROWTH, Qualifier.EXACT),
            ],
        ),
        # "连续5年" says for how long, not what; the subject carries over.
        (
            "粮食总产量达到58万吨，连续5年稳定在55万吨以上。",
            [
                ("粮食总产量", "58", "万吨", Aspect.LEVEL, Qualifier.EXACT),
                ("粮食总产量", "55", "万吨", Aspect.LEVEL, Qualifier.AT_LEAST),
            ],
        ),
        ("实际利用外资1.2亿美元。", [("实际利用外资", "1.2", "亿美元", Aspect.LEVEL, Qualifier.EXACT)]),
        # Sentences in the grammar of statistical bulletins (not from the seeds):
        # 上涨 is growth; a bracketed aside is not part of a subject; a range given with its unit
        # twice is one number (its upper bound); a total stays in a name that would be too short.
        ("居民消费价格上涨1.2%。", [("居民消费价格", "1.2", "%", Aspect.GROWTH, Qualifier.EXACT)]),
        ("全年新（改）建城市道路42条。", [("新建城市道路", "42", "条", Aspect.LEVEL, Qualifier.EXACT)]),
        ("地区生产总值增长6%—6.5%。", [("地区生产总值", "6.5", "%", Aspect.GROWTH, Qualifier.AT_MOST)]),
        ("全市经济总量达到3125.6亿元。", [("经济总量", "3125.6", "亿元", Aspect.LEVEL, Qualifier.EXACT)]),
        # Link words between a subject and its number (平均为, 按…安排) are not part of it;
        # grain is counted in 斤 (national report grammar, not seed sentences).
        (
            "城镇调查失业率平均为5.2%。粮食产量13908亿斤。",
            [
                ("城镇调查失业率", "5.2", "%", Aspect.LEVEL, Qualifier.EXACT),
                ("粮食产量", "13908", "亿斤", Aspect.LEVEL, Qualifier.EXACT),
            ],
        ),
        ("赤字率按3%安排。", [("赤字率", "3", "%", Aspect.LEVEL, Qualifier.EXACT)]),
        ("全市共有各类市场主体38.6万户。", [("市场主体", "38.6", "万户", Aspect.LEVEL, Qualifier.EXACT)]),
        # A period that opens the clause (前三季度, 截至6月底) is when, not what.
        ("前三季度实现地区生产总值1520亿元。", [("地区生产总值", "1520", "亿元", Aspect.LEVEL, Qualifier.EXACT)]),
        # An opening time says how a facility works; the facility is what is counted.
        ("年内建成2个24小时城市书屋。", [("城市书屋", "2", "个", Aspect.LEVEL, Qualifier.EXACT)]),
        ("实现全年365天空气质量监测全覆盖。", []),
        # An age band names who is meant; it is no amount.
        ("支持社会力量发展3岁以下婴幼儿普惠性托育服务。", []),
        # Concentrations in the unit of air-quality bulletins.
        ("PM2.5平均浓度下降至22微克/立方米。", [("PM2.5平均浓度", "22", "微克/立方米", Aspect.LEVEL, Qualifier.EXACT)]),
        # A fall is negative.
        ("环境信访投诉量同比下降34.3%。", [("环境信访投诉量", "-34.3", "%", Aspect.GROWTH, Qualifier.EXACT)]),
        # A counted noun after its number names the indicator; 余 is at least.
        ("开设5个慢病管理工作室。", [("慢病管理工作室", "5", "个", Aspect.LEVEL, Qualifier.EXACT)]),
        ("及时转移安置群众1100余人。", [("转移安置群众", "1100", "人", Aspect.LEVEL, Qualifier.AT_LEAST)]),
        # 占 continues the previous subject.
        (
            "全年民生支出达14.3亿元，占财政支出的88.9%。",
            [
                ("民生支出", "14.3", "亿元", Aspect.LEVEL, Qualifier.EXACT),
                ("民生支出占财政支出", "88.9", "%", Aspect.LEVEL, Qualifier.EXACT),
            ],
        ),
        # Water-quality classes are levels.
        ("出境断面水质达到Ⅲ类。", [("出境断面水质", "3", "类", Aspect.LEVEL, Qualifier.EXACT)]),
        # Comparisons against another place, slogans, sessions and ordinals are not measures.
        ("固定资产投资增幅高于全市5.2个百分点，增速位列四区第一。", []),
        ("贯彻落实国务院安全生产“15条硬措施”。", []),
        ("圆满完成了区十九届人大三次会议确定的各项任务。", []),
        # Numbers listed before the one that states the unit share it, and the bound before the first.
        (
            "城镇、农村居民人均可支配收入分别达到3.2、1.5万元。",
            [
                ("城镇居民人均可支配收入", "3.2", "万元", Aspect.LEVEL, Qualifier.EXACT),
                ("农村居民人均可支配收入", "1.5", "万元", Aspect.LEVEL, Qualifier.EXACT),
            ],
        ),
        (
            "地方一般公共预算收入、支出增长9.5%、10.3%，分别突破百亿、三百亿元大关。",
            [
                ("地方一般公共预算收入", "9.5", "%", Aspect.GROWTH, Qualifier.EXACT),
                ("地方一般公共预算支出", "10.3", "%", Aspect.GROWTH, Qualifier.EXACT),
                ("地方一般公共预算收入", "100", "亿元", Aspect.LEVEL, Qualifier.AT_LEAST),
                ("地方一般公共预算支出", "300", "亿元", Aspect.LEVEL, Qualifier.AT_LEAST),
            ],
        ),
        # 均: one number for each indicator the list names, across two lists where it names two.
        (
            "小学、初中入学率均达到100%。",
            [
                ("小学入学率", "100", "%", Aspect.LEVEL, Qualifier.EXACT),
                ("初中入学率", "100", "%", Aspect.LEVEL, Qualifier.EXACT),
            ],
        ),
        (
            "人大代表建议、政协委员提案办复率、满意率均为100%。",
            [
                ("人大代表建议办复率", "100", "%", Aspect.LEVEL, Qualifier.EXACT),
                ("人大代表建议满意率", "100", "%", Aspect.LEVEL, Qualifier.EXACT),
                ("政协委员提案办复率", "100", "%", Aspect.LEVEL, Qualifier.EXACT),
                ("政协委员提案满意率", "100", "%", Aspect.LEVEL, Qualifier.EXACT),
            ],
        ),
        # 同口径, 按可比价格计算 say how a growth was computed, not what grew.
        (
            "一般公共预算收入4215亿元，同口径增长3.2%。",
            [
                ("一般公共预算收入", "4215", "亿元", Aspect.LEVEL, Qualifier.EXACT),
                ("一般公共预算收入", "3.2", "%", Aspect.GROWTH, Qualifier.EXACT),
            ],
        ),
        # 城乡 with two numbers is 城镇 and 农村; a bound after the last of a listed run bounds them all.
        (
            "城乡居民人均可支配收入分别增长7%和8%左右。",
            [
                ("城镇居民人均可支配收入", "7", "%", Aspect.GROWTH, Qualifier.APPROX),
                ("农村居民人均可支配收入", "8", "%", Aspect.GROWTH, Qualifier.APPROX),
            ],
        ),
        ("全年计划实施重点项目200个。", [("实施重点项目", "200", "个", Aspect.LEVEL, Qualifier.EXACT)]),
        # A short or parallel subject after a full one names the same measure without repeating it.
        (
            "空气质量优良天数达到330天，优良率90.4%。",
            [
                ("空气质量优良天数", "330", "天", Aspect.LEVEL, Qualifier.EXACT),
                ("空气质量优良率", "90.4", "%", Aspect.LEVEL, Qualifier.EXACT),
            ],
        ),
        (
            "城镇居民人均可支配收入41200元，农村居民15300元。",
            [
                ("城镇居民人均可支配收入", "41200", "元", Aspect.LEVEL, Qualifier.EXACT),
                ("农村居民人均可支配收入", "15300", "元", Aspect.LEVEL, Qualifier.EXACT),
            ],
        ),
        # Vaccine doses and test tubes are units; 压减 is a fall; the base of a rate (每千人口) and a
        # plant's capacity in its name (年产…项目) are not amounts; 占年度计划 reports, it plans nothing.
        (
            "新冠疫苗累计接种近1100万剂次。",
            [("新冠疫苗累计接种", "1100", "万剂次", Aspect.LEVEL, Qualifier.APPROX)],
        ),
        ("一般性支出压减10%以上。", [("一般性支出", "-10", "%", Aspect.GROWTH, Qualifier.AT_LEAST)]),
        ("每千人口执业医师数达到2.1人。", [("每千人口执业医师数", "2.1", "人", Aspect.LEVEL, Qualifier.EXACT)]),
        ("推进天原集团年产10万吨磷酸铁锂项目建设。", []),
        # A bound before the number is the number's; a count after a list of examples counts their kind.
        (
            "森林覆盖率不低于40%，耕地保有量不少于50万亩。",
            [
                ("森林覆盖率", "40", "%", Aspect.LEVEL, Qualifier.AT_LEAST),
                ("耕地保有量", "50", "万亩", Aspect.LEVEL, Qualifier.AT_LEAST),
            ],
        ),
        ("打通丰庆路北段、博学路等断头路十二条。", [("断头路", "12", "条", Aspect.LEVEL, Qualifier.EXACT)]),
        # Enumeration words (一是, 二是) open a clause; they are not part of the indicator.
        (
            "一是新增城镇就业1.2万人，二是新建学校5所。",
            [
                ("新增城镇就业", "1.2", "万人", Aspect.LEVEL, Qualifier.EXACT),
                ("新建学校", "5", "所", Aspect.LEVEL, Qualifier.EXACT),
            ],
        ),
        # A share before 的 is of the noun after it.
        ("坚持80%以上的财政支出用于民生。", [("财政支出用于民生", "80", "%", Aspect.LEVEL, Qualifier.AT_LEAST)]),
        ("经济总量迈上千亿元台阶。", [("经济总量", "1000", "亿元", Aspect.LEVEL, Qualifier.EXACT)]),
        ("森林覆盖率是全省的4.8倍。", []),
        ("推动生态与三次产业深度融合。", []),
        # A numeral that counts the list it follows restates it; a count in a list of counts is one.
        ("在发展理念、产业路径、城市风貌、制度环境四个领域打造样板。", []),
        (
            "新建学校3所、幼儿园两所。",
            [
                ("新建学校", "3", "所", Aspect.LEVEL, Qualifier.EXACT),
                ("幼儿园", "2", "所", Aspect.LEVEL, Qualifier.EXACT),
            ],
        ),
        ("严格落实中央八项规定精神，“三公”经费下降8.2%。", [("三公经费", "-8.2", "%", Aspect.GROWTH, Qualifier.EXACT)]),
        # Chinese numerals: a decimal part after 点, 0 written for 〇, 一 before a multiplier (issue 14).
        (
            "全市生产总值达到一千零五十点六亿元，比上年增长百分之六点五。",
            [
                ("生产总值", "1050.6", "亿元", Aspect.LEVEL, Qualifier.EXACT),
                ("生产总值", "6.5", "%", Aspect.GROWTH, Qualifier.EXACT),
            ],
        ),
        ("进出口总额一百二十点五亿美元。", [("进出口总额", "120.5", "亿美元", Aspect.LEVEL, Qualifier.EXACT)]),
        ("全市经济总量突破一万亿元。", [("经济总量", "1", "万亿元", Aspect.LEVEL, Qualifier.AT_LEAST)]),
        # A dated start of a change ("由2015年的…") is not the measure; the subject is before 由 (issue 14).
        (
            "全县地区生产总值由2015年的120亿元增加到2020年的180.5亿元，年均增长8.5%。",
            [
                ("地区生产总值", "180.5", "亿元", Aspect.LEVEL, Qualifier.EXACT),
                ("地区生产总值", "8.5", "%", Aspect.GROWTH, Qualifier.EXACT),
            ],
        ),
        ("农村贫困人口由1.2万人减至3500人。", [("农村贫困人口", "3500", "人", Aspect.LEVEL, Qualifier.EXACT)]),
        # A ratio to a past level (是…的N倍) is not a measure, and the subject carries past it.
        (
            "全区财政收入达到25.6亿元，是2015年的2.1倍，年均增长12%。",
            [
                ("财政收入", "25.6", "亿元", Aspect.LEVEL, Qualifier.EXACT),
                ("财政收入", "12", "%", Aspect.GROWTH, Qualifier.EXACT),
            ],
        ),
        # 可比 says how a growth was computed; 递增 is growth.
        ("规上工业增加值可比增长7.2%。", [("规上工业增加值", "7.2", "%", Aspect.GROWTH, Qualifier.EXACT)]),
        ("外贸进出口总额年均递增9%。", [("外贸进出口总额", "9", "%", Aspect.GROWTH, Qualifier.EXACT)]),
        ("农民人均纯收入实际增长6.1%。", [("农民人均纯收入", "6.1", "%", Aspect.GROWTH, Qualifier.EXACT)]),
        # News of the session itself (attendance, length) has no measures.
        ("大会应到代表210名，实到代表198名，符合法定人数。", []),
        ("共有450名市人大代表出席本次会议。", []),
        # An amount before 的 and a works' name is that works' amount.
        (
            "推进总投资32亿元的城北污水处理厂二期建设。",
            [("城北污水处理厂二期总投资", "32", "亿元", Aspect.LEVEL, Qualifier.EXACT)],
        ),
        # Dollars are money: the subject is before them, not after.
        ("实际利用外资2.5亿美元实现翻番。", [("实际利用外资", "2.5", "亿美元", Aspect.LEVEL, Qualifier.EXACT)]),
        # Spans of time: months, and a time opening its clause (how long something took).
        ("固定资产投资增速连续18个月保持全省第一。", []),
        ("8天建成方舱医院，30天内全部清零。", []),
        # An amount that sorts what a count counts is part of its name (以上 … 个, 超…的村).
        (
            "新签约5亿元以上项目12个、10亿元以上项目3个。",
            [
                ("新签约5亿元以上项目", "12", "个", Aspect.LEVEL, Qualifier.EXACT),
                ("10亿元以上项目", "3", "个", Aspect.LEVEL, Qualifier.EXACT),
            ],
        ),
        (
            "村集体经济收入超50万元的村15个。",
            [("村集体经济收入超50万元的村", "15", "个", Aspect.LEVEL, Qualifier.EXACT)],
        ),
        # An amount restated in another currency (约合) is the same measure.
        (
            "实际利用外资2.1亿美元、约合14.5亿元人民币。",
            [
                ("实际利用外资", "2.1", "亿美元", Aspect.LEVEL, Qualifier.EXACT),
                ("实际利用外资", "14.5", "亿元", Aspect.LEVEL, Qualifier.EXACT),
            ],
        ),
        # 分别 names nothing; parallel list items that end alike share the words after them.
        (
            "国家级和省级专精特新企业分别新增5家、23家。",
            [
                ("国家级专精特新企业新增", "5", "家", Aspect.LEVEL, Qualifier.EXACT),
                ("省级专精特新企业新增", "23", "家", Aspect.LEVEL, Qualifier.EXACT),
            ],
        ),
        # An amount that describes works names them, whatever predicate follows the name.
        (
            "总投资86亿元的锂电新材料产业园一期建成投产。",
            [("锂电新材料产业园一期总投资", "86", "亿元", Aspect.LEVEL, Qualifier.EXACT)],
        ),
        # A counted thing named after its number may open with a code (5G, AI).
        (
            "清理线缆1.2万米，6处8台“5G智慧灯杆”投入使用。",
            [
                ("清理线缆", "1.2", "万米", Aspect.LEVEL, Qualifier.EXACT),
                ("5G智慧灯杆投入使用", "6", "处", Aspect.LEVEL, Qualifier.EXACT),
                ("5G智慧灯杆投入使用", "8", "台", Aspect.LEVEL, Qualifier.EXACT),
            ],
        ),
        # A part is named once only in the unit of its whole: people helped are no part of a loan.
        (
            "发放创业担保贷款2.3亿元，扶持创业800人。",
            [
                ("发放创业担保贷款", "2.3", "亿元", Aspect.LEVEL, Qualifier.EXACT),
                ("扶持创业", "800", "人", Aspect.LEVEL, Qualifier.EXACT),
            ],
        ),
        # Benchmarks compared with, listed after the first, are no measures of the region.
        (
            "全市生产总值增长7.2%，分别高于全国、全省1.1和0.6个百分点。",
            [("生产总值", "7.2", "%", Aspect.GROWTH, Qualifier.EXACT)],
        ),
        (
            "全区生产总值增长6.1%，高于全国3.8个百分点、全省1.9个百分点。",
            [("生产总值", "6.1", "%", Aspect.GROWTH, Qualifier.EXACT)],
        ),
        # The nation's rate is a benchmark; the region's own rate follows in its terms.
        (
            "全国社会消费品零售总额增长3.9%，我市增长6.7%。",
            [("社会消费品零售总额", "6.7", "%", Aspect.GROWTH, Qualifier.EXACT)],
        ),
        # The size of each of a plant's units is part of the works' name.
        ("开工建设2×66万千瓦燃煤发电项目。", []),
        # A goal met, stated in a review, is no result (nor a target of the year planned).
        (
            "规模以上工业增加值增长9.2%，超额完成8%的预期目标；城镇登记失业率控制在4%以内的目标。",
            [("规模以上工业增加值", "9.2", "%", Aspect.GROWTH, Qualifier.EXACT)],
        ),
        (
            "地区生产总值增长7.6%，比年初预期目标高0.6个百分点。",
            [("地区生产总值", "7.6", "%", Aspect.GROWTH, Qualifier.EXACT)],
        ),
        # A figure restated later under a fuller or briefer name is one measure, first where stated.
        (
            "全年完成人工造林4.6万亩，城乡面貌明显改善。在国土绿化行动中，全县完成人工造林作业4.6万亩。",
            [("人工造林", "4.6", "万亩", Aspect.LEVEL, Qualifier.EXACT)],
        ),
        # 分别占 pairs each share with one of the subjects before it.
        (
            "新增高新技术企业26家，总数达到312家，分别占全市的15%和18%。",
            [
                ("新增高新技术企业", "26", "家", Aspect.LEVEL, Qualifier.EXACT),
                ("高新技术企业总数", "312", "家", Aspect.LEVEL, Qualifier.EXACT),
                ("新增高新技术企业占全市", "15", "%", Aspect.LEVEL, Qualifier.EXACT),
                ("高新技术企业总数占全市", "18", "%", Aspect.LEVEL, Qualifier.EXACT),
            ],
        ),
        # An elevation describes a place; it is no measure.
        ("海拔3200米的高原牧区通上了光纤宽带。", []),
        # A bound after the number (以下) names nothing; the subject before it does.
        ("PM2.5浓度控制在35微克/立方米以下。", [("PM2.5浓度", "35", "微克/立方米", Aspect.LEVEL, Qualifier.AT_MOST)]),
        # How often a thing happened in a row is no amount of it.
        ("连续4次被评为全国双拥模范城。", []),
        # A code's own word is its letters and digits: PM10 shares 平均浓度 with PM2.5.
        (
            "PM10、PM2.5平均浓度分别下降6.1%、3.2%。",
            [
                ("PM10平均浓度", "-6.1", "%", Aspect.GROWTH, Qualifier.EXACT),
                ("PM2.5平均浓度", "-3.2", "%", Aspect.GROWTH, Qualifier.EXACT),
            ],
        ),
        # Rankings, counts of what was just listed and counts that name slogans are not measures.
        ("在全省县域经济考核中前进三个位次。", []),
        (
            "规上工业增加值增长9%，固定资产投资增长12%，两项指标均居全市第一。",
            [
                ("规上工业增加值", "9", "%", Aspect.GROWTH, Qualifier.EXACT),
                ("固定资产投资", "12", "%", Aspect.GROWTH, Qualifier.EXACT),
            ],
        ),
        ("在市级和省级两项考核中均获优秀。", []),
        ("扎实推进两个“一号工程”。", []),
        # Money spent on a purpose named after it in the same clause is that purpose's investment.
        (
            "投资3500万元实施12个城中村环境整治项目。",
            [
                ("城中村环境整治投资", "3500", "万元", Aspect.LEVEL, Qualifier.EXACT),
                ("城中村环境整治项目", "12", "个", Aspect.LEVEL, Qualifier.EXACT),
            ],
        ),
        (
            "投入2000万元设立中小企业应急转贷资金。",
            [("中小企业应急转贷资金投入", "2000", "万元", Aspect.LEVEL, Qualifier.EXACT)],
        ),
        # Traditional characters are read through the simplified view.
        ("城鎮新增就業7557人。", [("城镇新增就业", "7557", "人", Aspect.LEVEL, Qualifier.EXACT)]),
        # A number inside a document's title is part of its name (issue 14).
        (
            "出台《关于支持实体经济发展的30条措施》，兑现扶持资金8.6亿元。",
            [("兑现扶持资金", "8.6", "亿元", Aspect.LEVEL, Qualifier.EXACT)],
        ),
        # The time something was done in (在…内) is not an amount.
        ("在24小时内建成集中隔离点12个。", [("在24小时内建成集中隔离点", "12", "个", Aspect.LEVEL, Qualifier.EXACT)]),
        # A change since the start of the year is the subject's change, not a subject of its own.
        (
            "金融机构存款余额5620亿元，比年初增加486亿元。",
            [
                ("金融机构存款余额", "5620", "亿元", Aspect.LEVEL, Qualifier.EXACT),
                ("金融机构存款余额", "486", "亿元", Aspect.LEVEL, Qualifier.EXACT),
            ],
        ),
        # The part of the year a number is for, after its subject, is not part of the indicator.
        (
            "重点项目开工率一季度达到40%、年底达到100%。",
            [
                ("重点项目开工率", "40", "%", Aspect.LEVEL, Qualifier.EXACT),
                ("重点项目开工率", "100", "%", Aspect.LEVEL, Qualifier.EXACT),
            ],
        ),
        ("过去一年，我们新增就业4.2万人。", [("新增就业", "4.2", "万人", Aspect.LEVEL, Qualifier.EXACT)]),
        # A number a result is compared with stands for a goal or a benchmark, not for the year.
        ("城镇登记失业率为3.2%，低于4.5%的控制目标。", [("城镇登记失业率", "3.2", "%", Aspect.LEVEL, Qualifier.EXACT)]),
        # A total after a count of additions is the total of the things counted.
        (
            "新认定省级专精特新企业42家，总量达到186家。",
            [
                ("新认定省级专精特新企业", "42", "家", Aspect.LEVEL, Qualifier.EXACT),
                ("省级专精特新企业总量", "186", "家", Aspect.LEVEL, Qualifier.EXACT),
            ],
        ),
        # A word before a colon, or in 【】, names the numbers after it; a benchmark in brackets is none.
        (
            "一般公共预算收入：完成85.6亿元，同比增长6.2%。",
            [
                ("一般公共预算收入", "85.6", "亿元", Aspect.LEVEL, Qualifier.EXACT),
                ("一般公共预算收入", "6.2", "%", Aspect.GROWTH, Qualifier.EXACT),
            ],
        ),
        ("【固定资产投资】增长9%。", [("固定资产投资", "9", "%", Aspect.GROWTH, Qualifier.EXACT)]),
        ("工业增加值增长8.1%（全省平均6.2%）。", [("工业增加值", "8.1", "%", Aspect.GROWTH, Qualifier.EXACT)]),
        ("全年空气质量优良天数达到300天以上。", [("空气质量优良天数", "300", "天", Aspect.LEVEL, Qualifier.AT_LEAST)]),
        # The parts of the speech and the divisions of a place are not measures; tasks done are.
        ("今年重点做好以下8个方面工作。", []),
        ("全县辖6个镇、4个乡。", []),
        ("全年完成重点任务126项。", [("重点任务", "126", "项", Aspect.LEVEL, Qualifier.EXACT)]),
        # News of the report as a text and of the deputies' motions has no measures.
        ("报告共分三个部分，赢得代表们20次热烈掌声。", []),
        # A result compared with its goal: the margin is no measure.
        ("投资增长9.2%，超过预期目标1.2个百分点。", [("投资", "9.2", "%", Aspect.GROWTH, Qualifier.EXACT)]),
        ("会议期间，代表们共提出议案12件、建议236件。", []),
        # Who broke a rule, and the government's own meetings, are not measures.
        ("全年共有12名党员干部因违纪违法受到党纪政务处分。", []),
        ("召开县政府常务会议28次、专题会议65次。", []),
        # List numbering is not part of the indicator; 负增长 is a fall.
        ("3.新增城镇就业1.2万人。", [("新增城镇就业", "1.2", "万人", Aspect.LEVEL, Qualifier.EXACT)]),
        ("进出口总额同比负增长5.6%。", [("进出口总额", "-5.6", "%", Aspect.GROWTH, Qualifier.EXACT)]),
        # Counts in units of teams, fish and poultry, sets of equipment.
        (
            "引进高层次人才团队12支，增殖放流鱼苗120万尾。",
            [
                ("引进高层次人才团队", "12", "支", Aspect.LEVEL, Qualifier.EXACT),
                ("增殖放流鱼苗", "120", "万尾", Aspect.LEVEL, Qualifier.EXACT),
            ],
        ),
        # A share is of the last amount named, not of a rate named between.
        (
            "其中出口62.3亿美元，贡献率达21%，占全省比重提高到18%。",
            [
                ("出口", "62.3", "亿美元", Aspect.LEVEL, Qualifier.EXACT),
                ("贡献率", "21", "%", Aspect.LEVEL, Qualifier.EXACT),
                ("出口占全省比重", "18", "%", Aspect.LEVEL, Qualifier.EXACT),
            ],
        ),
        (
            "新建城市道路15条，总长32公里。",
            [
                ("新建城市道路", "15", "条", Aspect.LEVEL, Qualifier.EXACT),
                ("城市道路总长", "32", "公里", Aspect.LEVEL, Qualifier.EXACT),
            ],
        ),
        # 削减, 缩减 and 收窄 state a fall, as 下降 does.
        (
            "化学需氧量排放量削减3.1%，亏损面收窄5.2个百分点。",
            [
                ("化学需氧量排放量", "-3.1", "%", Aspect.GROWTH, Qualifier.EXACT),
                ("亏损面", "-5.2", "个百分点", Aspect.PP_CHANGE, Qualifier.EXACT),
            ],
        ),
        # A water class that names a kind of water (劣Ⅴ类水, Ⅲ类以上水体) is no level; a class's
        # 水平 is no noun it counts; 稳定保持在 links a subject to its class.
        (
            "全面完成剿灭劣Ⅴ类水任务，西苕溪出境断面水质稳定保持在Ⅱ类。",
            [("西苕溪出境断面水质", "2", "类", Aspect.LEVEL, Qualifier.EXACT)],
        ),
        ("水质稳定在Ⅱ类水平。", [("水质", "2", "类", Aspect.LEVEL, Qualifier.EXACT)]),
        ("Ⅲ类以上水体比例达到85%。", [("Ⅲ类以上水体比例", "85", "%", Aspect.LEVEL, Qualifier.EXACT)]),
        # People counted in 万 may have words between the number and the person noun.
        ("关爱3万农村留守儿童。", [("农村留守儿童", "3", "万人", Aspect.LEVEL, Qualifier.EXACT)]),
        ("帮助十万下岗失业人员实现再就业。", [("下岗失业人员实现再就业", "10", "万人", Aspect.LEVEL, Qualifier.EXACT)]),
        ("今年帮助60万相对贫困人口脱贫。", [("相对贫困人口脱贫", "60", "万人", Aspect.LEVEL, Qualifier.EXACT)]),
        # An aside's list is no list of counted nouns; 已脱贫摘帽 is what happened to them.
        ("瑞金、南康等11个县（市、区）已脱贫摘帽。", [("县", "11", "个", Aspect.LEVEL, Qualifier.EXACT)]),
        # A port's containers in 万标准箱 (TEU), letter-spaced as a PDF prints them.
        (
            "集装箱吞吐量突破2 1 0 0万标准箱，增长3 . 7%。",
            [
                ("集装箱吞吐量", "2100", "万标准箱", Aspect.LEVEL, Qualifier.AT_LEAST),
                ("集装箱吞吐量", "3.7", "%", Aspect.GROWTH, Qualifier.EXACT),
            ],
        ),
        # A class of size (…千瓦级) and a capacity a year (…万吨/年) name works; they measure nothing.
        ("酒泉千万千瓦级风电基地前期工作取得突破性进展。", []),
        ("南港120万吨/年乙烯项目加快建设。", []),
        # A condition (在…后) before a number's verb names nothing: the subject carries on.
        (
            "一般公共预算收入完成490.6亿元，在落实减税降费政策后增长3.1%。",
            [
                ("一般公共预算收入", "490.6", "亿元", Aspect.LEVEL, Qualifier.EXACT),
                ("一般公共预算收入", "3.1", "%", Aspect.GROWTH, Qualifier.EXACT),
            ],
        ),
        # A status after the counted noun goes, with its adverb (全部完成).
        ("改善人民生活的20件实事全部完成。", [("实事", "20", "件", Aspect.LEVEL, Qualifier.EXACT)]),
        # 增产 and 减产 are a harvest's growth and fall.
        (
            "粮食总产量达到2430万吨，比上年增产5.2%。",
            [
                ("粮食总产量", "2430", "万吨", Aspect.LEVEL, Qualifier.EXACT),
                ("粮食总产量", "5.2", "%", Aspect.GROWTH, Qualifier.EXACT),
            ],
        ),
        # 首次 before a threshold is how, not what.
        ("一般公共预算收入首次突破百亿元。", [("一般公共预算收入", "100", "亿元", Aspect.LEVEL, Qualifier.AT_LEAST)]),
        # A manner word before the status verb is no part of what is counted either.
        ("38个老旧小区改造有序推进。", [("老旧小区改造", "38", "个", Aspect.LEVEL, Qualifier.EXACT)]),
        # A parallel grade (省级 after 国家级…) names the things once.
        (
            "新增国家级高新技术企业12家，省级38家。",
            [
                ("新增国家级高新技术企业", "12", "家", Aspect.LEVEL, Qualifier.EXACT),
                ("新增省级高新技术企业", "38", "家", Aspect.LEVEL, Qualifier.EXACT),
            ],
        ),
    ],
)
def test_observations_rules(sentence: str, expected: list[Row]) -> None:
    assert observe(sentence) == expected


@pytest.mark.issue(14)
def test_observations_half_width_clause_marks_end_clauses() -> None:
    """Half-width commas and semicolons end clauses as the full-width ones do; 1,234.5 stays one number."""
    found = observe("税收收入1,234.5亿元、增长0.7%,居民消费价格与上年基本持平;城镇调查失业率为4.2%。")
    assert [(indicator, value) for indicator, value, *_ in found] == [
        ("居民消费价格", "0"),
        ("税收收入", "1234.5"),
        ("税收收入", "0.7"),
        ("城镇调查失业率", "4.2"),
    ]


def test_observations_flat_with_last_year_is_zero_growth() -> None:
    text = "2024年某区政府工作报告\n奋进2024\n地区生产总值增长5.5%左右；固定资产投资与上年度持平。\n"
    raw = RawText(Source(Path("t.txt"), "0" * 64, "utf-8"), text)
    found = {o.indicator: o for o in extract_observations(read_report(raw, "t", BuildOptions()))}
    flat = found["固定资产投资"]
    assert (flat.aspect, flat.quantity.value, flat.kind, flat.year) == (Aspect.GROWTH, 0, Kind.TARGET, 2024)
    assert found["地区生产总值"].qualifier is Qualifier.APPROX


@pytest.mark.parametrize(
    ("sentence", "kind", "year", "qualifier"),
    [
        ("地区生产总值增长6.5%以上。", Kind.TARGET, 2020, Qualifier.AT_LEAST),
        ("城镇登记失业率控制在2.5%以内。", Kind.TARGET, 2020, Qualifier.AT_MOST),
    ],
)
def test_observations_plan_sentences_are_targets(sentence: str, kind: Kind, year: int, qualifier: Qualifier) -> None:
    raw = RawText(Source(Path("t.txt"), "0" * 64, "utf-8"), f"2020年西宁市政府工作报告\n着眼2020\n{sentence}\n")
    (obs,) = extract_observations(read_report(raw, "t", BuildOptions()))
    assert (obs.kind, obs.year, obs.qualifier) == (kind, year, qualifier)
    assert obs.quantity.value > Decimal(0)


@pytest.mark.issue(14)
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # Among plans, a result dated by a reviewed year before its number is a result of that year.
        (
            "2019年，全市实现地区生产总值3200亿元，同比增长6.8%。",
            [("地区生产总值", Kind.ACTUAL, 2019), ("地区生产总值", Kind.ACTUAL, 2019)],
        ),
        # A base of comparison is no date of a result: a goal stays a goal.
        ("人均地区生产总值在2019年基础上增长8%。", [("人均地区生产总值", Kind.TARGET, 2020)]),
        ("全市2020年地区生产总值增长6%。", [("地区生产总值", Kind.TARGET, 2020)]),
        # Among plans, last year's results (去年, 过去一年) are results; a base of comparison is not.
        ("报告显示，去年全市城镇新增就业2.8万人。", [("城镇新增就业", Kind.ACTUAL, 2019)]),
        ("去年增长5.6%；今年全市城镇新增就业2.8万人。", [("城镇新增就业", Kind.TARGET, 2020)]),
        ("全市地区生产总值比去年增长6%。", [("地区生产总值", Kind.TARGET, 2020)]),
    ],
)
def test_observations_plan_part_kind(sentence: str, expected: list[tuple[str, Kind, int]]) -> None:
    raw = RawText(Source(Path("t.txt"), "0" * 64, "utf-8"), f"2020年西宁市政府工作报告\n着眼2020\n{sentence}\n")
    found = [(o.indicator, o.kind, o.year) for o in extract_observations(read_report(raw, "t", BuildOptions()))]
    assert found == expected


@pytest.mark.issue(14)
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A list of goals opened once covers every clause after it, even in a review part.
        (
            "今年全区经济社会发展的主要预期目标是：地区生产总值增长6%左右，城镇新增就业1500人。",
            [("地区生产总值", Kind.TARGET, 2020), ("城镇新增就业", Kind.TARGET, 2020)],
        ),
        (
            "二〇二〇年全市发展的主要目标包括，生产总值增长百分之七，城镇登记失业率控制在百分之三以内。",
            [("生产总值", Kind.TARGET, 2020), ("城镇登记失业率", Kind.TARGET, 2020)],
        ),
        (
            "全区将力争固定资产投资突破300亿元，规上工业增加值增长7%。",
            [("固定资产投资", Kind.TARGET, 2020), ("规上工业增加值", Kind.TARGET, 2020)],
        ),
        # A clause that says it is done stays a result; 预期 in 好于预期 opens no goals.
        (
            "主要经济指标好于预期，完成地方一般公共预算收入6.2亿元。",
            [("地方一般公共预算收入", Kind.ACTUAL, 2019)],
        ),
        # A sentence about the plan year (in digits or in Chinese numerals) sets out goals.
        ("2020年全市地区生产总值增长6.5%左右。", [("地区生产总值", Kind.TARGET, 2020)]),
        ("二0二0年全市城镇新增就业1.2万人。", [("城镇新增就业", Kind.TARGET, 2020)]),
        # A year named before a result's number dates it; a base of comparison (比2015年) does not.
        ("2018年全市实现地区生产总值2230亿元。", [("地区生产总值", Kind.ACTUAL, 2018)]),
        ("财政收入比2015年增长45%。", [("财政收入", Kind.ACTUAL, 2019)]),
        # A plan word inside a quoted name ("…计划") makes no goal.
        ("全年有56人入选“高层次人才引进计划”。", [("入选高层次人才引进计划", Kind.ACTUAL, 2019)]),
        # 今年 in a report delivered in the year it plans is the plan year.
        ("报告提出，今年全市社会消费品零售总额增长8%。", [("社会消费品零售总额", Kind.TARGET, 2020)]),
        # A goal met reports a result: it opens no list of goals; 计划完成率 is no plan.
        (
            "主要指标均达到或超过预期目标，规模以上工业增加值增长8%。",
            [("规模以上工业增加值", Kind.ACTUAL, 2019)],
        ),
        ("投资计划完成率达到105%。", [("投资计划完成率", Kind.ACTUAL, 2019)]),
        # 预期寿命 names an indicator (life expectancy): no cue of a goal.
        ("全市人均预期寿命达到79.2岁。", [("人均预期寿命", Kind.ACTUAL, 2019)]),
        # 预计 and 预期 before a verb say how sure the number is, not what it is of.
        ("全县生产总值预计增长7%左右。", [("生产总值", Kind.ACTUAL, 2019)]),
        # How a growth rate is computed (扣除…因素后) is not part of the indicator.
        ("全区生产总值扣除价格因素后增长6.2%。", [("生产总值", Kind.ACTUAL, 2019)]),
        # The words that open a list of goals are not the first goal's indicator.
        ("今年预期目标是全县生产总值增长百分之九左右。", [("生产总值", Kind.TARGET, 2020)]),
        # Words of intent (努力实现, 要确保, 明年…计划) make a goal; 计划完成 is a plan to complete.
        ("努力实现全县生产总值增长7%左右。", [("生产总值", Kind.TARGET, 2020)]),
        ("要确保城镇调查失业率控制在5%以内。", [("城镇调查失业率", Kind.TARGET, 2020)]),
        ("明年，全区计划完成投资500亿元。", [("投资", Kind.TARGET, 2020)]),
        # A five-year plan's goal is for the plan's last year.
        ("“十四五”时期，全县地区生产总值年均增长6%以上。", [("地区生产总值", Kind.TARGET, 2025)]),
        # A goal's year named earlier in its clause run is the year it is set for (issue 14).
        ("到2025年，全市常住人口城镇化率将达到65%。", [("常住人口城镇化率", Kind.TARGET, 2025)]),
        # A year inside a subject ends the words naming the place or time.
        ("镇江2018年GDP增长3%。", [("GDP", Kind.ACTUAL, 2018)]),
    ],
)
def test_observations_kind_from_the_sentence(sentence: str, expected: list[tuple[str, Kind, int]]) -> None:
    raw = RawText(Source(Path("t.txt"), "0" * 64, "utf-8"), f"2020年西宁市政府工作报告\n回首2019\n{sentence}\n")
    found = [(o.indicator, o.kind, o.year) for o in extract_observations(read_report(raw, "t", BuildOptions()))]
    assert found == expected


def test_observations_seed_measure_f1_bar(seed_build: BuildResult, gold_path: Path) -> None:
    """Issue 3's bar on the seeds: measure F1 and precision at least 0.92."""
    measure = evaluate_graph(seed_build.graph, gold_path).scores["measure"]  # type: ignore[arg-type]
    assert measure.f1 >= 0.92
    assert measure.precision >= 0.92


def test_observations_seed_program_target_f1_bar(seed_build: BuildResult, gold_path: Path) -> None:
    """Issue 3's bar for numbers tied to programs: program_target F1 at least 0.60."""
    assert evaluate_graph(seed_build.graph, gold_path).scores["program_target"].f1 >= 0.60  # type: ignore[arg-type]


def test_observations_sentence_about_a_county_names_its_own_region() -> None:
    raw = RawText(
        Source(Path("t.txt"), "0" * 64, "utf-8"), "2020年西宁市政府工作报告\n回首2019\n湟源县完成国土绿化2万亩。\n"
    )
    (obs,) = extract_observations(read_report(raw, "t", BuildOptions()))
    assert (obs.region, obs.indicator) == ("湟源县", "国土绿化")


def test_observations_share_of_the_annual_plan_is_a_result() -> None:
    text = "2022年某市政府工作报告\n一、2021年工作回顾\n完成投资1085亿元，占年度计划的112.3%。\n"
    raw = RawText(Source(Path("t.txt"), "0" * 64, "utf-8"), text)
    kinds = {o.quantity.stated: o.kind for o in extract_observations(read_report(raw, "t", BuildOptions()))}
    assert kinds == {"1085亿元": Kind.ACTUAL, "112.3%": Kind.ACTUAL}


@pytest.mark.issue(14)
def test_observations_places_listed_with_their_numbers() -> None:
    """A list of places before 分别 gives each number its place; a subject-less count continues the
    subject last stated in its unit (issue 14)."""
    text = (
        "2020年西宁市政府工作报告\n回首2019\n完成老旧小区改造126个，惠及居民2.1万户，"
        "其中城中区、城北区分别完成21个、17个。\n"
    )
    raw = RawText(Source(Path("t.txt"), "0" * 64, "utf-8"), text)
    found = [
        (o.region, o.indicator, str(o.quantity.value))
        for o in extract_observations(read_report(raw, "t", BuildOptions()))
    ]
    assert found[2:] == [("城中区", "老旧小区改造", "21"), ("城北区", "老旧小区改造", "17")]


@pytest.mark.issue(14)
def test_observations_a_restated_measure_is_one_measure() -> None:
    """A news piece's lead and body state one figure twice; a generic count in two places is two."""
    text = (
        "2020年西宁市政府工作报告\n回首2019\n全市地区生产总值增长6.3%。\n"
        "据介绍，全市实现地区生产总值1300亿元，增长6.3%。\n实施城北中学等12个项目。\n建设园区12个项目。\n"
    )
    raw = RawText(Source(Path("t.txt"), "0" * 64, "utf-8"), text)
    found = [(o.indicator, str(o.quantity.value)) for o in extract_observations(read_report(raw, "t", BuildOptions()))]
    assert found == [("地区生产总值", "6.3"), ("地区生产总值", "1300"), ("项目", "12"), ("项目", "12")]


def test_observations_a_digests_item_opening_with_a_change_goes_on_with_the_item_before() -> None:
    """ "▲全市地区生产总值6384.02亿元" then "▲增长5.7%": the second item is the first's growth; an
    item right after a heading names nothing it could go on with."""
    text = "2021年某某市政府工作报告\n【2020年成绩单】\n▲全市地区生产总值6384.02亿元\n▲增长5.7%\n"
    raw = RawText(Source(Path("t.txt"), "0" * 64, "utf-8"), text)
    found = [(o.indicator, str(o.quantity.value)) for o in extract_observations(read_report(raw, "t", BuildOptions()))]
    assert found == [("地区生产总值", "6384.02"), ("地区生产总值", "5.7")]
    text = "2021年某某市政府工作报告\n【2020年成绩单】\n▲增长5.7%\n"
    raw = RawText(Source(Path("t.txt"), "0" * 64, "utf-8"), text)
    assert extract_observations(read_report(raw, "t", BuildOptions())) == ()


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # 成都 2018 (tests/real/texts/11): the dash opens what the heading announces.
        ("提出了成都今年发展的主要预期目标——地区生产总值增长7.5%。", ("地区生产总值", "7.5", "%")),
        # 城东区 2023 (seeds/001): a summary heading, then the result it sums up.
        (
            "坚持抢抓机遇、助企暖企，发展后劲更加有力——协调解决各类企业反馈问题300余项。",
            ("协调解决各类企业反馈问题", "300", "项"),
        ),
    ],
)
def test_a_double_dash_ends_a_heading_as_a_colon_does(sentence: str, expected: tuple[str, str, str]) -> None:
    """ "——" closes a heading or opens an explanation: the indicator starts after it, as after "："."""
    assert [row[:3] for row in observe(sentence)] == [expected]
