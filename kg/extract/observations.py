"""Measures: sentences → ``Observation`` (a number about an indicator, actual or target).

The grammar these reports use for numbers is regular: a subject phrase names
what is counted, a verb says how the number relates to it, the number and unit
follow ("完成地方一般公共预算收入6.2亿元，同比增长10.5%"). A clause without its
own subject continues the previous one ("同比增长10.5%"); "分别" pairs a list of
subjects with a list of numbers; a number written before its noun takes the noun
after it ("开设5个慢病管理工作室").
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal

from kg import gazetteer, indicators
from kg.extract.numbers import QuantityMatch, find_quantities
from kg.extract.timing import kind_of, year_of
from kg.lexicons import read_tsv
from kg.model import Aspect, Evidence, Observation, Part, Qualifier, Quantity, Report, Sentence

_HALF_WIDTH = re.compile(r";|(?<!\d)[,:]|[,:](?!\d)")
_FULL_WIDTH = {",": "，", ";": "；", ":": "："}
# A double dash ends a heading or opens an explanation, as a colon does ("主要预期目标——地区生产总值…").
_CLAUSE_END = re.compile(r"——|[，；：,;:。！？!?]")
# A short aside in brackets inside a subject: "新（改）建", "地区生产总值（GDP）".
_ASIDE = re.compile(r"[（(][^（）()]{0,8}[）)]|[（）()【】〔〕]")
_GROWTH = re.compile(
    r"(?:预计|预期|(?:剔除|扣除)[^，；。]{1,20}?因素(?:后|影响)?|同比|比上年末?|较上年末?|比去年|较去年|[比较]年初|在[^，；。]{0,8}基础上|[比较](?:19|20)\d\d年(?:底|末)?|年均|实际|(?:[两三四五]年)?平均|分别|(?:按)?可比(?:价格?)?(?:计算)?)*"
    r"(负增长|增长|增加|增幅|增速|提高|提升|上升|上涨|回升|递增|下降|减少|降低|回落|下滑|压减|压缩|削减|缩减|收窄|递减|增产|减产)(?:了)?(?:达到|达|为)?$"
)
_FALL = frozenset(
    {"负增长", "下降", "减少", "降低", "回落", "下滑", "压减", "压缩", "削减", "缩减", "收窄", "递减", "减产"}
)
# Link verbs and adverbs between a subject and its number: not part of the indicator.
_LINKS = (
    r"分别|累计|首次|预计|稳定(?:保持)?|同口径|按可比价格计算|按可比价计算|迈上|跨上|站上|共计|总计|合计|平均|达到|达|为|是|按|突破|超过|完成|实现|保持在|控制在|稳定在|提高到|提升到|增加到|增至|"
    r"降至|降到|至|到|约合|折合|约|近|逾|共|了|均|再|已|将|保持|维持|由|从|的|等|每月|每年|每人|每户|(?:19|20)\d\d年(?:底|末)?|"
    r"(?:增加|增长|提高|提升|上升|升|跃升|下降|降低|减少|减|扩大|缩短|缩减|压缩|压减|控制|调整|调高|上调)(?:到|至)"
)
# "项目开工率一季度达到50%、上半年达到80%": the part of the year a number is for follows its subject.
_PERIOD = r"[一二三四1-4]季度(?:末)?|上半年|下半年|前三季度|全年|年底|年末"
_TRAILING = re.compile(rf"(?:{_LINKS}|{_PERIOD}|总数|总量)+$")
# "经济总量突破三千亿元": a total is dropped from its subject only where a name remains.
_TRAILING_LINKS = re.compile(rf"(?:{_LINKS})+$")
# Clause openers that are not part of the indicator: time, place, adverbs, verbs of doing.
_LEADING = re.compile(
    r"^(?:[一二三四五六七八九十]是|(?:主要)?(?:预期)?目标(?:是|为)|\d{1,2}[.．、](?!\d)|其[一二三四五]|首先|其次|最后|(?:19|20)\d\d年(?:底|末)?|[一二][〇0零九][〇0零一二三四五六七八九]{2}年|(?:前|上|下)?[一二三四1-4]季度|(?:截至|截止)?\d{1,2}月底?|连续(?:\d+|[一二三四五六七八九十两]+)年|全年|今年|年内|去年|上半年|其中|同时|并且?|而且|此外|另外|全区|全市|全县|全省|全州|全旗|全盟|全镇|全乡|"
    r"(?:过去|近)?[二三四五两]年(?:来|间)?|我们|我区|我市|我县|我旗|我镇|预计|要|努力|累计|共计|共有|拥有|现有|共|总计|各类|进一步|持续|积极|有效|全面|将|力争|确保|争取|拟|计划|实现|完成|达到|带动|推动|使|让|"
    r"以上|左右|约合|折合|年均|整体|总体|截止目前|截至目前|目前|现已|主动|踊跃|辖区|年初|年底|高质量|高标准|"
    r"及时|切实|依法|成功|顺利|率先)+"
)
# Units that count things; a number in these often precedes its noun ("建成3个中央厨房").
_BASELINE = ("由", "从")
_DATED_BASELINE = re.compile(r"[由从][^，；。、由从]{1,12}的$")
_TIMES_THE_BASE = re.compile(r"(?:是|为|相当于)[^，；。]{1,12}的$")
_FLAT = re.compile(r"([^，；。、：:]{2,24}?)((?:与|和|同)上年度?(?:基本)?持平)")
_WATER_CLASSES = ("Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ", "Ⅴ", "Ⅵ", "I", "V")
_MONEY = frozenset({"元", "美元"})
_MEASURES_OF_AMOUNT = _MONEY | {"%", "个百分点", "‰"}
# The noun an amount sorts, between it and a count ("以上项目", "的镇").
_CLASS_NOUN = re.compile(r"的?[\u4e00-\u9fff]{1,8}")
_NOT_A_NOUN = re.compile(
    r"^(?:人民币|同比|比上年|较上年|增长|下降|减少|提高|以上|以下|以内|左右|的|，|、|和|及|大关|台阶|关口|水平|标准|水质标准)"
)
# A plant's capacity written into its name ("天原集团年产10万吨磷酸铁锂项目").
_CAPACITY = re.compile(r"(?:年|日)(?:产|产能|处理|吞吐)$")
_WORKS = re.compile(r"项目|生产线|工厂|基地|厂")
# "均", "都": one number stated for each indicator of a list.
_EACH = re.compile(r"(?<![人平])均|都")
# "2×100万千瓦": the count of a plant's units before the size of each, written into its name.
_UNITS_TIMES = re.compile(r"\d\s?[×xX*]\s?$")
# The places a region's figures are compared with.
_BENCHMARKS = "全国|全省|全市|全区|全州"
_BENCHMARK_PLACE = re.compile(f"^(?:{_BENCHMARKS})")
_COMPARISON = re.compile(
    f"(?:高于|低于|快于|慢于|超出|超过|领先)(?:{_BENCHMARKS}|平均|年度|预期|计划|目标|年初)|是(?:{_BENCHMARKS})(?:平均水平)?的$|"
    r"比(?:年初)?(?:预期|计划|年度)?目标(?:高|低|多|快)|"
    f"[（(](?:{_BENCHMARKS})(?:平均)?"
)
# "低于4.5%的控制目标", "高于3%的全省平均水平": a number compared with stands for a goal or a benchmark
# (GOLD.md: comparisons are not measures of the year).
_COMPARED = re.compile(r"(?:低于|高于|优于|好于|快于|慢于|超出|超过)$")
# A goal met or kept to, its number stated before it: "超额完成11%的预期目标", "控制在3%以内的目标".
_MET = re.compile(r"(?:完成|实现|控制在|达到|超过|突破)$")
_GOAL_STATED = re.compile(r"(?:以内|以下|以上|左右)?的[\u4e00-\u9fff]{0,4}目标")
_GOAL_OR_BENCHMARK = re.compile(r"的[\u4e00-\u9fff]{0,6}(?:目标|平均水平|标准|水平)")
# Who broke a rule ("6名领导干部违反中央八项规定精神"): a count of offenders, not of work done.
_OFFENDERS = re.compile(r"违反|违纪|违法|被问责|受到[^，；。]{0,8}(?:处分|处理|问责)")
# The government's own meetings ("召开常务会议28次"): the workings of the session, not a measure.
_MEETINGS = re.compile(r"(?:会议|常务会|办公会|座谈会|协调会|调度会|专题会)$")
# The parts of the speech ("重点做好以下8个方面工作", "抓好6项重点工作"), and the divisions a
# place is made of ("全市辖6个区、4个县"): how the text or the map is divided, not measures.
_SPEECH_PARTS = re.compile(r"(?:以下)?方面(?:工作|任务)?|以下(?:重点|主要)?(?:工作|任务)")
_DIVISIONS = re.compile(r"(?:下?辖|辖区内有)(?:[^，；。、]{1,8}、)*$")
# News of the session itself: who attended, how long it lasts, how the report is divided,
# and of the report as a text: its parts, words and applause, the deputies' motions.
_ABOUT_THE_SESSION = re.compile(
    r"应到|实到|出席|列席|旁听|请假|为期|报告分|(?:本次|这次)(?:会议|大会)|掌声|一词|全文|个部分|议案"
)
# What an amount written before a works' name ("总投资47亿元的…电站") says of it.
_WORKS_AMOUNT = re.compile(r"(?:总投资|计划投资|总规模|总投入)$")
# How a sentence goes on after the works' name: when and what is done to it.
_WORKS_TAIL = re.compile(
    r"(?:近期|尽快|年内|年底前|年底|上半年|下半年)?(?:开工建设|建设|开工|建成投产|建成投用|建成|投产|投用|竣工投产|竣工|实施)?$"
)
# Money spent on a purpose named after it ("投资600万元在…等区域打造8条夜经济街区").
_SPENDING = frozenset({"投资", "投入", "计划投资", "累计投资", "安排", "投入资金", "安排资金"})
_PURPOSE = re.compile(
    r"(?:在[^，；。]{1,20}?(?:等(?:区域|地区|地方|片区)?)?)?[\u4e00-\u9fff]{0,2}?"
    r"(?:实施|建设|设立|打造|解决|用于|新建|改造|推进|开展|完成)(?P<aim>[^，；。]{2,40})$"
)
_YEAR_OPENS = re.compile(r"^.*(?<![比较与同从由至是在\d])(?:19|20)\d\d年(?:底|末|度|全年)?(?!以来|以前|前|后|初|\d)")
# "1256名贫困人口全部脱贫": the status is not part of what is counted (but "6.5万人脱贫" is all noun).
_STATUS_TAIL = re.compile(
    r"(?:全面|全部|顺利|基本|集中|扎实|有序|稳步|加快|加速|持续|深入|积极)?(?:完成|建成|投用|启用|开工|实施|落地|推进)$|(?:全面|全部|顺利|基本|已)+(?:脱贫摘帽|脱贫|摘帽|出列)$"
)
_MAX_INDICATOR = 24
# The level of government that grants a title ("国家级…、省级…").
_GRADE = re.compile(r"(?:国家|省|市|州|县|区|部|自治区)级")
# What a count of the year's additions opens with; its total counts the things themselves.
_NEWLY = re.compile(r"^(?:新增|新建|新认定|新培育|新引进|新登记|新设立|净增|新)")
_OPENING_TIME = re.compile(r"^\d+(?:小时|天)")
# A sentence that opens with a change of what it does not name ("增长5.7%", "同比下降3%").
_OPENS_WITH_CHANGE = re.compile(r"(?:同比|比上年|较上年|比去年)?(?:增长|下降|提高|减少|增幅|增速)[\d.]")
# A condition opened by 在 and closed by 后, 下 or 情况下, before a number's verb.
_CONDITION = re.compile(r"^在[^，；。在]{2,20}?(?:之?后|的?情况下|背景下)")


@dataclass(frozen=True, slots=True)
class _Clause:
    start: int
    end: int


def extract_observations(report: Report) -> tuple[Observation, ...]:
    """Every measure stated in a report's sentences, with its evidence."""
    found: dict[tuple[object, ...], Observation] = {}
    named: dict[tuple[object, ...], list[str]] = {}  # the indicators stated with each number, kind and year
    last: tuple[int, str] | None = None  # the sentence before's index and its last indicator
    for sentence in report.sentences:
        if sentence.heading:
            continue
        # "▲全市地区生产总值6384.02亿元\n▲增长5.7%": a digest's item that opens with a change goes on
        # with the indicator of the item right before it.
        carried = (
            [last[1]]
            if last and last[0] == sentence.index - 1 and _OPENS_WITH_CHANGE.match(sentence.simplified)
            else []
        )
        observations = _sentence_observations(sentence, report, carried)
        last = (sentence.index, observations[-1].indicator) if observations else None
        for observation in observations:
            # A news piece restates its lead's figures in its body ("GDP增长3%" … "地区生产总值
            # 4050亿元，增长3%"): one measure, stated first where the text first gives it; also where
            # the second names it more fully or more briefly ("生产总值" … "全省地区生产总值").
            key = _restated(observation, len(found))
            if key in found:
                continue
            number = key[:1] + key[2:]  # the key but for the indicator
            indicator = observation.indicator
            if len(key) > 1 and any(indicator in other or other in indicator for other in named.get(number, ())):
                continue
            found[key] = observation
            if len(key) > 1:
                named.setdefault(number, []).append(indicator)
    return tuple(found.values())


