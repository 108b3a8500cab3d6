"""Projects and programs: sentences → ``Commitment`` (a region undertaking something).

A clause of a work report names what its region undertakes in one of two shapes:

- verb first: a trigger verb, then the object ("全力推进曹家寨片区改造、老旧小区综合整治…等项目");
- name first: the object, then a predicate that ends the clause ("凤凰山路、时代大道全线通车",
  "蓝天保卫战纵深推进").

The object is a list (split at 、, and at 和/及/与 where the part before stands as a name)
whose items share the head of the last item ("园山、十里铺小学" → 园山小学). An item is a
project or a program by the head it ends in (``subjects.tsv``), by what the list is said to
be ("…等项目", "…等专项行动"), or, for a quoted name, by being a campaign's brand
("“幸福养老”工程", "推行“一网通办”"). Action heads (…综合整治, …拓宽) make a project
only where the name says where the work is (南川河综合整治); elsewhere they name a program
(农村人居环境整治). Verbs, heads and place words are data (``triggers.tsv``,
``subjects.tsv``, ``places.tsv``).
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal

from kg import gazetteer
from kg.extract.numbers import find_quantities
from kg.extract.patterns import is_pattern_word, match_patterns, words_of
from kg.extract.vocabulary import (
    NAME_VERBS,
    Trigger,
    after_leading_verb,
    after_verbs,
    after_verbs_table,
    before_verbs,
    ending_sizes,
    ending_verb,
    first_verb,
    generic,
    head_word,
    is_activity,
    is_branded,
    is_commentary,
    located_name,
    place_stem,
    program_head_at,
    shared_head,
    triggers,
    unquoted,
    word_ends_at,
)
from kg.extract.vocabulary import (
    head_type as head_type,  # re-exported: resolve reads names' types here
)
from kg.model import Commitment, Evidence, Part, Report, Sentence, Status, SubjectType

_OPEN, _CLOSE = "“《(（", "”》)）"
_CLAUSE_END = frozenset("，；：,;:。！？!?")
_QUOTED = re.compile(r"“[^”]*”")
_OPENING = re.compile(f"[{_OPEN}]")
# "…等73个重点项目建设", "…等6条道路", "…等专项行动": what a list says its items are.
_LIST_TAIL = re.compile(
    r"(?:等(?:[\d一二三四五六七八九十两百千]+(?:大类|个|项|条|所|座|类|家|处|大)|一批|多个)?"
    r"|(?=“[一二三四五六七八九十两]大)|(?<=[^、]{2})[三四五六七八九十两]大(?=[^、]{1,6}$)"
    # "文昌路、江阳路、扬子江路三条快速路": a list closed by its count and kind, without 等
    r"|(?<=[^、\d]{2})(?P<count>[两二三四五六七八九十]+(?:条|座|个|所|家|项|处))(?=[^、\d]{2,8}$))"
    r"(?P<what>[^、等]{0,14}?)(?:建设|工作)?$"
)
_TAIL_TYPES = (
    (SubjectType.PROJECT, re.compile(r"(?:项目|工程|道路|设施|场馆|园区|基地|学校|小镇|平台)$")),
    (SubjectType.PROGRAM, re.compile(r"(?:行动|活动|改革|赛事|试点|措施|政策|制度|机制|战|战略)$")),
)
_TRAILING = re.compile(r"(?:项目)?(?:规划建设|建设工作|建设任务|建设|工作|任务)$")
_LEADING = re.compile(
    r"^(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}是|了|并|和|全区|全市|全县|一个|重点|推动|全面|积极|大力|强力|持续|深入|扎实|有序|加快|推进|启动|实施|"
    r"全力|稳步|着力|统筹|协调|加紧|完善|新建|新改建|改建|提升|开展|建设|筹办|承办|做好|办好|抓好|支持|"
    r"确保|力争|争取|计划|年内|今年|辖区|充分|发挥|紧抓|抓住|聚焦|围绕|新一轮|其中)+"
)
# Adverbs and times before a predicate that ends the clause: "如期通车", "全线通车", "秋季开学".
_ADVERB_TAIL = re.compile(
    r"(?:建成并?|如期|按期|顺利|圆满|高标准|高质量|全面|全线|并网|正式|已经|已|正在|相继|基本|率先|加速|进一步|当年|近期|同年|年内"
    r"|年内|年底前?|年末|上半年|下半年|[春夏秋冬]季|[\d一二三四五六七八九十]+月(?:底前?)?)+$"
)
_DATED_STEPS = re.compile(r"(?:、?(?:当年|同年|当月|年内)(?:签约|开工|落地|建成|投产|竣工|开工建设))+$")
_BUILDING_TAIL = re.compile(r"(?:项目)?(?:规划|开发)?(?:建设|改造)?(?:项目)?建设$")
_COUNTED = re.compile(
    r"^[\d.一二三四五六七八九十两百千万]+(?:个|项|座|所|条|家|处|批|类|套|户|栋|间|亩|万亩|平方米|万平方米|公里)|\d+个"
)
_NUMERALS = re.compile(r"[\d一二三四五六七八九十两百千]+")
# A phase of works: 二期, 三期.
_PHASE = re.compile(r"[一二三四五六七八九十]期$")
# A count right before a quoted brand of projects ("等73个“…”项目").
_COUNT_BEFORE = re.compile(r"[\d一二三四五六七八九十两百千]+(?:个|项|批|大)$")
# Numbered lines listed after the first write their kind once: "地铁14号线、16号线、6号线支线",
# "轨道交通十号线、十一号线".
_NUMBERED_LINE = re.compile(r"(?P<kind>[\u4e00-\u9fff]{2,6}?)[\d一二三四五六七八九十]+号线")
# Quoted words that state an amount or a change rather than name a campaign ("实现“15分钟”助餐",
# "提前实现“翻一番”").
_QUOTED_AMOUNT = re.compile(r"[\d.]+\D{1,2}|翻[一两二三四五]番")
# One-character verbs of the three-character slogans a line of policy is listed in (稳增长, 促改革, 调结构,
# 惠民生, 防风险, 深改革, 扩开放, 转方式).
_SLOGAN_VERBS = frozenset("促稳调惠防保抓强优深扩转")
# Where a mention's name starts: after a preposition, a copula, a list mark or 的.
_MENTION_BOUNDARY = re.compile(r"[、和与及的在为把对将以从被是]|入选|纳入|确定为|成为|坚决")
_EXEMPLIFIED = re.compile(r"以([^，。；：]{2,80}?)为(?:代表|龙头|重点|主体)的(?:一批|一大批|一系列)?")
_PREPOSITIONS = ("在", "为", "以", "受", "对", "向")
# A clause that frames another in time or ground: "在…的同时", "在…的基础上", "在…过程中".
_FRAMED = re.compile(r"^在(.{4,}?)的?(?:同时|基础上|过程中)$")
_PLURAL = ("一批", "一大批", "一系列", "各类", "多个", "所有", "全部")
# What a clause's object may end in that is not part of a name: its chores.
_CHORE = re.compile(r"(?:前期工作|任务|工作|招商工作)$")
# A list announced before a colon: "重点推进以下项目：甲、乙、丙".
_ANNOUNCED_LIST = re.compile(r"(?:以下|如下)(?P<kind>[^，。；：:]{1,8}?)[：:](?P<items>[^。；：:]+?)(?=[。；;]|$)")
# A run of good years ("八连增", "十连丰"): a count, not a program.
_RUN_COUNT = re.compile(r"[一二三四五六七八九十两\d]+连[增涨丰稳胜冠升降]")
# A threshold before the kind a list's tail counts: "等42个亿元以上项目".
_THRESHOLD = re.compile(r"^[^元]{0,6}元以上")
# An amount that describes what follows it: "总投资40亿元的…", "投资1.2亿元的…".
_DESCRIBED = re.compile(r"^(?:总)?投资(?:近|约|超过)?[\d.]+[万亿]*元的")
_INVESTMENT = re.compile(r"(?:总)?投(?:资|入)(?:资金)?(?:近|约|超过)?$")
_NAME_VERB_ENDS = re.compile("(?:" + "|".join(sorted(NAME_VERBS, key=len, reverse=True)) + ")(?=[、和及与等]|$)")
# Water diversions are named 引<source>济<destination> or 引<source>入<destination> (引汉济渭, 引黄入冀).
_DIVERSION = re.compile(r"^引[\u4e00-\u9fff]{1,3}[济入][\u4e00-\u9fff]{1,3}(?:\S*工程|[一二三四五六]期)?$")
_MIN_NAME, _MAX_NAME = 3, 25
# Nouns after a quoted name that make it the name of an undertaking: its task, work, funds, policy.
_PROGRAM_NOUNS = ("任务", "工作", "资金", "政策", "活动", "目标任务", "措施", "行动")
# What a quoted brand is made in "以“…”为抓手": the lever or carrier of the work.
_LEVER = re.compile(r"为(?:抓手|载体|牵引|突破口|主抓手|总抓手)")
# A brand coded in digits and the words that finish its name, to the clause's end ("“3454”巩固提升防返贫").
_DIGIT_BRAND = re.compile(r"\d{2,}[\u4e00-\u9fff]{4,10}")


def extract_commitments(report: Report) -> tuple[Commitment, ...]:
    """Every project and program a report commits its region to, with status and evidence."""
    found: dict[tuple[str, SubjectType, Status], Commitment] = {}
    programs: dict[int | None, list[Commitment]] = {}  # by year: only a program of the same year is the same
    for sentence in report.sentences:
        if sentence.heading or is_commentary(sentence.simplified):
            continue
        for commitment in _sentence_commitments(sentence, report):
            if commitment.subject_type is SubjectType.PROGRAM and any(
                _same_program(commitment, other) for other in programs.get(commitment.year, ())
            ):
                continue
            key = (commitment.subject, commitment.subject_type, commitment.status)
            if key not in found:
                found[key] = commitment
                if commitment.subject_type is SubjectType.PROGRAM:
                    programs.setdefault(commitment.year, []).append(commitment)
    return tuple(found.values())


def _same_program(one: Commitment, other: Commitment) -> bool:
    """A program named again in a report's year by a longer or shorter name (脱贫攻坚, 精准脱贫攻坚战)."""
    return (
        other.subject_type is SubjectType.PROGRAM
        and one.year == other.year
        and (one.subject in other.subject or other.subject in one.subject)
    )


