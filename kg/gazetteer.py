"""The regions kg knows by name: ``kg/lexicons/regions.tsv`` as typed records.

The gazetteer seeds region nodes (type, English label, parent, former names) and
lets a mention such as 湟中县 or 西宁 resolve to the region it names. Regions a
report names that the gazetteer lacks are still extracted; their type is read
from the name's suffix (省, 市, 区, 县, 旗, 州).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from kg.lexicons import read_tsv
from kg.segment import tokenizer

# Suffix → region type, longest first, for names the gazetteer does not list.
_SUFFIX_TYPES = (
    ("自治区", "Province"),
    ("特别行政区", "Province"),
    ("自治州", "City"),
    ("自治县", "County"),
    ("自治旗", "County"),
    ("地区", "City"),
    ("省", "Province"),
    ("市", "City"),
    ("州", "City"),
    ("盟", "City"),
    ("区", "District"),
    ("县", "County"),
    ("旗", "County"),
)


@dataclass(frozen=True, slots=True)
class Region:
    """A gazetteer entry: slug id, type, names, parent, division code and level."""

    id: str
    type: str
    zh: str
    en: str
    parent: str | None
    alt_zh: tuple[str, ...]
    code: str = ""
    level: str = ""  # province | prefecture | county
    former_zh: tuple[str, ...] = ()


@functools.lru_cache(maxsize=1)
def regions() -> dict[str, Region]:
    """Every gazetteer region by id."""
    found: dict[str, Region] = {}
    for row in read_tsv("regions.tsv"):
        found[row["id"]] = Region(
            row["id"],
            row["type"],
            row["zh"],
            row["en"] or "",
            row["parent"] or None,
            _split(row.get("alt_zh")),
            row.get("code") or "",
            row.get("level") or "",
            _split(row.get("former_zh")),
        )
    return found


def _split(field: str | None) -> tuple[str, ...]:
    return tuple(name for name in (field or "").split("|") if name)


# How a name stands for a region, best first: its official name, a name in use or a former one,
# then a short name derived by rule (a province's before a prefecture's before a county's: 吉林
# alone is the province, 海南 the province rather than 海南藏族自治州).
_OFFICIAL, _ALTERNATIVE, _SHORT = 0, 1, 2
_LEVEL_RANK = {"province": 0, "prefecture": 1, "county": 2}


@functools.lru_cache(maxsize=1)
def _nations() -> tuple[str, ...]:
    """The nations as names write them: 回族, and without 族 where two characters remain (维吾尔, 蒙古)."""
    full = {row["name"] for row in read_tsv("nations.tsv")}
    bare = {name[:-1] for name in full if len(name) >= 4}
    return tuple(sorted(full | bare, key=lambda n: (-len(n), n)))


def _without_nations(stem: str) -> str:
    """延边朝鲜族 → 延边, 大通回族土族 → 大通, 新疆维吾尔 → 新疆 (but 内蒙古 stays)."""
    nations = _nations()
    while True:
        nation = next((n for n in nations if stem.endswith(n) and len(stem) - len(n) >= 2), None)
        if nation is None:
            return stem
        stem = stem[: -len(nation)]


# Official suffix → the forms a report shortens it to ("" for the bare stem), by level.
_SHORT_FORMS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "province": (("特别行政区", ("",)), ("自治区", ("", "自治区")), ("省", ("",)), ("市", ("",))),
    "prefecture": (("自治州", ("", "州")), ("地区", ("",)), ("新区", ("",)), ("市", ("",)), ("盟", ("",))),
    # A county's bare stem is too often a common word or another county's (城东, 朝阳, 鼓楼);
    # only an autonomous county's short form is kept: 大通回族土族自治县 → 大通县.
    "county": (("自治县", ("县",)), ("自治旗", ("旗",))),
}


def short_names(region: Region) -> tuple[str, ...]:
    """The short names a report uses for ``region``, derived from its official name:
    西宁市 → 西宁, 新疆维吾尔自治区 → 新疆, 新疆自治区; 延边朝鲜族自治州 → 延边, 延边州;
    大通回族土族自治县 → 大通县. A short name has two characters or more and is not a
    common noun (``not_regions.tsv``)."""
    for suffix, forms in _SHORT_FORMS.get(region.level, ()):
        if region.zh.endswith(suffix):
            stem = region.zh[: -len(suffix)]
            if suffix.startswith("自治"):
                stem = _without_nations(stem)
            found = (stem + form for form in forms)
            return tuple(name for name in found if len(name) >= 2 and name != region.zh and name not in _noun_set())
    return ()


@functools.lru_cache(maxsize=1)
def _index() -> dict[str, tuple[tuple[int, Region], ...]]:
    """Every name → the regions it may stand for, with how (official, alternative, short), best first."""
    found: dict[str, dict[str, int]] = {}
    for region in regions().values():
        named = [(region.zh, _OFFICIAL)]
        named += [(alt, _ALTERNATIVE) for alt in (*region.alt_zh, *region.former_zh)]
        named += [(short, _SHORT + _LEVEL_RANK.get(region.level, 2)) for short in short_names(region)]
        for name, tier in named:
            # An official name that is a common noun (城区, 矿区, 郊区) names no region by itself.
            if name in _noun_set():
                continue
            ranks = found.setdefault(name, {})
            ranks[region.id] = min(tier, ranks.get(region.id, tier))
    by_id = regions()
    return {
        name: tuple(sorted(((tier, by_id[id_]) for id_, tier in ranks.items()), key=lambda t: (t[0], t[1].id)))
        for name, ranks in found.items()
    }


def candidates(name: str) -> tuple[Region, ...]:
    """Every region ``name`` may denote (鼓楼区: four of them), best reading first."""
    return tuple(region for _, region in _index().get(name, ()))


def lookup(name: str) -> Region | None:
    """The region a name (official, in use, former or short) stands for, or None when it is
    unknown or shared by several regions at its best reading (鼓楼区; use ``choose``)."""
    entries = _index().get(name)
    if not entries:
        return None
    best = [region for tier, region in entries if tier == entries[0][0]]
    return best[0] if len(best) == 1 else None


def ancestors(region: Region) -> tuple[Region, ...]:
    """The regions ``region`` is part of, nearest first."""
    chain: list[Region] = []
    parent = regions().get(region.parent) if region.parent else None
    while parent is not None:
        chain.append(parent)
        parent = regions().get(parent.parent) if parent.parent else None
    return tuple(chain)


def choose(name: str, context_names: Iterable[str]) -> Region | None:
    """The region ``name`` stands for among same-named ones, told apart by the places named
    around it: an ancestor named (南京市, 江苏省) counts most, a neighbour under the same
    parent (玄武区 beside 鼓楼区) less. None when the context does not settle it."""
    found = candidates(name)
    if len(found) <= 1:
        return found[0] if found else None
    context = {region.id for other in context_names if other != name for region in candidates(other)}
    if not context:
        return lookup(name)

    def support(region: Region) -> int:
        lineage = {ancestor.id for ancestor in ancestors(region)}
        return 2 * len(lineage & context) + sum(
            1 for id_ in context if id_ != region.id and regions()[id_].parent == region.parent
        )

    scores = sorted(((support(region), region.id) for region in found), reverse=True)
    if scores[0][0] == 0 or (len(scores) > 1 and scores[1][0] == scores[0][0]):
        return lookup(name)
    return regions()[scores[0][1]]


def names() -> tuple[str, ...]:
    """Every name the gazetteer knows, longest first (for matching in text)."""
    return tuple(sorted(_index(), key=lambda n: (-len(n), n)))


def region_type(name: str) -> str:
    """The type of a named region: from the gazetteer, else from its suffix."""
    found = {region.type for region in candidates(name)}
    if len(found) == 1:
        return found.pop()
    for suffix, kind in _SUFFIX_TYPES:
        if name.endswith(suffix):
            return kind
    return "Region"


def canonical(name: str) -> str:
    """The official name of a region mentioned by any of its names."""
    region = lookup(name)
    if region is not None:
        return region.zh
    found = {region.zh for region in candidates(name)}
    return found.pop() if len(found) == 1 else name


def parent_chain(name: str) -> tuple[str, ...]:
    """Official names of the region's ancestors, nearest first (none for an ambiguous name)."""
    region = lookup(name)
    return tuple(ancestor.zh for ancestor in ancestors(region)) if region is not None else ()