def _restated(observation: Observation, number: int) -> tuple[object, ...]:
    """What two statements of one measure share: the indicator as the scheme names it, and the rest.
    A generic word ("24个项目" in two paragraphs) names two sets of things: each is its own."""
    curated = indicators.lookup(observation.indicator)
    if curated is None and len(observation.indicator) < 4:
        return (number,)
    q = observation.quantity
    return (
        observation.region,
        curated.id if curated else observation.indicator,
        observation.aspect,
        q.base_value,
        q.base_unit,
        observation.kind,
        observation.year,
    )


def _clauses(text: str) -> list[_Clause]:
    clauses: list[_Clause] = []
    start = 0
    for match in _CLAUSE_END.finditer(text):
        clauses.append(_Clause(start, match.start()))
        start = match.end()
    clauses.append(_Clause(start, len(text)))
    return clauses


def _clause_before(clauses: list[_Clause], clause: _Clause) -> _Clause:
    return clauses[max(0, clauses.index(clause) - 1)]


def _groups(quantities: list[QuantityMatch], text: str) -> list[list[QuantityMatch]]:
    """Numbers written back to back or joined by 、/和/及 share one subject."""
    groups: list[list[QuantityMatch]] = []
    for q in quantities:
        if groups and text[groups[-1][-1].end : q.start] in ("", "、", "和", "及", "与", "或"):
            groups[-1].append(q)
        else:
            groups.append([q])
    return groups


