"""Graph → one self-contained HTML page to explore it (issue 6).

The browsable view is a networkx MultiDiGraph: regions, indicators, projects, programs,
organizations and reports are nodes; observations are labelled edges region → indicator
("2020 目标 ≥6.5%"), commitments edges region → project/program, plus direct links. networkx
narrows it (a region's ego graph, a year, the N best-connected nodes) and sizes nodes by degree;
pyvis turns it into vis-network nodes and edges and renders them through our own Jinja2 template
(kg/templates/graph.html), which inlines vis-network, its CSS, our script and the data: the page
opens from disk with no network. Report text travels only inside a JSON block and is put on the
page with ``textContent``, never as HTML. Output is byte-identical for the same graph.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any

import networkx as nx
from markupsafe import Markup
from pyvis.network import Network
from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from kg import __version__
from kg.errors import InputError
from kg.vocab import GOV

DEFAULT_TITLE = "kg：政府工作报告知识图谱"


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
# How fact edges are drawn, by kind; an edge holding several kinds is MIXED.
_EDGE_KINDS = {
    "target": {"zh": "目标", "color": "#d62728", "dashes": True},
    "actual": {"zh": "实际", "color": "#1f77b4", "dashes": False},
    "commitment": {"zh": "承诺", "color": "#ff7f0e", "dashes": False},
}
_MIXED, _LINK_COLOR, _BLACK = "#6a3d9a", "#b0b0b0", "#000"
_ASSETS = ("graph.css", "graph.js", "vis-network.css", "vis-network.min.js")


def render_html(
    graph: Graph,
    *,
    title: str = DEFAULT_TITLE,
    region: str | None = None,
    year: int | None = None,
    max_nodes: int | None = None,
) -> str:
    """A self-contained HTML page showing the graph, optionally narrowed to a region, a year and N nodes."""
    data = page_data(graph, title=title, region=region, year=year, max_nodes=max_nodes)
    drawn = network(data)
    # pyvis renders its nodes and edges through jinja2 with our template; the page's data and the
    # inlined scripts and styles are this environment's globals.
    drawn.set_template_dir(str(files("kg") / "templates"), "graph.html")
    drawn.templateEnv.filters["script_json"] = script_json
    drawn.templateEnv.globals.update(page=data, assets=_assets())
    return drawn.generate_html()


def script_json(data: object) -> Markup:
    """JSON that is safe inside <script>: sorted keys, and no '<', '>' or '&' that could close the element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return Markup(text)  # safe for where the template puts it: inside a JSON <script> block


def view_graph(graph: Graph) -> nx.MultiDiGraph:
    """The browsable view: entities as nodes (label, class), facts and direct links as edges."""
    view = nx.MultiDiGraph()
    classes = {node: _node_class(graph, node) for node in _entities(graph)}
    view.add_nodes_from((node, {"label": _label(graph, node), "cls": cls}) for node, cls in classes.items())
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
    ranked = sorted(view, key=lambda node: (-degree[node], _CLASS_ORDER[view.nodes[node]["cls"]], str(node)))
    return view.subgraph(ranked[: max(limit, 0)]).copy()


