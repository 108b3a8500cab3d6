"""The words names are made of: heads of projects and programs, trigger verbs, place words.

``subjects.tsv`` (heads), ``triggers.tsv`` (verbs and the status they give), ``places.tsv``,
``generic_subjects.tsv`` and ``campaign_brands.tsv`` read once, and the small tests on a name
that the commitment grammar (``commitments.py``) and organizations share.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass

from kg import gazetteer
from kg.clean import to_simplified
from kg.lexicons import read_tsv
from kg.model import Status, SubjectType
from kg.segment import tokenizer

# Verbs that are also the last word of a name of works ("…片区改造", "…新村建设").
NAME_VERBS = frozenset({"建设", "改造", "新建", "改造提升", "提升改造", "开工建设", "加快建设", "创建", "完善", "健全"})


_BRACKETED_PART = re.compile(r"[（(][^（()）]{1,6}[）)]$")


@dataclass(frozen=True, slots=True)
class Trigger:
    verb: str
    after: bool
    review: Status
    plan: Status


@dataclass(frozen=True, slots=True)
class Head:
    word: str
    type: SubjectType
    # What the name is when its words before the head do not say where the work is:
    # a program (农村人居环境整治, against 南川河综合整治), nothing (城乡基础设施), or as typed.
    unlocated: str  # "program", "none", or "" where the head alone decides


@functools.cache
def heads() -> tuple[Head, ...]:
    rows = read_tsv("subjects.tsv")
    heads = (Head(r["head"], SubjectType(r["type"]), r["unlocated"]) for r in rows)
    return tuple(sorted(heads, key=lambda h: -len(h.word)))


@functools.cache
def triggers() -> tuple[Trigger, ...]:
    rows = read_tsv("triggers.tsv")
    # Verbs are matched in a sentence's simplified view, where opencc writes some words its own
    # way (显著 → 显着): each verb is also looked for as that view writes it.
    found = {
        Trigger(verb, r["position"] == "after", Status(r["review"]), Status(r["plan"])): None
        for r in rows
        for verb in (r["verb"], to_simplified(r["verb"]))
    }
    return tuple(sorted(found, key=lambda t: -len(t.verb)))


@functools.cache
def _places() -> tuple[re.Pattern[str], re.Pattern[str]]:
    rows = read_tsv("places.tsv")
    words = [r["word"] for r in rows if r["kind"] == "place"]
    generic = [r["word"] for r in rows if r["kind"] == "generic"]
    return re.compile("|".join(map(re.escape, words))), re.compile("|".join(map(re.escape, generic)))


@functools.cache
def _head_table() -> tuple[dict[str, Head], int]:
    """Heads by word, and the length of the longest: a name's head is looked up by its suffixes."""
    table = {head.word: head for head in heads()}
    return table, max(map(len, table))


@functools.lru_cache(maxsize=65536)  # asked again and again of the same items while a list is read
def head_type(name: str) -> SubjectType | None:
    """Project or program, by the head word a name ends in; None if it ends in neither."""
    # A bracketed phase or part after a name ("东湖公园（二期）", "滨江大道(北延)") keeps its head.
    name = _BRACKETED_PART.sub("", name) or name
    table, longest = _head_table()
    for size in range(min(len(name), longest), 0, -1):  # the longest head wins
        head = table.get(name[-size:])
        if head is None:
            continue
        if size == len(name):
            if head.type is SubjectType.PROGRAM and len(name) >= 4:
                return head.type  # heads that are whole names: 垃圾分类, 一网通办
            continue
        if head.unlocated and not is_located(name[:-size]):
            return SubjectType.PROGRAM if head.unlocated == "program" else None
        return head.type
    return None


def is_located(prefix: str) -> bool:
    """Whether a name's words before its head say where the work is (南川河, 付家寨, 回族医院)."""
    place, generic = _places()
    if gazetteer.opening_name(prefix) or place.search(generic.sub("", prefix)):
        return True
    # A located head (…医院) before the head: looked up by the prefix's proper suffixes.
    words, longest = _located_heads()
    return any(prefix[-size:] in words for size in range(1, min(longest, len(prefix) - 1) + 1))


@functools.cache
def _located_heads() -> tuple[frozenset[str], int]:
    """Heads of projects that say where the work is by themselves, and the length of the longest."""
    words = frozenset(h.word for h in heads() if not h.unlocated and h.type is SubjectType.PROJECT)
    return words, max(map(len, words))