def _sentence_commitments(sentence: Sentence, report: Report) -> list[Commitment]:
    text = sentence.simplified
    region = gazetteer.subject_of(text) or report.meta.region
    commitments: list[Commitment] = []
    # "城区品质显著提升——南山公园建成开放": a double dash opens a clause of its own; a colon after
    # a verb ("重点推进：…") introduces its object, which runs on.
    text = _curly_quotes(text.replace("——", "，"))
    if "：" in text or ":" in text:
        text = _verb_colon().sub(r"\1", text)
        # "重点推进以下项目：甲、乙、丙": the list after the colon is of the kind announced, as "甲、乙、丙等项目".
        text = _ANNOUNCED_LIST.sub(r"\g<items>等\g<kind>", text)
    for clause in _split(text, _CLAUSE_END):
        for name, kind, trigger in _clause_subjects(clause):
            status = trigger.review if sentence.part is Part.REVIEW else trigger.plan
            if kind is SubjectType.PROGRAM and status is Status.COMPLETED:
                status = Status.ONGOING
            commitments.append(
                Commitment(
                    # A sentence about a county or district names it first ("大通县加快完善…").
                    region=region,
                    subject=name,
                    subject_type=kind,
                    status=status,
                    year=sentence.year,
                    evidence=Evidence.of(sentence),
                    investment=_investment(clause),
                )
            )
    return commitments


