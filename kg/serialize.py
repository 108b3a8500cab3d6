"""Graph → bytes in the RDF formats kg writes, deterministically.

Every format is written by hand from sorted triples so the same graph gives the
same bytes whatever the run or PYTHONHASHSEED: N-Triples and N-Quads as sorted
lines; Turtle and TriG grouped by subject with subjects, predicates and objects
in sorted order; JSON-LD as one compact document with an ``@context``, nodes
sorted by ``@id`` and keys sorted.

N-Quads and TriG hold the graph as a dataset with one named graph per report
and one for the entities they share (see ``report_graphs``), so a user can drop
or replace one report's triples.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import PROV
from rdflib.term import Node

from kg.resolve import DEFAULT_BASE
from kg.vocab import GOV

# Local names written as prefix:local: ASCII words and CJK ideographs, no trailing dot or dash.
_LOCAL = re.compile(r"[A-Za-z_\u4e00-\u9fff][A-Za-z0-9_\-\u4e00-\u9fff]*(?<![-.])")

Triple = tuple[Node, Node, Node]


@dataclass(frozen=True, slots=True)
class Format:
    """An output format: file extension and media type."""

    extension: str
    media_type: str


FORMATS = {
    "turtle": Format("ttl", "text/turtle"),
    "ntriples": Format("nt", "application/n-triples"),
    "nquads": Format("nq", "application/n-quads"),
    "trig": Format("trig", "application/trig"),
    "jsonld": Format("jsonld", "application/ld+json"),
}


def serialize(graph: Graph, name: str = "turtle") -> bytes:
    """The graph in the named format (see ``FORMATS``), byte-identical across runs."""
    writers: dict[str, Callable[[Graph], str]] = {
        "turtle": _turtle,
        "ntriples": _ntriples,
        "nquads": _nquads,
        "trig": _trig,
        "jsonld": _jsonld,
    }
    return writers[name](graph).encode("utf-8")


def shared_graph(graph: Graph) -> URIRef:
    """The name of the graph that holds what reports share: ``id:graph/entities``."""
    base = dict(graph.namespace_manager.namespaces()).get("id", URIRef(DEFAULT_BASE))
    return URIRef(f"{base}graph/entities")


def report_graphs(graph: Graph) -> dict[URIRef, set[Triple]]:
    """The graph as named graphs: one per report (named by the report's IRI) and one shared (``shared_graph``).

    A report's graph holds the report's own triples, every fact derived from it
    (``prov:wasDerivedFrom``) with its values and evidence, and the direct edges
    between entities that one of its facts supports (``gov:commits``,
    ``gov:locatedIn``, ``gov:targets``: a region and project that one commitment
    names). The shared graph holds what no single report owns: the entities'
    descriptions (types, labels, ``gov:partOf``, ``skos:inScheme``), which are the
    same whichever report mentions them and whose IRIs come from content, so
    loading the shared graph of another build adds nothing twice.

    Each triple is in exactly one graph, except a direct edge that facts of two
    reports support, which is in both reports' graphs so that dropping one report
    keeps it. Labels are not repeated per report on purpose: Oxigraph (and other
    quad stores) query the union of graphs as a bag, so a label in every report's
    graph would multiply the rows of any query that prints it. Nothing is left in
    the default graph, because Jena's union default graph leaves it out.
    """
    shared = shared_graph(graph)
    reports = {s for s in graph.subjects(RDF.type, GOV.Report) if isinstance(s, URIRef)}
    facts: dict[Node, set[URIRef]] = defaultdict(set, {report: {report} for report in reports})
    for fact, report in graph.subject_objects(PROV.wasDerivedFrom):
        if isinstance(report, URIRef) and report in reports:
            facts[fact].add(report)
    entities = {s for s in graph.subjects(unique=True) if s not in facts}
    supported: dict[tuple[Node, Node], set[URIRef]] = defaultdict(set)
    for fact, owners in list(facts.items()):
        named = {o for o in graph.objects(fact) if o in entities}
        for a in named:
            for b in named:
                supported[(a, b)] |= owners
    out: dict[URIRef, set[Triple]] = {name: set() for name in (*reports, shared)}
    for s, p, o in graph:
        for name in facts.get(s) or supported.get((s, o)) or {shared}:
            out[name].add((s, p, o))
    return out


def _key(node: Node) -> tuple[int, str, str, str]:
    if isinstance(node, URIRef):
        return (0, str(node), "", "")
    if isinstance(node, Literal):
        return (1, str(node), node.language or "", str(node.datatype or ""))
    return (2, str(node), "", "")


# Literals are written as one-line quoted strings in every format: rdflib's n3() writes a
# string holding a line break as """…""", which N-Triples and N-Quads do not allow, and
# leaves other control characters raw, which some parsers (raptor) reject. So escape the
# quote, the backslash, and every C0 control character and DEL (as canonical N-Triples does).
_ESCAPES = {
    **{chr(c): f"\\u{c:04X}" for c in (*range(0x20), 0x7F)},
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
    '"': '\\"',
    "\\": "\\\\",
}
_ESCAPE = str.maketrans(_ESCAPES)


def _literal(node: Literal, datatype: Callable[[URIRef], str]) -> str:
    """A literal as ``"…"``, ``"…"@lang`` or ``"…"^^datatype``, escaped for Turtle, TriG, N-Triples and N-Quads."""
    text = f'"{str(node).translate(_ESCAPE)}"'
    if node.language:
        return f"{text}@{node.language}"
    if node.datatype is not None:
        return f"{text}^^{datatype(node.datatype)}"
    return text


def _nt(node: Node) -> str:
    if isinstance(node, Literal):
        return _literal(node, lambda iri: iri.n3())
    rendered: str = node.n3()
    return rendered


def _ntriples(graph: Graph) -> str:
    return "".join(sorted(f"{_nt(s)} {_nt(p)} {_nt(o)} .\n" for s, p, o in graph))


def _nquads(graph: Graph) -> str:
    lines = [
        f"{_nt(s)} {_nt(p)} {_nt(o)} {_nt(name)} .\n"
        for name, triples in report_graphs(graph).items()
        for s, p, o in triples
    ]
    return "".join(sorted(lines))


def _prefixes(graph: Graph) -> list[tuple[str, str]]:
    return sorted((prefix, str(ns)) for prefix, ns in graph.namespace_manager.namespaces())


def _term(graph: Graph, prefixes: list[tuple[str, str]]) -> Callable[[Node], str]:
    manager = graph.namespace_manager
    rendered: dict[Node, str] = {}  # classes, predicates and entities recur thousands of times

    def term(node: Node) -> str:
        text = rendered.get(node)
        if text is None:
            if isinstance(node, URIRef):
                text = _qname(node, prefixes) or node.n3()
            elif isinstance(node, Literal):
                text = _literal(node, term)
            else:
                text = node.n3(manager)
            rendered[node] = text
        return text

    return term


def _statements(triples: Iterable[Triple], term: Callable[[Node], str], indent: str = "") -> str:
    """Turtle statements for the triples, one block per subject, everything sorted."""
    by_subject: dict[Node, dict[Node, list[Node]]] = defaultdict(lambda: defaultdict(list))
    for s, p, o in triples:
        by_subject[s][p].append(o)
    out = []
    for subject in sorted(by_subject, key=_key):
        out.append(f"\n{indent}{term(subject)}")
        predicates = sorted(by_subject[subject], key=_key)
        for i, predicate in enumerate(predicates):
            objects = sorted(by_subject[subject][predicate], key=_key)
            verb = "a" if predicate == RDF.type else term(predicate)
            rendered = f" ,\n{indent}        ".join(term(o) for o in objects)
            out.append(f"{'' if i == 0 else ' ;'}\n{indent}    {verb} {rendered}")
        out.append(" .\n")
    return "".join(out)


def _turtle(graph: Graph) -> str:
    prefixes = _prefixes(graph)
    head = "".join(f"@prefix {prefix}: <{ns}> .\n" for prefix, ns in prefixes)
    return head + _statements(graph, _term(graph, prefixes))


def _trig(graph: Graph) -> str:
    prefixes = _prefixes(graph)
    term = _term(graph, prefixes)
    parts = ["".join(f"@prefix {prefix}: <{ns}> .\n" for prefix, ns in prefixes)]
    graphs = report_graphs(graph)
    for name in sorted(graphs, key=_key):
        parts.append(f"\n{term(name)} {{{_statements(graphs[name], term, '    ')}}}\n")
    return "".join(parts)


def _jsonld(graph: Graph) -> str:
    prefixes = _prefixes(graph)

    def iri(node: Node) -> str:
        text = str(node)
        for prefix, ns in sorted(prefixes, key=lambda pn: -len(pn[1])):
            local = text[len(ns) :]
            if text.startswith(ns) and local and not local.startswith("//"):
                return f"{prefix}:{local}"
        return text

    def value(node: Node) -> object:
        if isinstance(node, Literal):
            if node.language:
                return {"@language": node.language, "@value": str(node)}
            if node.datatype is not None:
                return {"@type": iri(node.datatype), "@value": str(node)}
            return str(node)
        return {"@id": iri(node)}

    nodes = []
    for subject in sorted(set(graph.subjects()), key=_key):
        node: dict[str, object] = {"@id": iri(subject)}
        for predicate in sorted(set(graph.predicates(subject)), key=_key):
            objects = sorted(graph.objects(subject, predicate), key=_key)
            if predicate == RDF.type:
                values: list[object] = [iri(o) for o in objects]
                key = "@type"
            else:
                values = [value(o) for o in objects]
                key = iri(predicate)
            node[key] = values[0] if len(values) == 1 else values
        nodes.append(node)
    document = {"@context": dict(prefixes), "@graph": nodes}
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _qname(node: URIRef, prefixes: list[tuple[str, str]]) -> str | None:
    """prefix:local when the local part is a plain name Turtle accepts unescaped."""
    text = str(node)
    best = max(((p, ns) for p, ns in prefixes if text.startswith(ns)), key=lambda pn: len(pn[1]), default=None)
    if best is None:
        return None
    local = text[len(best[1]) :]
    if local and _LOCAL.fullmatch(local):
        return f"{best[0]}:{local}"
    return None
