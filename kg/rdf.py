"""Facts → RDF: an ``rdflib.Graph`` in the ``gov:`` ontology, and its serialisations.

Pure: the graph is a function of the facts and the resolution. Every node has an
IRI made from content (no blank nodes, no counters), so the same input gives the
same triples; ``serialize`` writes them in a stable order.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from decimal import Decimal
from typing import Protocol

from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV
from rdflib.term import Node

from kg.extract.numbers import decimal_str
from kg.model import (
    Aspect,
    Assessment,
    Commitment,
    Entity,
    EntityType,
    Evidence,
    Facts,
    Kind,
    Observation,
    Outcome,
    Participation,
    Qualifier,
    Resolution,
    ReviewPeriod,
    Status,
    SubjectType,
)
from kg.resolve import slug
from kg.vocab import GOV

ASPECTS = {Aspect.LEVEL: GOV.Level, Aspect.GROWTH: GOV.Growth, Aspect.PP_CHANGE: GOV.PercentagePointChange}
QUALIFIERS = {
    Qualifier.EXACT: GOV.Exact,
    Qualifier.AT_LEAST: GOV.AtLeast,
    Qualifier.AT_MOST: GOV.AtMost,
    Qualifier.APPROX: GOV.Approximately,
}
STATUSES = {Status.PLANNED: GOV.Planned, Status.ONGOING: GOV.Ongoing, Status.COMPLETED: GOV.Completed}
KINDS = {Kind.ACTUAL: GOV.Actual, Kind.TARGET: GOV.Target}
_CLASSES = {
    EntityType.REGION: GOV.Region,
    EntityType.INDICATOR: GOV.Indicator,
    EntityType.PROJECT: GOV.Project,
    EntityType.PROGRAM: GOV.Program,
    EntityType.ORGANIZATION: GOV.Organization,
}
PREFIXES = {
    "gov": Namespace(str(GOV)),
    "dcterms": DCTERMS,
    "prov": PROV,
    "skos": SKOS,
    "rdfs": RDFS,
    "xsd": XSD,
    "owl": OWL,
}


# rdflib's namespaces make a new URIRef at every attribute access: the terms written for every fact, made once.
TYPE = RDF.type
DERIVED_FROM = PROV.wasDerivedFrom
_INTEGER, _DECIMAL = XSD.integer, XSD.decimal

Triple = tuple[Node, Node, Node]


class Sink(Protocol):
    """Where triples go: an rdflib ``Graph`` or a plain ``set`` of them."""

    def add(self, triple: Triple, /) -> object: ...


def to_graph(facts: Iterable[Facts], resolution: Resolution, assessments: Iterable[Assessment] = ()) -> Graph:
    """The RDF graph of a build: reports, entities, observations, commitments, participations and assessments."""
    graph = Graph(store="SimpleMemory", bind_namespaces="none")  # no contexts: adds twice as fast
    for prefix, namespace in prefixes(resolution.base):
        graph.bind(prefix, namespace)
    add_entities(graph, resolution)
    for report_facts in facts:
        add_report(graph, report_facts, resolution)
    for assessment in assessments:
        add_assessment(graph, assessment, resolution)
    return graph


def prefixes(base: str) -> list[tuple[str, str]]:
    """The prefixes of every serialisation, sorted: ``PREFIXES`` and ``id:`` for the IRI base."""
    return sorted([*((prefix, str(namespace)) for prefix, namespace in PREFIXES.items()), ("id", base)])


def add_entities(graph: Sink, resolution: Resolution) -> None:
    """Every resolved entity's description: types, labels, parents, scheme."""
    for entity in resolution.entities:
        _add_entity(graph, entity)


def add_report(graph: Sink, report_facts: Facts, resolution: Resolution) -> None:
    """One report's triples: the report, its facts, their evidence and the edges between entities they state."""
    report = _add_report(graph, report_facts, resolution)
    for observation in report_facts.observations:
        _add_observation(graph, observation, report, resolution)
    for commitment in report_facts.commitments:
        _add_commitment(graph, commitment, report, resolution)
    for participation in report_facts.participations:
        _add_participation(graph, participation, report_facts.commitments, report, resolution)


def report_iri(base: str, report_id: str) -> URIRef:
    """The IRI of a report, from its id (the input file's stem)."""
    return URIRef(f"{base}report/{slug(report_id)}")