def _curly_quotes(text: str) -> str:
    """Straight quotes in pairs ("每日视频点调") read as the “ and ” a report quotes a brand in."""
    if text.count('"') % 2:
        return text
    parts = text.split('"')
    return "".join(part + ("“" if n % 2 == 0 else "”") for n, part in enumerate(parts[:-1])) + parts[-1]


@functools.cache
def _verb_colon() -> re.Pattern[str]:
    return re.compile(f"({before_verbs()[0].pattern})[：:]")


@functools.cache
def _separated(separators: frozenset[str] | str) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(''.join(sorted(separators)))}]")


@functools.cache
def _marks(separators: frozenset[str] | str) -> re.Pattern[str]:
    """The characters ``_split`` acts on: brackets, quotes and the separators."""
    return re.compile(f"[{re.escape(_OPEN + _CLOSE + ''.join(sorted(separators)))}]")


def _split(text: str, separators: frozenset[str] | str) -> list[str]:
    """``text`` cut at the separators that stand outside quotes and brackets."""
    if not _OPENING.search(text):
        return [part for part in _separated(separators).split(text) if part]  # no brackets: one regex split
    parts: list[str] = []
    depth, start = 0, 0
    for found in _marks(separators).finditer(text):  # the marks only, not every character
        position, char = found.start(), found.group()
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and char in separators:
            parts.append(text[start:position])
            start = position + 1
    parts.append(text[start:])
    return [part for part in parts if part]


