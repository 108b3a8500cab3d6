"""Facts → RDF triples in the ``gov:`` ontology: the one mapping, and ``to_graph`` for an ``rdflib.Graph``.

Pure: the triples are a function of the facts and the resolution. Every node has an
IRI made from content (no blank nodes, no counters), so the same input gives the
same triples; ``kg.serialize`` writes them in a stable order.

The triples are kg's own light terms, not rdflib's: an IRI is a plain ``str`` and a
literal a ``Literal`` tuple (lexical form, language, datatype). They cost a fraction of
rdflib's terms to make, hash, compare and write (a URIRef is checked and a Literal cast
when made, and hashing either goes through Python), which a build into a folder does for
every triple of a corpus (issue 16). rdflib terms are made only at the edge, by
``to_graph`` for those who read a Graph (the HTML view, validation, the in-memory API).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable
from decimal import Decimal
from typing import NamedTuple, Protocol

import rdflib
from rdflib import RDF, RDFS, SKOS, XSD, Graph, Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, DefinedNamespace
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


class Literal(NamedTuple):
    """An RDF literal: its lexical form as written, its language tag and its datatype's IRI ("" if none).
    Ordered as kg sorts literals: by lexical form, then language, then datatype."""

    value: str
    lang: str = ""
    datatype: str = ""


Term = str | Literal  # an IRI (a plain str) or a literal
Triple = tuple[str, str, Term]


class _Terms:
    """A vocabulary's terms as plain strings, kg's IRIs: ``gov.Report``. Each is looked up once in the
    namespace, so a term ``GOV`` does not declare still raises."""

    def __init__(self, namespace: type[DefinedNamespace]) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> str:
        iri = str(self._namespace[name])
        setattr(self, name, iri)
        return iri

    def __getitem__(self, name: str) -> str:
        iri: str = getattr(self, name)
        return iri


gov = _Terms(GOV)
TYPE, LABEL, DERIVED_FROM = str(RDF.type), str(RDFS.label), str(PROV.wasDerivedFrom)
CONCEPT, PREF_LABEL, ALT_LABEL, IN_SCHEME = map(str, (SKOS.Concept, SKOS.prefLabel, SKOS.altLabel, SKOS.inScheme))
SOURCE, FORMAT, TITLE = str(DCTERMS.source), str(DCTERMS["format"]), str(DCTERMS.title)
_INTEGER, _DECIMAL = str(XSD.integer), str(XSD.decimal)

ASPECTS = {Aspect.LEVEL: gov.Level, Aspect.GROWTH: gov.Growth, Aspect.PP_CHANGE: gov.PercentagePointChange}
QUALIFIERS = {
    Qualifier.EXACT: gov.Exact,
    Qualifier.AT_LEAST: gov.AtLeast,
    Qualifier.AT_MOST: gov.AtMost,
    Qualifier.APPROX: gov.Approximately,
}
STATUSES = {Status.PLANNED: gov.Planned, Status.ONGOING: gov.Ongoing, Status.COMPLETED: gov.Completed}
KINDS = {Kind.ACTUAL: gov.Actual, Kind.TARGET: gov.Target}
_CLASSES = {
    EntityType.REGION: gov.Region,
    EntityType.INDICATOR: gov.Indicator,
    EntityType.PROJECT: gov.Project,
    EntityType.PROGRAM: gov.Program,
    EntityType.ORGANIZATION: gov.Organization,
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


class Sink(Protocol):
    """Where triples go: a ``set`` of them, or ``InOrder``."""

    def add(self, triple: Triple, /) -> object: ...


class InOrder(dict[Triple, None]):
    """Triples in the order first added, each once: an rdflib Graph made from them lists its triples in
    that order, as one the mapping added to directly did (``Graph.value`` picks the first of several)."""

    def add(self, triple: Triple, /) -> None:
        self[triple] = None


def to_graph(facts: Iterable[Facts], resolution: Resolution, assessments: Iterable[Assessment] = ()) -> Graph:
    """The RDF graph of a build: reports, entities, observations, commitments, participations and assessments,
    as an rdflib ``Graph``."""
    triples = InOrder()
    add_entities(triples, resolution)
    for report_facts in facts:
        add_report(triples, report_facts, resolution)
    for assessment in assessments:
        add_assessment(triples, assessment, resolution)
    graph = Graph(store="SimpleMemory", bind_namespaces="none")  # no contexts: adds twice as fast
    for prefix, namespace in prefixes(resolution.base):
        graph.bind(prefix, namespace)
    made: dict[Term, Node] = {}  # each term once: IRIs and literals recur

    def node(term: Term) -> Node:
        found = made.get(term)
        if found is None:
            found = made[term] = to_rdflib(term)
        return found

    for s, p, o in triples:
        graph.add((node(s), node(p), node(o)))
    return graph


def to_rdflib(term: Term) -> Node:
    """A term as rdflib's: a ``URIRef`` or an rdflib ``Literal``."""
    if isinstance(term, str):
        return rdflib.URIRef(term)
    datatype = rdflib.URIRef(term.datatype) if term.datatype else None
    return rdflib.Literal(term.value, lang=term.lang or None, datatype=datatype)


