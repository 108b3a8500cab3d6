"""A store → the browsable view: entities, facts and direct links, read with SPARQL (issues 6, 16).

``read_view`` reads a pyoxigraph Store (every named graph as one, as kg.query does) in a handful
of SELECT queries, one per kind of thing: entities and their labels, observations, commitments,
assessments, reports and links. ``view_graph`` makes it a networkx MultiDiGraph (entities as
nodes; observations edges region → indicator, commitments edges region → project/program, keyed
by the fact's IRI and carrying the fact; direct links too); ``focus`` narrows that to a region's
ego graph and a year, ``best_connected`` to the N nodes of highest degree. kg.viz draws the result.
Where a property has several values the smallest is taken, so the view does not depend on order.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import networkx as nx

from kg.errors import InputError
from kg.query import PREFIXES


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
CLASS_ORDER = {c.key: number for number, c in enumerate(NODE_CLASSES)}

_GOV = PREFIXES["gov"]
_KIND = {"Target": ("target", "目标"), "Actual": ("actual", "实际")}
_SIGN = {f"{_GOV}AtLeast": "≥", f"{_GOV}AtMost": "≤", f"{_GOV}Approximately": "≈", f"{_GOV}Exact": ""}
_ASPECT = {f"{_GOV}Level": "水平", f"{_GOV}Growth": "增长率", f"{_GOV}PercentagePointChange": "百分点变化"}
_QUALIFIER = {
    f"{_GOV}AtLeast": "不低于",
    f"{_GOV}AtMost": "不超过",
    f"{_GOV}Approximately": "约",
    f"{_GOV}Exact": "精确",
}
_STATUS = {f"{_GOV}Planned": "计划", f"{_GOV}Ongoing": "推进中", f"{_GOV}Completed": "已完成"}
_OUTCOMES = {f"{_GOV}Met": "met", f"{_GOV}Missed": "missed", f"{_GOV}Undetermined": "undetermined"}
# Direct edges that are not facts of their own: (property, label). gov:commits,
# gov:completed and gov:locatedIn repeat a commitment, which is drawn already.
_LINKS = (
    ("gov:partOf", "隶属于"),
    ("gov:issuedBy", "发布"),
    ("gov:targets", "针对指标"),
    ("gov:relatedTo", "相关地区"),
)
_NAMES = ("rdfs:label", "skos:prefLabel", "dcterms:title")  # a node's name, in this order of preference


# subject IRI → property (prefixed name) → its values (IRIs, or literals' lexical forms), smallest first
Properties = dict[str, dict[str, list[str]]]
# node IRI → property → its literal values as (lexical form, language tag or ""), smallest first
Names = dict[str, dict[str, list[tuple[str, str]]]]
V = TypeVar("V", str, tuple[str, str])


@dataclass(frozen=True, slots=True)
class GraphView:
    """What the page shows of a store: entities (IRI → label, class), facts, links, reports, assessments."""

    nodes: dict[str, tuple[str, str]]
    facts: list[dict[str, Any]]
    links: list[tuple[str, str, str]]
    reports: list[dict[str, Any]]
    assessments: list[dict[str, Any]]
    names: dict[str, set[str]]  # region IRI → its labels and alternative labels


def read_view(store: object) -> GraphView:
    """The browsable view of a pyoxigraph Store, read in four SELECT queries.

    Each query scans a few properties whole (Oxigraph reads one index range per property) rather
    than looking up each property of each subject, which on a store on disk is four times slower.
    """
    types: dict[str, set[str]] = {}
    for node, cls in _table(store, _TYPES_QUERY):
        types.setdefault(node, set()).add(_local(cls))
    typed = sorted(types.items())  # sorted once: every table below is in node order
    classes = {
        node: next(c.key for c in NODE_CLASSES if c.key in held)
        for node, held in typed
        if not held.isdisjoint(CLASS_ORDER)
    }
    names = _names(store)
    nodes = {node: (label_of(names, node), cls) for node, cls in classes.items()}
    values = _scan(store)

    def of(cls: str) -> Properties:
        return {node: values.get(node, {}) for node, held in typed if cls in held}

    observations, commitments, reports = of("Observation"), of("Commitment"), of("Report")
    regions = [node for node, cls in classes.items() if cls == "Region"]
    return GraphView(
        nodes=nodes,
        facts=_observation_facts(observations, types, nodes) + _commitment_facts(commitments, nodes),
        links=_links(store, commitments, nodes),
        reports=[report_record(reports, names, node) for node in reports],
        assessments=_assessment_records(of("Assessment"), observations),
        names={
            region: {value for prop in _REGION_NAMES for value, _ in names.get(region, {}).get(prop, [])}
            for region in regions
        },
    )


def view_graph(view: GraphView) -> nx.MultiDiGraph:
    """The browsable view as networkx: entities as nodes (label, class), facts and direct links as edges."""
    drawn = nx.MultiDiGraph()
    drawn.add_nodes_from((node, {"label": label, "cls": cls}) for node, (label, cls) in view.nodes.items())
    for fact in view.facts:
        drawn.add_edge(fact["from"], fact["to"], key=fact["iri"], fact=fact)
    for source, target, label in view.links:
        drawn.add_edge(source, target, key=f"link {label}", link=label)
    return drawn


def focus(view: nx.MultiDiGraph, regions: set[str], *, year: int | None = None) -> nx.MultiDiGraph:
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


def regions_named(view: GraphView, name: str) -> set[str]:
    """Regions whose label, alternative label or IRI ends in ``name``; an unknown name is an error."""
    found = {region for region, names in view.names.items() if name in names or region.endswith(f"/{name}")}
    if not found:
        known = sorted({label for label, cls in view.nodes.values() if cls == "Region"})
        raise InputError(f"no region named {name!r} in the graph; choose one of: {'、'.join(known) or '(none)'}")
    return found


# ---- the queries --------------------------------------------------------------------------------

_TYPES = (*CLASS_ORDER, "Observation", "Target", "Actual", "Commitment", "Assessment")
_TYPES_QUERY = (
    f"SELECT ?s ?class WHERE {{ VALUES ?class {{ {' '.join(f'gov:{t}' for t in _TYPES)} }}"
    " ?s a ?class FILTER(isIRI(?s)) }"
)
_REGION_NAMES = ("rdfs:label", "skos:altLabel")
_LABELS = (*_NAMES, "dcterms:source", "skos:altLabel")
_NAMES_QUERY = (
    f"SELECT ?s ?p ?o (LANG(?o) AS ?lang) WHERE {{ VALUES ?p {{ {' '.join(_LABELS)} }}"
    " ?s ?p ?o FILTER(isIRI(?s) && isLiteral(?o)) }"
)
# What observations, commitments, reports and assessments say (names come with _NAMES_QUERY).
_PROPERTIES = (
    "gov:year",
    "gov:value",
    "gov:statedValue",
    "gov:qualifier",
    "gov:indicator",
    "gov:aspect",
    "gov:unit",
    "gov:program",
    "gov:region",
    "gov:evidence",
    "prov:wasDerivedFrom",
    "gov:project",
    "gov:status",
    "gov:investment",
    "gov:involves",
    "gov:issuedBy",
    "gov:reportYear",
    "gov:reviewYear",
    "gov:planYear",
    "gov:target",
    "gov:actual",
    "gov:outcome",
    "gov:difference",
)
# One query a property: on a build's store (every fact in its report's named graph, read as their
# union) a scan per property is a fifth faster than one scan of them all through VALUES.
_SCAN_QUERY = "SELECT ?s ?o WHERE {{ ?s {} ?o FILTER(isIRI(?s)) }}"


def _table(store: object, query: str) -> Iterator[list[str]]:
    """A SELECT's rows: IRIs and literals' lexical forms as str ("" where unbound).

    The solutions come out of Oxigraph as SPARQL CSV and are split by the csv module: a store of
    20,000 nodes gives some 200,000 rows, and reading each term as a Python object takes seconds.
    """
    import pyoxigraph

    result = store.query(query, prefixes=PREFIXES, use_default_graph_as_union=True)  # type: ignore[attr-defined]
    text = result.serialize(format=pyoxigraph.QueryResultsFormat.CSV).decode("utf-8")
    rows = csv.reader(io.StringIO(text, newline=""))
    next(rows, None)  # the variable names
    return rows


def _scan(store: object) -> Properties:
    """Every subject (an IRI) → the values of _PROPERTIES it has, smallest first."""
    iris = {prop: _expand(prop) for prop in _PROPERTIES}
    rows = (
        (subject, iris[prop], value)
        for prop in _PROPERTIES
        for subject, value in _table(store, _SCAN_QUERY.format(prop))
    )
    return _grouped(rows, _PROPERTIES)


def _names(store: object) -> Names:
    """Every entity's labels, titles and sources, with their language tags."""
    rows = ((node, prop, (value, lang)) for node, prop, value, lang in _table(store, _NAMES_QUERY))
    return _grouped(rows, _LABELS)