def _clause_subjects(clause: str) -> list[tuple[str, SubjectType, Trigger]]:
    # "以吉利汽车、宁德时代为代表的一批重大项目相继落地": the named examples are a list of the kind.
    if "以" in clause:  # (each pattern needs its first character: most clauses skip the scan)
        clause = _EXEMPLIFIED.sub(r"\1等", clause)
    # "在推动首都新机场开工建设的同时，…": a clause framed by 在…的同时 states its own undertaking.
    if clause.startswith("在"):
        clause = _FRAMED.sub(r"\1", clause)
    found = _name_first(clause) or _verb_first(clause)
    found.extend(_quoted_programs(clause, {name for name, _, _ in found}))
    found.extend(_patterned(clause, {name for name, _, _ in found}))
    unique = {name: (name, kind, trigger) for name, kind, trigger in reversed(found)}
    return [unique[name] for name in dict.fromkeys(name for name, _, _ in found)]


def _name_first(clause: str) -> list[tuple[str, SubjectType, Trigger]]:
    """ "凤凰山路、时代大道全线通车": a list of names, then a predicate that ends the clause."""
    endings, _ = after_verbs_table()
    for size in ending_sizes(clause):
        trigger = endings.get(clause[-size:]) if size < len(clause) else None
        if trigger is not None:
            phrase = _ADVERB_TAIL.sub("", clause[: -len(trigger.verb)])
            # "…抽水蓄能电站首台机组并网发电": a part of the works is where the predicate falls, not a name.
            part = re.sub(f"(?:{'|'.join(words_of('works_part'))})$", "", phrase)
            if part != phrase and head_type(_ADVERB_TAIL.sub("", part)) is SubjectType.PROJECT:
                phrase = _ADVERB_TAIL.sub("", part)
            # "…项目当年签约、当年开工、当年投产": earlier steps of the same works, each dated.
            earlier = _DATED_STEPS.sub("", phrase)
            if earlier != phrase and head_type(earlier) is SubjectType.PROJECT:
                phrase = earlier
            phrase = phrase[len(gazetteer.opening_name(phrase)) :]
            # "…片区更新改造、西湖公园提升改造等项目顺利推进": a verb that ends a name is no predicate,
            # nor one in the list's tail ("…等15个续建项目投产达效").
            # One name of works holds its own verbs ("南湖公园改造提升工程基本完工").
            whole = "、" not in phrase and head_type(unquoted(_LEADING.sub("", phrase))) is SubjectType.PROJECT
            if whole or first_verb(_NAME_VERB_ENDS.sub("", _list_type(phrase)[3])) is None:
                return _named(phrase, trigger)
    return []


def _verb_first(clause: str) -> list[tuple[str, SubjectType, Trigger]]:
    """ "实施海湖路上跨桥、群星路下穿等项目": a trigger verb, then the list it commits to."""
    first = first_verb(clause)
    if first is None:
        return []
    position, trigger = first
    if _COUNTED.match(clause[:position]):
        return []  # "9条支路新建翻建工程顺利推进": works counted before their verb are a measure
    found = _named(clause[position + len(trigger.verb) :], trigger)
    # "…新建翻建工程顺利推进": a predicate that ends the clause says how far the works are.
    endings, _ = after_verbs_table()
    ending = next((endings[clause[-n:]] for n in ending_sizes(clause) if clause[-n:] in endings), None)
    if ending is not None and ending.review is Status.ONGOING and trigger.review is Status.COMPLETED:
        found = [(name, kind, ending) for name, kind, _ in found]
    return found


