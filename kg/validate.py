"""Check a graph against the SHACL shapes in ``ontology/shapes.ttl``.

``validate(graph)`` runs pySHACL (SHACL Core only, no inference) with
``ontology/govkg.ttl`` as the ontology graph, so that ``sh:targetClass`` and
``sh:class`` follow ``rdfs:subClassOf`` (a ``gov:Target`` is checked as a
``gov:Observation``), and returns a frozen ``ValidationReport``.

The two Turtle files are read from the ``ontology/`` directory beside the
``kg`` package, i.e. from the repository checkout (an editable install); they
are not package data.
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, SH, NamespaceManager
from rdflib.term import Node

__all__ = ["ONTOLOGY_PATH", "SHAPES_PATH", "ValidationReport", "Violation", "validate"]

ONTOLOGY_PATH = Path(__file__).resolve().parent.parent / "ontology" / "govkg.ttl"
SHAPES_PATH = Path(__file__).resolve().parent.parent / "ontology" / "shapes.ttl"

# Prefixes used to print nodes in ValidationReport.text().
_PREFIXES = {
    "dcterms": "http://purl.org/dc/terms/",
    "gov": "https://w3id.org/govkg/ontology#",
    "govsh": "https://w3id.org/govkg/shapes#",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "region": "https://w3id.org/govkg/id/region/",
    "sh": "http://www.w3.org/ns/shacl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
_SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}
_EXAMPLES = 3  # focus nodes listed per group in text()


@dataclass(frozen=True, slots=True)
class Violation:
    """One SHACL validation result.

    ``path`` is ``sh:resultPath`` (``None`` for node-level constraints such as
    the ``sh:xone`` on a commitment's project/program, whose ``message`` names
    the properties); ``severity`` is "Violation", "Warning" or "Info";
    ``component`` is the constraint component's local name, e.g.
    "MinCountConstraintComponent".
    """

    focus: Node
    path: Node | None
    message: str
    severity: str
    shape: Node
    component: str
    value: Node | None = None


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """Whether a graph conforms to the shapes, and every result, sorted."""

    conforms: bool
    violations: tuple[Violation, ...]

    def text(self) -> str:
        """Render the results grouped by severity, path and message, with counts."""
        if self.conforms and not self.violations:
            return "Conforms: yes (0 results)\n"
        nsm = _namespace_manager()
        counts = Counter(v.severity for v in self.violations)
        summary = ", ".join(
            f"{counts[s]} {s.lower()}{'' if counts[s] == 1 else 's'}" for s in sorted(counts, key=_rank)
        )
        lines = [f"Conforms: {'yes' if self.conforms else 'no'} ({summary})"]
        groups: dict[tuple[str, str, str], list[Violation]] = {}
        for v in self.violations:
            path = v.path.n3(nsm) if v.path is not None else "(node)"
            groups.setdefault((v.severity, path, v.message), []).append(v)
        for (severity, path, message), members in groups.items():
            lines.append(f"{len(members):>5} {severity}  {path}  {message}")
            focus = [m.focus.n3(nsm) for m in members[:_EXAMPLES]]
            more = f" … and {len(members) - _EXAMPLES} more" if len(members) > _EXAMPLES else ""
            lines.append(f"    focus: {', '.join(focus)}{more}")
        return "\n".join(lines) + "\n"


def validate(data: Graph) -> ValidationReport:
    """Validate ``data`` against ontology/shapes.ttl, with govkg.ttl as the ontology graph."""
    import pyshacl  # slow to import; only `kg validate` and `build --validate` need it

    shapes, ontology = _shapes_and_ontology()
    if not data.store.context_aware:  # kg.rdf builds on rdflib's SimpleMemory; pyshacl needs contexts
        copy = Graph(bind_namespaces="none")
        copy.addN((s, p, o, copy) for s, p, o in data)
        data = copy
    conforms, results, _text = pyshacl.validate(
        data,
        shacl_graph=shapes,
        ont_graph=ontology,
        inference="none",
        advanced=False,
        abort_on_first=False,
    )
    if not isinstance(results, Graph):
        raise TypeError(f"pyshacl returned {type(results).__name__} instead of a results graph")
    violations = sorted(
        (_violation(results, node) for node in results.subjects(RDF.type, SH.ValidationResult)),
        key=_sort_key,
    )
    return ValidationReport(conforms=bool(conforms), violations=tuple(violations))


def _shapes_and_ontology() -> tuple[Graph, Graph]:
    """Parse shapes.ttl and govkg.ttl into new graphs (pySHACL adds triples to the shapes graph it is given)."""
    shapes, ontology = _turtle()
    return Graph().parse(data=shapes, format="turtle"), Graph().parse(data=ontology, format="turtle")


@functools.lru_cache(maxsize=1)
def _turtle() -> tuple[str, str]:
    """Read shapes.ttl and govkg.ttl once per process."""
    for path in (SHAPES_PATH, ONTOLOGY_PATH):
        if not path.is_file():
            raise FileNotFoundError(
                f"{path} not found: kg.validate reads the ontology/ directory beside the kg package; "
                "run kg from a checkout of the repository (pip install -e .)"
            )
    return SHAPES_PATH.read_text(encoding="utf-8"), ONTOLOGY_PATH.read_text(encoding="utf-8")


def _violation(results: Graph, node: Node) -> Violation:
    """Read one sh:ValidationResult from pySHACL's results graph."""
    messages = sorted(str(m) for m in results.objects(node, SH.resultMessage))
    severity = results.value(node, SH.resultSeverity)
    component = results.value(node, SH.sourceConstraintComponent)
    focus = results.value(node, SH.focusNode)
    shape = results.value(node, SH.sourceShape)
    if focus is None or shape is None:
        raise ValueError(f"SHACL result {node.n3()} lacks sh:focusNode or sh:sourceShape")
    return Violation(
        focus=focus,
        path=results.value(node, SH.resultPath),
        message="; ".join(messages) or _local_name(component),
        severity=_local_name(severity) or "Violation",
        shape=shape,
        component=_local_name(component),
        value=results.value(node, SH.value),
    )


def _local_name(node: Node | None) -> str:
    if isinstance(node, URIRef):
        return str(node).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    return "" if node is None else str(node)


def _rank(severity: str) -> int:
    return _SEVERITY_ORDER.get(severity, len(_SEVERITY_ORDER))


def _sort_key(v: Violation) -> tuple[int, str, str, str, str]:
    path = "" if v.path is None else str(v.path)
    value = "" if v.value is None else (v.value.n3() if isinstance(v.value, URIRef | Literal) else str(v.value))
    return (_rank(v.severity), path, v.message, str(v.focus), value)


@functools.lru_cache(maxsize=1)
def _namespace_manager() -> NamespaceManager:
    nsm = NamespaceManager(Graph(bind_namespaces="none"), bind_namespaces="none")
    for prefix, iri in _PREFIXES.items():
        nsm.bind(prefix, Namespace(iri))
    return nsm
