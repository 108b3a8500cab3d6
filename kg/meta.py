"""Report metadata: who issued a report and which years it delivers, reviews and plans.

Read from the text itself: the title ("2020年西宁市政府工作报告"), the date line,
headings ("回首2019", "着眼2020", "2022年城西区工作回顾", "精彩2023", "奋进2024",
"回望上半年"), and the region named most in strong positions. When a report
states no year, the dated national events it mentions give a lower bound.
Every value can be overridden per run.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections import Counter
from importlib import resources

from kg import gazetteer
from kg.model import CleanText, FrameOverride, ReportMeta

_YEAR = r"((?:19|20)\d\d)"
_REPORT_YEAR = (
    re.compile(_YEAR + r"年[^\n。]{0,20}?政府工作报告"),
    re.compile(_YEAR + r"年(?:\d{1,2}月(?:\d{1,2}日)?)?在[^\n]{0,40}?人民代表大会"),
)
_REVIEW_YEAR = (
    re.compile(r"(?:回首|回顾|回望|精彩|总结|盘点)" + _YEAR),
    re.compile(_YEAR + r"年?(?:[^\n。，]{0,8}?)工作回顾"),
)
_PLAN_YEAR = (
    re.compile(r"(?:着眼|奋进|展望|聚焦|决胜|奋战|擘画|开启)" + _YEAR),
    re.compile(_YEAR + r"年?[^\n。，]{0,8}?(?:这样干|工作安排|工作任务|重点工作|主要任务|预期目标)"),
)
_MID_YEAR = re.compile(r"(?:回望|回顾|总结)?上半年")
# A region name: two to eight CJK characters ending in an administrative suffix.
_REGION_NAME = r"([\u4e00-\u9fff]{1,8}?(?:自治州|自治县|自治旗|特别行政区|自治区|地区|省|市|区|县|旗|盟))"
_REGION_STRONG = (
    re.compile(_REGION_NAME + r"(?:(?:19|20)\d\d年度?)?(?:人民)?政府工作报告"),  # 成都市武侯区2023年政府工作报告
    re.compile(r"在" + _REGION_NAME + r"第[^\n]{1,8}届人民代表大会"),
    re.compile(r"(?:^|\n)" + _REGION_NAME + r"[：:]"),
    re.compile(_REGION_NAME + r"(?:委副书记、)?(?:区长|县长|市长|旗长|州长)"),
)
# Characters that cannot be inside a region name: a match starts after the last one.
_NOT_NAME_PREFIX = re.compile(r"^.*[年月日的在和与及、，,：:“”]")


_NOTHING_GIVEN = FrameOverride()


def read_meta(clean: CleanText, given: FrameOverride = _NOTHING_GIVEN) -> ReportMeta:
    """Find title, region and years in a cleaned report; what ``given`` states overrides the text."""
    text = clean.simplified
    head = text[:4000]
    title = _title(clean.text)
    region = given.region
    found_region = region or _region(text)
    report_year, review_year, plan_year = _years(text, head)
    if given.year is not None:
        report_year, review_year, plan_year = given.year, None, None
        if _MID_YEAR.search(head):
            review_year = plan_year = given.year
    review_year = given.review_year if given.review_year is not None else review_year
    plan_year = given.plan_year if given.plan_year is not None else plan_year
    report_year, review_year, plan_year = _complete_years(report_year, review_year, plan_year)
    parent = _region_parent(text, found_region) if found_region and not region else None
    return ReportMeta(title, found_region, report_year, review_year, plan_year, parent)


def _title(text: str) -> str:
    """The first line that names a report, else the first line."""
    lines = [line for line in text.split("\n")[:8] if line.strip()]
    for line in lines:
        if "报告" in line or "報告" in line:
            return line.strip("—- ")
    return lines[0] if lines else ""


def _first(patterns: tuple[re.Pattern[str], ...], text: str) -> int | None:
    hits = [int(m.group(1)) for pattern in patterns for m in pattern.finditer(text)]
    return Counter(hits).most_common(1)[0][0] if hits else None


def _years(text: str, head: str) -> tuple[int | None, int | None, int | None]:
    report_year = _first(_REPORT_YEAR, head)
    review_year = _first(_REVIEW_YEAR, text)
    plan_year = _first(_PLAN_YEAR, text)
    if _MID_YEAR.search(head) and review_year is None:
        # A mid-year report reviews and plans the year it is delivered in.
        year = report_year or plan_year or _year_from_events(text)
        return year, year, year
    if report_year is None and review_year is None and plan_year is None:
        report_year = _year_from_events(text)
    return report_year, review_year, plan_year


def _complete_years(
    report_year: int | None, review_year: int | None, plan_year: int | None
) -> tuple[int | None, int | None, int | None]:
    """Fill the years a report leaves implicit: it reviews last year and plans this one."""
    if plan_year is None:
        plan_year = report_year if report_year is not None else (review_year + 1 if review_year else None)
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


def _year_from_events(text: str) -> int | None:
    years = [year for phrase, year in _events() if phrase in text]
    return max(years) if years else None


def _region_parent(text: str, region: str) -> str | None:
    """The region a report's title or session line names before a region the gazetteer lacks
    ("成都市武侯区2023年政府工作报告" → 成都市)."""
    if gazetteer.lookup(region) is not None:
        return None
    for pattern in _REGION_STRONG:
        for match in pattern.finditer(text[:20000]):
            chain = _split_chain(_NOT_NAME_PREFIX.sub("", match.group(1)))
            if len(chain) > 1 and gazetteer.canonical(chain[-1]) == region:
                return gazetteer.canonical(chain[-2])
    return None


def _region(text: str) -> str | None:
    """The issuing government: strong mentions first, then the most named gazetteer region."""
    strong = Counter(
        name
        for pattern in _REGION_STRONG
        for match in pattern.finditer(text[:20000])
        for name in _split_chain(_NOT_NAME_PREFIX.sub("", match.group(1)))[-1:]
        if not gazetteer.is_common_noun(name)
    )
    if strong:
        return gazetteer.canonical(strong.most_common(1)[0][0])
    counts = Counter(_mentions(text))
    if not counts:
        return None
    # "全区" in a report speaks of a district or county; "全市" of a city.
    district_bias = text.count("全区") + text.count("全县") >= text.count("全市")

    def score(name: str) -> tuple[int, int, str]:
        kind = gazetteer.region_type(name)
        bonus = 2 if (kind in ("District", "County")) == district_bias else 1
        return (counts[name] * bonus, len(name), name)

    return gazetteer.canonical(max(counts, key=score))


def _mentions(text: str) -> list[str]:
    """Gazetteer region names in the text, by official name, longest match first."""
    found: list[str] = []
    for name in gazetteer.names():
        if len(name) < 3:
            continue
        count = text.count(name)
        if count:
            found.extend([gazetteer.canonical(name)] * count)
    return found


def _split_chain(name: str) -> list[str]:
    """ "西宁市城东区" → ["西宁市", "城东区"]; the last is the most specific."""
    parts = re.findall(r".+?(?:自治州|自治县|自治区|省|市|区|县|旗|盟|州(?!市))", name)  # 广州市, not 广州|市…
    joined = "".join(parts)
    if joined != name or not parts:
        return [name]
    return parts
