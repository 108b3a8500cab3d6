"""Program → indicator targets: a program tied, in one sentence, to the number it aims at.

"全面推进垃圾分类工作，垃圾分类达标小区覆盖率达到90%": the program is named first
and the number follows it in the same sentence, so the number is the program's
aim (for a plan) or its result (for a review). The observation gains
``program`` and a ``ProgramTarget`` records the tie.
"""

from __future__ import annotations

import dataclasses
import re

from kg.clean import to_simplified
from kg.extract.commitments import is_introduced
from kg.extract.numbers import find_quantities
from kg.model import Commitment, Observation, ProgramTarget, SubjectType

_QUOTES = re.compile(r"[“”\"]")
# Guiding formulas ("两个维护", "四个意识") are named in passing, not aimed at numbers.
_SLOGAN = re.compile(r"^[一二三四五六七八九十两]+个|^.{0,2}[一二三四五六七八九十两].{0,3}$")
# How far a number may follow its program and still be its aim: one or two clauses.
_REACH = 80
_CLAUSE_BREAK = re.compile(r"[，；。,;]")


def _ties(text: str, start: int, length: int, number_at: int) -> bool:
    """A program named shortly before a number, or in the same clause as it (完成448公里“四好农村路”)."""
    end = start + length
    if start < 0:
        return False
    if end <= number_at:
        if not _CLAUSE_BREAK.search(text, end, number_at):
            return True  # "减税降费147亿元": in the number's own clause
        # In a clause before the number only where that clause is about the program (推进…,
        # …成效显著), not where it is named in passing ("统筹疫情防控和经济社会发展，…").
        return number_at - end <= _REACH and "；" not in text[end:number_at] and is_introduced(text, start, end)
    return not _CLAUSE_BREAK.search(text, number_at, start)


def _counted(text: str, start: int, number_at: int) -> bool:
    """A program counted in a clause of its own before the number ("扎实推进“西宁蓝”建设行动，…，
    完成34.25蒸吨“煤改气”任务，空气质量优良率达82.5%"; "等73个“幸福西宁·绿色交通”项目开工，…")
    is that count's object: the count stands before its name."""
    opens = max(text.rfind(mark, 0, start) for mark in "，；。,;") + 1
    closes = _CLAUSE_BREAK.search(text, start)
    if closes is None or closes.start() >= number_at:
        return False
    # Money before the name is what the program was given ("落实1.3亿元“保交楼”资金"), not its count.
    return any(quantity.base_unit != "元" for quantity in find_quantities(text[opens:start]))


def link_program_targets(
    observations: tuple[Observation, ...], commitments: tuple[Commitment, ...]
) -> tuple[tuple[Observation, ...], tuple[ProgramTarget, ...]]:
    """Tie each observation to the nearest program named before it in its sentence."""
    programs: dict[int, list[str]] = {}
    for commitment in commitments:
        if commitment.subject_type is SubjectType.PROGRAM:
            programs.setdefault(commitment.evidence.sentence_index, []).append(commitment.subject)
    linked: list[Observation] = []
    targets: list[ProgramTarget] = []
    for observation in observations:
        names = programs.get(observation.evidence.sentence_index, [])
        text = _QUOTES.sub("", to_simplified(observation.evidence.text))
        number_at = text.find(observation.quantity.stated)
        before = [
            (text.find(name), name)
            for name in names
            if _ties(text, text.find(name), len(name), number_at) and not _SLOGAN.match(name)
        ]
        if not before:
            linked.append(observation)
            continue
        # The nearest program, passing over one counted in a clause of its own before the number.
        before = [(at, name) for at, name in before if not _counted(text, at, number_at)]
        if not before:
            linked.append(observation)
            continue
        program = max(before)[1]
        observation = dataclasses.replace(observation, program=program)
        linked.append(observation)
        targets.append(ProgramTarget(program=program, observation=observation))
    return tuple(linked), tuple(targets)
