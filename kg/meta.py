"""A report's frame: who issued it and which years it is delivered in, reviews and plans.

The frame is read as weighed evidence, not first match, because real reports and the pages
that carry them state it in many ways and often contradict themselves (an aggregator's title
year, a repost date, a partner city named more often than the issuer).

Issuer: the title ("2019年聊城市东昌府区人民政府工作报告"), the session line ("在遂宁市安居区第五届
人民代表大会第二次会议上", "义乌市十五届人大二次会议"), the speaker ("玉屏侗族自治县人民政府县长",
"上海市市长"), "我代表…人民政府", and, more weakly, the places the text names. Of a chain of places
the most specific is the issuer (遂宁市安居区 → 安居区). The level the text speaks at (全区, 全县,
我市, "代表县人民政府", "省十二届人大") favours a candidate of that level. A place named as partner,
destination, benchmark or source of funds ("与某某市深化帮扶合作", "援助湖北") is never the issuer.

Years (``kg.dates``: every numeral style): the date line ("——2025年1月15日在…会议上",
"二○二五年一月二十日", "(2020年1月8日)") gives the delivery year; a report delivered in November or
December reviews its own year and plans the next. The title year is weaker (aggregators title a
report by the year it reviews). The review heading or opening ("一、2024年工作回顾", "回望2020",
"2016年，在区委的坚强领导下…") gives the reviewed year, and plan cues ("展望2018", "2012年，云南将
力争", "2019年…预期目标") the planned one. A review of a five-year plan period or a government's
term is recorded as such; its figures belong to the period's last year, the reviewed year.
When a report states no year, the dated national events it mentions give a lower bound; when it states
none at all, another report of the same government may date its congress session, and else the file's
name may carry the year (``dating_year``).
Every value can be overridden (``FrameOverride``).
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from importlib import resources
from pathlib import Path

from kg import gazetteer
from kg.dates import DATE, YEAR, arabic_years, date_of, small_number
from kg.lexicons import read_tsv
from kg.model import CleanText, FrameOverride, ReportMeta, ReviewPeriod
from kg.segment import tokenizer

# Where the frame is stated: title, session line, speaker and greeting come first.
_HEAD = 3000
# A region name: one to eight CJK characters ending in an administrative suffix.
_SUFFIX = r"(?:自治州|自治县|自治旗|特别行政区|自治区|地区|省|市|区|县|旗|盟|州)"
_NAME = r"([\u4e00-\u9fff]{1,10}?" + _SUFFIX + r")"
_NUMBER = r"[\d一二三四五六七八九十]+"
# (pattern, weight, anchor): each match names the issuer (group "name") or, where that is empty, its level.
# The anchor is the pattern's tail, which every match ends with, within _REACH characters after the match
# starts: ``_clues`` scans only from before the first anchor to the end of the last (None: scan the whole).
_ISSUER_CLUES: tuple[tuple[re.Pattern[str], int, re.Pattern[str] | None], ...] = (
    # Titles: "成都市武侯区2023年政府工作报告", "2019年陇县人民政府工作报告", "聚焦成都市政府工作报告".
    (
        re.compile(r"(?P<name>[\u4e00-\u9fff]{1,12}?" + _SUFFIX + r")(?:" + YEAR + r"年度?)?(?:人民)?政府工作报告"),
        8,
        re.compile(r"政府工作报告"),
    ),
    # Session lines: "在遂宁市安居区第五届人民代表大会", "义乌市十五届人大二次会议", "省十二届人大二次会议".
    (
        re.compile(r"(?P<name>[\u4e00-\u9fff]{0,12}?" + _SUFFIX + r")\s?第?" + _NUMBER + r"届(?:人民代表大会|人大)"),
        8,
        re.compile(_NUMBER + r"届(?:人民代表大会|人大)"),
    ),
    # Speakers: "遂宁市安居区人民政府区长", "上海市市长", "云南省代省长", "自治区代主席".
    (
        re.compile(
            r"(?P<name>[\u4e00-\u9fff]{0,12}?"
            + _SUFFIX
            + r")(?:人民政府|政府)?\s?代?(?:区长|县长|市长|旗长|州长|省长|盟长|主席)"
        ),
        6,
        re.compile(r"区长|县长|市长|旗长|州长|省长|盟长|主席"),
    ),
    # "我代表上海市人民政府", "代表县人民政府", "代表市政府": opens with a word, the engine finds it quickly.
    (re.compile(r"代表(?P<name>[\u4e00-\u9fff]{0,12}?" + _SUFFIX + r")?(?:人民)?政府(?:[，,]?向大会|作)"), 8, None),
    # A party congress of the place: "瑞金市党代会", "市第七次党代会".
    (
        re.compile(r"(?P<name>[\u4e00-\u9fff]{0,12}?" + _SUFFIX + r")(?:第" + _NUMBER + r"次)?党代会"),
        3,
        re.compile(r"(?:第" + _NUMBER + r"次)?党代会"),
    ),
)
# How far before its anchor a clue may start: a name (12 characters and a suffix of at most 5), then
# a year (2019年度), 人民政府, a space, 代 or 第 before the anchor.
_REACH = 32
# Characters that cannot be inside a region name: a name starts after the last one.
_NOT_NAME_PREFIX = re.compile(r"^.*[年月日的在和与及、，,：:“”（）()|在由向对为是即]")
_LEVELS = "区县市旗州省盟"
# "全区", "我县", "本市": the level of government the report speaks as.
# (Not 市委 or 市人大: a district's report names the city's committees as its superiors.)
# Nor a benchmark: "居全省第一", "领跑全省", "全省前列" compare with the level above.
_LEVEL_WORD = re.compile(r"(?<![居于跑列超在排])(?:全|我|本)([区县市旗州省盟])(?![长委级域内外第前首平均领排])")
# Words around a place that make it a partner, destination, benchmark or funder, not the issuer.
_PARTNER_BEFORE = re.compile(
    r"(?:与|同|和|赴|到|援助|援|帮扶|支援|对口|协作|学习|借鉴|对标|比|超过|高于|低于|来自|落户|入驻|向|除)$"
)
_PARTNER_AFTER = re.compile(r"^(?:委|籍|企业|公司|集团|银行|大学|的帮扶|对口|帮扶|协作|援建|投资|客商|商会)")
_CHAIN = re.compile(r".+?(?:自治州|自治县|自治旗|自治区|特别行政区|地区|省|市|区|县|旗|盟|州(?!市))")

# Years.
_TITLE_YEAR = (
    re.compile(YEAR + r"\s?年度?[^\n。]{0,24}?政府工作报告"),
    re.compile(r"政府工作报告[（(]" + YEAR + r"年?"),
)
# A date line: the date, then where it was delivered; or the date alone in brackets or after a dash.
_DELIVERED = (
    re.compile(DATE.pattern + r"[)）\s]{0,3}在[^。]{0,40}?(?:人民代表大会|人大|会议)"),
    re.compile(r"[（(]\s?" + DATE.pattern + r"\s?[)）]"),
    re.compile(r"(?:^|\n)\s?—{1,2}\s?" + DATE.pattern),
)
_PAGE_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)-([01]\d)-[0-3]\d(?!\d)")
# A news piece's account of the session on a day it names without a year, or relative to its posting;
# the day may follow the page's timestamp on the same line ("2018-03-20 10:33:06" + "2月25日上午…").
_SESSION_DAY = re.compile(
    r"(?:昨日|昨天|今天|今日|(?:(?<!\d)|(?<=:\d\d))(?P<month>1[0-2]|0?[1-9])月[0-3]?\d日)(?:上午|下午|晚上?)?[^。\n]{0,40}?"
    r"(?:人民代表大会|人大)[^。\n]{0,20}?(?:开幕|召开|闭幕)"
)
# A date packed into a title: "(20230114)".
_PACKED_DATE = re.compile(r"[（(]((?:19|20)\d\d)(\d\d)(\d\d)[）)]")
_REVIEW_YEAR = (
    re.compile(r"(?:回首|回顾|回望|总结|盘点)了?\s?" + YEAR),
    re.compile(YEAR + r"\s?年?[^\n。，,；;]{0,10}?(?:工作回顾|工作情况|发展回顾|回顾)"),
    re.compile(r"对" + YEAR + r"年[^。；\n]{0,24}?回顾"),
    re.compile(YEAR + r"年[^。\n，,]{0,12}?预计(?:全年)?(?:实现|完成)"),
    # The opening of the review: "2016年，在区委的坚强领导下…", "2022年，是极不平凡的一年".
    # (also quoted by a news piece: "…掌声：“2020年，全州8个县市全部脱贫摘帽…”")
    re.compile(
        r"(?:^|\n|。|“)"
        + YEAR
        + r"年[，,]\s?(?:是|在|面对|我们|全[区县市旗州省])(?![^。\n]*(?:预期|力争|将|目标|计划))"
    ),
    # A news piece's account of the results: "报告显示，2020年全州地区生产总值达到…".
    re.compile(r"报告(?:显示|指出)[，,：:]\s?" + YEAR + r"年(?![^。\n]*(?:预期|力争|将|要|目标|计划))"),
)
_PLAN_YEAR = (
    re.compile(r"(?:着眼|展望|聚焦|奋进|决胜|奋战|擘画|开启|谋划)\s?" + YEAR),
    re.compile(
        YEAR + r"\s?年?[^\n。，,；;]{0,12}?"
        r"(?:这样干|工作安排|工作任务|重点工作|重点任务|主要任务|预期目标|主要目标|发展目标|总体要求)"
    ),
    # A news piece: "报告…安排部署了2024年的重点任务".
    re.compile(r"(?:安排|部署)了?\s?" + YEAR),
    re.compile(r"(?<!到)(?<!至)" + YEAR + r"年[，,]?[^\n。，,；;]{0,8}?(?:将|要(?!求)|力争|拟)"),
    # "2019年，云南省经济社会发展的主要预期目标建议为…".
    re.compile(r"(?<!到)(?<!至)" + YEAR + r"年[，,]\s?[^。；;\n]{0,20}?(?:预期目标|主要目标)"),
    re.compile(r"对" + YEAR + r"年[^。；\n回]{0,30}?(?:预期目标|主要工作|安排部署)"),
)
# A mid-year report: its review heading is the first half ("回望上半年：", "上半年以来，…").
_MID_YEAR = re.compile(r"(?:回望|回顾|总结|盘点)上半年|上半年以来|上半年工作(?:回顾|总结)")
_FIVE_YEAR = re.compile(r"过去五年|五年来|“?十[一二三四五]五”?(?:时期|期间)|“?十[一二三四五]五”?发展回顾")
_TERM = re.compile(r"本届政府|届内|任期以来")
_LATE_MONTHS = (11, 12)


def read_meta(clean: CleanText, given: FrameOverride | None = None) -> ReportMeta:
    """Find title, issuer and years in a cleaned report; what ``given`` states overrides the text."""
    given = given or FrameOverride()
    text = arabic_years(clean.simplified)
    head = text[:_HEAD]
    title = _title(clean.text)
    region = given.region or issuer(text, gazetteer.named_in_file_name(clean.source.path.stem))
    report_year, review_year, plan_year, period = _years(text, head, region)
    if given.year is not None:
        if given.year != report_year:
            review_year = plan_year = None
        report_year = given.year
        if _MID_YEAR.search(head):
            review_year = plan_year = given.year
    review_year = given.review_year if given.review_year is not None else review_year
    plan_year = given.plan_year if given.plan_year is not None else plan_year
    report_year, review_year, plan_year = _complete_years(report_year, review_year, plan_year)
    parent = _region_parent(text, region) if region and not given.region else None
    return ReportMeta(title, region, report_year, review_year, plan_year, parent, period, _session(head))


# A web page's breadcrumb trail ("首页 > 政务公开 > 政府工作报告", "当前位置：…"): where a page sits, not its title.
_BREADCRUMB = re.compile(r"[>＞»›]|当前位置|首页")


def _title(text: str) -> str:
    """The first line that names a report and is no breadcrumb trail, else the first line."""
    lines = [line for line in text.split("\n")[:8] if line.strip()]
    for line in lines:
        if ("报告" in line or "報告" in line) and not _BREADCRUMB.search(line):
            return line.strip("—- ")
    return lines[0] if lines else ""


# --- years ---------------------------------------------------------------------------------


def _years(text: str, head: str, region: str | None) -> tuple[int | None, int | None, int | None, ReviewPeriod]:
    """Delivery, reviewed and planned years, and what the review covers."""
    delivered = _delivered(head)
    title_years = Counter(int(m.group(1)) for p in _TITLE_YEAR for m in p.finditer(head))
    period = ReviewPeriod.FIVE_YEARS if _FIVE_YEAR.search(text) else ReviewPeriod.YEAR
    if period is ReviewPeriod.YEAR and _TERM.search(text):
        period = ReviewPeriod.TERM
    review = _vote(_REVIEW_YEAR, text, latest=period is not ReviewPeriod.YEAR)
    plan = _vote(_PLAN_YEAR, text)
    milestone_plan, milestone_review = _milestone_years(text)
    plan = plan or milestone_plan
    review = review or milestone_review
    if review is not None and plan is not None and review >= plan:
        review = None  # a plan year is after the year reviewed
    if _MID_YEAR.search(head) and review is None:
        # A mid-year report reviews and plans the year it is delivered in.
        year = (delivered[0] if delivered else None) or _most(title_years) or plan or _year_from_events(text)
        return year, year, year, ReviewPeriod.HALF_YEAR
    report_year: int | None = None
    if delivered is not None:
        # The date line settles the years: a report delivered early in a year reviews the year
        # before and plans its own; one delivered in November or December, for the next year's
        # session, reviews its own year and plans the next. Review clues name other years too
        # (a five-year review's first year, "2016年以来").
        report_year, month = delivered
        late = month in _LATE_MONTHS
        review = report_year if late else report_year - 1
        plan = report_year + 1 if late else report_year
    elif title_years:
        report_year = _title_year(title_years, review, plan)
    elif plan is not None and (day := _SESSION_DAY.search(head)) and int(day.group("month") or 0) in _LATE_MONTHS:
        # "12月28日，…人民代表大会…开幕" with no year, then the plans for 2024: delivered the year before.
        report_year = plan - 1
        review = review or report_year
    elif review is None and plan is None:
        # A page's own timestamp ("2018-03-20 10:33"): the weakest clue, reposts carry later dates.
        page = _PAGE_DATE.search(head)
        report_year = int(page.group(1)) if page else None
    if report_year is not None and plan is not None and plan < report_year:
        plan = None  # "2022年主要工作" under a 2023 title reviews, it does not plan
    if report_year is None and review is None and plan is None:
        report_year = _session_year(head, region) or _year_from_events(text)
    return report_year, review, plan, period


def _delivered(head: str) -> tuple[int, int | None] | None:
    """The year and month of the date line, if the report has one."""
    for pattern in _DELIVERED:
        for match in pattern.finditer(head):
            date = date_of(match)
            return date.year, date.month
    packed = _PACKED_DATE.search(head)
    if packed and 1 <= int(packed.group(2)) <= 12:
        return int(packed.group(1)), int(packed.group(2))
    return _reported_session(head)


def _reported_session(head: str) -> tuple[int, int | None] | None:
    """A news piece about the session dates it by the day it was posted: "昨日上午，…第十五届人民代表大会
    第二次会议开幕" under "2018-02-05", or "2月25日上午10时，…会议…开幕" under "2018-03-20" (the
    same year, or the year before where the month named is later than the page's)."""
    day = _SESSION_DAY.search(head)
    page = _PAGE_DATE.search(head)
    if day is None or page is None:
        return None
    year, month = int(page.group(1)), int(page.group(2))
    if day.group("month"):
        named = int(day.group("month"))
        return (year - 1 if named > month else year), named
    return year, month


