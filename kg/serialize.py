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

import io
import json
import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import PROV
from rdflib.term import Node

from kg.rdf import Triple, prefixes
from kg.resolve import DEFAULT_BASE
from kg.vocab import GOV

# Local names written as prefix:local: ASCII words and CJK ideographs, no trailing dot or dash.
_LOCAL = re.compile(r"[A-Za-z_\u4e00-\u9fff][A-Za-z0-9_\-\u4e00-\u9fff]*(?<![-.])")


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
    out = io.BytesIO()
    base = dict(graph.namespace_manager.namespaces()).get("id", URIRef(DEFAULT_BASE))
    writer = DatasetWriter({name: out}, prefixes(str(base)))
    graphs = report_graphs(graph)
    shared, assessments = shared_graph(graph), assessments_graph(graph)
    facts = _facts(graph)
    for report in sorted(set(graphs) - {shared, assessments}, key=_key):
        writer.write(report, graphs[report], {t for t in graphs[report] if t[0] not in facts})
    writer.write(assessments, graphs[assessments])
    writer.close(shared, graphs[shared])
    return out.getvalue()


class DatasetWriter:
    """Writes a dataset graph by graph into one stream per format, so that no format needs it all in memory.

    Each report's graph is written as it comes (``write``), its triples sorted; the shared graph comes last
    (``close``). N-Quads and TriG keep the graphs; Turtle, N-Triples and JSON-LD hold their union, so a triple
    that two graphs may both hold (``repeated``: an edge between entities that two reports state) is kept
    back and written once, with the shared graph. The bytes depend only on what is written
    and in which order, not on how the triples were made.
    """

    def __init__(self, streams: Mapping[str, BinaryIO], prefixes: list[tuple[str, str]]) -> None:
        self._streams = dict(streams)
        self._prefixes = prefixes
        self._repeated: set[Triple] = set()
        self._nodes = 0  # JSON-LD node objects written, for the commas between them
        self.triples = 0  # distinct triples written, over all graphs
        head = "".join(f"@prefix {prefix}: <{ns}> .\n" for prefix, ns in prefixes)
        context = json.dumps(dict(prefixes), ensure_ascii=False, indent=2, sort_keys=True).replace("\n", "\n  ")
        heads = {"turtle": head, "trig": head, "jsonld": f'{{\n  "@context": {context},\n  "@graph": ['}
        for name, stream in self._streams.items():
            stream.write(heads.get(name, "").encode("utf-8"))

    def write(
        self,
        name: URIRef,
        triples: Collection[Triple],
        repeated: Collection[Triple] = (),
        *,
        partition: Path | None = None,
    ) -> None:
        """One named graph: ``triples``, of which ``repeated`` may be in another graph too; its N-Quads
        also go to the file ``partition`` if given."""
        self._repeated.update(repeated)
        self._section(name, triples, [t for t in triples if t not in repeated] if repeated else triples, partition)

    def close(self, name: URIRef, triples: Collection[Triple], *, partition: Path | None = None) -> None:
        """The shared graph, last; the union formats add the repeated triples to it, once each."""
        self._section(name, triples, set(triples) | self._repeated, partition)
        if "jsonld" in self._streams:
            self._streams["jsonld"].write(("\n  ]\n}\n" if self._nodes else "]\n}\n").encode("utf-8"))

    def _section(
        self, name: URIRef, quads: Collection[Triple], triples: Collection[Triple], partition: Path | None
    ) -> None:
        self.triples += len(triples)
        term = _term(self._prefixes)
        nquads = ""
        if partition is not None or "nquads" in self._streams:
            nquads = "".join(sorted(f"{_nt(s)} {_nt(p)} {_nt(o)} {_nt(name)} .\n" for s, p, o in quads))
        if partition is not None:
            partition.write_bytes(nquads.encode("utf-8"))
        for fmt, stream in self._streams.items():
            if fmt == "nquads":
                text = nquads
            elif fmt == "trig":
                text = f"\n{term(name)} {{{_statements(quads, term, '    ')}}}\n" if quads else ""
            elif fmt == "ntriples":
                text = "".join(sorted(f"{_nt(s)} {_nt(p)} {_nt(o)} .\n" for s, p, o in triples))
            elif fmt == "turtle":
                text = _statements(triples, term)
            else:
                text = self._jsonld(triples)
            stream.write(text.encode("utf-8"))

    def _jsonld(self, triples: Collection[Triple]) -> str:
        iri = _compact(self._prefixes)

        def value(node: Node) -> object:
            if isinstance(node, Literal):
                if node.language:
                    return {"@language": node.language, "@value": str(node)}
                if node.datatype is not None:
                    return {"@type": iri(node.datatype), "@value": str(node)}
                return str(node)
            return {"@id": iri(node)}

        parts = []
        for subject, predicates in _grouped(triples):
            node: dict[str, object] = {"@id": iri(subject)}
            for predicate, objects in predicates:
                values = [iri(o) for o in objects] if predicate == RDF.type else [value(o) for o in objects]
                node["@type" if predicate == RDF.type else iri(predicate)] = values[0] if len(values) == 1 else values
            text = json.dumps(node, ensure_ascii=False, indent=2, sort_keys=True).replace("\n", "\n    ")
            parts.append(f"{',' if self._nodes else ''}\n    {text}")
            self._nodes += 1
        return "".join(parts)


def shared_graph(graph: Graph) -> URIRef:
    """The name of the graph that holds what reports share: ``id:graph/entities``."""
    base = dict(graph.namespace_manager.namespaces()).get("id", URIRef(DEFAULT_BASE))
    return URIRef(f"{base}graph/entities")


