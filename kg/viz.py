"""Graph → an HTML page to explore it, via networkx and pyvis.

Regions, indicators, projects, programs and reports are nodes; observations are
labelled edges region → indicator ("2020 目标 ≥6.5%"), commitments edges
region → project/program, so the picture stays readable.
"""

from __future__ import annotations

import html

import networkx as nx
from rdflib import RDF, RDFS, SKOS, Graph, URIRef

from kg.vocab import GOV

_STYLE = {
    GOV.Region: ("#1f77b4", "dot"),
    GOV.Indicator: ("#2ca02c", "diamond"),
    GOV.Project: ("#ff7f0e", "square"),
    GOV.Program: ("#9467bd", "triangle"),
    GOV.Organization: ("#8c564b", "star"),
    GOV.Report: ("#7f7f7f", "box"),
}
_QUALIFIER_SIGN = {GOV.AtLeast: "≥", GOV.AtMost: "≤", GOV.Approximately: "≈", GOV.Exact: ""}


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """The browsable view of a kg graph: entity nodes, fact edges."""
    view = nx.MultiDiGraph()
    for cls, (color, shape) in _STYLE.items():
        for node in sorted(set(graph.subjects(RDF.type, cls))):
            view.add_node(
                str(node),
                label=_label(graph, node),
                title=f"{_name(cls)}: {_label(graph, node)}",
                color=color,
                shape=shape,
                group=_name(cls),
            )
    for obs in sorted(set(graph.subjects(RDF.type, GOV.Observation))):
        region, indicator = graph.value(obs, GOV.region), graph.value(obs, GOV.indicator)
        if region is None or indicator is None:
            continue
        kind = "目标" if (obs, RDF.type, GOV.Target) in graph else "实际"
        sign = _QUALIFIER_SIGN.get(graph.value(obs, GOV.qualifier), "")  # type: ignore[arg-type]
        label = f"{graph.value(obs, GOV.year) or ''} {kind} {sign}{graph.value(obs, GOV.statedValue)}"
        view.add_edge(
            str(region),
            str(indicator),
            label=label.strip(),
            title=str(graph.value(obs, GOV.evidence) or ""),
            key=str(obs),
        )
    for commitment in sorted(set(graph.subjects(RDF.type, GOV.Commitment))):
        region = graph.value(commitment, GOV.region)
        subject = graph.value(commitment, GOV.project) or graph.value(commitment, GOV.program)
        status = graph.value(commitment, GOV.status)
        if region is None or subject is None:
            continue
        label = f"{graph.value(commitment, GOV.year) or ''} {_name(status) if status else ''}"
        view.add_edge(
            str(region),
            str(subject),
            label=label.strip(),
            title=str(graph.value(commitment, GOV.evidence) or ""),
            key=str(commitment),
        )
    return view


def render_html(graph: Graph, *, title: str = "kg: government work reports") -> str:
    """A self-contained HTML page showing the graph."""
    from pyvis.network import Network

    view = to_networkx(graph)
    net = Network(height="800px", width="100%", directed=True, cdn_resources="in_line", heading=html.escape(title))
    for node, data in view.nodes(data=True):
        net.add_node(node, **{k: html.escape(str(v)) for k, v in data.items()}, value=view.degree(node))
    for source, target, data in view.edges(data=True):
        net.add_edge(source, target, label=html.escape(data["label"]), title=html.escape(data["title"]))
    net.toggle_physics(True)
    page: str = net.generate_html()
    return page


def _label(graph: Graph, node: URIRef) -> str:
    for prop in (SKOS.prefLabel, RDFS.label):
        for label in sorted(graph.objects(node, prop)):
            if getattr(label, "language", None) == "zh":
                return str(label)
    source = graph.value(node, URIRef("http://purl.org/dc/terms/source"))
    return str(source) if source is not None else str(node).rsplit("/", 1)[-1]


def _name(node: object) -> str:
    return str(node).rsplit("#", 1)[-1]