@functools.lru_cache(maxsize=4096)
def place_stem(name: str) -> int:
    """Where the place a name of works opens with ends (乾佑河|国家级湿地公园), or 0: the first word
    end after a place word (河, 湖, 山…) with a project head still after it."""
    place, _ = _places()
    # Where the stem could end, word ends or not: jieba (costly) is asked only if somewhere could.
    stems = {
        end
        for end in range(2, len(name))
        if place.search(name[end - 1 : end]) and head_type(name[end:]) is SubjectType.PROJECT
    }
    if not stems:
        return 0
    ends = itertools.accumulate(len(word.word) for word in tokenizer().cut(name))
    return next((end for end in ends if end in stems), 0)


def located_name(name: str) -> bool:
    """Whether a name with a head says where its work is: 付家寨地下水风险防控, not 社区养老服务改革试点."""
    head = head_word(name)
    return bool(head) and is_located(name[: -len(head)])


@functools.cache
def generic() -> re.Pattern[str]:
    """A name made only of modifiers of a kind and a head: 民生实事项目, 城乡基础设施; modifiers may be
    joined (国家级和省级开发区, 省级及以上园区: levels of a kind, no one place)."""
    words = "|".join(map(re.escape, sorted((r["word"] for r in read_tsv("generic_subjects.tsv")), key=len)[::-1]))
    endings = "|".join(re.escape(h.word) for h in heads())
    return re.compile(f"^(?:(?:{words})(?:[和及与、]|及以上|以上)?)+(?:{endings})$")


def first_verb(clause: str) -> tuple[int, Trigger] | None:
    """The earliest trigger verb placed before its object, the longest where two start together."""
    pattern, by_verb = before_verbs()
    found = pattern.search(clause)
    return (found.start(), by_verb[found.group(0)]) if found else None


@functools.cache
def before_verbs() -> tuple[re.Pattern[str], dict[str, Trigger]]:
    """Verbs placed before their object, as one pattern (longest first) and by verb."""
    by_verb: dict[str, Trigger] = {}
    for trigger in triggers():
        if not trigger.after:
            by_verb.setdefault(trigger.verb, trigger)
    return re.compile("|".join(map(re.escape, by_verb))), by_verb


@functools.cache
def after_verbs_table() -> tuple[dict[str, Trigger], int]:
    """Predicates that end a clause after the names they complete, by verb, and the longest."""
    by_verb: dict[str, Trigger] = {}
    for trigger in triggers():
        if trigger.after:
            by_verb.setdefault(trigger.verb, trigger)
    return by_verb, max(map(len, by_verb))


def ending_sizes(text: str) -> tuple[int, ...]:
    """The lengths of the predicates placed after their names that may end ``text``, longest first: those
    that end in its last character (most clauses end in none, and are not looked up at every length)."""
    return _after_verb_sizes().get(text[-1:], ())


@functools.cache
def _after_verb_sizes() -> dict[str, tuple[int, ...]]:
    sizes: dict[str, set[int]] = {}
    for verb in after_verbs_table()[0]:
        sizes.setdefault(verb[-1], set()).add(len(verb))
    return {char: tuple(sorted(found, reverse=True)) for char, found in sizes.items()}


def ending_verb(phrase: str) -> Trigger | None:
    """The longest predicate placed after its names that ends ``phrase`` with something before it."""
    endings, _ = after_verbs_table()
    for size in ending_sizes(phrase):
        trigger = endings.get(phrase[-size:]) if size < len(phrase) else None
        if trigger is not None:
            return trigger
    return None


@functools.cache
def _program_heads() -> tuple[frozenset[str], int]:
    words = frozenset(h.word for h in heads() if h.type is SubjectType.PROGRAM)
    return words, max(map(len, words))


def program_head_at(text: str) -> str:
    """The longest head of a program that ``text`` starts with ("“河长制”工作": 工作), or ""."""
    words, longest = _program_heads()
    return next((text[:size] for size in range(min(longest, len(text)), 0, -1) if text[:size] in words), "")


@functools.cache
def _campaign_brand() -> re.Pattern[str]:
    words = (r["word"] for r in read_tsv("campaign_brands.tsv") if r["role"] == "brand")
    brands = "|".join(sorted(words, key=len, reverse=True))
    return re.compile(rf"^(?:{brands})(?P<aim>[\u4e00-\u9fff]{{2,4}}?)(?P<build>建设|创建)?$")


@functools.cache
def _branded_aims() -> frozenset[str]:
    """What a campaign brand may be aimed at besides a named region: "平安中国", "美丽乡村"."""
    return frozenset(r["word"] for r in read_tsv("campaign_brands.tsv") if r["role"] == "aim")


