"""SPARQL over a kg graph: a query → rows, and every output format in one place.

Queries run on Oxigraph (pyoxigraph): full SPARQL 1.1 and fast on millions of
triples, where rdflib's engine is not. The common prefixes are predeclared.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import InputError, QueryError

if TYPE_CHECKING:
    from rdflib import Graph

PREFIXES = {
    "gov": "https://w3id.org/govkg/ontology#",
    "id": "https://w3id.org/govkg/id/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
}
OUTPUT_FORMATS = ("table", "csv", "tsv", "json")
_RDF_FORMATS = {
    ".ttl": "text/turtle",
    ".nt": "application/n-triples",
    ".nq": "application/n-quads",
    ".trig": "application/trig",
    ".jsonld": "application/ld+json",
    ".rdf": "application/rdf+xml",
}


@dataclass(frozen=True, slots=True)
class Rows:
    """A SELECT result: variable names and rows of values (None where unbound)."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str | None, ...], ...]


def with_prefixes(query: str) -> str:
    """The query with kg's common PREFIX lines added for prefixes it does not declare."""
    declared = query.upper()
    lines = [f"PREFIX {p}: <{iri}>" for p, iri in PREFIXES.items() if f"PREFIX {p.upper()}:" not in declared]
    return "\n".join([*lines, query])


def rdf_format(path: Path) -> object:
    """The pyoxigraph format of a graph file, from its extension."""
    import pyoxigraph

    media = _RDF_FORMATS.get(path.suffix.lower())
    if media is None:
        raise InputError(f"{path}: unknown RDF format; use .ttl, .nt, .nq, .trig, .jsonld or a store folder")
    return pyoxigraph.RdfFormat.from_media_type(media)


def open_store(path: Path) -> object:
    """An Oxigraph store holding the graph file (or the persistent store folder, or the build folder with
    its store/) at ``path``."""
    import pyoxigraph

    if path.is_dir() and not (path / "CURRENT").exists() and (path / "store").is_dir():
        path = path / "store"  # a build folder: kg build writes its store there
    if path.is_dir():
        try:
            return pyoxigraph.Store.read_only(str(path))
        except OSError as exc:
            raise InputError(f"{path} is not an Oxigraph store ({exc}); make one with `kg load`") from exc
    store = pyoxigraph.Store()
    _bulk_load(store, path)
    return store


def load(paths: Sequence[Path], store_dir: Path) -> int:
    """Load graph files into the persistent Oxigraph store at ``store_dir`` (created if missing); its quad count.

    Named graphs (TriG, N-Quads) stay named; triples of the other formats go to
    the default graph. Loading a file twice adds nothing: a store is a set of quads.
    """
    import pyoxigraph

    for path in paths:  # every extension is known before the store is touched
        rdf_format(path)
    try:
        store = pyoxigraph.Store(str(store_dir))
    except OSError as exc:
        raise InputError(f"cannot open or create the store {store_dir}: {exc}; pass another --store") from exc
    for path in paths:
        _bulk_load(store, path)
    store.flush()
    return len(store)


def _bulk_load(store: object, path: Path) -> None:
    fmt = rdf_format(path)
    try:
        store.bulk_load(path=str(path), format=fmt)  # type: ignore[attr-defined]
    except (OSError, SyntaxError, ValueError) as exc:
        raise InputError(f"cannot load {path}: {exc}") from exc


def select(store: object, query: str) -> Rows:
    """Run a SELECT query and return its rows as strings (literal values, IRIs)."""
    import pyoxigraph

    try:
        # A TriG or N-Quads store keeps each report in its own graph; query them all, like the Turtle file.
        # prefixes= (rather than with_prefixes) keeps error positions those of the user's text.
        result = store.query(query, prefixes=PREFIXES, use_default_graph_as_union=True)  # type: ignore[attr-defined]
    except (SyntaxError, ValueError, OSError) as exc:
        raise QueryError(f"SPARQL error: {explain(query, str(exc))}") from exc
    if not isinstance(result, pyoxigraph.QuerySolutions):
        raise QueryError("only SELECT queries return rows; use CONSTRUCT/ASK through `kg serve`")
    columns = tuple(v.value for v in result.variables)
    rows = tuple(tuple(_value(solution[c]) for c in columns) for solution in result)
    return Rows(columns, rows)