def _grouped(rows: Iterable[Sequence[Any]], properties: Iterable[str]) -> dict[str, dict[str, list[V]]]:
    """Rows (subject, property IRI, value) → subject → property (prefixed name) → values, smallest first.

    A triple held by several named graphs (the union is the default graph) counts once. Some 400,000
    rows for 300 reports: one dictionary lookup per level, the property's name found once per IRI.
    """
    full = {_expand(name): name for name in properties}
    table: dict[str, dict[str, list[V]]] = {}
    several: list[list[V]] = []
    for subject, prop, value in rows:
        props = table.get(subject)
        if props is None:
            props = table[subject] = {}
        name = full[prop]
        values = props.get(name)
        if values is None:
            props[name] = [value]
        else:
            values.append(value)
            if len(values) == 2:
                several.append(values)
    for values in several:
        values[:] = sorted(set(values))
    return table


def _expand(name: str) -> str:
    prefix, local = name.split(":", 1)
    return PREFIXES[prefix] + local


def _local(iri: object) -> str:
    return str(iri).rsplit("#", 1)[-1]


def _value(props: dict[str, list[str]] | None, name: str) -> str | None:
    values = (props or {}).get(name)
    return values[0] if values else None


_iri = _value  # the ontology's object properties hold IRIs


# ---- facts --------------------------------------------------------------------------------------