def page_data(
    graph: Graph,
    *,
    title: str = DEFAULT_TITLE,
    region: str | None = None,
    year: int | None = None,
    max_nodes: int | None = None,
) -> dict[str, Any]:
    """The JSON the page draws: nodes (with degree), fact edges (with evidence), direct links and reports."""
    view = view_graph(graph)
    chosen = _regions_named(graph, region) if region is not None else set()
    shown = focus(view, chosen, year=year)
    truncated = max_nodes is not None and len(shown) > max_nodes
    if max_nodes is not None:
        shown = best_connected(shown, max_nodes)
    facts = [fact for _, _, fact in shown.edges(data="fact") if fact is not None]
    links = sorted((source, target, label) for source, target, label in shown.edges(data="link") if label)
    reports = _iris(graph.subjects(RDF.type, GOV.Report))

    attrs = shown.nodes
    order = sorted(shown, key=lambda node: (_CLASS_ORDER[attrs[node]["cls"]], attrs[node]["label"], str(node)))
    index = {node: number for number, node in enumerate(order)}
    report_index = {report: number for number, report in enumerate(reports)}
    sentences = sorted({fact["evidence"] for fact in facts})
    sentence_index = {text: number for number, text in enumerate(sentences)}
    return {
        "title": title,
        "generator": f"kg {__version__}",
        "filter": {"region": region, "year": year, "maxNodes": max_nodes, "truncated": truncated},
        "classes": [{"key": c.key, "zh": c.zh, "en": c.en, "color": c.color, "shape": c.shape} for c in NODE_CLASSES],
        "kinds": _EDGE_KINDS,
        "colors": {"mixed": _MIXED, "link": _LINK_COLOR},
        "nodes": [
            {
                "label": attrs[node]["label"],
                "type": attrs[node]["cls"],
                "iri": str(node),
                "report": report_index.get(node),
                "degree": shown.degree(node),
            }
            for node in order
        ],
        "facts": sorted(
            (_public(fact, index, report_index, sentence_index) for fact in facts),
            key=lambda fact: (fact["from"], fact["to"], fact["year"] or 0, fact["kind"], fact["iri"]),
        ),
        "links": [{"from": index[source], "to": index[target], "label": label} for source, target, label in links],
        "reports": [_report(graph, report) for report in reports],
        "sentences": sentences,
    }


def network(data: dict[str, Any]) -> Network:
    """The page's nodes and edges as a pyvis Network: ids are node indexes, edges "p<n>" (facts) and "l<n>" (links)."""
    drawn = Network(directed=True, heading=data["title"])
    classes = {c.key: c for c in NODE_CLASSES}
    nodes = data["nodes"]
    facts = data["facts"]
    touching: Counter[int] = Counter()
    report_node = {node["report"]: number for number, node in enumerate(nodes) if node["report"] is not None}
    for fact in facts:
        ends = {fact["from"], fact["to"], fact.get("program"), fact["region"], report_node.get(fact["report"])}
        touching.update(end for end in ends if isinstance(end, int))
    for number, node in enumerate(nodes):
        cls = classes[node["type"]]
        style: dict[str, Any] = {"font": {"color": "#fff"}} if cls.shape == "box" else {}
        drawn.add_node(
            number,
            label=_short(node["label"]),
            shape=cls.shape,
            color={
                "background": cls.color,
                "border": cls.color,
                "highlight": {"background": cls.color, "border": "#000"},
            },
            value=node["degree"] + 1,
            # vis-network 9 shows a string title with innerText, so it is text, not markup.
            title=f"{node['label']}\n{cls.zh} · {touching[number]} 条事实（点击查看）",
            **style,
        )
    pairs: dict[tuple[int, int], list[int]] = {}
    for number, fact in enumerate(facts):
        pairs.setdefault((fact["from"], fact["to"]), []).append(number)
    for number, ((source, target), held) in enumerate(pairs.items()):
        drawn.add_edge(source, target, id=f"p{number}", facts=held, **_pair_style(data, source, target, held))
    for number, link in enumerate(data["links"]):
        drawn.add_edge(
            link["from"],
            link["to"],
            id=f"l{number}",
            label=link["label"],
            dashes=[2, 4],
            color={"color": _LINK_COLOR, "highlight": _BLACK},
            font={"size": 10, "color": "#888", "strokeWidth": 0},
        )
    return drawn


def _pair_style(data: dict[str, Any], source: int, target: int, held: list[int]) -> dict[str, Any]:
    """How an edge holding some facts looks; graph.js restyles it the same way when filters hide some."""
    texts = [data["facts"][number]["text"] for number in held]
    kinds = {data["facts"][number]["kind"] for number in held}
    only = _EDGE_KINDS[next(iter(kinds))] if len(kinds) == 1 else None
    lines = texts[:3] + ([f"… 共 {len(texts)} 条"] if len(texts) > 3 else [])
    names = f"{data['nodes'][source]['label']} → {data['nodes'][target]['label']}"
    more = "\n…" if len(texts) > 12 else ""
    return {
        "label": "\n".join(lines),
        "title": f"{names}\n" + "\n".join(texts[:12]) + f"{more}\n（点击查看原文依据）",
        "color": {"color": only["color"] if only else _MIXED, "highlight": _BLACK, "opacity": 0.8},
        "dashes": only["dashes"] if only else False,
        "hidden": False,
    }