def _sentence_observations(sentence: Sentence, report: Report, carried: list[str]) -> list[Observation]:
    text = _punctuated(sentence.simplified)
    quantities = _without_classes(find_quantities(text), text)
    level = _level_with_last_year(sentence, report)
    if not quantities:
        return level
    clauses = _clauses(text)
    observations: list[Observation] = []
    previous: list[str] = list(carried)
    named_before: list[str] = []  # each subject the sentence has named, in order
    amount: list[str] = []  # the last subject stated as an amount (money, a count), not as a rate
    by_unit: dict[str, str] = {}  # the last subject stated in each unit
    whole: tuple[_Clause, str] | None = None  # "…收入32100元，其中城镇居民41200元": what 其中 divides
    compared: _Clause | None = None  # the clause whose numbers were compared with a benchmark ("高于全国…")
    groups = _groups(quantities, text)
    for number, group in enumerate(groups):
        first, last = group[0], group[-1]
        clause = next(c for c in clauses if c.start <= first.start <= c.end)
        # A subject starts after the previous number in the same clause and after a list comma.
        start = max(clause.start, groups[number - 1][-1].end if number else 0)
        # A bound written before the number (不低于, 超过) is the number's, not the subject's.
        bound = first.qualifier_span
        pre = text[start : bound[0] if bound and bound[1] == first.start and bound[0] >= start else first.start]
        # "城东区、城西区分别增长8%和9%": a list of places, one number each.
        places, pre = _places_listed(pre, len(group))
        # "湟源县完成国土绿化…", "簇桥街道新增就业1200人": the place the number is about, then the subject.
        named = "" if places else gazetteer.opening_name(pre) or gazetteer.opening_township(pre)
        pre = pre[len(named) :]
        # Only after a previous number do 和/及/与 join a list; at a clause's start they begin words (及时).
        pre = pre.lstrip("、和及与") if start > clause.start else pre.lstrip("、")
        if _COMPARISON.search(pre) or _ABOUT_THE_SESSION.search(text, clause.start, clause.end):
            compared = clause
            continue
        if compared == clause and _BENCHMARK_PLACE.match(pre):
            continue  # "高于全国4.2个百分点、全省2.1个百分点": the list of benchmarks goes on
        if pre.endswith(("连续", "海拔")):
            continue  # "连续3次被评为…": how often a thing happened; "海拔2800米的…": where a place lies
        if _COMPARED.search(text, clause.start, first.start) and _GOAL_OR_BENCHMARK.match(text, last.end):
            continue
        if (
            sentence.part is Part.REVIEW
            and _MET.search(text, clause.start, first.start)
            and _GOAL_STATED.match(text, last.end)
        ):
            continue  # "超额完成11%的预期目标", "控制在3%以内的目标": in a review, the goal met, not the result
        following = groups[number + 1][0].start if number + 1 < len(groups) else len(text)
        after_end = min(next((c.end for c in clauses if c.start <= last.end <= c.end), len(text)), following)
        # (an aside's list is no list of nouns: "11个县（市、区）")
        after = re.split(r"[、和及与]", _ASIDE.sub("", text[last.end : after_end]), maxsplit=1)[0]
        if (_CAPACITY.search(pre) or after.startswith(("/年", "/日"))) and _WORKS.search(after):
            continue  # "年产10万吨磷酸铁锂项目", "120万吨/年乙烯项目": a capacity inside a project's name
        if _UNITS_TIMES.search(text, clause.start, first.start):
            continue  # "2×100万千瓦火电项目": the size of each of a plant's units, part of its name
        if first.unit == "倍" and _TIMES_THE_BASE.search(pre):
            continue  # "是“十一五”末的2倍": a ratio to a past level; the clause's subject carries on
        # "由“八五”期末的833亿元增加到…": the start of a change, dated; the subject is before 由.
        since = _DATED_BASELINE.search(pre)
        pre = pre[: since.start() + 1] if since else pre
        aspect, sign, pre_subject = _aspect(pre, first.unit)
        # A water-quality class (Ⅳ类标准) is a level of its subject, not a count of what follows.
        counted = first.base_unit not in _MEASURES_OF_AMOUNT and not first.stated.startswith(_WATER_CLASSES)
        if pre.startswith("其中") and previous:
            whole = (clause, previous[-1])
        # "…26户，总数达到312户，分别占全市的15%和18%": each number a share of one subject before.
        shares = pre_subject.startswith("分别占") and len(group) > 1
        if "分别" in pre_subject + pre[:2] and (shares or not _trim(pre_subject)) and len(group) > 1:
            # "接待游客860万人次，实现旅游综合收入72亿元，分别增长15%和18%": the last subjects named.
            recent = list(dict.fromkeys(reversed(named_before)))[: len(group)][::-1]
            previous = recent if len(recent) == len(group) else previous
        pre_subject = pre_subject.removeprefix("分别") if shares else pre_subject
        # "外贸出口7719.2亿元、…贡献率达32.1%，占全国份额提高到3%": a share is of an amount.
        of = amount if pre_subject.startswith("占") and amount and not shares else previous
        if places and first.base_unit in by_unit:
            # "完成老旧小区改造126个，惠及居民2.1万户，其中A街道、B街道分别完成21个、17个": each
            # place's share of the subject last stated in the same unit.
            of = [by_unit[first.base_unit]]
        if not of and clause.start and text[clause.start - 1] in "：:":
            # "地区生产总值：1200亿元，增长7%": a heading word before a colon names what follows.
            of = [_trim(text[_clause_before(clauses, clause).start : clause.start - 1])]
            of = of if 2 <= len(of[0]) <= 16 else []
        subjects = _subjects(pre_subject, after, of, len(group), counted=counted)
        works = _works_described(pre_subject, after) if len(group) == 1 and not counted else None
        rest = text[last.end : next((c.end for c in clauses if c.start <= last.end <= c.end), len(text))]
        works = works or (_spent_on(pre_subject, rest) if len(group) == 1 and not counted else None)
        subjects = [works] if works else subjects
        if not subjects:
            continue
        if first.base_unit in ("名", "人") and _OFFENDERS.search(after):
            continue
        if first.base_unit in ("次", "场") and _MEETINGS.search(subjects[0]):
            continue
        if _SPEECH_PARTS.fullmatch(subjects[0]) or _DIVISIONS.search(text, clause.start, first.start):
            continue
        if whole is not None and whole[0] == clause:
            subjects = [_part_of(subject, whole[1]) for subject in subjects]
        elif previous and subjects != previous and len(subjects) == 1:
            # "城镇居民人均可支配收入41200元，农村居民15300元": a parallel part names its measure once.
            # Only a part stated in the unit of the whole is a part of it ("发放创业担保贷款1.2亿元，扶持创业1500人").
            shortened = _shortened(subjects[0], previous[-1])
            same_unit = by_unit.get(first.base_unit) == previous[-1]
            subjects = [_part_of(shortened, previous[-1]) if same_unit else shortened]
        if len(group) == 1 and len(subjects) == 1 and _EACH.search(pre):
            # "小学、初中入学率均达到100%": one number for every indicator the list names.
            subjects = _each_of(subjects[0])
            group = group * len(subjects)
        previous = subjects
        named_before.extend(subjects)
        by_unit.update({q.base_unit: subject for q, subject in zip(group, subjects, strict=True)})
        if first.unit not in ("%", "个百分点", "‰", "倍") and len(subjects) == 1:
            amount = subjects
        if first.unit in ("%", "个百分点") and all(subject.startswith("全国") for subject in subjects):
            # "全国规模以上工业增加值增长2.8%，我区增长7.3%": the nation's rate is a benchmark; the
            # report's own rate follows in the same terms.
            previous = [subject.removeprefix("全国") for subject in subjects]
            continue
        if pre.endswith(_BASELINE):
            continue  # "由19种增加至44种": the first number is where the change started
        kind = kind_of(sentence, text[clause.start : clause.end], text[: clause.start], report)
        year = year_of(sentence, report, kind, pre, text[: first.start])
        own: str | None = gazetteer.canonical(named) if named else report.meta.region
        regions: list[str | None] = [gazetteer.canonical(place) for place in places] or [own] * len(group)
        for q, subject, region in zip(group, subjects, regions, strict=True):
            value_sign = -1 if sign < 0 else 1
            quantity = Quantity(
                stated=q.stated,
                value=q.value * value_sign,
                unit=q.unit,
                base_value=q.base_value * value_sign,
                base_unit=q.base_unit,
            )
            observations.append(
                Observation(
                    kind=kind,
                    region=region,
                    indicator=subject,
                    aspect=aspect if q.unit in ("%", "个百分点") or aspect is Aspect.LEVEL else Aspect.LEVEL,
                    quantity=quantity,
                    qualifier=q.qualifier,
                    year=year,
                    evidence=_evidence(sentence),
                )
            )
    return [*level, *observations]


