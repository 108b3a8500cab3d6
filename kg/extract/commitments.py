"""Projects and programs: sentences → ``Commitment`` (a region undertaking something).

A trigger verb commits the region to what follows it when that phrase ends in a
project or program head word ("实施沙塘川河水污染治理及水生态工程"); a completion
verb after a name reports it done ("新千王府井购物中心开业运营"). Lists share the
verb and, where the items are short, the head ("园山、十里铺小学" → 园山小学,
十里铺小学). Quoted names followed by a program head are programs
("“西宁蓝”建设行动"). Heads and verbs are data (``subjects.tsv``, ``triggers.tsv``).
"""

from __future__ import annotations

import csv
import functools
import io
import re
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources

from kg import gazetteer
from kg.extract.numbers import find_quantities
from kg.model import Commitment, Evidence, Part, Report, Sentence, Status, SubjectType

_CLAUSE_END = re.compile(r"[，；：,;:。！？!?]")
_QUOTED = re.compile(r"[“\"]([^“”\"，。；]{2,20})[”\"]")
_LIST_TAIL = re.compile(
    r"(?:等(?:\d+个|一批|多个)?(?:重点|重大|民生)?(?:项目|工程|工作|任务)(?:建设)?|工作|任务|建设任务)$"
)
_LEADING = re.compile(
    r"^(?:了|全区|全市|全县|一批|一个|重点|全面|积极|大力|持续|深入|扎实|有序|加快|推进|启动|实施|全力|稳步|着力)+"
)
# Adverbs between a name and a completion verb after it: "建成投入使用", "如期通车".
_ADVERB_TAIL = re.compile(r"(?:建成|如期|顺利|全面|并网|正式|已经|已|相继)+$")
_BUILDING_TAIL = re.compile(r"(?:项目)?(?:建设|改造)?(?:项目)?建设$")
_INVESTMENT = re.compile(r"(?:总)?投(?:资|入)(?:资金)?(?:近|约|超过)?$")
_MIN_NAME, _MAX_NAME = 3, 25
# Nouns after a quoted name that make it the name of an undertaking: its task, work, funds, policy.
_PROGRAM_NOUNS = ("任务", "工作", "资金", "政策", "活动", "目标任务")


@dataclass(frozen=True, slots=True)
class _Trigger:
    verb: str
    after: bool
    review: Status
    plan: Status


@functools.lru_cache(maxsize=1)
def _heads() -> tuple[tuple[str, SubjectType], ...]:
    rows = _read_tsv("subjects.tsv")
    return tuple(sorted(((r["head"], SubjectType(r["type"])) for r in rows), key=lambda h: -len(h[0])))


@functools.lru_cache(maxsize=1)
def _triggers() -> tuple[_Trigger, ...]:
    rows = _read_tsv("triggers.tsv")
    found = (_Trigger(r["verb"], r["position"] == "after", Status(r["review"]), Status(r["plan"])) for r in rows)
    return tuple(sorted(found, key=lambda t: -len(t.verb)))