def _observation_facts(
    observations: Properties, types: dict[str, set[str]], nodes: dict[str, tuple[str, str]]
) -> list[dict[str, Any]]:
    facts = []
    for obs, props in observations.items():
        kind, kind_zh = next((_KIND[k] for k in _KIND if k in types[obs]), ("actual", "实际"))
        fact = _fact(props, obs, nodes, target=_iri(props, "gov:indicator"))
        if fact is None:
            continue
        year = _int(_value(props, "gov:year"))
        shown = shown_value(props)
        fact |= {
            "kind": kind,
            "year": year,
            "shown": shown,
            "text": " ".join(part for part in (str(year or ""), kind_zh, shown) if part),
            "aspect": _ASPECT.get(str(_value(props, "gov:aspect")), ""),
            "qualifier": _QUALIFIER.get(str(_value(props, "gov:qualifier")), ""),
            "value": f"{_str(_value(props, 'gov:value'))} {_str(_value(props, 'gov:unit'))}".strip(),
            "program": _iri(props, "gov:program"),
        }
        facts.append(fact)
    return facts


def _commitment_facts(commitments: Properties, nodes: dict[str, tuple[str, str]]) -> list[dict[str, Any]]:
    facts = []
    for commitment, props in commitments.items():
        subject = _iri(props, "gov:project") or _iri(props, "gov:program")
        fact = _fact(props, commitment, nodes, target=subject)
        if fact is None:
            continue
        year = _int(_value(props, "gov:year"))
        status = _STATUS.get(str(_value(props, "gov:status")), "")
        investment = _value(props, "gov:investment")
        fact |= {
            "kind": "commitment",
            "year": year,
            "shown": status,
            "text": " ".join(part for part in (str(year or ""), status) if part),
            "status": status,
            "investment": f"{_str(investment)} 元" if investment is not None else "",
            "involves": sorted(props.get("gov:involves", [])),
        }
        facts.append(fact)
    return facts


def _fact(
    props: dict[str, list[str]], node: str, nodes: dict[str, tuple[str, str]], *, target: str | None
) -> dict[str, Any] | None:
    """What observations and commitments share; the edge starts at the region, else at the report."""
    report = _iri(props, "prov:wasDerivedFrom")
    region = _iri(props, "gov:region")
    source = region if region in nodes else report
    if source not in nodes or target not in nodes:
        return None
    return {
        "iri": node,
        "from": source,
        "to": target,
        "region": region,
        "report": report,
        "evidence": _str(_value(props, "gov:evidence")),
    }


