"""Program → indicator targets: a program tied, in one sentence, to the number it aims at.

"全面推进垃圾分类工作，垃圾分类达标小区覆盖率达到90%": the clause that undertakes the
program is followed by the number it moves, so the number is the program's aim (for a plan)
or its result (for a review). The tie is report grammar kept as data: four shapes
(``target_ties.tsv``: one clause; a lead clause and the results right after it; a link word
such as 带动 or a goal word such as 力争; a program framing its sentence, 在…中, …开展以来)
over words in ``target_tie_words.tsv``. A number no shape reaches has no program: a number
after a clause that merely mentions one ("统筹疫情防控和经济社会发展，…"), an event's outcome
(举办…博览会，接待…; 签约项目…), the economy's totals without a causal link, or a number
across a semicolon is not a program's aim (issue 14). The observation gains ``program`` and a
``ProgramTarget`` records the tie.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from enum import Enum

from kg.clean import to_simplified
from kg.extract.commitments import is_introduced
from kg.extract.numbers import find_quantities
from kg.extract.vocabulary import NAME_VERBS, after_verbs_table, before_verbs, head_type
from kg.lexicons import read_tsv
from kg.model import Commitment, Observation, ProgramTarget, SubjectType

_QUOTES = re.compile(r"[“”\"]")
# Guiding formulas ("两个维护", "四个意识") are named in passing, not aimed at numbers.
_SLOGAN = re.compile(r"^[一二三四五六七八九十两]+个|^.{0,2}[一二三四五六七八九十两].{0,3}$")
_CLAUSE_BREAK = frozenset("，；：,;:。！？!?")
# Where a lead or a link ends: a semicolon starts another topic, a full stop another sentence.
_TOPIC_BREAK = frozenset("；;。！？!?")
_SENTENCE_BREAK = frozenset("。！？!?")
# A link reaches the number's clause from at most this many clauses before it.
_LINK_REACH = 2
# An amount or a count between a verb and its program ("落实1.3亿元保交楼资金", "完成448公里四好农村路").
_AMOUNT = re.compile(r"[\d.一二三四五六七八九十百千万亿余多]+\D{0,4}")
# Nouns a program's name heads before its predicate: "…项目开工", "…工程建设全面完成".
_HEAD_NOUN = re.compile(r"^(?:项目|工程|任务|工作|建设|行动)+")
# How far a trigger verb may stand before the program it governs ("实施了", "推进好").
_VERB_GAP = 2
# How many clauses without a number a lead may pass over.
_LEAD_GAPS = 1


class Shape(str, Enum):
    """The shapes of ``target_ties.tsv``."""

    SAME_CLAUSE = "same_clause"
    LEAD = "lead"
    LINK = "link"
    FRAME = "frame"


@functools.cache
def tie_words(word_class: str) -> tuple[str, ...]:
    """The words of one class of ``target_tie_words.tsv``, longest first."""
    words = {row["word"] for row in read_tsv("target_tie_words.tsv") if row["class"] == word_class}
    if not words:
        raise ValueError(f"target_tie_words.tsv: no words of class {word_class}")
    return tuple(sorted(words, key=len, reverse=True))


@functools.cache
def _link(word_classes: tuple[str, ...] = ("link", "goal")) -> re.Pattern[str]:
    """A link word opening its clause (after adverbs), or a two-character one anywhere before the number."""
    adverbs = "|".join(map(re.escape, tie_words("adverb")))
    words = sorted((word for word_class in word_classes for word in tie_words(word_class)), key=len, reverse=True)
    links = "|".join(map(re.escape, words))
    long_links = "|".join(re.escape(word) for word in words if len(word) > 1)
    return re.compile(f"^(?:{adverbs})*(?:{links})|{long_links}")


def _clauses(text: str) -> list[tuple[int, int]]:
    """The spans of a sentence's clauses, split at clause punctuation."""
    spans: list[tuple[int, int]] = []
    start = 0
    for at, char in enumerate(text):
        if char in _CLAUSE_BREAK:
            spans.append((start, at))
            start = at + 1
    spans.append((start, len(text)))
    return spans


