"""Resolution: names in facts → ``Entity`` objects with stable, readable IRIs.

The same region, indicator, project or program named in two sentences or two
reports becomes one IRI: names are compared after traditional → simplified,
quote and bracket normalisation and, for projects, dropping a trailing 项目 (and
建设 or 工程 where what precedes them is a name of works on its own).
Regions resolve through the gazetteer (湟中县 → 湟中区), indicators through the
curated scheme (生产总值 → 地区生产总值). IRIs come from content, never from
counters, so every build of the same input mints the same ones.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable

from kg import gazetteer, indicators
from kg.clean import to_simplified
from kg.extract.commitments import head_type
from kg.lexicons import read_tsv
from kg.model import Entity, EntityType, Facts, Resolution

DEFAULT_BASE = "https://w3id.org/govkg/id/"
_MAX_SLUG = 60
_QUOTES = re.compile(r"[“”\"'‘’「」『』《》〈〉【】]")
_BRACKETS = str.maketrans({"（": "(", "）": ")", "［": "[", "］": "]"})
_PATH = {
    EntityType.REGION: "region",
    EntityType.INDICATOR: "indicator",
    EntityType.PROJECT: "project",
    EntityType.PROGRAM: "program",
    EntityType.ORGANIZATION: "organization",
}


def normalise_name(name: str, kind: EntityType) -> str:
    """The key two mentions of one thing share: simplified, unquoted, trimmed."""
    key = _QUOTES.sub("", to_simplified(unicodedata.normalize("NFKC", name))).translate(_BRACKETS).strip()
    if kind is EntityType.PROJECT:
        # "…项目", "…建设", "…工程" are only suffixes where what precedes them is a name of works
        # itself: 第三幼儿园建设 is 第三幼儿园; 大园山绿化工程 stays whole.
        for suffix in ("项目", "建设", "工程"):
            bare = key[: -len(suffix)]
            if key.endswith(suffix) and len(bare) >= 3 and (suffix == "项目" or head_type(bare)):
                key = bare
    return key


@functools.cache
def _framing() -> tuple[re.Pattern[str], re.Pattern[str]]:
    rows = read_tsv("indicator_framing.tsv")
    # Region names of any length here: a short name (镇江, 上海) before an indicator frames it.
    places = sorted(gazetteer.names(), key=len, reverse=True)
    before = "|".join(re.escape(w) for w in [*(r["word"] for r in rows if r["position"] == "before"), *places])
    after = "|".join(re.escape(r["word"]) for r in rows if r["position"] == "after")
    return re.compile(rf"^(?:{before}|(?:19|20)\d\d年)"), re.compile(rf"(?:{after})$")


@functools.lru_cache(maxsize=8192)
def unframed(name: str) -> str:
    """An indicator's name without the words that frame it in its sentence (indicator_framing.tsv):
    a leading region, year, "预计", "主要预期目标——"; a trailing "预期".

    镇江2018年预计实现地区生产总值 → 地区生产总值."""
    key = normalise_name(name, EntityType.INDICATOR)
    before, after = _framing()
    while True:
        stripped = after.sub("", before.sub("", key, count=1))
        if stripped == key or not stripped:
            return key
        key = stripped


@functools.lru_cache(maxsize=4096)  # every fact's IRI holds its report's slug
def slug(text: str) -> str:
    """An IRI path segment: letters and digits of any script kept, the rest percent-encoded.

    Long names are cut and suffixed with a hash of the whole so that they stay
    unique and the IRI stays short.
    """
    if len(text) > _MAX_SLUG:
        digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]
        text = f"{text[:_MAX_SLUG]}-{digest}"
    out: list[str] = []
    for char in text:
        category = unicodedata.category(char)
        if (char.isascii() and (char.isalnum() or char in "-._~")) or (not char.isascii() and category[0] in "LN"):
            out.append(char)
        else:
            # surrogatepass: a lone surrogate (never from a decoded file, but a str can hold one)
            # still becomes %-escapes rather than an exception.
            out.extend(f"%{byte:02X}" for byte in char.encode("utf-8", "surrogatepass"))
    return "".join(out) or "_"


def resolve(facts: Iterable[Facts], *, base: str = DEFAULT_BASE) -> Resolution:
    """Give every region, indicator, project, program and organization named in ``facts`` one IRI."""
    mentions: dict[EntityType, set[str]] = defaultdict(set)
    parents: dict[str, str] = {}  # regions the gazetteer lacks → the region a report puts them in
    chosen: dict[tuple[str, str], gazetteer.Region] = {}  # (report, shared name) → the region meant
    for report_facts in facts:
        regions = _region_names(report_facts)
        shared = _shared_regions(report_facts, regions)
        chosen.update(((report_facts.report.id, name), region) for name, region in shared.items())
        mentions[EntityType.REGION].update(regions - set(shared))
        parents.update(_region_parents(report_facts, parents))
        for obs in report_facts.observations:
            mentions[EntityType.INDICATOR].add(obs.indicator)
            if obs.program:
                mentions[EntityType.PROGRAM].add(obs.program)
        for commitment in report_facts.commitments:
            mentions[EntityType(commitment.subject_type.value.capitalize())].add(commitment.subject)
        for target in report_facts.program_targets:
            mentions[EntityType.PROGRAM].add(target.program)
        for participation in report_facts.participations:
            mentions[EntityType.ORGANIZATION].add(participation.organization)
    entities: dict[str, Entity] = {}
    iris: dict[tuple[EntityType, str], str] = {}
    for kind in EntityType:
        for name in sorted(mentions[kind]):
            entity = _entity(kind, name, base)
            iris[(kind, name)] = entity.iri
            known = entities.get(entity.iri)
            if known is not None and name != known.label and name not in known.alt_labels:
                entity = _with_alt(known, name)
            elif known is not None:
                entity = known
            entities[entity.iri] = entity
    local: dict[tuple[str, str], str] = {}
    for key, region in sorted(chosen.items(), key=lambda item: item[0]):
        entity = _region_entity(region, f"{base}{_PATH[EntityType.REGION]}/")
        local[key] = entity.iri
        entities.setdefault(entity.iri, entity)
    # Regions the gazetteer lacks take the parent their report names; regions named only as
    # parents still need their nodes.
    for entity in list(entities.values()):
        if entity.type is EntityType.REGION and not entity.curated and entity.label in parents:
            parent = _entity(EntityType.REGION, parents[entity.label], base)
            entities[entity.iri] = dataclasses.replace(entity, parent=parent.iri)
            entities.setdefault(parent.iri, parent)
    for entity in list(entities.values()):
        if entity.type is EntityType.REGION and entity.curated:
            curated = gazetteer.regions().get(entity.iri.rpartition(f"{_PATH[EntityType.REGION]}/")[2])
            for ancestor in gazetteer.ancestors(curated) if curated else ():
                parent = _region_entity(ancestor, f"{base}{_PATH[EntityType.REGION]}/")
                entities.setdefault(parent.iri, parent)
    merged = tuple(
        (entity.iri, entity.alt_labels)
        for entity in sorted(entities.values(), key=lambda e: e.iri)
        if entity.alt_labels and not entity.curated
    )
    return Resolution(base, tuple(sorted(entities.values(), key=lambda e: e.iri)), iris, merged, local)


def _region_names(report_facts: Facts) -> set[str]:
    """Every region name a report's frame and facts use."""
    found = {report_facts.report.meta.region}
    found |= {obs.region for obs in report_facts.observations}
    found |= {commitment.region for commitment in report_facts.commitments}
    found |= {participation.region for participation in report_facts.participations}
    return {name for name in found if name}


