"""Graph → bytes in the RDF formats kg writes, deterministically.

Every format is written by hand from sorted triples so the same graph gives the
same bytes whatever the run or PYTHONHASHSEED: N-Triples and N-Quads as sorted
lines; Turtle and TriG grouped by subject with subjects, predicates and objects
in sorted order (IRIs before literals; IRIs by their text, literals by lexical
form, language and datatype); JSON-LD as one compact document with an
``@context``, nodes sorted by ``@id`` and keys sorted.

The writers take kg's light terms (``kg.rdf.Triple``: IRIs as ``str``, literals as
``kg.rdf.Literal``), as the build into a folder makes them; ``serialize`` takes an
rdflib ``Graph`` and converts its terms first.

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
from json.encoder import encode_basestring as _json_string
from pathlib import Path
from typing import BinaryIO, TypeVar

from rdflib import RDF, Graph, URIRef
from rdflib.namespace import PROV
from rdflib.term import Node

from kg.errors import OutputError
from kg.rdf import TYPE, Literal, Term, Triple, from_rdflib_triple, prefixes
from kg.resolve import DEFAULT_BASE
from kg.vocab import GOV

T = TypeVar("T")
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
    """The rdflib graph in the named format (see ``FORMATS``), byte-identical across runs."""
    out = io.BytesIO()
    base = dict(graph.namespace_manager.namespaces()).get("id", URIRef(DEFAULT_BASE))
    writer = DatasetWriter({name: out}, prefixes(str(base)))
    terms: dict[Node, Term] = {}
    graphs = {
        str(named): {from_rdflib_triple(triple, terms) for triple in triples}
        for named, triples in report_graphs(graph).items()
    }
    shared, assessments = str(shared_graph(graph)), str(assessments_graph(graph))
    facts = {str(fact) for fact in _facts(graph)}
    for report in sorted(set(graphs) - {shared, assessments}):
        writer.write(report, graphs[report], {t for t in graphs[report] if t[0] not in facts})
    writer.write(assessments, graphs[assessments])
    writer.close(shared, graphs[shared])
    return out.getvalue()


@dataclass(frozen=True, slots=True)
class RenderedGraph:
    """One named graph in each format asked for, ready to append to the streams: made by
    ``render_graph`` where the graph is (a worker, for a report's) and written in order by ``DatasetWriter``."""

    nquads: bytes  # its N-Quads, sorted: for the partition, the store and graph.nq
    texts: dict[str, bytes]  # Turtle, TriG, N-Triples: its statements in each
    nodes: tuple[str, ...]  # JSON-LD node objects, indented, without the commas between them
    repeated: frozenset[Triple]  # triples another graph may hold too, kept back from the union formats
    triples: int  # the triples it adds to the union formats


def render_graph(
    name: str,
    triples: Collection[Triple],
    formats: Collection[str],
    prefixes: list[tuple[str, str]],
    repeated: Collection[Triple] = (),
    *,
    nquads: bool = True,
) -> RenderedGraph:
    """The named graph ``name`` holding ``triples``, of which ``repeated`` may be in another graph too,
    in the ``formats``; its N-Quads also if ``nquads`` (a partition and the store need them)."""
    repeated = frozenset(repeated)
    whole = _sorted(triples)
    united = _without(whole, repeated) if repeated else whole
    nt = _Rendered(_nt)
    term = _term(prefixes, nt)
    quads = _lines(whole, nt, f" {nt[name]} .\n") if nquads or "nquads" in formats else b""
    texts: dict[str, bytes] = {}
    if "trig" in formats:
        texts["trig"] = (f"\n{term[name]} {{{_statements(whole, term, '    ')}}}\n" if whole else "").encode()
    if "ntriples" in formats:
        texts["ntriples"] = _lines(united, nt, " .\n")
    if "turtle" in formats:
        texts["turtle"] = _statements(united, term).encode("utf-8")
    nodes = _jsonld_nodes(_grouped(united), prefixes) if "jsonld" in formats else ()
    return RenderedGraph(quads, texts, nodes, repeated, len(united))


class DatasetWriter:
    """Writes a dataset graph by graph into one stream per format, so that no format needs it all in memory.

    Each report's graph is written as it comes (``write``, or ``append`` if rendered elsewhere), its
    triples sorted; the shared graph comes last (``close``). N-Quads and TriG keep the graphs; Turtle,
    N-Triples and JSON-LD hold their union, so a triple that two graphs may both hold (``repeated``: an
    edge between entities that two reports state) is kept back and written once, with the shared graph.
    The bytes depend only on what is written and in which order, not on how the triples were made.
    """

    def __init__(self, streams: Mapping[str, BinaryIO], prefixes: list[tuple[str, str]]) -> None:
        self._streams = dict(streams)
        self.prefixes = prefixes
        self._repeated: set[Triple] = set()
        self._nodes = 0  # JSON-LD node objects written, for the commas between them
        self.triples = 0  # distinct triples written, over all graphs
        head = "".join(f"@prefix {prefix}: <{ns}> .\n" for prefix, ns in prefixes)
        context = json.dumps(dict(prefixes), ensure_ascii=False, indent=2, sort_keys=True).replace("\n", "\n  ")
        heads = {"turtle": head, "trig": head, "jsonld": f'{{\n  "@context": {context},\n  "@graph": ['}
        for name, stream in self._streams.items():
            stream.write(heads.get(name, "").encode("utf-8"))

    @property
    def formats(self) -> tuple[str, ...]:
        return tuple(self._streams)

    def write(
        self,
        name: str,
        triples: Collection[Triple],
        repeated: Collection[Triple] = (),
        *,
        partition: Path | None = None,
    ) -> bytes:
        """One named graph: ``triples``, of which ``repeated`` may be in another graph too. Its N-Quads
        also go to the file ``partition`` if given, and are returned (empty if neither a partition nor
        N-Quads is asked for)."""
        rendered = render_graph(name, triples, self.formats, self.prefixes, repeated, nquads=partition is not None)
        return self.append(rendered, partition=partition)

    def append(self, rendered: RenderedGraph, *, partition: Path | None = None) -> bytes:
        """A graph rendered by ``render_graph`` with this writer's formats and prefixes; its N-Quads, as ``write``."""
        self._repeated.update(rendered.repeated)
        self.triples += rendered.triples
        if partition is not None:
            partition.write_bytes(rendered.nquads)
        for fmt, stream in self._streams.items():
            if fmt == "nquads":
                stream.write(rendered.nquads)
            elif fmt == "jsonld":
                commas = (f"{',' if self._nodes + i else ''}\n    {node}" for i, node in enumerate(rendered.nodes))
                stream.write("".join(commas).encode("utf-8"))
                self._nodes += len(rendered.nodes)
            else:
                stream.write(rendered.texts[fmt])
        return rendered.nquads

    def close(self, name: str, triples: Collection[Triple], *, partition: Path | None = None) -> bytes:
        """The shared graph, last; the union formats add the repeated triples to it, once each."""
        quads = render_graph(name, triples, self.formats, self.prefixes, nquads=partition is not None)
        union = render_graph(name, set(triples) | self._repeated, self.formats, self.prefixes, nquads=False)
        texts = {fmt: quads.texts[fmt] if fmt == "trig" else text for fmt, text in union.texts.items()}
        nquads = self.append(
            RenderedGraph(quads.nquads, texts, union.nodes, frozenset(), union.triples), partition=partition
        )
        if "jsonld" in self._streams:
            self._streams["jsonld"].write(("\n  ]\n}\n" if self._nodes else "]\n}\n").encode("utf-8"))
        return nquads


def _jsonld_nodes(grouped: Grouped, prefixes: list[tuple[str, str]]) -> tuple[str, ...]:
    """Each subject of the grouped triples as a JSON-LD node object, indented to sit in ``@graph``."""
    iri = _Rendered(_compact(prefixes)).__getitem__

    def value(node: Term) -> object:
        if isinstance(node, str):
            return {"@id": iri(node)}
        if node.lang:
            return {"@language": node.lang, "@value": node.value}
        if node.datatype:
            return {"@type": iri(node.datatype), "@value": node.value}
        return node.value

    parts = []
    for subject, predicates in grouped:
        node: dict[str, object] = {"@id": iri(subject)}
        for predicate, objects in predicates:
            values = [iri(o) if predicate == TYPE and isinstance(o, str) else value(o) for o in objects]
            node["@type" if predicate == TYPE else iri(predicate)] = values[0] if len(values) == 1 else values
        parts.append(_json(node, "    "))
    return tuple(parts)


def _json(value: object, indent: str) -> str:
    """A JSON-LD value as ``json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)`` writes it, each line
    after the first indented by ``indent``: strings, lists of them and objects of them (never empty), several
    times faster than the json module's encoder, which is pure Python when it indents."""
    if isinstance(value, str):
        return _json_string(value)
    inner = f"{indent}  "
    if isinstance(value, dict):
        members = [f"{inner}{_json_string(key)}: {_json(item, inner)}" for key, item in sorted(value.items())]
        return "{\n" + ",\n".join(members) + f"\n{indent}}}"
    if isinstance(value, list):
        return "[\n" + ",\n".join([f"{inner}{_json(item, inner)}" for item in value]) + f"\n{indent}]"
    raise TypeError(f"no JSON-LD value: {value!r}")


def shared_graph(graph: Graph) -> URIRef:
    """The name of the graph that holds what reports share: ``id:graph/entities``."""
    base = dict(graph.namespace_manager.namespaces()).get("id", URIRef(DEFAULT_BASE))
    return URIRef(f"{base}graph/entities")


def assessments_graph(graph: Graph) -> URIRef:
    """The name of the graph of the assessments, which are drawn from several reports: ``id:graph/assessments``."""
    base = dict(graph.namespace_manager.namespaces()).get("id", URIRef(DEFAULT_BASE))
    return URIRef(f"{base}graph/assessments")


def report_graphs(graph: Graph) -> dict[URIRef, set[tuple[Node, Node, Node]]]:
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
    out: dict[URIRef, set[tuple[Node, Node, Node]]] = {
        name: set() for name in (*reports, assessments_graph(graph), shared)
    }
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


def _key(node: Term) -> tuple[int, str, str, str]:
    """IRIs first, by their text; then literals, by lexical form, language and datatype."""
    if isinstance(node, str):
        return (0, node, "", "")
    return (1, node.value, node.lang, node.datatype)


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


def _literal(node: Literal, datatype: Callable[[str], str]) -> str:
    """A literal as ``"…"``, ``"…"@lang`` or ``"…"^^datatype``, escaped for Turtle, TriG, N-Triples and N-Quads."""
    value = node.value
    if not value.isprintable() or '"' in value or "\\" in value:  # else there is nothing to escape: 20x quicker
        value = value.translate(_ESCAPE)
    text = f'"{value}"'
    if node.lang:
        return f"{text}@{node.lang}"
    if node.datatype:
        return f"{text}^^{datatype(node.datatype)}"
    return text


# Characters an IRI may not hold (RFC 3987; those rdflib refuses to write too).
_NOT_IRI = re.compile(r'[\x00-\x20<>"{}|\\^`]')


def writable_iri(iri: str) -> bool:
    """Whether ``iri`` holds none of the characters an IRI may not (a space, a quote, <, >, …)."""
    return _NOT_IRI.search(iri) is None


def _iri(iri: str) -> str:
    """An IRI as ``<…>``; one that holds a space, a quote or another character IRIs may not is an error."""
    if not writable_iri(iri):
        raise OutputError(
            f"{iri!r} is not a valid IRI and cannot be written; if it comes from --base, give a base IRI "
            "without spaces, quotes, <, >, {, }, |, \\, ^ or `"
        )
    return f"<{iri}>"


def _nt(node: Term) -> str:
    if isinstance(node, str):
        return _iri(node)
    return _literal(node, _iri)


class _Rendered(dict[T, str]):
    """Terms and their text, each rendered by ``render`` when first looked up: classes, predicates,
    entities, facts, years and units recur in a graph, and a lookup is cheaper than a call."""

    def __init__(self, render: Callable[[T], str]) -> None:
        super().__init__()
        self._render = render

    def __missing__(self, node: T) -> str:
        text = self[node] = self._render(node)
        return text


def _term(prefixes: list[tuple[str, str]], nt: _Rendered[Term]) -> _Rendered[Term]:
    """Terms as Turtle and TriG write them: IRIs as prefix:local where they can be. Any other term is
    written as N-Triples writes it, but for a literal's datatype, so the text of ``nt`` is reused."""
    qname = _qnames(prefixes)

    def term(node: Term) -> str:
        if isinstance(node, str):
            return qname(node) or nt[node]
        if node.datatype:
            return _literal(node, rendered.__getitem__)
        return nt[node]

    rendered: _Rendered[Term] = _Rendered(term)
    return rendered


Grouped = list[tuple[str, list[tuple[str, list[Term]]]]]


def _sorted(triples: Iterable[Triple]) -> list[Triple]:
    """Triples by subject, then predicate, then object (as ``_key`` orders terms). A flat list: each
    writer walks it once, where nested lists per subject and predicate cost as much to make as to walk
    and, being containers, keep Python's cycle collector busy."""
    try:
        return sorted(triples)  # as _key orders terms, unless one subject and predicate have IRI and literal objects
    except TypeError:  # (a sort compares the neighbours in its result, so then it meets str and Literal)
        return sorted(triples, key=lambda t: (t[0], t[1], _key(t[2])))


def _grouped(ordered: Iterable[Triple]) -> Grouped:
    """Sorted triples by subject, then predicate."""
    grouped: Grouped = []
    predicates: list[tuple[str, list[Term]]] = []
    objects: list[Term] = []
    subject = predicate = None
    for s, p, o in ordered:
        if s != subject:
            subject, predicate, predicates = s, None, []
            grouped.append((s, predicates))
        if p != predicate:
            predicate, objects = p, []
            predicates.append((p, objects))
        objects.append(o)
    return grouped


def _without(ordered: list[Triple], repeated: frozenset[Triple]) -> list[Triple]:
    """The triples but the ``repeated`` ones, in the same order."""
    subjects = {s for s, _, _ in repeated}
    return [t for t in ordered if t[0] not in subjects or t not in repeated]


def _lines(ordered: list[Triple], nt: Mapping[Term, str], end: str) -> bytes:
    """The triples as sorted N-Triples lines, each ending with ``end`` (`` .\n``, or the graph's name
    before it for N-Quads). Their order is nearly that of the triples, which the sort makes quick."""
    lines = [f"{nt[s]} {nt[p]} {nt[o]}{end}" for s, p, o in ordered]
    lines.sort()
    return "".join(lines).encode("utf-8")


def _statements(ordered: list[Triple], term: Mapping[Term, str], indent: str = "") -> str:
    """Turtle statements for the sorted triples, one block per subject."""
    out = []
    between, first, then = f" ,\n{indent}        ", f"\n{indent}    ", f" ;\n{indent}    "
    subject: str | None = None
    predicate = ""
    for s, p, o in ordered:
        if s != subject:
            out.append(f" .\n\n{indent}{term[s]}{first}" if subject is not None else f"\n{indent}{term[s]}{first}")
            subject = s
        elif p == predicate:
            out.append(f"{between}{term[o]}")
            continue
        else:
            out.append(then)
        predicate = p
        out.append(f"{'a' if p == TYPE else term[p]} {term[o]}")
    if subject is not None:
        out.append(" .\n")
    return "".join(out)


def _compact(prefixes: list[tuple[str, str]]) -> Callable[[str], str]:
    """An IRI as prefix:local for JSON-LD, under the longest namespace it starts with."""
    longest_first = sorted(prefixes, key=lambda pn: -len(pn[1]))

    def iri(text: str) -> str:
        for prefix, ns in longest_first:
            local = text[len(ns) :]
            if text.startswith(ns) and local and not local.startswith("//"):
                return f"{prefix}:{local}"
        return text

    return iri


def _qnames(prefixes: list[tuple[str, str]]) -> Callable[[str], str | None]:
    """An IRI as prefix:local, under the longest namespace it starts with, when the local part is a
    plain name Turtle accepts unescaped; else None."""
    longest_first = sorted(prefixes, key=lambda pn: -len(pn[1]))  # stable: of equal ones, the first

    def qname(text: str) -> str | None:
        for prefix, ns in longest_first:
            if text.startswith(ns):
                local = text[len(ns) :]
                return f"{prefix}:{local}" if local and _LOCAL.fullmatch(local) else None
        return None

    return qname