def _clause_of(spans: list[tuple[int, int]], at: int) -> int:
    return next(index for index, (_, end) in enumerate(spans) if at <= end)


def _is_event(name: str) -> bool:
    return name.endswith(tie_words("event"))


def _framed(clause: str, start: int, end: int) -> bool:
    """在扫黑除恶专项斗争中, 脱贫攻坚战打响以来: the program's clause frames the sentence."""
    after = clause[end:].strip()
    if start == 0 and after in tie_words("frame_since"):
        return True
    return clause.startswith(tie_words("frame_open")) and after.endswith(tie_words("frame_close"))


def shape(text: str, start: int, end: int, number_at: int, *, results: frozenset[int] = frozenset()) -> Shape | None:
    """The shape that ties the program at ``text[start:end]`` to the number at ``number_at``, if any.

    Args:
        results: the indices of the clauses that hold a number (a lead runs through them).
    """
    spans = _clauses(text)
    program_clause, number_clause = _clause_of(spans, start), _clause_of(spans, number_at)
    number_start = spans[number_clause][0]
    # An event's outcome (举办…博览会，签约…) is its program's aim only where a link word says so.
    if _is_event(text[start:end]) and not (
        program_clause <= number_clause <= program_clause + _LINK_REACH and _link().search(text[number_start:number_at])
    ):
        return None
    if program_clause == number_clause:
        return Shape.SAME_CLAUSE if _same_clause(text, start, end, number_at) else None
    if number_clause < program_clause:
        return None
    between = text[end:number_at]
    clause_start = spans[program_clause][0]
    clause = text[clause_start : spans[program_clause][1]]
    if not any(char in _SENTENCE_BREAK for char in between) and _framed(
        clause, start - clause_start, end - clause_start
    ):
        return Shape.FRAME
    if any(char in _TOPIC_BREAK for char in between):
        return None
    # A link or a lead starts from a clause that undertakes the program, not one that names it in
    # passing ("积极融入成渝地区双城经济圈建设，力争外贸进出口总额增长15%").
    if not _undertaken(text, clause_start, start, end):
        return None
    if number_clause - program_clause <= _LINK_REACH and _link().search(text[number_start:number_at]):
        return Shape.LINK
    # The results run on through clauses holding numbers, and past one clause that says how the
    # program was carried out ("扎实开展…排查整治，严厉打击违法建设，依法拆除违建别墅10栋") but
    # not past one that undertakes something else (a verb of its own: "…，提升…水平，再建5个…").
    gaps = [index for index in range(program_clause + 1, number_clause) if index not in results]
    if _undertakes(text[number_start:number_at]):
        return None  # "…，实施高标准农田建设项目8万亩": the number is its own clause's undertaking's
    if len(gaps) <= _LEAD_GAPS and not any(_governs(text, *spans[index]) for index in gaps):
        return Shape.LEAD
    return None


def _undertakes(clause: str) -> bool:
    """Whether a clause opens (after adverbs) with a verb that undertakes something of its own."""
    return _undertaking().match(clause.strip()) is not None


@functools.cache
def _undertaking() -> re.Pattern[str]:
    adverbs = "|".join(map(re.escape, tie_words("adverb")))
    verbs = "|".join(map(re.escape, tie_words("undertake")))
    return re.compile(f"(?:{adverbs})*(?:{verbs})")


def _governs(text: str, start: int, end: int) -> bool:
    """Whether a clause has a trigger verb of its own: one that opens it ("加快建设污水处理厂"), or any
    other than those that also end names of works ("严厉打击违法建设" has none)."""
    return any(
        verb.group(0) not in NAME_VERBS or verb.start() - start <= _VERB_GAP
        for verb in before_verbs()[0].finditer(text, start, end)
    )