def assessments_graph(graph: Graph) -> URIRef:
    """The name of the graph of the assessments, which are drawn from several reports: ``id:graph/assessments``."""
    base = dict(graph.namespace_manager.namespaces()).get("id", URIRef(DEFAULT_BASE))
    return URIRef(f"{base}graph/assessments")


def report_graphs(graph: Graph) -> dict[URIRef, set[Triple]]:
    """The graph as named graphs: one per report (named by the report's IRI), one of the assessments
    (``assessments_graph``) and one shared (``shared_graph``).

    A report's graph holds the report's own triples, every fact derived from it
    (``prov:wasDerivedFrom``) with its values and evidence, and the direct edges
    between entities that one of its facts supports (``gov:commits``,
    ``gov:locatedIn``, ``gov:targets``: a region and project that one commitment
    names). The shared graph holds what no single report owns: the entities'
    descriptions (types, labels, ``gov:partOf``, ``skos:inScheme``), which are the
    same whichever report mentions them and whose IRIs come from content, so
    loading the shared graph of another build adds nothing twice. An assessment
    sets a target of one report against the result of another, so the assessments
    have a graph of their own rather than one copy in each report's.

    Each triple is in exactly one graph, except a direct edge that facts of two
    reports support, which is in both reports' graphs so that dropping one report
    keeps it. (A build into a folder makes each report's graph from its own facts,
    kg.dataset: there an edge is in the graph of each report whose facts state it;
    here, where only the graph is known, of each report with a fact naming both ends.)
    Labels are not repeated per report on purpose: Oxigraph (and other
    quad stores) query the union of graphs as a bag, so a label in every report's
    graph would multiply the rows of any query that prints it. Nothing is left in
    the default graph, because Jena's union default graph leaves it out.
    """
    shared = shared_graph(graph)
    facts = _facts(graph)
    reports = {report for owners in facts.values() for report in owners}
    for assessment in graph.subjects(RDF.type, GOV.Assessment):
        facts[assessment] = {assessments_graph(graph)}
    entities = {s for s in graph.subjects(unique=True) if s not in facts}
    supported: dict[tuple[Node, Node], set[URIRef]] = defaultdict(set)
    for fact, owners in list(facts.items()):
        named = {o for o in graph.objects(fact) if o in entities}
        for a in named:
            for b in named:
                supported[(a, b)] |= owners
    out: dict[URIRef, set[Triple]] = {name: set() for name in (*reports, assessments_graph(graph), shared)}
    for s, p, o in graph:
        for name in facts.get(s) or supported.get((s, o)) or {shared}:
            out[name].add((s, p, o))
    return out


def _facts(graph: Graph) -> dict[Node, set[URIRef]]:
    """Reports and the facts derived from them (``prov:wasDerivedFrom``) → the reports they come from."""
    reports = {s for s in graph.subjects(RDF.type, GOV.Report) if isinstance(s, URIRef)}
    facts: dict[Node, set[URIRef]] = defaultdict(set, {report: {report} for report in reports})
    for fact, report in graph.subject_objects(PROV.wasDerivedFrom):
        if isinstance(report, URIRef) and report in reports:
            facts[fact].add(report)
    return facts


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


def _term(prefixes: list[tuple[str, str]]) -> Callable[[Node], str]:
    rendered: dict[Node, str] = {}  # classes, predicates and entities recur thousands of times

    def term(node: Node) -> str:
        text = rendered.get(node)
        if text is None:
            if isinstance(node, URIRef):
                text = _qname(node, prefixes) or node.n3()
            elif isinstance(node, Literal):
                text = _literal(node, term)
            else:
                text = node.n3()
            rendered[node] = text
        return text

    return term


def _grouped(triples: Iterable[Triple]) -> list[tuple[Node, list[tuple[Node, list[Node]]]]]:
    """Triples by subject, then predicate, then object, each level sorted."""
    by_subject: dict[Node, dict[Node, list[Node]]] = defaultdict(lambda: defaultdict(list))
    for s, p, o in triples:
        by_subject[s][p].append(o)
    return [
        (subject, [(p, sorted(by_subject[subject][p], key=_key)) for p in sorted(by_subject[subject], key=_key)])
        for subject in sorted(by_subject, key=_key)
    ]


def _statements(triples: Iterable[Triple], term: Callable[[Node], str], indent: str = "") -> str:
    """Turtle statements for the triples, one block per subject, everything sorted."""
    out = []
    for subject, predicates in _grouped(triples):
        out.append(f"\n{indent}{term(subject)}")
        for i, (predicate, objects) in enumerate(predicates):
            verb = "a" if predicate == RDF.type else term(predicate)
            rendered = f" ,\n{indent}        ".join(term(o) for o in objects)
            out.append(f"{'' if i == 0 else ' ;'}\n{indent}    {verb} {rendered}")
        out.append(" .\n")
    return "".join(out)


def _compact(prefixes: list[tuple[str, str]]) -> Callable[[Node], str]:
    """An IRI as prefix:local for JSON-LD, under the longest namespace it starts with."""
    longest_first = sorted(prefixes, key=lambda pn: -len(pn[1]))

    def iri(node: Node) -> str:
        text = str(node)
        for prefix, ns in longest_first:
            local = text[len(ns) :]
            if text.startswith(ns) and local and not local.startswith("//"):
                return f"{prefix}:{local}"
        return text

    return iri


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