def _shared_regions(report_facts: Facts, names: set[str]) -> dict[str, gazetteer.Region]:
    """Names several regions share (鼓楼区, 朝阳区) → the one this report means, told by its
    issuer, the issuer's parent and ancestors, and the other places it names (issue 13)."""
    meta = report_facts.report.meta
    context = [name for name in (meta.region, meta.region_parent) if name]
    if meta.region:
        context += gazetteer.parent_chain(meta.region)
    context += sorted(names)
    found: dict[str, gazetteer.Region] = {}
    for name in sorted(names):
        simple = to_simplified(name)
        if len(gazetteer.candidates(simple)) > 1 and gazetteer.lookup(simple) is None:
            # The issuer's parent, read from its title or session line, places the issuer itself.
            region = gazetteer.choose(simple, context)
            if region is not None:
                found[name] = region
    return found


def _region_parents(report_facts: Facts, known: dict[str, str]) -> dict[str, str]:
    """Parents for regions the gazetteer lacks: the issuer's from its title (成都市武侯区 → 成都市),
    and for a district or county it names, the issuing city or the issuer's own parent."""
    meta = report_facts.report.meta
    if meta.region is None:
        return {}
    found: dict[str, str] = {}
    issuer_parent = meta.region_parent or known.get(meta.region)
    if meta.region_parent and not gazetteer.candidates(meta.region):
        found[meta.region] = meta.region_parent
    issuer_type = gazetteer.region_type(meta.region)
    county_parent = meta.region if issuer_type == "City" else issuer_parent
    named = {obs.region for obs in report_facts.observations} | {c.region for c in report_facts.commitments}
    for name in sorted(filter(None, named - {meta.region})):
        if gazetteer.candidates(name):
            continue
        if county_parent and gazetteer.region_type(name) in ("District", "County"):
            found.setdefault(name, county_parent)
        elif gazetteer.opening_township(name) == name and issuer_type in ("District", "County"):
            found.setdefault(name, meta.region)  # a street office or township of the issuing district
    return {name: parent for name, parent in found.items() if name not in known}


def _with_alt(entity: Entity, name: str) -> Entity:
    return dataclasses.replace(entity, alt_labels=tuple(sorted({*entity.alt_labels, name})))


def _region_entity(region: gazetteer.Region, path: str) -> Entity:
    parent = gazetteer.regions().get(region.parent) if region.parent else None
    return Entity(
        iri=path + region.id,
        type=EntityType.REGION,
        label=region.zh,
        label_en=region.en or None,
        alt_labels=region.alt_zh,
        subtype=region.type,
        parent=path + parent.id if parent else None,
        curated=True,
        code=region.code or None,
    )


def _entity(kind: EntityType, name: str, base: str) -> Entity:
    path = f"{base}{_PATH[kind]}/"
    if kind is EntityType.REGION:
        region = gazetteer.lookup(to_simplified(name))
        if region is not None:
            return _region_entity(region, path)
        return Entity(path + slug(normalise_name(name, kind)), kind, name, subtype=gazetteer.region_type(name))
    if kind is EntityType.INDICATOR:
        indicator = indicators.lookup(normalise_name(name, kind)) or indicators.lookup(unframed(name))
        if indicator is not None:
            alts = tuple(sorted({*indicator.alt_zh, name} - {indicator.pref_zh}))
            return Entity(path + indicator.id, kind, indicator.pref_zh, indicator.pref_en, alts, curated=True)
    key = normalise_name(name, kind)
    alts = (name,) if key != name else ()
    return Entity(path + slug(key), kind, key, alt_labels=alts)