def from_rdflib(node: Node) -> Term:
    """An rdflib term as kg's: an IRI as a ``str``, a literal as a ``Literal`` (kg makes no blank nodes)."""
    if isinstance(node, rdflib.URIRef):
        return str(node)
    if isinstance(node, rdflib.Literal):
        return Literal(str(node), node.language or "", str(node.datatype or ""))
    raise ValueError(f"kg writes IRIs and literals only, not {type(node).__name__} {node}")


def from_rdflib_triple(triple: tuple[Node, Node, Node], terms: dict[Node, Term]) -> Triple:
    """An rdflib triple as kg's, its terms converted once each through ``terms``."""
    s, p, o = (terms.get(node) or terms.setdefault(node, from_rdflib(node)) for node in triple)
    if not (isinstance(s, str) and isinstance(p, str)):
        raise ValueError(f"not an RDF triple: {triple}")
    return (s, p, o)


def prefixes(base: str) -> list[tuple[str, str]]:
    """The prefixes of every serialisation, sorted: ``PREFIXES`` and ``id:`` for the IRI base."""
    return sorted([*((prefix, str(namespace)) for prefix, namespace in PREFIXES.items()), ("id", base)])


def add_entities(triples: Sink, resolution: Resolution) -> None:
    """Every resolved entity's description: types, labels, parents, scheme."""
    for entity in resolution.entities:
        _add_entity(triples, entity)


def add_report(triples: Sink, report_facts: Facts, resolution: Resolution) -> None:
    """One report's triples: the report, its facts, their evidence and the edges between entities they state."""
    report = _add_report(triples, report_facts, resolution)
    for observation in report_facts.observations:
        _add_observation(triples, observation, report, resolution)
    for commitment in report_facts.commitments:
        _add_commitment(triples, commitment, report, resolution)
    for participation in report_facts.participations:
        _add_participation(triples, participation, report_facts.commitments, report, resolution)


def report_iri(base: str, report_id: str) -> str:
    """The IRI of a report, from its id (the input file's stem)."""
    return f"{base}report/{slug(report_id)}"


def _add_entity(triples: Sink, entity: Entity) -> None:
    node = entity.iri
    triples.add((node, TYPE, _CLASSES[entity.type]))
    triples.add((node, LABEL, Literal(entity.label, "zh")))
    if entity.label_en:
        triples.add((node, LABEL, Literal(entity.label_en, "en")))
    if entity.type is EntityType.REGION:
        if entity.subtype in ("Province", "City", "District", "County"):
            triples.add((node, TYPE, gov[entity.subtype]))
        if entity.parent:
            triples.add((node, gov.partOf, entity.parent))
        if entity.code:
            triples.add((node, gov.divisionCode, Literal(entity.code)))
    if entity.type is EntityType.INDICATOR:
        triples.add((node, TYPE, CONCEPT))
        triples.add((node, PREF_LABEL, Literal(entity.label, "zh")))
        if entity.label_en:
            triples.add((node, PREF_LABEL, Literal(entity.label_en, "en")))
        if entity.curated:
            triples.add((node, IN_SCHEME, gov.indicators))
    for alt in entity.alt_labels:
        triples.add((node, ALT_LABEL, Literal(alt, "zh")))