def _title_year(years: Counter[int], review: int | None, plan: int | None) -> int:
    """The delivery year a title gives: aggregators title a report by the year it reviews."""
    year = _most(years) or 0
    if review == year and plan in (None, year + 1):
        return year + 1
    return year


def _vote(patterns: tuple[re.Pattern[str], ...], text: str, *, latest: bool = False) -> int | None:
    """The year most clues name; of equals, the one named first (``latest``: the latest named,
    as a five-year review's clues name every year of the period and it ends in the last)."""
    # A clue is a place in the text: one matched by two patterns counts once.
    hits = sorted({(m.start(1), int(m.group(1))) for p in patterns for m in p.finditer(text)})
    if not hits:
        return None
    if latest:
        return max(year for _, year in hits)
    counts = Counter(year for _, year in hits)
    first = {year: start for start, year in sorted(hits, reverse=True)}
    return max(counts, key=lambda year: (counts[year], -first[year]))


def _most(years: Counter[int]) -> int | None:
    return years.most_common(1)[0][0] if years else None


def _complete_years(
    report_year: int | None, review_year: int | None, plan_year: int | None
) -> tuple[int | None, int | None, int | None]:
    """Fill the years a report leaves implicit: it reviews last year and plans this one."""
    if report_year is None and plan_year is None and review_year is not None:
        plan_year = review_year + 1
    if plan_year is None and report_year is not None:
        plan_year = report_year
    if report_year is None:
        report_year = plan_year
    if review_year is None and plan_year is not None:
        review_year = plan_year - 1
    return report_year, review_year, plan_year


