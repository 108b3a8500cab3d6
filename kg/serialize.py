"""Graph → bytes in the RDF formats kg writes, deterministically.

Every format is written from sorted triples so the same graph gives the same
bytes: N-Triples and N-Quads as sorted lines; Turtle grouped by subject with
subjects, predicates and objects in sorted order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

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
}


def serialize(graph: Graph, name: str = "turtle") -> bytes:
    """The graph in the named format (see ``FORMATS``), byte-identical across runs."""
    if name == "ntriples":
        return _ntriples(graph)
    return _turtle(graph)


def _key(node: Node) -> tuple[int, str, str, str]:
    if isinstance(node, URIRef):
        return (0, str(node), "", "")
    if isinstance(node, Literal):
        return (1, str(node), node.language or "", str(node.datatype or ""))
    return (2, str(node), "", "")


def _ntriples(graph: Graph) -> bytes:
    lines = sorted(f"{s.n3()} {p.n3()} {_nt_term(o)} .\n" for s, p, o in graph)
    return "".join(lines).encode("utf-8")


# N-Triples has no long strings: rdflib's n3() writes a literal holding a line break
# as """…""", which N-Triples parsers reject (issue 7), so escape the string instead.
_NT_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def _nt_term(node: Node) -> str:
    if not isinstance(node, Literal):
        return node.n3()
    text = f'"{str(node).translate(_NT_ESCAPES)}"'
    if node.language:
        return f"{text}@{node.language}"
    if node.datatype:
        return f"{text}^^<{node.datatype}>"
    return text


def _turtle(graph: Graph) -> bytes:
    manager = graph.namespace_manager
    prefixes = sorted((prefix, str(ns)) for prefix, ns in manager.namespaces())
    used = {prefix for prefix, _ in prefixes}

    def term(node: Node) -> str:
        if isinstance(node, URIRef):
            return _qname(node, prefixes) or node.n3()
        rendered: str = node.n3(manager)
        return rendered

    out = [f"@prefix {prefix}: <{ns}> .\n" for prefix, ns in prefixes if prefix in used]
    subjects = sorted(set(graph.subjects()), key=_key)
    for subject in subjects:
        out.append("\n" + term(subject))
        predicates = sorted(set(graph.predicates(subject)), key=_key)
        for i, predicate in enumerate(predicates):
            objects = sorted(graph.objects(subject, predicate), key=_key)
            verb = "a" if str(predicate) == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type" else term(predicate)
            rendered = " ,\n        ".join(term(o) for o in objects)
            out.append(f"{'' if i == 0 else ' ;'}\n    {verb} {rendered}")
        out.append(" .\n")
    return "".join(out).encode("utf-8")


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
