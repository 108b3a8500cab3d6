"""Actual or target, and the year: when a measure's number is for (GOLD.md: kind, year).

A number is a result or a goal by the part of the report it stands in, by a cue in its clause
(力争, 预期, 计划, 将, 明年), or by a cue earlier in its sentence that opens a list of goals
("主要预期目标是：…，…"); a result dated before its number, or said of last year, stays a result
among plans. Its year is the reviewed year for results and the planned year for goals, unless the
sentence dates it: 到2025年, a five-year plan's last year, 2018年全市实现….
"""

from __future__ import annotations

import re

from kg.extract.numbers import parse_numeral
from kg.model import Kind, Part, Report, Sentence

# Words that make a number in a results paragraph a goal (GOLD.md: kind). 争取 ("obtained") and 确保
# ("made sure") report results as often as goals, so they are not cues here; 预期寿命 (life
# expectancy) is an indicator's name, not a cue.
_TARGET_CUES = re.compile(
    r"力争|(?<!完成)(?<!好于)(?<!高于)(?<!超过)(?<!达到)预期(?!寿命)|目标[是为]|(?<!年度)(?<!占)计划(?!完成率|单列|生育)|拟(?!上市|挂牌)|明年|下一步|努力(?:实现|达到|完成)|(?:^|[，；])要(?:确保|实现|完成|达到|力争)|(?:^|[区市县我们])将|将(?=达到|突破|超过|增长|提高|实现|完成|新增)"
)

# Words that make every later clause of a sentence a goal: a list of targets opened
# ("主要预期目标是：", "目标包括，") or a plan verb (力争, 将). Not 预期 ("好于预期") or 计划 ("行动计划").
# A goal met ("完成年度预期目标", "均达到或超过预期目标") opens no list of goals: it reports a result.
_TARGET_OPENERS = re.compile(
    r"(?<!完成)(?<!实现)(?<!达到)(?<!超过)(?<!好于)(?<!年度)预期目标|目标(?:是|为|包括)|力争|(?:^|[区市县我们])将"
)
# A clause that reports something done, whatever the sentence set out to do.
_RESULT_CUES = re.compile(r"了|已")
_THIS_YEAR = re.compile(r"今年(?!以来)")
_PAST = re.compile(r"(?<![比较与同])(?:去年|上年)(?!同期|水平|基础)|过去(?:一|五|的一|的五)年|[五三]年来")
_DATED_RESULT = re.compile(r"(?<![比较与同从由到至是在])((?:19|20)\d\d)年(?:底|末|全年)?(?![以前后初的\d])")
_QUOTED = re.compile(r"“[^“”]{1,20}”")
_NAMED_YEAR = re.compile(r"((?:19|20)\d\d|[一二][〇0零九][〇0零一二三四五六七八九]{2})年(?!以来)")
_SINCE = re.compile(r"(?:(?:19|20)\d\d年|今年|去年|上半年|年初)以来")
_TARGET_YEAR = re.compile(r"到((?:19|20)\d\d)年")
_PLAN_PERIOD = re.compile(r"“?(十[一二三四五]五|十五|九五)”?(?:期间|时期|末|规划期)")
_PLAN_LAST_YEAR = {
    "九五": 2000,
    "十五": 2005,
    "十一五": 2010,
    "十二五": 2015,
    "十三五": 2020,
    "十四五": 2025,
    "十五五": 2030,
}