@functools.lru_cache(maxsize=1)
def _events() -> tuple[tuple[str, int], ...]:
    text = resources.files("kg.lexicons").joinpath("events.tsv").read_text(encoding="utf-8")
    rows = csv.reader(io.StringIO(text), delimiter="\t")
    return tuple((row[0], int(row[1])) for row in rows if row and not row[0].startswith("#") and row[1].isdigit())


@functools.lru_cache(maxsize=1)
def _milestones() -> tuple[re.Pattern[str], dict[str, int]]:
    years = {row["phrase"]: int(row["year"]) for row in read_tsv("milestones.tsv")}
    phrases = "|".join(re.escape(p) for p in sorted(years, key=len, reverse=True))
    return re.compile(r"(今年|去年|明年)是[^。；！\n]{0,30}?(" + phrases + ")"), years


def _milestone_years(text: str) -> tuple[int | None, int | None]:
    """The plan and review years a report states by milestones: "今年是“十四五”开局之年" → 2021."""
    pattern, years = _milestones()
    plan = review = None
    for match in pattern.finditer(re.sub(r"[“”‘’\"]", "", text[:20000])):
        year = years[match.group(2)]
        if match.group(1) == "今年":
            plan = plan or year
        elif match.group(1) == "去年":
            review = review or year
        else:
            plan = plan or year - 1
    return plan, review