def _same_clause(text: str, start: int, end: int, number_at: int) -> bool:
    """A number in the program's clause is its aim, unless it stands before the program without a verb
    governing both, or describes it ("设立总规模超过一亿元的人才开发基金")."""
    if number_at >= start:
        return True
    # After its number, the program is what the clause does to what it counts: a verb governs it
    # ("对34家化工企业实施了四评级一评价", "完成448公里四好农村路"), not a word that also ends names
    # of works ("…15亿美元项目建设强力攻坚"), and no 的 makes the number describe it.
    if "的" in text[number_at:start]:
        return False
    opens = max(text.rfind(mark, 0, start) for mark in _CLAUSE_BREAK) + 1
    verbs = [verb for verb in before_verbs()[0].finditer(text, opens, start) if verb.group(0) not in NAME_VERBS]
    return any(len(text[verb.end() : start]) <= _VERB_GAP or verb.end() <= number_at for verb in verbs) or _predicated(
        text, end
    )


def _predicated(text: str, end: int) -> bool:
    """A predicate ends the program's clause, past the noun it heads ("…等73个幸福西宁·绿色交通项目开工")."""
    closes = next((at for at in range(end, len(text)) if text[at] in _CLAUSE_BREAK), len(text))
    after = _HEAD_NOUN.sub("", text[end:closes])
    endings, _ = after_verbs_table()
    return after in endings


def _undertaken(text: str, opens: int, start: int, end: int) -> bool:
    """Whether the program's clause undertakes it: a trigger verb right before it, past nothing but a
    few words or a list ("深入推进垃圾分类工作", "对34家化工企业实施了四评级一评价"), or a predicate
    after it ("精准脱贫攻坚战成效显著"); not a program named as a cause or a place's title."""
    if not is_introduced(text, start, end):
        return False
    verbs = list(before_verbs()[0].finditer(text, opens, start))
    if not verbs:
        return True  # introduced by the predicate after it
    gap = text[verbs[-1].end() : start]
    return len(gap) <= _VERB_GAP or gap.endswith(("、", "和", "及", "与")) or bool(_AMOUNT.fullmatch(gap))


def _counted(text: str, start: int, number_at: int) -> bool:
    """A program counted in a clause of its own before the number ("扎实推进“西宁蓝”建设行动，…，
    完成34.25蒸吨“煤改气”任务，空气质量优良率达82.5%"; "等73个“幸福西宁·绿色交通”项目开工，…")
    is that count's object: the count stands before its name."""
    opens = max(text.rfind(mark, 0, start) for mark in "，；。,;") + 1
    closes = re.compile(r"[，；。,;]").search(text, start)
    if closes is None or closes.start() >= number_at:
        return False
    # Money before the name is what the program was given ("落实1.3亿元“保交楼”资金"), not its count.
    return any(quantity.base_unit != "元" for quantity in find_quantities(text[opens:start]))


def _tie(
    text: str, names: list[str], number_at: int, results: frozenset[int], *, aggregate: bool, outcome: bool
) -> str | None:
    """The program a number is tied to: one in its own clause, else the nearest one a shape reaches,
    passing over one counted in a clause of its own unless no other reaches it."""
    found: list[tuple[bool, bool, int, str]] = []
    for name in names:
        if _SLOGAN.match(name) and head_type(name) is None:
            continue  # (a campaign's head makes a counted name no slogan: 三请三回活动)
        for found_at in _mentions(name, text):
            at = found_at.start()
            tie = shape(text, at, found_at.end(), number_at, results=results)
            # The economy's totals are moved by a program, and an event's deals are its aim, only
            # where a link word says so.
            if tie is None or (aggregate and not _moves_total(text, tie, number_at)):
                continue
            if outcome and tie is not Shape.LINK:
                continue
            same = tie is Shape.SAME_CLAUSE
            found.append((same, same or not _counted(text, at, number_at), at, name))
    if not found:
        return None
    best = max(found)
    # A lead clause that undertakes a list of programs ("打好蓝天、碧水、净土保卫战，PM2.5浓度…")
    # says which moves the number no more than it says all do: no one program is tied.
    listed = [f for f in found if f[:2] == best[:2] and f[3] != best[3] and _same_list(text, f[2], best[2])]
    shared = best[2] > 0 and text[best[2] - 1] == "、"  # the last of a list sharing its head
    return None if (listed or shared) and best[0] is False else best[3]