_POSITION = re.compile(r"error at (\d+):(\d+)")
_DECLARED = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?:", re.IGNORECASE)
# A prefixed name (gov:Report, :x), or the start of one, ending where the text ends.
_PREFIXED_END = re.compile(r"(?<![\w<])([A-Za-z][\w.-]*)?:[\w.%\\-]*$")
_PREFIXED = re.compile(r"(?<![\w<?$])([A-Za-z][\w-]*):(?=[\w%\\]|[\s;,.)}])")
_IRIS_AND_STRINGS = re.compile(r"<[^<>\s]*>|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'|#[^\n]*")


def explain(query: str, message: str) -> str:
    """A SPARQL parser's message in words: an unknown prefix is named, with the prefixes kg declares (issue 17)."""
    position = _POSITION.search(message)
    if "Prefix not found" in message:
        prefix = _unknown_prefix(query, position)
    else:
        # The parser may stop elsewhere and say something else (“expected OPTIONAL”) about a
        # query whose real fault is an undeclared prefix: name it all the same.
        prefix = _unknown_prefix(query, None)
        if prefix is None:
            return message
        position = None
    where = f" (line {position.group(1)}, column {position.group(2)})" if position else ""
    name = f"{prefix}:" if prefix is not None else "a prefix"
    known = " ".join(f"{p}:" for p in PREFIXES)
    return (
        f"unknown prefix {name}{where}. Declare it at the top of the query "
        f"(PREFIX {prefix or 'ex'}: <http://…#>) or use one that kg declares: {known}"
    )


def _unknown_prefix(query: str, position: re.Match[str] | None) -> str | None:
    """The prefix the parser stopped at, else the first prefix the query uses but neither it nor kg declares."""
    lines = query.splitlines()
    if position is not None and 0 < int(position.group(1)) <= len(lines):
        before = lines[int(position.group(1)) - 1][: int(position.group(2)) - 1]
        found = _PREFIXED_END.search(before)
        if found and found.group(1) and found.group(1) not in PREFIXES:
            return found.group(1)
    declared = {*PREFIXES, *(match.group(1) or "" for match in _DECLARED.finditer(query))}
    body = _IRIS_AND_STRINGS.sub(" ", query)
    return next((m.group(1) for m in _PREFIXED.finditer(body) if m.group(1) not in declared), None)


def _value(term: object) -> str | None:
    if term is None:
        return None
    return str(getattr(term, "value", term))


def render(rows: Rows, fmt: str = "table") -> str:
    """Rows as an aligned table, CSV, TSV or SPARQL-results-like JSON."""
    if fmt == "json":
        bindings = [{c: v for c, v in zip(rows.columns, row, strict=True) if v is not None} for row in rows.rows]
        return (
            json.dumps(
                {"head": {"vars": list(rows.columns)}, "results": {"bindings": bindings}}, ensure_ascii=False, indent=2
            )
            + "\n"
        )
    if fmt in ("csv", "tsv"):
        out = io.StringIO()
        writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(rows.columns)
        writer.writerows([["" if v is None else v for v in row] for row in rows.rows])
        return out.getvalue()
    return table(rows.columns, [["" if v is None else v for v in row] for row in rows.rows])


def width(text: str) -> int:
    """Display width: wide (CJK) characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def table(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """An aligned plain-text table, Chinese-width aware."""
    widths = [max([width(c), *(width(r[i]) for r in rows)]) for i, c in enumerate(columns)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(cell + " " * (w - width(cell)) for cell, w in zip(cells, widths, strict=True)).rstrip()

    body = [line(columns), line(["-" * w for w in widths]), *(line(r) for r in rows)]
    return "\n".join(body) + "\n"


def graph_store(graph: Graph) -> object:
    """An in-memory Oxigraph store holding an rdflib graph: its N-Quads as kg.serialize writes them."""
    import pyoxigraph

    from kg.serialize import serialize

    store = pyoxigraph.Store()
    store.load(serialize(graph, "nquads"), format=pyoxigraph.RdfFormat.N_QUADS)
    return store