def kind_of(sentence: Sentence, clause: str, before: str, report: Report) -> Kind:
    """Actual or target: the part, a cue in the clause, or a cue earlier in the sentence that opens
    its list of goals ("主要预期目标是：…，…", "2012年，云南将力争…，全年生产总值增长12%以上")."""
    if _SINCE.search(sentence.simplified):
        return Kind.ACTUAL  # "2016年以来…实现3个贫困县摘帽": a result, even in a plan section
    periods = _PLAN_PERIOD.findall(before.rsplit("；", 1)[-1] + clause)  # “十四五” is quoted
    # A cue inside a quoted name ("29人入选“青海千人计划”") says nothing of the number.
    clause, before = _QUOTED.sub("", clause), _QUOTED.sub("", before)
    if _TARGET_CUES.search(clause):
        return Kind.TARGET
    meta = report.meta
    if sentence.part is Part.PLAN:
        # "2011年，云南省实现生产总值8750.95亿元" among a news piece's plans: a result of a year
        # already reviewed, dated before its number.
        dated = [int(year) for year in _DATED_RESULT.findall(before + clause) if year]
        reviewed = meta.review_year is not None and dated and dated[0] <= meta.review_year
        # "报告显示，去年杭州实现地区生产总值…": last year's, or the past years', results.
        scope = before.rsplit("；", 1)[-1] + clause
        reviewed = reviewed or bool(_PAST.search(scope) and not _THIS_YEAR.search(scope))
        return Kind.TARGET if not reviewed or _TARGET_OPENERS.search(before) else Kind.ACTUAL
    if _TARGET_OPENERS.search(before) and not _RESULT_CUES.search(clause):
        return Kind.TARGET
    # "到2025年，…达到65%": a year a number is to be reached by, after the reviewed one, is a goal's.
    run = before.rsplit("；", 1)[-1] + clause
    goal_years = [int(year) for year in _TARGET_YEAR.findall(run)]
    goal_years += [_PLAN_LAST_YEAR[period] for period in periods]
    if goal_years and meta.review_year is not None and goal_years[-1] > meta.review_year:
        return Kind.TARGET
    # "2012年，云南将…", "二0一0年上海目标…": a sentence about the plan year sets out goals.
    named = [parse_numeral(year) for year in _NAMED_YEAR.findall(before + clause)]
    if meta.plan_year is not None and meta.plan_year != meta.review_year and named and named[0] == meta.plan_year:
        return Kind.TARGET
    # "报告提出，今年…增长8%": in a report delivered in the year it plans, 今年 is the plan year.
    delivered_in_plan_year = meta.plan_year == meta.report_year != meta.review_year
    if _THIS_YEAR.search(before + clause) and meta.plan_year is not None and delivered_in_plan_year:
        return Kind.TARGET
    return Kind.ACTUAL


def year_of(sentence: Sentence, report: Report, kind: Kind, pre: str, before: str = "") -> int | None:
    # "到2025年，全市常住人口城镇化率达到65%": the year a goal is set for, earlier in its clause
    # run (a semicolon starts another).
    target_years = _TARGET_YEAR.findall((before or pre).rsplit("；", 1)[-1])
    if target_years:
        return int(target_years[-1])
    # "“十四五”时期，…年均增长6%": a five-year plan's goal is for the plan's last year (GOLD.md: a
    # multi-year figure takes its last year).
    plan_period = _PLAN_PERIOD.findall((before or pre).rsplit("；", 1)[-1])
    last_year = _PLAN_LAST_YEAR.get(plan_period[-1]) if plan_period else None
    if kind is Kind.TARGET and last_year is not None and last_year > (report.meta.review_year or 0):
        return last_year
    # "2022年全市实现地区生产总值…": a result dated in the sentence, before its number, is that
    # year's (not a base of comparison: 比2015年, 较2019年; not a span: 2016年以来).
    dated = [int(year) for year in _DATED_RESULT.findall(before)]
    review = report.meta.review_year
    if kind is Kind.ACTUAL and dated and review is not None and dated[-1] <= review:
        return dated[-1]
    if kind is Kind.TARGET and sentence.part is Part.REVIEW:
        return report.meta.plan_year
    if (
        kind is Kind.TARGET
        and sentence.year == review
        and report.meta.plan_year
        and not _PAST.search(sentence.simplified)
    ):
        return report.meta.plan_year  # "比去年增长6%": a base of comparison dates no goal
    if kind is Kind.ACTUAL and sentence.part is Part.PLAN and "今年以来" not in sentence.simplified:
        return report.meta.review_year
    return sentence.year