_SESSION = re.compile(
    r"第?([一二三四五六七八九十\d]{1,3})届(?:人民代表大会|人大)第?([一二三四五六七八九十\d]{1,2})次(?:会议|全体会议)?"
)


@functools.lru_cache(maxsize=1)
def _congress_terms() -> dict[str, int]:
    return {row["province"]: int(row["term_2023"]) for row in read_tsv("congress_terms.tsv")}


def _session_year(head: str, region: str | None) -> int | None:
    """The year a provincial congress's session met: "省十二届人大二次会议" → 2014.

    Province-level congresses have all been elected in the same years since 1998
    (``congress_terms.tsv``); lower levels were not, so their sessions date nothing."""
    term_2023 = _congress_terms().get(region or "")
    match = _SESSION.search(head)
    if term_2023 is None or match is None:
        return None
    term, session = small_number(match.group(1)), small_number(match.group(2))
    if term is None or session is None or not 1 <= session <= 7:
        return None
    year = 2023 - 5 * (term_2023 - term) + session - 1
    return year if 1998 <= year <= 2030 else None


def _session(head: str) -> tuple[int, int] | None:
    """The congress session a report was delivered to, (term, session), from its session line."""
    match = _SESSION.search(head)
    if match is None:
        return None
    term, session = small_number(match.group(1)), small_number(match.group(2))
    return (term, session) if term is not None and session is not None and 1 <= session <= 7 else None