def _places_listed(pre: str, count: int) -> tuple[list[str], str]:
    """The places a list before 分别 names, one per number, and the words after them:
    "经八路街道、人民路街道分别完成" → [经八路街道, 人民路街道], "分别完成"."""
    if count < 2 or "分别" not in pre:
        return [], pre
    head, tail = pre.split("分别", 1)
    head = _LEADING.sub("", head)
    items = [item for item in re.split(r"[、和及与]", head) if item]
    if len(items) != count:
        return [], pre
    places = [gazetteer.opening_name(item) or gazetteer.opening_township(item) for item in items]
    if not all(places) or any(place != item for place, item in zip(places[:-1], items, strict=False)):
        return [], pre
    return places, items[-1][len(places[-1]) :] + "分别" + tail


def _punctuated(text: str) -> str:
    """Half-width clause marks as the full-width ones the grammar reads ("增长8%,投资增长9%;"), one
    character for one; a comma or colon between digits (1,234.5; 8:42:50) stays."""
    if "," not in text and ";" not in text and ":" not in text:
        return text  # most sentences hold none of them
    return _HALF_WIDTH.sub(lambda mark: _FULL_WIDTH[mark.group(0)], text)


def _without_classes(quantities: list[QuantityMatch], text: str) -> list[QuantityMatch]:
    """An amount that sorts the things a count counts is part of their name, not a measure:
    "引进10亿元以上项目5个", "超5000万元的镇4个"."""
    kept: list[QuantityMatch] = []
    for number, q in enumerate(quantities):
        following = quantities[number + 1] if number + 1 < len(quantities) else None
        if following is None or q.base_unit not in _MONEY or following.base_unit in _MEASURES_OF_AMOUNT:
            kept.append(q)
            continue
        # A bound after the amount ("以上") makes a class; "的" makes it describe the noun. Without
        # either the amount is what is spent ("投资9100万元实施22个…项目").
        bounded = q.qualifier_span is not None and q.qualifier_span[0] >= q.end
        noun_start = q.qualifier_span[1] if q.qualifier_span is not None and bounded else q.end
        noun = _CLASS_NOUN.fullmatch(text, noun_start, following.start)
        if noun is None or not (bounded or noun.group(0).startswith("的")):
            kept.append(q)
    return kept