def _named(phrase: str, trigger: Trigger) -> list[tuple[str, SubjectType, Trigger]]:
    """Names in a phrase after (or before) a trigger verb, lists split and heads shared."""
    # (a quoted brand may hold such a word: "“两个一批”成效明显")
    first = _QUOTED.sub("", phrase.split("、")[0])
    if any(plural in first for plural in _PLURAL):
        return []  # "实施一批支撑性、骨干性工程": kinds of project, not projects
    phrase = _LEADING.sub("", phrase)
    # "推动大美煤业烯烃、中复神鹰碳纤维建成投产": what is put into service is a project.
    finished = ending_verb(phrase)
    if finished:
        phrase = phrase[: -len(finished.verb)]
    # A name ends where an amount stated after it begins ("化肥农药减量增效30万亩"); a facility
    # counted or measured after its name is a measure ("建成垃圾分类示范小区16个").
    amounts = find_quantities(phrase)
    measured = bool(amounts and amounts[-1].end == len(phrase) and amounts[-1].start > 0)
    if measured:
        phrase = phrase[: amounts[-1].start]
    listed, what, branded, phrase = _list_type(phrase)
    if listed is None and finished is not None and finished.review is Status.COMPLETED:
        listed = SubjectType.PROJECT
    phrase = _ADVERB_TAIL.sub("", _TRAILING.sub("", phrase) if listed else _CHORE.sub("", phrase))
    bare = _BUILDING_TAIL.sub("", phrase)
    if bare != phrase and head_type(unquoted(bare)) is SubjectType.PROJECT:
        phrase = bare  # "…幼儿园建设": the building of a facility names the facility
    elif phrase.endswith("建设") and head_type(unquoted(phrase[:-2])) is SubjectType.PROJECT:
        phrase = phrase[:-2]  # "…年产10万吨磷酸铁锂项目建设": the building of a project is the project
    items = _items(phrase, listed)
    if not items:
        return []
    last = unquoted(items[-1])
    if _COUNTED.search(last):
        last = ""  # "…和海外仓、13个进口商品展销平台": a count lends no head
    # Items share the head of a list of projects, and of a program only when every other item is
    # a bare word of two or three characters ("蓝天、碧水、净土保卫战"): "重点人员管控、…评估机制"
    # are not 管控机制.
    shared = shared_head(last)
    widths = {len(unquoted(item)) for item in items[:-1]}
    if (
        len(widths) == 1
        and (width := widths.pop()) <= 3
        and len(last) > width + 1
        and head_type(last) is SubjectType.PROJECT
        and word_ends_at(last, width)
    ):
        shared = last[width:]  # "东川、南川、甘河工业园区循环化改造": the words after the parallel stem
    elif (
        head_type(last) is SubjectType.PROJECT
        and all(head_type(unquoted(i)) is None for i in items[:-1])
        and (stem := place_stem(last))
    ):
        shared = last[stem:]  # "丹江、金钱河、乾佑河国家级湿地公园": the words after the last place
    bare_words = all(len(unquoted(item)) <= 3 for item in items[:-1]) and len(last) - len(shared) <= 3
    shared = shared if head_type(last) is SubjectType.PROJECT or bare_words else ""
    # The noun of a list's tail completes items without a head of their own: "花儿、果蔬等特色小镇".
    # A threshold describes the kind counted ("等42个亿元以上项目"): the noun is what follows it.
    own_head = _THRESHOLD.sub("", _TRAILING.sub("", what or ""))
    if _NUMERALS.search(own_head) or not head_type("某" + own_head):
        own_head = ""
    elif generic().match(own_head):
        own_head = head_word("某" + own_head)  # "…迁建等重点项目": 项目, not 重点项目

    found: list[tuple[str, SubjectType, Trigger]] = []
    previous = ""
    for item in items:
        name = _LEADING.sub("", _DESCRIBED.sub("", unquoted(item)))
        if _PHASE.fullmatch(name) and _PHASE.search(previous):
            name = _PHASE.sub("", previous) + name  # "…动力电池项目二期、三期": the same works' next phase
        line = _NUMBERED_LINE.match(previous)
        if line and re.match(r"[\d一二三四五六七八九十]+号线", name):
            name = line.group("kind") + name  # "地铁14号线、16号线": the kind of the line written once
        previous = name
        if "“" not in item:
            name = after_verbs(name)
        tail = name.rsplit("的", 1)[-1]
        if tail != name and head_type(tail) and len(tail) >= 5:  # not a bare kind (激励政策, 制度机制)
            name = tail  # "世界一流的2万吨碳纤维项目": the name starts after its description
        if not head_type(name):
            if (what or "").endswith("项目") and not branded and "“" not in item and is_activity(name):
                # Projects that are activities, not works: "推动成果转化、技术协作等50个项目"
                # (a list of 工程 is works: "完成危险废物处置和…地下水风险防控等工程").
                continue
            # "国资国企、财税金融等改革" → 国资国企改革; not fields (…等领域改革) or activities
            # ("集中学习、专题研讨等活动"): kinds of work, not named programs.
            named_reforms = (
                listed is SubjectType.PROGRAM
                and "领域" not in (what or "")
                and own_head != "活动"
                and not is_activity(name)
            )
            if own_head and (listed is SubjectType.PROJECT or named_reforms or branded or item.startswith("“")):
                name += own_head  # "花儿、果蔬等特色小镇" → 花儿特色小镇
            elif shared and len(name) <= 6 and listed is None and item is not items[-1]:
                name += shared  # the last item lends its head, it does not take it again
        brand = item.startswith("“") and item.endswith("”")  # "“两个一批”": a count inside a brand is its name
        if (_COUNTED.search(name) and not brand) or _QUOTED_AMOUNT.fullmatch(name) or _RUN_COUNT.fullmatch(name):
            continue  # "4个工业园区污水处理项目": a count of things is a measure
        if name.startswith("与"):
            continue  # "深化与中西亚等…交流合作": a partner named after a preposition
        kind = _kind(item, name, listed)
        rest = after_leading_verb(name)
        if kind is SubjectType.PROJECT and "“" not in item and rest != name and head_type(rest) is kind:
            continue  # "加快融入南向通道": a second verb makes the object a clause's, not works undertaken
        if kind is None or not (_MIN_NAME <= len(name) <= _MAX_NAME) or any(c in name for c in "了的等%"):
            continue  # a share is no part of a name ("…行政村100%通硬化路")
        if generic().match(name) or name.endswith(("性", "型")) or name in words_of("works_part"):
            continue  # "民生实事项目", "支撑性、引领性项目": kinds of undertaking, not one
        quoted = item.startswith("“")
        if quoted and name.endswith("式"):
            continue  # "实行“台账式”管理": a quoted manner of work, not a program
        if (
            head_type(name) is None
            and not is_branded(name)
            and ((len(name) < 4 and not quoted) or (kind is SubjectType.PROGRAM and not (quoted or branded)))
        ):
            continue  # a bare list item needs a name of its own: 晶科能源, not 鲁沙尔; 会战黄金季, not 集中学习
        if kind is SubjectType.PROGRAM and len(name) - len(head_word(name)) == 1 and name[0] in _SLOGAN_VERBS:
            continue  # "稳增长、促改革": a slogan's verb and a head are no program
        if kind is SubjectType.PROJECT and measured and listed is None:  # "…等项目48个" names its items
            continue
        if kind is SubjectType.PROJECT and trigger.verb.endswith("创建") and re.search("示范|试点", name):
            kind = SubjectType.PROGRAM  # "成功创建省级循环化改造试点示范园区": a title won, not works
        found.append((name, kind, trigger))
    return found


