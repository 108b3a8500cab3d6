"""Organizations: companies, universities, hospitals a report names with their part.

A report names a body with what it did in the region's year: "京东（青海）数字有限公司…
等落地西区", "唐道637、力盟相继入选…", "黄河新能源等企业稳产多产". A clause is read
as a list of names, an optional tail that says what they are ("等企业"), adverbs, and a
role verb. An item is an organization when its name ends in an organization word
(有限公司, 大学, 医院) or the tail says so. Words are data (``organizations.tsv``).
"""

from __future__ import annotations

import functools
import re

from kg import gazetteer
from kg.extract.vocabulary import head_type
from kg.lexicons import read_tsv
from kg.model import Evidence, Participation, Report, Sentence

_CLAUSE_END = re.compile(r"[，；：,;:。！？!?——]")
_ADVERBS = re.compile(r"(?:相继|先后|成功|正式|顺利|均|已|全部|率先|永久)+$")
_LEADING = re.compile(r"^(?:全国|全省|全市|国内|首家|第一|引进|推动|支持|依托|推进|鼓励|引导|新增|培育)+")
_AFTER = re.compile(r"支持|推动|引进|依托|鼓励|引导|培育|品牌|企业(?=.)")
_NAME = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9（）()·]{2,24}$")
_MIN_NAME = 2
_WORKS = ("项目", "工程")


@functools.cache
def _words(kind: str) -> tuple[str, ...]:
    words = (row["word"] for row in read_tsv("organizations.tsv") if row["kind"] == kind)
    return tuple(sorted(words, key=len, reverse=True))


@functools.cache
def _any_role() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, _words("role"))))


def extract_participations(report: Report) -> tuple[Participation, ...]:
    """Every organization a report names with the part it played, with evidence."""
    found: dict[tuple[str, str], Participation] = {}
    for sentence in report.sentences:
        if sentence.heading:
            continue
        for participation in _sentence_participations(sentence, report):
            found.setdefault((participation.organization, participation.role), participation)
    return tuple(found.values())


def _sentence_participations(sentence: Sentence, report: Report) -> list[Participation]:
    text = sentence.simplified
    region = gazetteer.subject_of(text) or report.meta.region
    found: list[Participation] = []
    for clause in _CLAUSE_END.split(text):
        for name, role in _clause_organizations(clause):
            found.append(Participation(name, role, region, sentence.year, Evidence.of(sentence)))
    return found


def _clause_organizations(clause: str) -> list[tuple[str, str]]:
    """ "甲公司、乙等企业相继落地" → [(甲公司, 落地), (乙, 落地)]."""
    if not _any_role().search(clause, 1):
        return []  # no role verb after the clause's first character: no role below can be found
    for role in _words("role"):
        position = clause.find(role)
        if position <= 0:
            continue
        names = _ADVERBS.sub("", clause[:position])
        tail = re.search(r"等(?:\d+家)?(?P<what>[^、等]{0,8})$", names)
        listed = False
        if tail:
            # "…等企业稳产多产"; "…瑞幸等落地西区": what lands in a region is a business.
            what = tail.group("what")
            listed = what.endswith(_words("tail")) or (role in _words("arrival") and not what.endswith(_WORKS))
            names = names[: tail.start()]
        found = []
        for item in names.split("、"):
            # "光伏光热支持亚洲硅业", "全国第一连锁咖啡品牌瑞幸": the name follows the last verb or descriptor.
            name = _LEADING.sub("", _AFTER.split(item.strip("“”"))[-1])
            if not _NAME.match(name) or len(name) < _MIN_NAME or gazetteer.opening_name(name) == name:
                continue
            if name.endswith(_words("suffix")) or (listed and head_type(name) is None):
                found.append((name, role))
        return found
    return []