# Commentary in a news piece or an interpretation: an expert's words on the report, not the report's
# own ("专家表示，…", "省社科院研究员王某认为，…"): what an expert says should be built or carried
# out is no commitment of the government (the numbers an expert restates are still the report's).
_COMMENTARY = re.compile(
    r"^[^，。,]{0,20}(?:专家|学者|研究员|教授|分析人士|业内人士|分析师|评论员)[^，。,]{0,8}?(?:表示|认为|指出|称|说|分析)"
)


def is_commentary(sentence: str) -> bool:
    """Whether a sentence gives a commentator's words on the report rather than the report's, or asks
    a question ("问：脱贫攻坚有哪些“硬任务”？"): an interviewer's question commits no one."""
    return (
        _COMMENTARY.match(sentence) is not None
        or sentence.startswith(("问：", "问:"))
        or sentence.endswith(("？", "?"))
    )


# A field a place sets out to be strong in: 教育强市, 工业强县, 文化强省, 交通强国 (not a rank: 百强县).
_STRONG_IN = re.compile(r"^[\u4e00-\u9fff]{2,4}(?<![百千])强[国省市县区旗](?:建设)?$")


def is_branded(name: str) -> bool:
    """A place branded by a campaign: "平安西宁建设", "书香城东建设", "美丽乡村", "数字政府", "教育强市建设"."""
    if _STRONG_IN.match(name):
        return True
    found = _campaign_brand().match(name)
    if found is None:
        return False
    aim = found.group("aim")
    return bool(found.group("build")) or aim in _branded_aims() or gazetteer.lookup(aim) is not None


def word_ends_at(name: str, position: int) -> bool:
    """Whether jieba ends a word at ``position`` of ``name`` (甘河|工业园区, not 谦信化|工)."""
    ends = itertools.accumulate(len(word.word) for word in tokenizer().cut(name))
    return position in set(ends)


@functools.lru_cache(maxsize=4096)
def is_activity(name: str) -> bool:
    """Whether jieba reads a name as an object and its verb (成果/n 转化/v): an activity, not works."""
    words = list(tokenizer().cut(name))
    return len(words) == 2 and words[-1].flag == "v"


@functools.cache
def _clause_verbs() -> frozenset[str]:
    return frozenset(r["word"] for r in read_tsv("pattern_words.tsv") if r["class"] == "clause_verb")


@functools.cache
def _clause_verb_prefixes() -> tuple[str, ...]:
    return tuple(sorted(_clause_verbs()))


@functools.lru_cache(maxsize=4096)
def after_leading_verb(name: str) -> str:
    """What follows a verb of a clause that a name starts with: 融入|南向通道, 保障|了全市供水."""
    if not name.startswith(_clause_verb_prefixes()):
        return name  # the first word is a prefix of the name: no need to cut a name no verb opens
    # Only the first two words matter: jieba's cut is lazy, so the rest of the name is not tagged.
    words = list(itertools.islice(tokenizer().cut(name), 2))
    if len(words) > 1 and words[0].word in _clause_verbs() and len(name) - len(words[0].word) >= 3:
        return name[len(words[0].word) :]
    return name


def head_word(name: str) -> str:
    """The longest head a name ends in with words before it, or ""."""
    table, longest = _head_table()
    return next((name[-size:] for size in range(min(longest, len(name) - 1), 0, -1) if name[-size:] in table), "")


@functools.cache
def _verbs_inside() -> re.Pattern[str]:
    """Trigger verbs that do not also end names of works (建设, 改造, 新建 do)."""
    verbs = [t.verb for t in triggers() if not t.after and t.verb not in NAME_VERBS]
    return re.compile("|".join(map(re.escape, sorted(set(verbs), key=len, reverse=True))))


def after_verbs(name: str) -> str:
    """A name starts after the last trigger verb in it: 用心用情推进城区治理 → 城区治理.

    A verb right before a bare head modifies the head and stays in the name: 全民健身三年推进计划,
    市容环境整治提升行动 (issue 14). A verb that ends the name leaves it whole: 对外开放 is a
    strategy's name, not a verb's object."""
    table, _ = _head_table()
    verbs = list(_verbs_inside().finditer(name))
    last = verbs[-1] if verbs else None
    # (not in a row of verbs: 打赢打好 names nothing)
    if last and last.end() == len(name) and last.start() > 0 and all(v.end() != last.start() for v in verbs):
        verbs.pop()
    ends = [found.end() for found in verbs if name[found.end() :] not in table]
    return name[ends[-1] :] if ends else name


def unquoted(text: str) -> str:
    return text.replace("“", "").replace("”", "")


def shared_head(last: str) -> str:
    """The head a list's last item lends to shorter items before it: 十里铺小学 → 小学."""
    found = _any_head().search(last, 1)  # the leftmost place a head starts, after the first character
    return last[found.start() :] if found else ""


@functools.cache
def _any_head() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, _head_table()[0])))