def _list_type(phrase: str) -> tuple[SubjectType | None, str | None, bool, str]:
    """What a list's tail says its items are, the tail's noun, whether it names the set, and the list.

    "…、湟源野寺沟等9项工程" → project, "工程", False, "…、湟源野寺沟";
    "蓝天、碧水、净土三大保卫战" → program, "保卫战", True, "蓝天、碧水、净土".
    """
    tail = _LIST_TAIL.search(phrase)
    if not tail or (tail.group("count") and "、" not in phrase[: tail.start()]):
        return None, None, False, phrase  # "城南三条快速路": a count of one place's works, no list
    what = tail.group("what")
    branded = bool(re.match(r"等?“?[一二三四五六七八九十两]大", tail.group(0)))
    if what.startswith("“"):
        return SubjectType.PROGRAM, what, True, phrase[: tail.start()]  # "…“两大工程”": a campaign's brand
    if re.match(r"等[\d一二三四五六七八九十两百千]+大?类", tail.group(0)):
        # "光伏扶贫、高原美丽乡村等17类1380个扶贫项目": kinds of project, each a program of many
        return SubjectType.PROGRAM, what, True, phrase[: tail.start()]
    kind = next((kind for kind, pattern in _TAIL_TYPES if pattern.search(_TRAILING.sub("", what) or what)), None)
    if tail.group("count"):
        kind = kind or head_type("某" + what)  # "东区、西区两座污水处理厂": the kind counted is the items' head
    if what.endswith("战略"):
        # "经济总量翻番、工业强市建设等重大战略": each item is a strategy the government runs (issue 14)
        return SubjectType.PROGRAM, what, True, phrase[: tail.start()]
    return kind, what, branded, phrase[: tail.start()]


def _items(phrase: str, listed: SubjectType | None) -> list[str]:
    """A list's items: split at 、, and at 和/及/与 where the part after is a name on its own."""
    items: list[str] = []
    for part in _split(phrase.replace("”“", "”、“"), "、"):
        if listed is not None and part.startswith("“") and part.endswith("”") and "、" in part:
            items.extend(f"“{p}”" for p in part[1:-1].split("、"))  # "“高原绿、西宁蓝”等六大建设行动"
            continue
        pieces = _split(part, "和及与")
        if len(pieces) > 1 and all(len(p) >= 2 for p in pieces):
            last = unquoted(pieces[-1])
            # Two names joined ("养老示范基地和老年大学", "人口普查和国土调查") are two things.
            same = {head_type(unquoted(p)) for p in pieces}
            both_named = len(same) == 1 and None not in same
            if listed is not None or pieces[-1].startswith("“") or located_name(last) or both_named:
                items.extend(pieces)
                continue
            if head_type(unquoted(pieces[0])) is not None and head_word(last):
                # "湟水流域系统性综合整治和水生态修复": a named work, then an action named by its head
                items.extend(pieces)
                continue
            if head_type(unquoted(part)) is None:
                # "火车站南岸广场改造和自建房片区征收": the joined whole names nothing, its named parts do
                items.extend(piece for piece in pieces if head_type(unquoted(piece)) is not None)
                continue
        items.append(part)
    return [item for item in items if item]


