"""The regions kg knows by name: ``kg/lexicons/regions.tsv`` as typed records.

The gazetteer seeds region nodes (type, English label, parent, former names) and
lets a mention such as 湟中县 or 西宁 resolve to the region it names. Regions a
report names that the gazetteer lacks are still extracted; their type is read
from the name's suffix (省, 市, 区, 县, 旗, 州).
"""

from __future__ import annotations

import csv
import functools
import io
import re
from dataclasses import dataclass
from importlib import resources

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
    """A gazetteer entry: slug id, type, names and parent."""

    id: str
    type: str
    zh: str
    en: str
    parent: str | None
    alt_zh: tuple[str, ...]


@functools.lru_cache(maxsize=1)
def regions() -> dict[str, Region]:
    """Every gazetteer region by id."""
    text = resources.files("kg.lexicons").joinpath("regions.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader(io.StringIO(text), delimiter="\t")
    found: dict[str, Region] = {}
    for row in rows:
        if row["id"].startswith("#"):
            continue
        alts = tuple(a for a in (row.get("alt_zh") or "").split("|") if a)
        found[row["id"]] = Region(row["id"], row["type"], row["zh"], row["en"] or "", row["parent"] or None, alts)
    return found


@functools.lru_cache(maxsize=1)
def _by_name() -> dict[str, Region]:
    names: dict[str, Region] = {}
    # Official names win over alternative ones when both exist.
    for region in regions().values():
        for alt in region.alt_zh:
            names.setdefault(alt, region)
    for region in regions().values():
        names[region.zh] = region
    return names


def lookup(name: str) -> Region | None:
    """The gazetteer region a name (official, short or former) stands for, if any."""
    return _by_name().get(name)


def names() -> tuple[str, ...]:
    """Every name the gazetteer knows, longest first (for matching in text)."""
    return tuple(sorted(_by_name(), key=lambda n: (-len(n), n)))


def region_type(name: str) -> str:
    """The type of a named region: from the gazetteer, else from its suffix."""
    region = lookup(name)
    if region is not None:
        return region.type
    for suffix, kind in _SUFFIX_TYPES:
        if name.endswith(suffix):
            return kind
    return "Region"


def canonical(name: str) -> str:
    """The official name of a region mentioned by any of its names."""
    region = lookup(name)
    return region.zh if region is not None else name


def parent_chain(name: str) -> tuple[str, ...]:
    """Official names of the region's ancestors, nearest first."""
    region = lookup(name)
    chain: list[str] = []
    while region is not None and region.parent:
        region = regions().get(region.parent)
        if region is not None:
            chain.append(region.zh)
    return tuple(chain)


@functools.lru_cache(maxsize=1)
def _names_pattern() -> re.Pattern[str]:
    # Names of three characters or more: two-character short forms (西宁, 青海) are too often
    # part of other words (幸福西宁, 青海湖) to mark the region a sentence is about.
    return re.compile("|".join(re.escape(name) for name in names() if len(name) >= 3))


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


@functools.lru_cache(maxsize=4096)
def is_common_noun(name: str) -> bool:
    """Whether a name that ends like a region is a common noun instead (城区, 示范区, 超市, 我市)."""
    if lookup(name) is not None:
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