def _level_with_last_year(sentence: Sentence, report: Report) -> list[Observation]:
    """ "固定资产投资与上年度持平": growth of zero (issue 3)."""
    found: list[Observation] = []
    if "持平" not in sentence.simplified:
        return found  # _FLAT ends in 持平: most sentences need no scan
    text = _punctuated(sentence.simplified)
    for match in _FLAT.finditer(text):
        subject = _trim(match.group(1))
        if not subject:
            continue
        clause = match.group(0)
        kind = kind_of(sentence, clause, text[: match.start()], report)
        zero = Decimal(0)
        found.append(
            Observation(
                kind=kind,
                region=report.meta.region,
                indicator=subject,
                aspect=Aspect.GROWTH,
                quantity=Quantity(stated=match.group(2), value=zero, unit="%", base_value=zero, base_unit="%"),
                qualifier=Qualifier.EXACT,
                year=year_of(sentence, report, kind, clause),
                evidence=_evidence(sentence),
            )
        )
    return found


def _aspect(pre: str, unit: str) -> tuple[Aspect, int, str]:
    """The aspect and sign a verb gives the number, and the subject without that verb."""
    match = _GROWTH.search(pre)
    if match is None:
        return (Aspect.PP_CHANGE if unit == "个百分点" else Aspect.LEVEL), 1, pre
    sign = -1 if match.group(1) in _FALL else 1
    aspect = Aspect.PP_CHANGE if unit == "个百分点" else Aspect.GROWTH if unit == "%" else Aspect.LEVEL
    return aspect, sign, pre[: match.start()]


