"""A build's dataset on disk, written report by report: partitions, the RDF files and the Oxigraph store.

Each report's named graph (the triples of the report, its facts and evidence, and the edges
between entities they state) is made from that report's facts and the resolution alone, written,
and dropped before the next report is read, so memory does not grow with the corpus (issue 16).
The graph ``id:graph/assessments`` (targets against results, across reports) and the shared graph
``id:graph/entities`` (the entities' descriptions) come last. Out of one pass come:

- ``partitions/reports/<id>.nq``, ``partitions/assessments.nq`` and ``partitions/entities.nq``: one
  N-Quads file per graph, to
  bulk-load elsewhere (Oxigraph, Virtuoso's ``ld_dir``; see the README);
- the formats asked for (``graph.ttl``, ``graph.nq``…), streamed (``kg.serialize.DatasetWriter``);
- ``store/``: a persistent Oxigraph store bulk-loaded from the partitions, which ``kg query``,
  ``kg serve``, ``kg track`` and ``kg export`` read directly.

Reports are written in the order of their IRIs, each sorted within, so the bytes are the same
whatever the number of workers and the order of the inputs.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV
from rdflib.term import Node

from kg.cache import FactsCache
from kg.errors import OutputError
from kg.files import atomic_stream
from kg.model import Assessment, Facts, ReportSummary, Resolution
from kg.rdf import Triple, add_assessment, add_entities, add_report, prefixes, report_iri
from kg.resolve import slug
from kg.serialize import FORMATS, DatasetWriter

STORE = "store"
PARTITIONS = "partitions"
SHARED = "graph/entities"  # the shared graph's name, after the IRI base
# N-Quads bytes per bulk load: a load holds its quads in memory, and each has a fixed cost (≈0.1 s),
# so a load per report would take minutes for a corpus and one load for all would hold it all.
BULK_BYTES = 4 * 2**20
ASSESSMENTS = "graph/assessments"  # the graph of the assessments, which set one report against another


def write_dataset(
    summaries: Sequence[ReportSummary],
    cache: FactsCache,
    resolution: Resolution,
    assessments: Iterable[Assessment],
    out: Path,
    formats: Sequence[str],
    *,
    progress: Callable[[str], None] | None = None,
) -> tuple[tuple[Path, ...], int]:
    """Write the dataset into ``out``, report by report; the files written and the number of distinct triples."""
    shared = URIRef(f"{resolution.base}{SHARED}")
    paths = [out / f"graph.{FORMATS[name].extension}" for name in formats]
    staging = _fresh(out / f".{PARTITIONS}.tmp")
    (staging / "reports").mkdir()
    with ExitStack() as stack:
        streams = {name: stack.enter_context(atomic_stream(path)) for name, path in zip(formats, paths, strict=True)}
        writer = DatasetWriter(streams, prefixes(resolution.base))
        ordered = sorted(summaries, key=lambda s: str(report_iri(resolution.base, s.id)))
        for number, summary in enumerate(ordered, 1):
            if progress and number % 100 == 0:
                progress(f"written {number}/{len(ordered)} reports")
            name = report_iri(resolution.base, summary.id)
            triples, repeated = report_triples(cache.load(summary.key), name, resolution)
            writer.write(name, triples, repeated, partition=staging / "reports" / f"{slug(summary.id)}.nq")
        judged: set[Triple] = set()
        for assessment in assessments:
            add_assessment(judged, assessment, resolution)
        writer.write(URIRef(f"{resolution.base}{ASSESSMENTS}"), judged, partition=staging / "assessments.nq")
        entities: set[Triple] = set()
        add_entities(entities, resolution)
        writer.close(shared, entities, partition=staging / "entities.nq")
    _replace(staging, out / PARTITIONS)
    load_store(out / PARTITIONS, out / STORE)
    return (*paths, out / PARTITIONS, out / STORE), writer.triples


def report_triples(facts: Facts, name: URIRef, resolution: Resolution) -> tuple[set[Triple], set[Triple]]:
    """A report's named graph and the part of it another report's graph may hold too: the edges between
    entities that its facts state (a region commits to a project that another report names too)."""
    triples: set[Triple] = set()
    add_report(triples, facts, resolution)
    owned = {name} | {s for s, p, o in triples if p == PROV.wasDerivedFrom and o == name}
    return triples, {triple for triple in triples if triple[0] not in owned}


def load_store(partitions: Path, store_dir: Path) -> None:
    """Bulk-load the N-Quads partitions into a new Oxigraph store that replaces ``store_dir``."""
    import pyoxigraph

    staging = _fresh(store_dir.parent / f".{store_dir.name}.tmp")
    store = pyoxigraph.Store(str(staging))
    for batch in _batches(partition_files(partitions), BULK_BYTES):
        store.bulk_extend(quad for path in batch for quad in pyoxigraph.parse(path=str(path)))
    store.flush()
    del store  # closes the store before its folder is renamed
    _replace(staging, store_dir)


def _batches(paths: Iterable[Path], size: int) -> Iterator[list[Path]]:
    """The files in consecutive batches of about ``size`` bytes."""
    batch: list[Path] = []
    total = 0
    for path in paths:
        batch.append(path)
        total += path.stat().st_size
        if total >= size:
            yield batch
            batch, total = [], 0
    if batch:
        yield batch


def partition_files(partitions: Path) -> list[Path]:
    """The N-Quads files of a build's partitions folder: the reports' in order, the assessments, the entities."""
    return [*sorted((partitions / "reports").glob("*.nq")), partitions / "assessments.nq", partitions / "entities.nq"]


def load_graph(out: Path) -> Graph:
    """The union of a built dataset's graphs in one rdflib Graph, read from its partitions: for the
    HTML view, SHACL validation and tests, which need rdflib; never for a whole corpus."""
    import pyoxigraph

    from kg.rdf import PREFIXES

    graph = Graph(store="SimpleMemory", bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for path in partition_files(out / PARTITIONS):
        for quad in pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.N_QUADS):
            graph.add((_rdflib(quad.subject), _rdflib(quad.predicate), _rdflib(quad.object)))
    with (out / PARTITIONS / "entities.nq").open("rb") as stream:
        name = stream.readline().decode("utf-8").rpartition("<")[2].partition(">")[0]
    if name.endswith(SHARED):
        graph.bind("id", name[: -len(SHARED)])
    return graph


_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _rdflib(term: Any) -> Node:
    """A pyoxigraph term as rdflib's (kg writes no blank nodes)."""
    import pyoxigraph

    if isinstance(term, pyoxigraph.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype == _STRING else URIRef(datatype))
    return URIRef(term.value)


def _fresh(folder: Path) -> Path:
    """An empty folder at ``folder`` (what a killed build left there is removed)."""
    try:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
    except OSError as exc:
        raise OutputError(f"cannot create {folder}: {exc.strerror}; check the output folder's permissions") from exc
    return folder


def _replace(new: Path, old: Path) -> None:
    """Put the folder ``new`` in place of ``old``."""
    shutil.rmtree(old, ignore_errors=True)
    new.rename(old)