def _same_list(text: str, one: int, other: int) -> bool:
    """Whether two program mentions stand in one clause with only a list between them."""
    between = text[min(one, other) : max(one, other)]
    return not any(char in _CLAUSE_BREAK for char in between)


def _mentions(name: str, text: str) -> list[re.Match[str]]:
    """Where a program is named in a sentence, also where a list's 等 or 、 stands inside its name
    ("“一口价汽车嗨购节”等促消费活动" names 一口价汽车嗨购节促消费活动)."""
    pattern = "[等、]?".join(map(re.escape, name))
    return list(re.finditer(pattern, text))


def _moves_total(text: str, tie: Shape, number_at: int) -> bool:
    """The economy's totals are moved by a program only where a causal link word says so ("…，带动
    地区生产总值增长7%"), not where a goal word merely marks a target ("…，力争…增长15%")."""
    if tie is Shape.SAME_CLAUSE:
        return True
    number_start = max(text.rfind(mark, 0, number_at) for mark in _CLAUSE_BREAK) + 1
    return tie is Shape.LINK and bool(_link(("link",)).search(text, number_start, number_at))


def _is(indicator: str, word_class: str) -> bool:
    """Whether an indicator names one of the economy's totals (aggregate) or an event's deals (outcome)."""
    return any(word in indicator for word in tie_words(word_class))


def link_program_targets(
    observations: tuple[Observation, ...], commitments: tuple[Commitment, ...]
) -> tuple[tuple[Observation, ...], tuple[ProgramTarget, ...]]:
    """Tie each observation to the program a shape of ``target_ties.tsv`` ties it to in its sentence."""
    programs: dict[int, list[str]] = {}
    for commitment in commitments:
        if commitment.subject_type is SubjectType.PROGRAM:
            programs.setdefault(commitment.evidence.sentence_index, []).append(commitment.subject)
    linked: list[Observation] = []
    targets: list[ProgramTarget] = []
    for observation in observations:
        names = programs.get(observation.evidence.sentence_index, [])
        if not names:  # most sentences name no program: nothing to tie, and their text need not be read
            linked.append(observation)
            continue
        text = _unquoted_simplified(observation.evidence.text)
        number_at = _number_at(text, observation)
        program = (
            _tie(
                text,
                names,
                number_at,
                _numbered(text),
                aggregate=_is(observation.indicator, "aggregate"),
                outcome=_is(observation.indicator, "outcome"),
            )
            if number_at >= 0
            else None
        )
        if program is None:
            linked.append(observation)
            continue
        observation = dataclasses.replace(observation, program=program)
        linked.append(observation)
        targets.append(ProgramTarget(program=program, observation=observation))
    return tuple(linked), tuple(targets)


def _number_at(text: str, observation: Observation) -> int:
    """Where an observation's number stands: after its indicator where the sentence states the same
    number twice ("固定资产投资增长7%，社会消费品零售总额增长7%"), else where it first does."""
    indicator_at = text.find(observation.indicator)
    first = text.find(observation.quantity.stated)
    after = text.find(observation.quantity.stated, indicator_at) if indicator_at >= 0 else -1
    return after if after >= 0 else first


@functools.lru_cache(maxsize=64)  # a sentence's observations are tied one after another
def _unquoted_simplified(text: str) -> str:
    return _QUOTES.sub("", to_simplified(text))


@functools.lru_cache(maxsize=64)
def _numbered(text: str) -> frozenset[int]:
    """The indices of a sentence's clauses that hold a number with its unit."""
    return frozenset(index for index, (start, end) in enumerate(_clauses(text)) if find_quantities(text[start:end]))