_REVIEW_PERIODS = {
    ReviewPeriod.YEAR: gov.OneYear,
    ReviewPeriod.HALF_YEAR: gov.HalfYear,
    ReviewPeriod.FIVE_YEARS: gov.FiveYearPlanPeriod,
    ReviewPeriod.TERM: gov.GovernmentTerm,
}


def _add_report(triples: Sink, facts: Facts, resolution: Resolution) -> str:
    report = facts.report
    node = report_iri(resolution.base, report.id)
    triples.add((node, TYPE, gov.Report))
    triples.add((node, SOURCE, Literal(report.source.name)))
    triples.add((node, FORMAT, Literal(report.source.media_type)))
    if report.meta.title:
        triples.add((node, TITLE, Literal(report.meta.title, "zh")))
    if report.meta.region:
        triples.add((node, gov.issuedBy, resolution.iri(EntityType.REGION, report.meta.region, report.id)))
    for prop, year in (
        (gov.reportYear, report.meta.report_year),
        (gov.reviewYear, report.meta.review_year),
        (gov.planYear, report.meta.plan_year),
    ):
        if year is not None:
            triples.add((node, prop, _integer(year)))
    triples.add((node, gov.reviewPeriod, _REVIEW_PERIODS[report.meta.review_period]))
    return node


def _fact_iri(base: str, kind: str, report_id: str, key: str) -> str:
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
    return f"{base}{kind}/{slug(report_id)}/{digest}"


def _add_evidence(triples: Sink, node: str, evidence: Evidence, report: str) -> None:
    triples.add((node, DERIVED_FROM, report))
    triples.add((node, gov.evidence, Literal(evidence.text, "zh")))


@functools.lru_cache(maxsize=256)
def _integer(number: int) -> Literal:
    """A year as an ``xsd:integer`` literal: one object per year, not one per fact."""
    return Literal(str(number), "", _INTEGER)


def _decimal(value: Decimal) -> Literal:
    return Literal(decimal_str(value), "", _DECIMAL)


def observation_iri(obs: Observation, base: str) -> str:
    """The IRI of an observation, from what it states and where."""
    q = obs.quantity
    key = "|".join(
        map(str, (obs.kind.value, obs.region, obs.indicator, obs.aspect.value, q.stated, obs.year, obs.evidence.start))
    )
    return _fact_iri(base, "observation", obs.evidence.report_id, key)


def _add_observation(triples: Sink, obs: Observation, report: str, resolution: Resolution) -> None:
    q = obs.quantity
    node = observation_iri(obs, resolution.base)
    triples.add((node, TYPE, gov.Observation))
    triples.add((node, TYPE, KINDS[obs.kind]))
    if obs.region:
        triples.add((node, gov.region, resolution.iri(EntityType.REGION, obs.region, obs.evidence.report_id)))
    indicator = resolution.iri(EntityType.INDICATOR, obs.indicator)
    triples.add((node, gov.indicator, indicator))
    if obs.year is not None:
        triples.add((node, gov.year, _integer(obs.year)))
    triples.add((node, gov.value, _decimal(q.base_value)))
    triples.add((node, gov.unit, Literal(q.base_unit)))
    triples.add((node, gov.statedValue, Literal(q.stated)))
    triples.add((node, gov.statedUnit, Literal(q.unit)))
    triples.add((node, gov.aspect, ASPECTS[obs.aspect]))
    triples.add((node, gov.qualifier, QUALIFIERS[obs.qualifier]))
    if obs.program:
        program = resolution.iri(EntityType.PROGRAM, obs.program)
        triples.add((node, gov.program, program))
        triples.add((program, gov.targets, indicator))
    _add_evidence(triples, node, obs.evidence, report)


OUTCOMES = {Outcome.MET: gov.Met, Outcome.MISSED: gov.Missed, Outcome.UNDETERMINED: gov.Undetermined}