def _trim(phrase: str) -> str:
    phrase = _ASIDE.sub("", phrase)
    # "扬州2018年预计地区生产总值…", "到2025年全市…": a year inside a subject ends what names the
    # place or time; the indicator follows it.
    dated = _YEAR_OPENS.match(phrase)
    if dated and len(phrase) - dated.end() >= 2:
        phrase = phrase[dated.end() :]
    # "在落实减税降费政策后增长3.1%": a condition the number is stated under names nothing.
    phrase = _CONDITION.sub("", phrase)
    trimmed = _strip_words(phrase, _TRAILING)
    if len(trimmed) < 3:
        trimmed = _strip_words(phrase, _TRAILING_LINKS)  # "经济总量突破" → 经济总量, not 经济
    if len(trimmed) > _MAX_INDICATOR and "的" in trimmed:
        trimmed = trimmed.rsplit("的", 1)[1]
    # Quotes mark a name inside the indicator ("河湖“四乱”问题整改率"); the indicator is the words.
    # 分别 pairs a list with its numbers; it names nothing ("A、B分别新认定60家和30家").
    return re.sub(r"[“”\"]|分别", "", trimmed)


def _strip_words(phrase: str, trailing: re.Pattern[str]) -> str:
    previous = None
    while previous != phrase:
        previous = phrase
        phrase = _LEADING.sub("", trailing.sub("", phrase)).strip("“”\"'、 ")
    return phrase


