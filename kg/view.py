"""Graph → the browsable view: a networkx MultiDiGraph of entities and facts (issue 6).

Regions, indicators, projects, programs, organizations and reports are nodes (label, class);
observations are edges region → indicator and commitments edges region → project/program, keyed
by the fact's IRI and carrying the fact; direct links (part of, issued by, …) are edges too.
``focus`` narrows the view to a region's ego graph and a year, ``best_connected`` to the N nodes
of highest degree. kg.viz draws the result.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx
from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV
from rdflib.term import Node

from kg.errors import InputError
from kg.vocab import GOV


@dataclass(frozen=True, slots=True)
class NodeClass:
    """How the page draws one class of node; labels as in ontology/govkg.ttl."""

    key: str
    zh: str
    en: str
    color: str
    shape: str


NODE_CLASSES = (
    NodeClass("Region", "行政区", "region", "#1f77b4", "dot"),
    NodeClass("Indicator", "指标", "indicator", "#2ca02c", "diamond"),
    NodeClass("Project", "项目", "project", "#ff7f0e", "square"),
    NodeClass("Program", "工作举措", "program", "#9467bd", "triangle"),
    NodeClass("Organization", "机构", "organization", "#8c564b", "star"),
    NodeClass("Report", "政府工作报告", "report", "#7f7f7f", "box"),
)
_KIND: dict[URIRef, tuple[str, str]] = {GOV.Target: ("target", "目标"), GOV.Actual: ("actual", "实际")}
_SIGN: dict[object, str] = {GOV.AtLeast: "≥", GOV.AtMost: "≤", GOV.Approximately: "≈", GOV.Exact: ""}
_ASPECT: dict[object, str] = {GOV.Level: "水平", GOV.Growth: "增长率", GOV.PercentagePointChange: "百分点变化"}
_QUALIFIER: dict[object, str] = {
    GOV.AtLeast: "不低于",
    GOV.AtMost: "不超过",
    GOV.Approximately: "约",
    GOV.Exact: "精确",
}
_STATUS: dict[object, str] = {GOV.Planned: "计划", GOV.Ongoing: "推进中", GOV.Completed: "已完成"}
# Direct edges that are not facts of their own: (property, label). gov:commits,
# gov:completed and gov:locatedIn repeat a commitment, which is drawn already.
_LINKS = (
    (GOV.partOf, "隶属于"),
    (GOV.issuedBy, "发布"),
    (GOV.targets, "针对指标"),
    (GOV.relatedTo, "相关地区"),
)
CLASS_ORDER = {c.key: number for number, c in enumerate(NODE_CLASSES)}


def view_graph(graph: Graph) -> nx.MultiDiGraph:
    """The browsable view: entities as nodes (label, class), facts and direct links as edges."""
    view = nx.MultiDiGraph()
    classes = {node: _node_class(graph, node) for node in _entities(graph)}
    view.add_nodes_from((node, {"label": label_of(graph, node), "cls": cls}) for node, cls in classes.items())
    for fact in _facts(graph, classes):
        view.add_edge(fact["from"], fact["to"], key=fact["iri"], fact=fact)
    for source, target, label in _links(graph, classes):
        view.add_edge(source, target, key=f"link {label}", link=label)
    return view


def focus(view: nx.MultiDiGraph, regions: set[URIRef], *, year: int | None = None) -> nx.MultiDiGraph:
    """The part of the view about ``regions`` and a year: those facts, the nodes they touch and their reports.

    With regions, the nodes are also the regions' ego graph: their direct links (the region a
    district is part of, the reports it issued) as well as the ends of their facts.
    """
    if not regions and year is None:
        return view

    def kept(source: object, target: object, key: str) -> bool:
        fact = view.edges[source, target, key].get("fact")
        return fact is None or ((year is None or fact["year"] == year) and (not regions or fact["region"] in regions))

    shown = nx.subgraph_view(view, filter_edge=kept)
    facts = [fact for _, _, fact in shown.edges(data="fact") if fact is not None]
    nodes = {node for fact in facts for node in (fact["from"], fact["to"], fact["report"]) if node in view}
    nodes.update(*(nx.ego_graph(shown, region, undirected=True) for region in regions))
    return shown.subgraph(nodes).copy()


def best_connected(view: nx.MultiDiGraph, limit: int) -> nx.MultiDiGraph:
    """The ``limit`` nodes of highest degree (ties by class, then IRI), so a focused view keeps the hubs."""
    degree = dict(view.degree())
    ranked = sorted(view, key=lambda node: (-degree[node], CLASS_ORDER[view.nodes[node]["cls"]], str(node)))
    return view.subgraph(ranked[: max(limit, 0)]).copy()


def _entities(graph: Graph) -> Iterable[URIRef]:
    for cls in NODE_CLASSES:
        yield from (node for node in graph.subjects(RDF.type, GOV[cls.key]) if isinstance(node, URIRef))


def _node_class(graph: Graph, node: URIRef) -> str:
    return next(cls.key for cls in NODE_CLASSES if (node, RDF.type, GOV[cls.key]) in graph)


def _facts(graph: Graph, nodes: dict[URIRef, str]) -> list[dict[str, Any]]:
    facts = []
    for obs in iris(graph.subjects(RDF.type, GOV.Observation)):
        kind, kind_zh = next((_KIND[k] for k in _KIND if (obs, RDF.type, k) in graph), ("actual", "实际"))
        year = _int(graph.value(obs, GOV.year))
        # A literal of value 0 is falsy in rdflib: test for absence, or 与上年度持平 (0) shows no number (issue 17).
        value = _str(graph.value(obs, GOV.value))
        qualifier = graph.value(obs, GOV.qualifier)
        fact = _fact(graph, obs, nodes, target=graph.value(obs, GOV.indicator))
        if fact is None:
            continue
        shown = shown_value(graph, obs)
        fact |= {
            "kind": kind,
            "year": year,
            "shown": shown,
            "text": " ".join(part for part in (str(year or ""), kind_zh, shown) if part),
            "aspect": _ASPECT.get(graph.value(obs, GOV.aspect), ""),
            "qualifier": _QUALIFIER.get(qualifier, ""),
            "value": f"{value} {_str(graph.value(obs, GOV.unit))}".strip(),
            "program": graph.value(obs, GOV.program),
        }
        facts.append(fact)
    for commitment in iris(graph.subjects(RDF.type, GOV.Commitment)):
        subject = graph.value(commitment, GOV.project) or graph.value(commitment, GOV.program)
        fact = _fact(graph, commitment, nodes, target=subject)
        if fact is None:
            continue
        year = _int(graph.value(commitment, GOV.year))
        status = _STATUS.get(graph.value(commitment, GOV.status), "")
        investment = graph.value(commitment, GOV.investment)
        fact |= {
            "kind": "commitment",
            "year": year,
            "shown": status,
            "text": " ".join(part for part in (str(year or ""), status) if part),
            "status": status,
            "investment": f"{investment} 元" if investment is not None else "",
            "involves": sorted(str(org) for org in graph.objects(commitment, GOV.involves)),
        }
        facts.append(fact)
    return facts


def shown_value(graph: Graph, obs: Node) -> str:
    """A number as the page shows it: as stated, signed when it is a fall, with ≥/≤/≈ for its qualifier."""
    value = _str(graph.value(obs, GOV.value))
    stated = _str(graph.value(obs, GOV.statedValue)) or value
    if value.startswith("-") and not stated.startswith(("-", "−")):
        stated = f"−{stated}"
    return f"{_SIGN.get(graph.value(obs, GOV.qualifier), '')}{stated}"


_OUTCOMES: dict[object, str] = {GOV.Met: "met", GOV.Missed: "missed", GOV.Undetermined: "undetermined"}


def assessment_records(graph: Graph) -> list[dict[str, Any]]:
    """Each target against its result (gov:Assessment): region, indicator, year, both numbers as the page
    shows them and in the base unit, the outcome and the two sentences (the review's words where the
    result has no number)."""
    records = []
    for node in iris(graph.subjects(RDF.type, GOV.Assessment)):
        target = graph.value(node, GOV.target)
        actual = graph.value(node, GOV.actual)
        if target is None:
            continue
        result_value = _str(graph.value(actual, GOV.value)) if actual is not None else ""
        records.append(
            {
                "iri": str(node),
                "target": str(target),
                "region": graph.value(target, GOV.region),
                "indicator": graph.value(target, GOV.indicator),
                "year": _int(graph.value(target, GOV.year)),
                "outcome": _OUTCOMES.get(graph.value(node, GOV.outcome), "undetermined"),
                "gap": _str(graph.value(node, GOV.difference)),
                "unit": _str(graph.value(target, GOV.unit)),
                "targetShown": shown_value(graph, target),
                "targetValue": float(_str(graph.value(target, GOV.value)) or 0),
                "resultShown": shown_value(graph, actual) if actual is not None else "",
                "resultValue": float(result_value) if result_value else None,
                "targetEvidence": str(graph.value(target, GOV.evidence) or ""),
                "resultEvidence": str(
                    graph.value(actual, GOV.evidence) if actual is not None else graph.value(node, GOV.evidence) or ""
                ),
            }
        )
    return records


def _fact(graph: Graph, node: URIRef, nodes: dict[URIRef, str], *, target: object) -> dict[str, Any] | None:
    """What observations and commitments share; the edge starts at the region, else at the report."""
    report = graph.value(node, PROV.wasDerivedFrom)
    region = graph.value(node, GOV.region)
    source = region if region in nodes else report
    if source not in nodes or target not in nodes:
        return None
    return {
        "iri": str(node),
        "from": source,
        "to": target,
        "region": region,
        "report": report,
        "evidence": str(graph.value(node, GOV.evidence) or ""),
    }


def report_record(graph: Graph, report: URIRef) -> dict[str, Any]:
    return {
        "iri": str(report),
        "title": _text(graph, report, DCTERMS.title),
        "source": str(graph.value(report, DCTERMS.source) or ""),
        "region": label_of(graph, graph.value(report, GOV.issuedBy)) if graph.value(report, GOV.issuedBy) else "",
        "reportYear": _int(graph.value(report, GOV.reportYear)),
        "reviewYear": _int(graph.value(report, GOV.reviewYear)),
        "planYear": _int(graph.value(report, GOV.planYear)),
    }


def _links(graph: Graph, nodes: dict[URIRef, str]) -> list[tuple[URIRef, URIRef, str]]:
    """Direct edges between shown nodes; an organization hangs on the project or program it takes part in."""
    links = [
        (source, target, label)
        for prop, label in _LINKS
        for source, target in graph.subject_objects(prop)
        if isinstance(source, URIRef) and isinstance(target, URIRef)
    ]
    for commitment, org in graph.subject_objects(GOV.involves):
        subject = graph.value(commitment, GOV.project) or graph.value(commitment, GOV.program)
        if isinstance(subject, URIRef) and isinstance(org, URIRef):
            links.append((subject, org, "涉及"))
    return sorted({link for link in links if link[0] in nodes and link[1] in nodes})


def iris(found: Iterable[object]) -> list[URIRef]:
    return sorted({node for node in found if isinstance(node, URIRef)})


def regions_named(graph: Graph, name: str) -> set[URIRef]:
    """Regions whose label, alternative label or IRI ends in ``name``; an unknown name is an error."""
    found = {
        node
        for node in graph.subjects(RDF.type, GOV.Region)
        if isinstance(node, URIRef)
        and (
            name in {str(label) for prop in (RDFS.label, SKOS.altLabel) for label in graph.objects(node, prop)}
            or str(node).endswith(f"/{name}")
        )
    }
    if not found:
        known = sorted({label_of(graph, node) for node in graph.subjects(RDF.type, GOV.Region)})
        raise InputError(f"no region named {name!r} in the graph; choose one of: {'、'.join(known) or '(none)'}")
    return found


def label_of(graph: Graph, node: object) -> str:
    """A node's name for people: its @zh label (indicators: prefLabel; reports: title)."""
    for prop in (RDFS.label, SKOS.prefLabel, DCTERMS.title):
        text = _text(graph, node, prop)
        if text:
            return text
    source = graph.value(node, DCTERMS.source) if isinstance(node, URIRef) else None
    return str(source) if source is not None else str(node).rsplit("/", 1)[-1]


def _text(graph: Graph, node: object, prop: URIRef) -> str:
    """The @zh value of ``prop``, else any plain one; the smallest if several, so the choice is stable."""
    values = sorted(value for value in graph.objects(node, prop) if isinstance(value, Literal))  # type: ignore[arg-type]
    chosen = [value for value in values if value.language == "zh"] or [value for value in values if not value.language]
    return str(chosen[0]) if chosen else ""


def _str(value: object) -> str:
    """A term's text, or "" when there is none (never "" for a literal 0, which rdflib finds falsy)."""
    return "" if value is None else str(value)


def _int(value: object) -> int | None:
    """An xsd:integer literal as an int; anything else (absent, malformed) as None."""
    text = str(value) if value is not None else ""
    return int(text) if text.lstrip("-").isdigit() else None