def linked_year(meta: ReportMeta, others: Iterable[ReportMeta]) -> int | None:
    """The delivery year of a report whose text gives none, from another report of the same government
    whose session and year are known: a congress meets once a year and is elected for five, so the
    second session of the seventeenth congress met a year after its first (成都市第十七届人大一次会议
    in 2018 dates the report to 十七届人大二次会议 2019)."""
    if meta.session is None or meta.region is None:
        return None
    term, session = meta.session
    years = {
        other.report_year + 5 * (term - other.session[0]) + session - other.session[1]
        for other in others
        if other.region == meta.region
        and other.session is not None
        and other.report_year is not None
        and abs(term - other.session[0]) <= 1
    }
    return years.pop() if len(years) == 1 else None


_NAME_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def name_year(path: Path) -> int | None:
    """The year a report's file is named by ("成都市2019年政府工作报告.txt", "chengdu-2019.txt"): the year
    it was delivered, as reports are named by their session. The weakest clue, for a text that states no
    year and no other report dates its session; a name with two years names none."""
    years = {int(year) for year in _NAME_YEAR.findall(path.stem)}
    year = years.pop() if len(years) == 1 else None
    return year if year is not None and 1978 <= year <= 2035 else None


def dating_year(meta: ReportMeta, others: Iterable[ReportMeta], path: Path) -> int | None:
    """The delivery year of a report whose text gives none: the one another report of the same government
    dates its session to (``linked_year``), else the one its file is named by (``name_year``)."""
    if meta.report_year is not None:
        return None
    return linked_year(meta, others) or name_year(path)