def _read_tsv(name: str) -> list[dict[str, str]]:
    text = resources.files("kg.lexicons").joinpath(name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t"))


def head_type(name: str) -> SubjectType | None:
    """Project or program, by the head word a name ends in; None if it ends in neither."""
    for head, kind in _heads():
        if name.endswith(head) and len(name) > len(head):
            return kind
    return None


def extract_commitments(report: Report) -> tuple[Commitment, ...]:
    """Every project and program a report commits its region to, with status and evidence."""
    found: dict[tuple[str, SubjectType, Status], Commitment] = {}
    for sentence in report.sentences:
        if sentence.heading:
            continue
        for commitment in _sentence_commitments(sentence, report):
            found.setdefault((commitment.subject, commitment.subject_type, commitment.status), commitment)
    return tuple(found.values())


def _sentence_commitments(sentence: Sentence, report: Report) -> list[Commitment]:
    text = sentence.simplified
    commitments: list[Commitment] = []
    start = 0
    for match in [*_CLAUSE_END.finditer(text), None]:
        end = match.start() if match else len(text)
        clause = text[start:end]
        for name, kind, trigger in _clause_subjects(clause):
            status = trigger.review if sentence.part is Part.REVIEW else trigger.plan
            if kind is SubjectType.PROGRAM and status is Status.COMPLETED:
                status = Status.ONGOING
            commitments.append(
                Commitment(
                    # A sentence about a county or district names it first ("大通县加快完善…").
                    region=gazetteer.subject_of(text) or report.meta.region,
                    subject=name,
                    subject_type=kind,
                    status=status,
                    year=sentence.year,
                    evidence=Evidence(sentence.report_id, sentence.index, sentence.start, sentence.end, sentence.text),
                    investment=_investment(clause),
                )
            )
        start = match.end() if match else len(text)
    return commitments


def _clause_subjects(clause: str) -> list[tuple[str, SubjectType, _Trigger]]:
    found: list[tuple[str, SubjectType, _Trigger]] = []
    for trigger in _triggers():
        if trigger.after:
            if clause.endswith(trigger.verb):
                found.extend(_named(clause[: -len(trigger.verb)], trigger))
                break
        else:
            position = clause.find(trigger.verb)
            if position >= 0:
                found.extend(_named(clause[position + len(trigger.verb) :], trigger))
                break
    verbs = tuple(t.verb for t in _triggers() if not t.after)
    quotes = list(_QUOTED.finditer(clause))
    previous_introduced = False
    for number, quoted in enumerate(quotes):
        rest = clause[quoted.end() :]
        suffix = next((h for h, k in _heads() if k is SubjectType.PROGRAM and rest.startswith(h)), "")
        # A quoted name is a program when a trigger verb introduces it ("深入推进“街长制”"), when it
        # continues a list of quoted names ("“街长制”“门前六包”"), or when a program head follows it.
        before = clause[quotes[number - 1].end() if number else 0 : quoted.start()]
        introduced = (
            before.endswith(verbs)
            or (previous_introduced and before in ("", "、", "和", "及"))
            or rest.startswith(_PROGRAM_NOUNS)  # “煤改气”任务, “保交楼”资金
        )
        previous_introduced = introduced
        if suffix or introduced:
            trigger = _Trigger("", False, Status.ONGOING, Status.PLANNED)
            found.append((quoted.group(1) + suffix, SubjectType.PROGRAM, trigger))
    unique = {name: (name, kind, trigger) for name, kind, trigger in reversed(found)}
    return [unique[name] for name in dict.fromkeys(name for name, _, _ in found)]


def _named(phrase: str, trigger: _Trigger) -> list[tuple[str, SubjectType, _Trigger]]:
    """Names in a phrase after (or before) a trigger verb, lists split and heads shared."""
    phrase = _LIST_TAIL.sub("", _LEADING.sub("", phrase.replace("“", "").replace("”", "")))
    # A name ends where an amount stated after it begins ("化肥农药减量增效30万亩").
    amounts = find_quantities(phrase)
    if amounts and amounts[-1].end == len(phrase) and amounts[-1].start > 0:
        phrase = phrase[: amounts[-1].start]
    phrase = _ADVERB_TAIL.sub("", phrase)
    # "…幼儿园建设", "…基地项目建设": the building of a facility names the facility.
    bare = _BUILDING_TAIL.sub("", phrase)
    if bare != phrase and head_type(bare) is SubjectType.PROJECT:
        phrase = bare
    items = [item for item in phrase.split("、") if item]
    if not items:
        return []
    last = items[-1]
    shared = _shared_head(last)
    names: list[str] = []
    for item in items:
        name = item if head_type(item) or not shared else item + shared
        names.append(_LEADING.sub("", name))
    found: list[tuple[str, SubjectType, _Trigger]] = []
    for name in names:
        kind = head_type(name)
        if (
            kind is None
            or not (_MIN_NAME <= len(name) <= _MAX_NAME)
            or re.match(r"^[\d一二三四五六七八九十两百千万]+[个项座所条家处批]", name)
        ):
            continue
        found.append((name, kind, trigger))
    return found


def _shared_head(last: str) -> str:
    """The head a list's last item lends to shorter items before it: 十里铺小学 → 小学."""
    for head, _ in _heads():
        position = last.find(head)
        if position > 0:
            return last[position:]
    return ""


def _investment(clause: str) -> Decimal | None:
    for q in find_quantities(clause):
        if q.base_unit == "元" and _INVESTMENT.search(clause[: q.start]):
            return q.base_value
    return None