def _add_entity(graph: Sink, entity: Entity) -> None:
    node = URIRef(entity.iri)
    graph.add((node, TYPE, _CLASSES[entity.type]))
    graph.add((node, RDFS.label, Literal(entity.label, lang="zh")))
    if entity.label_en:
        graph.add((node, RDFS.label, Literal(entity.label_en, lang="en")))
    if entity.type is EntityType.REGION:
        if entity.subtype in ("Province", "City", "District", "County"):
            graph.add((node, TYPE, GOV[entity.subtype]))
        if entity.parent:
            graph.add((node, GOV.partOf, URIRef(entity.parent)))
        if entity.code:
            graph.add((node, GOV.divisionCode, Literal(entity.code)))
    if entity.type is EntityType.INDICATOR:
        graph.add((node, TYPE, SKOS.Concept))
        graph.add((node, SKOS.prefLabel, Literal(entity.label, lang="zh")))
        if entity.label_en:
            graph.add((node, SKOS.prefLabel, Literal(entity.label_en, lang="en")))
        if entity.curated:
            graph.add((node, SKOS.inScheme, GOV.indicators))
    for alt in entity.alt_labels:
        graph.add((node, SKOS.altLabel, Literal(alt, lang="zh")))


_REVIEW_PERIODS = {
    ReviewPeriod.YEAR: GOV.OneYear,
    ReviewPeriod.HALF_YEAR: GOV.HalfYear,
    ReviewPeriod.FIVE_YEARS: GOV.FiveYearPlanPeriod,
    ReviewPeriod.TERM: GOV.GovernmentTerm,
}


def _add_report(graph: Sink, facts: Facts, resolution: Resolution) -> URIRef:
    report = facts.report
    node = report_iri(resolution.base, report.id)
    graph.add((node, TYPE, GOV.Report))
    graph.add((node, DCTERMS.source, Literal(report.source.name)))
    graph.add((node, DCTERMS["format"], Literal(report.source.media_type)))
    if report.meta.title:
        graph.add((node, DCTERMS.title, Literal(report.meta.title, lang="zh")))
    if report.meta.region:
        graph.add((node, GOV.issuedBy, URIRef(resolution.iri(EntityType.REGION, report.meta.region, report.id))))
    for prop, year in (
        (GOV.reportYear, report.meta.report_year),
        (GOV.reviewYear, report.meta.review_year),
        (GOV.planYear, report.meta.plan_year),
    ):
        if year is not None:
            graph.add((node, prop, Literal(year, datatype=_INTEGER)))
    graph.add((node, GOV.reviewPeriod, _REVIEW_PERIODS[report.meta.review_period]))
    return node


def _fact_iri(base: str, kind: str, report_id: str, key: str) -> URIRef:
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
    return URIRef(f"{base}{kind}/{slug(report_id)}/{digest}")


def _add_evidence(graph: Sink, node: URIRef, evidence: Evidence, report: URIRef) -> None:
    graph.add((node, DERIVED_FROM, report))
    graph.add((node, GOV.evidence, Literal(evidence.text, lang="zh")))


def _decimal(value: Decimal) -> Literal:
    return Literal(decimal_str(value), datatype=_DECIMAL)


def observation_iri(obs: Observation, base: str) -> URIRef:
    """The IRI of an observation, from what it states and where."""
    q = obs.quantity
    key = "|".join(
        map(str, (obs.kind.value, obs.region, obs.indicator, obs.aspect.value, q.stated, obs.year, obs.evidence.start))
    )
    return _fact_iri(base, "observation", obs.evidence.report_id, key)


def _add_observation(graph: Sink, obs: Observation, report: URIRef, resolution: Resolution) -> None:
    q = obs.quantity
    node = observation_iri(obs, resolution.base)
    graph.add((node, TYPE, GOV.Observation))
    graph.add((node, TYPE, KINDS[obs.kind]))
    if obs.region:
        graph.add((node, GOV.region, URIRef(resolution.iri(EntityType.REGION, obs.region, obs.evidence.report_id))))
    indicator = URIRef(resolution.iri(EntityType.INDICATOR, obs.indicator))
    graph.add((node, GOV.indicator, indicator))
    if obs.year is not None:
        graph.add((node, GOV.year, Literal(obs.year, datatype=_INTEGER)))
    graph.add((node, GOV.value, _decimal(q.base_value)))
    graph.add((node, GOV.unit, Literal(q.base_unit)))
    graph.add((node, GOV.statedValue, Literal(q.stated)))
    graph.add((node, GOV.statedUnit, Literal(q.unit)))
    graph.add((node, GOV.aspect, ASPECTS[obs.aspect]))
    graph.add((node, GOV.qualifier, QUALIFIERS[obs.qualifier]))
    if obs.program:
        program = URIRef(resolution.iri(EntityType.PROGRAM, obs.program))
        graph.add((node, GOV.program, program))
        graph.add((program, GOV.targets, indicator))
    _add_evidence(graph, node, obs.evidence, report)


