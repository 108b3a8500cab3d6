"""What a build holds: entities by type, facts by report, and the names resolution merged.

``kg stats`` prints this so that a user can see at a glance how much each report
contributed and check that merging did not join different things ("区疾控中心实验楼"
and "区疾控中心实验楼项目" are one project; "南川河综合整治" and "北川河综合整治" are two).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from kg.model import BuildResult, EntityType


@dataclass(frozen=True, slots=True)
class ReportCounts:
    """One report's facts."""

    report: str
    region: str
    year: str
    observations: int
    commitments: int
    program_targets: int
    participations: int


@dataclass(frozen=True, slots=True)
class Merge:
    """An entity several differently written names resolved to."""

    type: str
    label: str
    names: tuple[str, ...]
    iri: str


@dataclass(frozen=True, slots=True)
class Summary:
    """Counts of a build and the merges resolution made."""

    entities: tuple[tuple[str, int], ...]
    reports: tuple[ReportCounts, ...]
    merges: tuple[Merge, ...]
    triples: int


def summarise(result: BuildResult) -> Summary:
    """The counts and merges of a build."""
    resolution = result.resolution
    entities = resolution.entities if resolution else ()
    by_type = Counter(entity.type.value for entity in entities)
    reports = tuple(
        ReportCounts(
            report=f.report.id,
            region=f.report.meta.region or "",
            year=str(f.report.meta.report_year or ""),
            observations=len(f.observations),
            commitments=len(f.commitments),
            program_targets=len(f.program_targets),
            participations=len(f.participations),
        )
        for f in result.facts
    )
    # The names of this build that resolution gave one node: variant spellings of a project, and
    # indicators named as reports write them (主要预期目标——地区生产总值, 全市生产总值) merged into the scheme's.
    seen: dict[str, set[str]] = defaultdict(set)
    for (_, name), iri in resolution.iris.items() if resolution else ():
        seen[iri].add(name)
    merges = tuple(
        Merge(entity.type.value, entity.label, tuple(sorted(seen[entity.iri] - {entity.label})), entity.iri)
        for entity in entities
        if seen[entity.iri] - {entity.label} and entity.type is not EntityType.REGION
    )
    return Summary(
        entities=tuple((kind.value, by_type.get(kind.value, 0)) for kind in EntityType),
        reports=reports,
        merges=merges,
        triples=result.stats.triples,
    )