def shown_value(props: dict[str, list[str]] | None) -> str:
    """A number as the page shows it: as stated, signed when it is a fall, with ≥/≤/≈ for its qualifier."""
    value = _str(_value(props, "gov:value"))
    stated = _str(_value(props, "gov:statedValue")) or value
    if value.startswith("-") and not stated.startswith(("-", "−")):
        stated = f"−{stated}"
    return f"{_SIGN.get(str(_value(props, 'gov:qualifier')), '')}{stated}"


def _assessment_records(assessments: Properties, observations: Properties) -> list[dict[str, Any]]:
    """Each target against its result (gov:Assessment): region, indicator, year, both numbers as the page
    shows them and in the base unit, the outcome and the two sentences (the review's words where the
    result has no number)."""
    records = []
    for node, props in assessments.items():
        target_iri = _iri(props, "gov:target")
        if target_iri is None:
            continue
        actual_iri = _iri(props, "gov:actual")
        target = observations.get(target_iri)
        actual = observations.get(actual_iri) if actual_iri is not None else None
        result_value = _str(_value(actual, "gov:value")) if actual_iri is not None else ""
        records.append(
            {
                "iri": node,
                "target": target_iri,
                "region": _iri(target, "gov:region"),
                "indicator": _iri(target, "gov:indicator"),
                "year": _int(_value(target, "gov:year")),
                "outcome": _OUTCOMES.get(str(_value(props, "gov:outcome")), "undetermined"),
                "gap": _str(_value(props, "gov:difference")),
                "unit": _str(_value(target, "gov:unit")),
                "targetShown": shown_value(target),
                "targetValue": float(_str(_value(target, "gov:value")) or 0),
                "resultShown": shown_value(actual) if actual_iri is not None else "",
                "resultValue": float(result_value) if result_value else None,
                "targetEvidence": _str(_value(target, "gov:evidence")),
                "resultEvidence": _str(
                    _value(actual, "gov:evidence") if actual_iri is not None else _value(props, "gov:evidence")
                ),
            }
        )
    return records


def report_record(reports: Properties, names: Names, report: str) -> dict[str, Any]:
    props = reports.get(report)
    issuer = _iri(props, "gov:issuedBy")
    return {
        "iri": report,
        "title": _text(names.get(report), "dcterms:title"),
        "source": next((value for value, _ in names.get(report, {}).get("dcterms:source", [])), ""),
        "region": label_of(names, issuer) if issuer else "",
        "reportYear": _int(_value(props, "gov:reportYear")),
        "reviewYear": _int(_value(props, "gov:reviewYear")),
        "planYear": _int(_value(props, "gov:planYear")),
    }


def _links(store: object, commitments: Properties, nodes: dict[str, tuple[str, str]]) -> list[tuple[str, str, str]]:
    """Direct edges between shown nodes; an organization hangs on the project or program it takes part in."""
    labels = {_expand(prop): label for prop, label in _LINKS}
    wanted = " ".join(prop for prop, _ in _LINKS)
    query = f"SELECT ?s ?p ?o WHERE {{ VALUES ?p {{ {wanted} }} ?s ?p ?o FILTER(isIRI(?s) && isIRI(?o)) }}"
    links = [(source, target, labels[prop]) for source, prop, target in _table(store, query)]
    for props in commitments.values():
        subject = _iri(props, "gov:project") or _iri(props, "gov:program")
        if subject is not None:
            links.extend((subject, org, "涉及") for org in props.get("gov:involves", []))
    return sorted({link for link in links if link[0] in nodes and link[1] in nodes})


def label_of(names: Names, node: str) -> str:
    """A node's name for people: its @zh label (indicators: prefLabel; reports: title)."""
    props = names.get(node)
    for prop in _NAMES:
        text = _text(props, prop)
        if text:
            return text
    sources = (props or {}).get("dcterms:source")
    return sources[0][0] if sources else node.rsplit("/", 1)[-1]


def _text(props: dict[str, list[tuple[str, str]]] | None, prop: str) -> str:
    """The @zh value of ``prop``, else any plain one; the smallest if several, so the choice is stable."""
    values = (props or {}).get(prop, [])
    chosen = [value for value, lang in values if lang == "zh"] or [value for value, lang in values if not lang]
    return chosen[0] if chosen else ""


def _str(value: str | None) -> str:
    """A term's text, or "" when there is none (never "" for a literal 0)."""
    return "" if value is None else value


def _int(value: str | None) -> int | None:
    """An xsd:integer literal as an int; anything else (absent, malformed) as None."""
    text = _str(value)
    return int(text) if text.lstrip("-").isdigit() else None