OUTCOMES = {Outcome.MET: GOV.Met, Outcome.MISSED: GOV.Missed, Outcome.UNDETERMINED: GOV.Undetermined}


def add_assessment(graph: Sink, assessment: Assessment, resolution: Resolution) -> None:
    target = observation_iri(assessment.target, resolution.base)
    actual = observation_iri(assessment.actual, resolution.base) if assessment.actual else None
    statement = assessment.statement
    key = str(actual) if actual else f"{statement.report_id}|{statement.start}" if statement else ""
    digest = hashlib.sha1(f"{target}|{key}".encode()).hexdigest()[:16]
    node = URIRef(f"{resolution.base}assessment/{digest}")
    graph.add((node, TYPE, GOV.Assessment))
    graph.add((node, GOV.target, target))
    graph.add((node, GOV.outcome, OUTCOMES[assessment.outcome]))
    if actual is not None:
        graph.add((node, GOV.actual, actual))
    if assessment.difference is not None:
        graph.add((node, GOV.difference, _decimal(assessment.difference)))
    for other in assessment.others:
        graph.add((node, GOV.otherActual, observation_iri(other, resolution.base)))
    sources = [assessment.target.evidence]
    if assessment.actual is not None:
        sources.append(assessment.actual.evidence)
    if statement is not None:
        sources.append(statement)
        graph.add((node, GOV.evidence, Literal(statement.text, lang="zh")))  # the review's words, no number
    for evidence in sources:
        graph.add((node, DERIVED_FROM, report_iri(resolution.base, evidence.report_id)))


def _add_participation(
    graph: Sink,
    participation: Participation,
    commitments: tuple[Commitment, ...],
    report: URIRef,
    resolution: Resolution,
) -> None:
    organization = URIRef(resolution.iri(EntityType.ORGANIZATION, participation.organization))
    key = "|".join(map(str, (participation.organization, participation.role, participation.evidence.start)))
    node = _fact_iri(resolution.base, "participation", participation.evidence.report_id, key)
    graph.add((node, TYPE, GOV.Participation))
    graph.add((node, GOV.organization, organization))
    graph.add((node, GOV.role, Literal(participation.role, lang="zh")))
    if participation.year is not None:
        graph.add((node, GOV.year, Literal(participation.year, datatype=_INTEGER)))
    if participation.region:
        region = URIRef(resolution.iri(EntityType.REGION, participation.region, participation.evidence.report_id))
        graph.add((node, GOV.region, region))
        graph.add((organization, GOV.relatedTo, region))
    # A commitment stated in the same sentence involves the organization ("…项目落地开工").
    for commitment in commitments:
        if commitment.evidence == participation.evidence:
            graph.add((_commitment_iri(commitment, resolution), GOV.involves, organization))
    _add_evidence(graph, node, participation.evidence, report)


def _commitment_iri(commitment: Commitment, resolution: Resolution) -> URIRef:
    key = "|".join(map(str, (commitment.subject, commitment.status.value, commitment.year, commitment.evidence.start)))
    return _fact_iri(resolution.base, "commitment", commitment.evidence.report_id, key)


def _add_commitment(graph: Sink, commitment: Commitment, report: URIRef, resolution: Resolution) -> None:
    kind = EntityType.PROJECT if commitment.subject_type is SubjectType.PROJECT else EntityType.PROGRAM
    subject = URIRef(resolution.iri(kind, commitment.subject))
    node = _commitment_iri(commitment, resolution)
    graph.add((node, TYPE, GOV.Commitment))
    graph.add((node, GOV.project if kind is EntityType.PROJECT else GOV.program, subject))
    graph.add((node, GOV.status, STATUSES[commitment.status]))
    if commitment.year is not None:
        graph.add((node, GOV.year, Literal(commitment.year, datatype=_INTEGER)))
    if commitment.investment is not None:
        graph.add((node, GOV.investment, _decimal(commitment.investment)))
    if commitment.region:
        region = URIRef(resolution.iri(EntityType.REGION, commitment.region, commitment.evidence.report_id))
        graph.add((node, GOV.region, region))
        edge = GOV.completed if commitment.status is Status.COMPLETED else GOV.commits
        if kind is EntityType.PROJECT or edge == GOV.commits:
            graph.add((region, edge, subject))
        if kind is EntityType.PROJECT:
            graph.add((subject, GOV.locatedIn, region))
    _add_evidence(graph, node, commitment.evidence, report)