def _kind(item: str, name: str, listed: SubjectType | None) -> SubjectType | None:
    """What an item names: a quoted brand is a program; else by its head, else by its list."""
    kind = head_type(name)
    if kind is None and is_branded(name):
        return SubjectType.PROGRAM  # "平安西宁建设", "健康绵阳建设": a place branded by a campaign
    if _DIVERSION.match(name):
        return SubjectType.PROJECT  # “引黄济宁”, 引汉济渭: a water diversion is works, quoted or not
    if item.startswith("“") and (item.endswith("”") or (kind is SubjectType.PROJECT and name.endswith("工程"))):
        return SubjectType.PROGRAM  # “四好农村路”, “幸福养老”工程, “雪亮工程”: a campaign's brand
    if item.endswith("”工程"):
        return SubjectType.PROGRAM  # "长江生态修复“两岸青山”工程": a brand's works are a campaign
    if item.startswith("“") and item.endswith(("”建设", "”工作")):
        return SubjectType.PROGRAM  # "“城市大脑”建设全面展开": the building or work of a brand
    return kind or listed


def _quoted_programs(clause: str, named: set[str]) -> list[tuple[str, SubjectType, Trigger]]:
    """Quoted names a trigger verb introduces ("深入推进“街长制”") or that a program head follows."""
    found: list[tuple[str, SubjectType, Trigger]] = []
    if "“" not in clause:
        return found  # no quoted name in the clause
    verbs = _verbs_before()
    quotes = list(re.finditer(r"“([^“”，。；]{2,20})”", clause))
    previous_introduced = False
    for number, quoted in enumerate(quotes):
        rest = clause[quoted.end() :]
        suffix = program_head_at(rest)
        before = clause[quotes[number - 1].end() if number else 0 : quoted.start()]
        chained = previous_introduced and before in ("", "、", "和", "及", "与")
        introduced = (
            chained
            or before.endswith(verbs)
            # "实行市县“每日视频点调”": the levels of government that run it between verb and brand
            or re.sub(r"(?:[省市县区乡镇村]{2,4}|全[省市县区])$", "", before).endswith(verbs)
            # "大力推进三个“一号工程”": a count in words between the verb and the brand (issue 14)
            or re.sub(r"[一二三四五六七八九十两]个$", "", before).endswith(verbs)
            or rest.startswith(_PROGRAM_NOUNS)  # “煤改气”任务, “保交楼”资金
            # "等73个“幸福西宁·绿色交通”项目": the brand a set of projects is counted under
            or rest.startswith(("项目", "工程"))
            # "以“四送一服”为抓手": the brand a clause's work is carried by, not a paired slogan (issue 14)
            or (before.endswith("以") and _LEVER.match(rest) is not None and "、" not in quoted.group(1))
            # "“清洁西宁”成为城市新名片": a brand opening its clause, then what it became or won
            # (a pair of phrases is a slogan: "“同心同向、奋楫笃行”成为…关键词")
            or (not before and rest.startswith(words_of("brand_predicate")) and "、" not in quoted.group(1))
        )
        name = quoted.group(1) + suffix
        # A quote followed by more of a noun phrase is part of a longer name, named above or not at all.
        # A verb right before it still makes the quoted words the program ("推行“双随机一公开”公开公正监管").
        continues = not suffix and rest[:1] and rest[:1] not in "、和及与等“" and not rest.startswith(_PROGRAM_NOUNS)
        if continues and introduced:
            continues = False
        # "实行“台账式”“销号制”管理": a quoted manner of work (…式) is no program, nor what it runs on to.
        previous_introduced = introduced and not quoted.group(1).endswith("式")
        if quoted.group(1).endswith("式"):
            continue
        if introduced and not suffix and quoted.group(1).isdigit() and _DIGIT_BRAND.fullmatch(quoted.group(1) + rest):
            # "强力推进“3454”巩固提升防返贫": digits are a brand's code; the words after it end its name
            name, continues = quoted.group(1) + rest, False
        elif (_NUMERALS.fullmatch(quoted.group(1)) and not suffix) or _QUOTED_AMOUNT.fullmatch(quoted.group(1)):
            continue  # "十四五": a plan period, not a program
        elif _RUN_COUNT.fullmatch(quoted.group(1)):
            continue  # "实现“八连增”", "粮食生产“十连丰”": a run of good years, not a program
        if re.search(r"为[^为“”]{0,4}$", before) and not suffix and before.endswith(verbs):
            continue  # "为建设“成渝之星”安居极核奠定基础": the aim a result serves, not a program undertaken
        if not suffix and rest.startswith(words_of("doctrine")):
            continue  # "协调推进“四个全面”战略布局": a guiding formula to follow, not a program to run
        # "“蓝天、碧水、净土”三大行动": a quoted list whose items were named above, each with the head.
        items_named = "、" in name and all(any(item in other for other in named) for item in name.split("、"))
        if (suffix or introduced) and not continues and not items_named and not any(name in other for other in named):
            trigger = Trigger("", False, Status.ONGOING, Status.PLANNED)
            found.append((name, SubjectType.PROJECT if _DIVERSION.match(name) else SubjectType.PROGRAM, trigger))
    return found