def _subjects(pre: str, after: str, previous: list[str], count: int, *, counted: bool) -> list[str]:
    """The indicator names for a group of ``count`` numbers.

    A counted thing written after its number names itself ("建成3个中央厨房", "等3条花街");
    otherwise the subject is the phrase before the number, or the previous clause's subjects
    ("城镇和农村居民人均可支配收入分别达到38215元、19870元，分别增长4.3%和7.1%").
    """
    if pre.startswith("占") and previous:
        if count > 1 and len(previous) == count:
            return [subject + _trim(pre) for subject in previous]  # "分别占全市的15%和18%"
        return [previous[-1] + _trim(pre)] * count
    subject = _kind_of_list(_trim(pre))
    if subject in ("总数", "总量", "总规模", "总长", "总里程", "总面积") and len(set(previous)) == 1:
        # "新增高新技术企业126家，总数达到580家": the total of what the clause before counts.
        subject = _NEWLY.sub("", previous[0]) + subject
    # "2个24小时城市书屋": an opening time before the noun says how, not what.
    # "坚持80%以上的财政支出用于民生": a share before 的 is of the noun after it.
    after = re.sub(r"^(?:以上|以下|左右)?的(?=[\u4e00-\u9fff]{2})", "", after)
    noun = _STATUS_TAIL.sub("", _trim(_STATUS_TAIL.sub("", _OPENING_TIME.sub("", after.strip("“”")))))
    # A noun may open with a code ("5G智能换电柜", "A级景区"), not with a number.
    usable = bool(noun) and not _NOT_A_NOUN.match(noun) and ("\u4e00" <= noun[0] <= "\u9fff" or _CODE_WORD.match(noun))
    if usable and (len(subject) <= 2 or (counted and (pre.endswith("等") or len(noun) >= 2))):
        subject = noun
    if not subject:
        if len(set(previous)) == 1:
            return [previous[0]] * count
        return list(previous) if len(previous) == count else []
    if count > 1:
        items = [item for item in re.split(r"[、和及与]", subject) if item]
        if len(items) == count:
            return _share_words(items)
        if count == 2 and subject.startswith("城乡"):
            return ["城镇" + subject[2:], "农村" + subject[2:]]  # "城乡居民人均可支配收入分别增长7%和8%"
    return [subject] * count


def _works_described(pre: str, after: str) -> str | None:
    """ "总投资47亿元的商洛电厂二期建设": an amount that describes the works named after 的 is
    that works' amount (商洛电厂二期总投资)."""
    attribute = _WORKS_AMOUNT.search(_trim(pre))
    owner = re.match(r"的([\u4e00-\u9fff]{2,30})", after)
    # Only where nothing but a verb stands before the amount ("抓好总投资…"): "重点项目总投资…的"
    # names its own subject.
    if attribute is None or owner is None or attribute.start() > 2:
        return None
    name = _WORKS_TAIL.sub("", owner.group(1))
    return name + attribute.group(0) if len(name) >= 2 else None