@functools.lru_cache(maxsize=2)
def _pattern(*, two: bool) -> re.Pattern[str]:
    """One regex for the names of three characters or more (or, with ``two``, of two), built as a
    trie so that it compiles once and matches fast, longest first."""
    trie = _trie_regex(name for name in _index() if (len(name) == 2) == two and len(name) >= 2)
    # Not where the name's last character starts another word: 东方市场 is a market, not 东方市;
    # 某某县域 and 某某区域 speak of an area.
    return re.compile("(?:" + trie + ")" + _NOT_A_WORD_AFTER)


_NOT_A_WORD_AFTER = r"(?!(?<=市)场)(?!(?<=[区县])域)"


def _trie_regex(words: Iterable[str]) -> str:
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _node_regex(trie)


def _node_regex(node: dict[str, Any]) -> str:
    ends = "" in node
    branches = [re.escape(char) + _node_regex(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # Greedy ``?`` tries the longer name first: 西宁市城东区 reads 西宁市, then 城东区.
    if ends:
        return "(?:" + body + ")?" if len(branches) > 1 or len(body) > 1 else body + "?"
    return body


def find_names(text: str, *, short: bool = False) -> list[tuple[int, int, str]]:
    """Region names in ``text`` as (start, end, name): leftmost, longest, not overlapping.

    ``short`` adds two-character names (西宁, 新疆, 陇县) where no longer name covers them:
    they are also parts of other words (幸福西宁, 青海湖), so weaker evidence of the place."""
    found = [(m.start(), m.end(), m.group(0)) for m in _pattern(two=False).finditer(text)]
    if not short:
        return found
    covered = {i for start, end, _ in found for i in range(start, end)}
    found += [
        (m.start(), m.end(), m.group(0))
        for m in _pattern(two=True).finditer(text)
        if m.start() not in covered and m.end() - 1 not in covered
    ]
    return sorted(found)


@functools.lru_cache(maxsize=1)
def _names_pattern() -> re.Pattern[str]:
    """Kept for callers of the old API: full names, as ``find_names`` matches them."""
    return _pattern(two=False)


def subject_of(text: str) -> str | None:
    """The region a sentence or clause opens with as its subject ("大通县加快…" → 大通回族土族自治县).

    Only an opening name counts: a region named later is usually part of another name
    (建成青海省绿色有机农畜产品输出地配送中心).
    """
    opening = opening_name(text)
    return canonical(opening) if opening else None


# A county-level name the gazetteer lacks: two to four characters and 区/县/旗, not followed by
# what makes it part of a longer word (区域, 县域, 区级, 县委).
_COUNTY_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}?(?:自治县|自治旗|区|县|旗)(?![域级委属内外城])")


def opening_name(text: str) -> str:
    """The region name ``text`` starts with, as written, or "".

    Gazetteer names first; else a county-level name read from its suffix ("双流区地区生产总值
    增长5%"), unless it is a common noun (城区, 开发区) or the start of a longer word (区域).
    """
    found = _names_pattern().match(text)
    if found is not None:
        return found.group(0)
    found = _COUNTY_NAME.match(text)
    if found is None or is_common_noun(found.group(0)) or not _reads_as_a_name(found.group(0)):
        return ""
    return found.group(0)


# A township or street office below a district or county: 簇桥街道, 多巴镇.
_TOWNSHIP_NAME = re.compile(r"[\u4e00-\u9fff]{2,3}?(?:街道办事处|街道|镇)(?![\u4e00-\u9fff]?[域级委内外区])")


def opening_township(text: str) -> str:
    """The township or street office ``text`` starts with, as written, or ""."""
    found = _TOWNSHIP_NAME.match(text)
    if found is None or is_common_noun(found.group(0)):
        return ""
    return found.group(0)


@functools.lru_cache(maxsize=4096)
def _reads_as_a_name(name: str) -> bool:
    """Whether jieba reads a county-like name as one word (武侯区, 龙门县) or a noun and its
    suffix (双流/n 区), not as a verb and more words (深化/j 市县)."""
    words = list(tokenizer().cut(name))
    if len(words) == 1:
        return True
    stem, suffix = words[0], words[-1]
    return (
        len(words) == 2
        and len(stem.word) >= 2
        and stem.flag in ("n", "ns", "nr", "nz")
        and suffix.word in ("区", "县", "旗")
    )


@functools.lru_cache(maxsize=1)
def _common_nouns() -> tuple[str, ...]:
    return tuple(row["word"] for row in read_tsv("not_regions.tsv"))


@functools.lru_cache(maxsize=1)
def _noun_set() -> frozenset[str]:
    return frozenset(_common_nouns())


@functools.lru_cache(maxsize=4096)
def is_common_noun(name: str) -> bool:
    """Whether a name that ends like a region is a common noun instead (城区, 示范区, 超市, 我市)."""
    if candidates(name):
        return False
    nouns = _common_nouns()
    if name in nouns or name.endswith(tuple(noun for noun in nouns if len(noun) >= 3)):
        return True
    # A two-character noun ends real names too (南山区, 西湖区): jieba's dictionary knows those.
    return name.endswith(nouns) and not _one_place_name(name)


@functools.lru_cache(maxsize=4096)
def _one_place_name(name: str) -> bool:
    words = list(tokenizer().cut(name))
    return len(words) == 1 and words[0].flag == "ns"