def add_assessment(triples: Sink, assessment: Assessment, resolution: Resolution) -> None:
    target = observation_iri(assessment.target, resolution.base)
    actual = observation_iri(assessment.actual, resolution.base) if assessment.actual else None
    statement = assessment.statement
    key = actual if actual else f"{statement.report_id}|{statement.start}" if statement else ""
    digest = hashlib.sha1(f"{target}|{key}".encode()).hexdigest()[:16]
    node = f"{resolution.base}assessment/{digest}"
    triples.add((node, TYPE, gov.Assessment))
    triples.add((node, gov.target, target))
    triples.add((node, gov.outcome, OUTCOMES[assessment.outcome]))
    if actual is not None:
        triples.add((node, gov.actual, actual))
    if assessment.difference is not None:
        triples.add((node, gov.difference, _decimal(assessment.difference)))
    for other in assessment.others:
        triples.add((node, gov.otherActual, observation_iri(other, resolution.base)))
    sources = [assessment.target.evidence]
    if assessment.actual is not None:
        sources.append(assessment.actual.evidence)
    if statement is not None:
        sources.append(statement)
        triples.add((node, gov.evidence, Literal(statement.text, "zh")))  # the review's words, no number
    for evidence in sources:
        triples.add((node, DERIVED_FROM, report_iri(resolution.base, evidence.report_id)))


def _add_participation(
    triples: Sink,
    participation: Participation,
    commitments: tuple[Commitment, ...],
    report: str,
    resolution: Resolution,
) -> None:
    organization = resolution.iri(EntityType.ORGANIZATION, participation.organization)
    key = "|".join(map(str, (participation.organization, participation.role, participation.evidence.start)))
    node = _fact_iri(resolution.base, "participation", participation.evidence.report_id, key)
    triples.add((node, TYPE, gov.Participation))
    triples.add((node, gov.organization, organization))
    triples.add((node, gov.role, Literal(participation.role, "zh")))
    if participation.year is not None:
        triples.add((node, gov.year, _integer(participation.year)))
    if participation.region:
        region = resolution.iri(EntityType.REGION, participation.region, participation.evidence.report_id)
        triples.add((node, gov.region, region))
        triples.add((organization, gov.relatedTo, region))
    # A commitment stated in the same sentence involves the organization ("…项目落地开工").
    for commitment in commitments:
        if commitment.evidence == participation.evidence:
            triples.add((_commitment_iri(commitment, resolution), gov.involves, organization))
    _add_evidence(triples, node, participation.evidence, report)


def _commitment_iri(commitment: Commitment, resolution: Resolution) -> str:
    key = "|".join(map(str, (commitment.subject, commitment.status.value, commitment.year, commitment.evidence.start)))
    return _fact_iri(resolution.base, "commitment", commitment.evidence.report_id, key)


def _add_commitment(triples: Sink, commitment: Commitment, report: str, resolution: Resolution) -> None:
    kind = EntityType.PROJECT if commitment.subject_type is SubjectType.PROJECT else EntityType.PROGRAM
    subject = resolution.iri(kind, commitment.subject)
    node = _commitment_iri(commitment, resolution)
    triples.add((node, TYPE, gov.Commitment))
    triples.add((node, gov.project if kind is EntityType.PROJECT else gov.program, subject))
    triples.add((node, gov.status, STATUSES[commitment.status]))
    if commitment.year is not None:
        triples.add((node, gov.year, _integer(commitment.year)))
    if commitment.investment is not None:
        triples.add((node, gov.investment, _decimal(commitment.investment)))
    if commitment.region:
        region = resolution.iri(EntityType.REGION, commitment.region, commitment.evidence.report_id)
        triples.add((node, gov.region, region))
        edge = gov.completed if commitment.status is Status.COMPLETED else gov.commits
        if kind is EntityType.PROJECT or edge == gov.commits:
            triples.add((region, edge, subject))
        if kind is EntityType.PROJECT:
            triples.add((subject, gov.locatedIn, region))
    _add_evidence(triples, node, commitment.evidence, report)