def _spent_on(pre: str, rest: str) -> str | None:
    """ "投资1.2亿元分类实施35个老旧小区综合整治项目": money spent, then what it is spent on in the
    same clause; the measure is that purpose's investment (老旧小区综合整治投资)."""
    spending = _trim(pre)
    if spending not in _SPENDING:
        return None
    purpose = _PURPOSE.match(rest)
    if purpose is None:
        return None
    aim = re.sub(r"\d+(?:\.\d+)?[个条座所项处家台]|项目$", "", purpose.group("aim"))
    aim = aim.rsplit("等", 1)[-1] if "等" in aim else aim
    aim = aim.replace("“", "").replace("”", "")
    return aim + spending if len(aim) >= 2 else None


@functools.lru_cache(maxsize=1)
def _opening_verb() -> re.Pattern[str]:
    """The verb a list of examples opens with ("打通…等断头路"): a trigger verb of the commitments lexicon."""
    verbs = {row["verb"] for row in read_tsv("triggers.tsv") if row["position"] == "before"}
    return re.compile("|".join(sorted(verbs, key=len, reverse=True)))


def _kind_of_list(subject: str) -> str:
    """A count after a list of examples counts their kind, with the verb before the list:
    "打通丰庆路北段、博学路等断头路十二条" → 打通断头路."""
    if "等" not in subject:
        return subject
    examples, kind = subject.rsplit("等", 1)
    if len(kind) < 2:
        return subject
    verb = _opening_verb().match(examples)
    return (verb.group(0) if verb else "") + kind


def _shortened(subject: str, previous: str) -> str:
    """A short subject that repeats the tail of the one before it leaves its stem out:
    "空气质量优良天数达到330天，优良率90.4%" → 空气质量优良率; a parallel grade leaves out the
    noun ("国家级…项目5项、省级32项" → 省级…项目)."""
    if len(subject) > 3:
        return subject
    # "国家级非物质文化遗产项目5项、省级32项": a parallel grade names the things once.
    grade = _GRADE.search(previous) if _GRADE.fullmatch(subject) else None
    if grade is not None:
        return previous[: grade.start()] + subject + previous[grade.end() :]
    at = previous.find(subject[:2])
    return previous[:at] + subject if at > 0 else subject


def _part_of(part: str, whole: str) -> str:
    """ "城镇居民" of 全体居民人均可支配收入 → 城镇居民人均可支配收入: a part named by its group."""
    if len(part) > 5 or part in whole:
        return part
    for size in range(len(part) - 1, 1, -1):
        found = whole.find(part[-size:])
        if found > 0:
            return part + whole[found + size :]
    return part


def _each_of(subject: str) -> list[str]:
    """The indicators a list subject names: "小学、初中入学率" → 小学入学率, 初中入学率; two lists,
    "人大代表建议、政协委员提案办复率、满意率" → each subject's 办复率 and 满意率."""
    items = [item for item in re.split(r"[、和及与]", subject) if item]
    if len(items) < 2:
        return [subject]
    last = items[-1]
    second = items[-2]
    if len(items) >= 3 and len(last) <= 4 and len(second) > len(last) + 1 and second.endswith(last[-1]):
        measures = [second[-len(last) :], last]
        subjects = [*items[:-2], second[: -len(last)]]
        return [item + measure for item in subjects for measure in measures]
    return _share_words(items)


_CODE = re.compile(r"[A-Za-z0-9.]+")
_CODE_WORD = re.compile(r"\d*[A-Za-z]+\d*[\u4e00-\u9fff]")


def _share_words(items: list[str]) -> list[str]:
    """A list that writes its shared words once: "批发、零售、餐饮业" → 批发业, 零售业, 餐饮业;
    "城镇和农村居民人均可支配收入" → 城镇居民…, 农村居民…; "一般公共预算收入、支出" → …收入, 一般公共预算支出."""
    first, last = items[0], items[-1]
    if all(len(item) == len(first) for item in items[:-1]) and len(first) <= 4 and len(last) > len(first):
        # The last item's own word ends where the first's does ("国家级和省级专精特新企业": 级);
        # else it is as long as the first ("批发、零售、餐饮业").
        same_end = last.find(first[-1], 0, len(first) + 1)
        head = last[same_end + 1 :] if same_end > 0 else last[len(first) :]
        # A code's own word is its run of letters and digits ("PM10、PM2.5平均浓度": PM2.5).
        code = _CODE.match(last)
        head = last[code.end() :] if code and _CODE.fullmatch(first) else head
        return [item + head for item in items[:-1]] + [last]
    if all(len(item) == len(last) for item in items[1:]) and len(last) <= 3 and len(first) >= len(last) + 4:
        stem = first[: len(first) - len(last)]
        return [first] + [stem + item for item in items[1:]]
    return items


def _evidence(sentence: Sentence) -> Evidence:
    return Evidence.of(sentence)