@functools.cache
def _verbs_before() -> tuple[str, ...]:
    """The verbs placed before their object, for ``str.endswith``: built once, not for every clause.

    With them, the verbs that make a brand ("打造世界一流“三张牌”"): before a quoted name only."""
    return tuple(t.verb for t in triggers() if not t.after) + words_of("brand_verb")


def _patterned(clause: str, named: set[str]) -> list[tuple[str, SubjectType, Trigger]]:
    """Names the rows of ``commitment_patterns.tsv`` find anywhere in a clause ("在扫黑除恶专项斗争中")."""
    candidates: list[tuple[int, str, SubjectType, Trigger]] = []
    clause = unquoted(clause)  # "防范打击“两抢一盗”等专项行动": quotes sit inside names
    for match in match_patterns(clause):
        name, open_name = match.name, match.pattern.open_name
        if open_name and clause[match.start - 1 : match.start] != "《":
            # The span runs from the clause's start: the name begins after a boundary or a verb.
            name = _LEADING.sub("", after_verbs(_MENTION_BOUNDARY.split(name)[-1]))
        elif not open_name:
            name = _LEADING.sub("", name)  # "承办全市…购物节": who holds it is no part of the title
        if not _MIN_NAME <= len(name) <= _MAX_NAME or (open_name and is_pattern_word(name)) or "等" in name:
            continue  # "开展专项行动": a head with nothing of a name before it
        if match.pattern.head is not None and head_type(name) is not match.pattern.head:
            continue
        if re.search(r".[一二三四五六七八九十两]大.", name):
            continue  # "…、净土三大保卫战": the tail of a list, read with the list
        if not open_name and match.pattern.head is None and clause[: match.start].endswith(_PREPOSITIONS):
            continue  # "以乡村振兴为统领", "为脱贫攻坚提供保障": a standing program as a frame, not undertaken
        trigger = Trigger("", False, match.pattern.review, Status.PLANNED)
        candidates.append((match.start, name, match.pattern.type, trigger))
    # Where two rows find overlapping names (《…三年行动方案》 and its …三年行动), the longer wins.
    kept: list[tuple[int, str, SubjectType, Trigger]] = []
    for candidate in sorted(candidates, key=lambda c: -len(c[1])):
        taken = named | {other[1] for other in kept}
        if not any(candidate[1] in other or other in candidate[1] for other in taken):
            kept.append(candidate)
    return [(name, kind, trigger) for _, name, kind, trigger in sorted(kept, key=lambda c: c[0])]


def is_introduced(text: str, start: int, end: int) -> bool:
    """Whether the name at ``text[start:end]`` is its clause's object or subject: a trigger verb
    stands before it ("全面推进垃圾分类工作") or a predicate follows it ("精准脱贫攻坚战成效显著")."""
    opens = max(text.rfind(mark, 0, start) for mark in _CLAUSE_END) + 1
    closes = next((at for at in range(end, len(text)) if text[at] in _CLAUSE_END), len(text))
    if before_verbs()[0].search(text, opens, start):
        return True
    after = re.sub(r"^(?:建设|工作|行动)", "", text[end:closes])
    endings, longest = after_verbs_table()
    return any(after[:size] in endings for size in range(1, longest + 1)) or bool(
        _ADVERB_TAIL.sub("", after) == "" and after
    )


def _investment(clause: str) -> Decimal | None:
    if "投" not in clause:
        return None  # no 投资/投入 before an amount
    for q in find_quantities(clause):
        if q.base_unit == "元" and _INVESTMENT.search(clause[: q.start]):
            return q.base_value
    return None