def _year_from_events(text: str) -> int | None:
    years = [year for phrase, year in _events() if phrase in text]
    return max(years) if years else None


# --- issuer --------------------------------------------------------------------------------


def _clues(pattern: re.Pattern[str], anchor: re.Pattern[str] | None, head: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(head)``, scanning only where a match can be: from ``_REACH`` characters before
    the first ``anchor`` to the end of the last. A pattern that opens with a name is tried at every
    character it scans (3 ms a report for the whole head); its anchors are found at once."""
    if anchor is None:
        return pattern.finditer(head)
    ends = [found.span() for found in anchor.finditer(head)]
    if not ends:
        return iter(())
    return pattern.finditer(head, max(0, ends[0][0] - _REACH), ends[-1][1])


def issuer(text: str, file_names: Sequence[str] = ()) -> str | None:
    """The issuing government of a report (simplified text): the best-supported candidate.

    ``file_names``: the regions the report's file is named by (``gazetteer.named_in_file_name``), as
    much support as a title line, shared among them where the name is ambiguous; the text tells a
    file named chengdu-2019 apart from the places it names, and names the issuer where it says."""
    head = text[:_HEAD]
    # Shared by the regions an ambiguous name may be; whole numbers, as the text's clues are.
    scores: Counter[str] = Counter({named: _FILE_NAME_CLUE // len(file_names) for named in file_names})
    clues: Counter[str] = Counter()  # what the title, session line, speaker and 代表…政府 say
    levels: Counter[str] = Counter()
    for pattern, weight, anchor in _ISSUER_CLUES:
        for match in _clues(pattern, anchor, head):
            captured = match.group("name") or ""
            name = _named_region(captured)
            if name:
                scores[name] += weight
                clues[name] += weight
            elif captured:
                # "代表县人民政府", "圆满完成了区十九届人大…": the level speaks, not a name.
                levels[captured[-1]] += weight
    for match in _LEVEL_WORD.finditer(text):
        levels[match.group(1)] += 1
    found = gazetteer.find_names(text, short=True)  # one scan of the text for both kinds of mention
    for name in _mentions(text, found):
        scores[name] += 2
    for name in _short_mentions(text, found):
        scores[name] += 1
    if not scores:
        return None
    level = levels.most_common(1)[0][0] if levels else None
    # The level a report speaks at (全市, 我省, 代表县人民政府) favours a candidate of that level
    # and, where it is said often, counts against the others (a province named in a city's digest).
    misfit = 0.5 if level is not None and levels[level] >= 3 else 1.0

    def support(name: str) -> tuple[float, int, str]:
        fits = level is not None and name.endswith(level)
        return (scores[name] * (1.5 if fits else misfit), len(name), name)

    best = max(scores, key=support)
    # The most specific government named is the issuer: a district whose title or session line
    # names it (strong clues) wins over its city, which the same lines and the text name too.
    below = [name for name in clues if clues[name] >= _STRONG_CLUE and best in _ancestor_names(name)]
    return max(below, key=lambda name: (clues[name], support(name))) if below else best


# A title, session line or "代表…政府" clue: enough to name the issuer below a city that scores more.
_STRONG_CLUE = 8
# The file's name, a title the user gave it: as much as a title line, but not a strong clue of the text.
_FILE_NAME_CLUE = 8


def _ancestor_names(name: str) -> set[str]:
    """Official names of every region any region called ``name`` is part of."""
    return {ancestor.zh for region in gazetteer.candidates(name) for ancestor in gazetteer.ancestors(region)}


def _named_region(capture: str) -> str | None:
    """The most specific region a captured name stands for: "聊城市东昌府区" → 东昌府区,
    "聚焦成都市" → 成都市; a name the gazetteer lacks counts when it reads as one."""
    name = _NOT_NAME_PREFIX.sub("", capture).strip()
    if len(name) < 2 or name[:-1] in ("", "自治") or len(name) <= 1:
        return None
    chain = _split_chain(name)
    last = chain[-1]
    known = _known_suffix(last)
    if known:
        return known
    if len(last) <= 12 and not gazetteer.is_common_noun(last) and _reads_as_a_place(last):
        return last
    return None


@functools.lru_cache(maxsize=4096)
def _reads_as_a_place(name: str) -> bool:
    """Whether jieba reads a name the gazetteer lacks as one word (武侯区) or a noun and its
    suffix (双流/ns 区), not as a clause (圆满/完成/了/区)."""
    if re.fullmatch(r"[^了的在是和与及将把被对从向为等]{2,4}" + _SUFFIX + r"|[\u4e00-\u9fff]{2,8}族自治[州县旗]", name):
        return True
    words = list(tokenizer().cut(name))
    if len(words) == 1:
        return len(name) >= 2
    stem, suffix = words[0], "".join(w.word for w in words[1:])
    return len(words) <= 3 and len(stem.word) >= 2 and stem.flag in ("n", "ns", "nr", "nz") and len(suffix) <= 3


def _known_suffix(name: str) -> str | None:
    """The longest ending of ``name`` that the gazetteer knows, by its official name
    (新疆自治区 → 新疆维吾尔自治区; a name several regions share stays as it is: 鼓楼区)."""
    for start in range(len(name) - 1):
        if gazetteer.candidates(name[start:]):
            return gazetteer.canonical(name[start:])
    return None


def _mentions(text: str, found: list[tuple[int, int, str]]) -> Iterable[str]:
    """Gazetteer regions the text names (three characters or more), but not as partners; ``found``:
    the text's names, short ones too (``gazetteer.find_names(text, short=True)``)."""
    for start, end, name in found:
        if end - start > 2 and not _partner(text, start, end):
            yield gazetteer.canonical(name)


def _short_mentions(text: str, found: list[tuple[int, int, str]]) -> Iterable[str]:
    """Two-character short names of provinces and prefectures (镇江, 梅州): weak evidence, since
    they are also parts of other words, but often the only way a news piece names its city."""
    for start, end, name in found:
        region = gazetteer.lookup(name) if end - start == 2 else None
        if region is not None and region.level in ("province", "prefecture") and not _partner(text, start, end):
            yield region.zh


def _partner(text: str, start: int, end: int) -> bool:
    """Whether the place at text[start:end] is named as partner, destination, benchmark or funder."""
    before = text[max(0, start - 4) : start]
    return bool(_PARTNER_BEFORE.search(before) or _PARTNER_AFTER.match(text[end : end + 4]))


def _split_chain(name: str) -> list[str]:
    """ "西宁市城东区" → ["西宁市", "城东区"]; the last is the most specific."""
    parts = _CHAIN.findall(name)  # 广州市, not 广州|市…
    return parts if parts and "".join(parts) == name else [name]


def _region_parent(text: str, region: str) -> str | None:
    """The region a report's title or session line names before an issuer the gazetteer lacks
    or shares among several ("成都市武侯区2023年政府工作报告" → 成都市, "南京市鼓楼区…" → 南京市);
    else, for a shared name, the parent the places the text names point to."""
    if gazetteer.lookup(region) is not None:
        return None
    for pattern, _, anchor in _ISSUER_CLUES:
        for match in _clues(pattern, anchor, text[:_HEAD]):
            chain = _split_chain(_NOT_NAME_PREFIX.sub("", match.group("name") or ""))
            if len(chain) > 1 and gazetteer.canonical(chain[-1]) == region:
                return gazetteer.canonical(chain[-2])
    if len(gazetteer.candidates(region)) > 1:
        chosen = gazetteer.choose(region, [name for _, _, name in gazetteer.find_names(text)])
        parent = gazetteer.regions().get(chosen.parent) if chosen and chosen.parent else None
        return parent.zh if parent else None
    return None