def _short(label: str) -> str:
    return f"{label[:17]}…" if len(label) > 18 else label


_CLASS_ORDER = {c.key: number for number, c in enumerate(NODE_CLASSES)}


@lru_cache(maxsize=1)
def _assets() -> dict[str, Markup]:
    """The scripts and styles the template inlines, as they are (they are ours and vis-network's)."""
    folder = files("kg") / "templates"
    return {name: Markup((folder / name).read_text(encoding="utf-8")) for name in _ASSETS}


def _entities(graph: Graph) -> Iterable[URIRef]:
    for cls in NODE_CLASSES:
        yield from (node for node in graph.subjects(RDF.type, GOV[cls.key]) if isinstance(node, URIRef))


def _node_class(graph: Graph, node: URIRef) -> str:
    return next(cls.key for cls in NODE_CLASSES if (node, RDF.type, GOV[cls.key]) in graph)


def _facts(graph: Graph, nodes: dict[URIRef, str]) -> list[dict[str, Any]]:
    facts = []
    for obs in _iris(graph.subjects(RDF.type, GOV.Observation)):
        kind, kind_zh = next((_KIND[k] for k in _KIND if (obs, RDF.type, k) in graph), ("actual", "实际"))
        year = _int(graph.value(obs, GOV.year))
        stated = str(graph.value(obs, GOV.statedValue) or graph.value(obs, GOV.value) or "")
        value = str(graph.value(obs, GOV.value) or "")
        if value.startswith("-") and not stated.startswith(("-", "−")):
            stated = f"−{stated}"
        qualifier = graph.value(obs, GOV.qualifier)
        fact = _fact(graph, obs, nodes, target=graph.value(obs, GOV.indicator))
        if fact is None:
            continue
        shown = f"{_SIGN.get(qualifier, '')}{stated}"
        fact |= {
            "kind": kind,
            "year": year,
            "shown": shown,
            "text": " ".join(part for part in (str(year or ""), kind_zh, shown) if part),
            "aspect": _ASPECT.get(graph.value(obs, GOV.aspect), ""),
            "qualifier": _QUALIFIER.get(qualifier, ""),
            "value": f"{value} {graph.value(obs, GOV.unit) or ''}".strip(),
            "program": graph.value(obs, GOV.program),
        }
        facts.append(fact)
    for commitment in _iris(graph.subjects(RDF.type, GOV.Commitment)):
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


def _public(
    fact: dict[str, Any], index: dict[URIRef, int], reports: dict[URIRef, int], sentences: dict[str, int]
) -> dict[str, Any]:
    """A fact with IRIs replaced by indexes into the page's node, report and sentence lists."""
    public = dict(fact)
    for key in ("from", "to", "region", "program"):
        if key in public:
            public[key] = index.get(public[key])
    public["report"] = reports.get(fact["report"])
    public["evidence"] = sentences[fact["evidence"]]
    return public


def _report(graph: Graph, report: URIRef) -> dict[str, Any]:
    return {
        "iri": str(report),
        "title": _text(graph, report, DCTERMS.title),
        "source": str(graph.value(report, DCTERMS.source) or ""),
        "region": _label(graph, graph.value(report, GOV.issuedBy)) if graph.value(report, GOV.issuedBy) else "",
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


def _iris(found: Iterable[object]) -> list[URIRef]:
    return sorted({node for node in found if isinstance(node, URIRef)})


def _regions_named(graph: Graph, name: str) -> set[URIRef]:
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
        known = sorted({_label(graph, node) for node in graph.subjects(RDF.type, GOV.Region)})
        raise InputError(f"no region named {name!r} in the graph; choose one of: {'、'.join(known) or '(none)'}")
    return found


def _label(graph: Graph, node: object) -> str:
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


def _int(value: object) -> int | None:
    """An xsd:integer literal as an int; anything else (absent, malformed) as None."""
    text = str(value) if value is not None else ""
    return int(text) if text.lstrip("-").isdigit() else None
