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
- ``store/``: a persistent Oxigraph store bulk-loaded with the partitions as they are written, which ``kg query``,
  ``kg serve``, ``kg track`` and ``kg export`` read directly.

Reports are written in the order of their IRIs, each sorted within, so the bytes are the same
whatever the number of workers and the order of the inputs.
"""

from __future__ import annotations

import functools
import pickle
import shutil
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from kg.cache import FOLDER, FactsCache
from kg.errors import OutputError
from kg.files import atomic_stream
from kg.model import Assessment, Facts, ReportSummary, Resolution
from kg.rdf import DERIVED_FROM, Triple, add_assessment, add_entities, add_report, prefixes, report_iri
from kg.resolve import slug
from kg.serialize import FORMATS, DatasetWriter, RenderedGraph, render_graph
from kg.workers import Workers

STORE = "store"
# Reports per task when worker processes render the reports' graphs: enough that a task is worth
# sending, few enough that rendered graphs waiting to be written stay small (≈ 1 MB a report).
RENDER_TASK = 8
PARTITIONS = "partitions"
SHARED = "graph/entities"  # the shared graph's name, after the IRI base
# N-Quads bytes per bulk load: a load holds its quads in memory, and each has a fixed cost (≈0.1 s),
# so a load per report would take minutes for a corpus and one load for all would hold it all.
BULK_BYTES = 4 * 2**20
# Bulk loads at once: two batches load in about 0.6 of the time of one after the other (Oxigraph's
# loader keeps one core busy only part of the time), and the writing waits for them less.
LOADS = 2
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
    workers: Workers | None = None,
) -> tuple[tuple[Path, ...], int]:
    """Write the dataset into ``out``, report by report; the files written and the number of distinct triples.
    Local ``workers`` render the reports' graphs, which this process writes in order."""
    shared = f"{resolution.base}{SHARED}"
    paths = [out / f"graph.{FORMATS[name].extension}" for name in formats]
    staging = _fresh(out / f".{PARTITIONS}.tmp")
    (staging / "reports").mkdir()
    with ExitStack() as stack:
        streams = {name: stack.enter_context(atomic_stream(path)) for name, path in zip(formats, paths, strict=True)}
        writer = DatasetWriter(streams, prefixes(resolution.base))
        store = stack.enter_context(StoreLoader(out / STORE))
        ordered = sorted(summaries, key=lambda s: report_iri(resolution.base, s.id))
        rendered = _rendered_reports(ordered, cache, resolution, writer, workers)
        for number, (summary, graph) in enumerate(zip(ordered, rendered, strict=True), 1):
            if progress and number % 100 == 0:
                progress(f"written {number}/{len(ordered)} reports")
            store.add(writer.append(graph, partition=staging / "reports" / f"{slug(summary.id)}.nq"))
        judged: set[Triple] = set()
        for assessment in assessments:
            add_assessment(judged, assessment, resolution)
        name = f"{resolution.base}{ASSESSMENTS}"
        store.add(writer.write(name, judged, partition=staging / "assessments.nq"))
        entities: set[Triple] = set()
        add_entities(entities, resolution)
        store.add(writer.close(shared, entities, partition=staging / "entities.nq"))
        _replace(staging, out / PARTITIONS)
    return (*paths, out / PARTITIONS, out / STORE), writer.triples


def _rendered_reports(
    ordered: Sequence[ReportSummary],
    cache: FactsCache,
    resolution: Resolution,
    writer: DatasetWriter,
    workers: Workers | None,
) -> Iterator[RenderedGraph]:
    """Each report's graph rendered for the writer, in order: here, or by the local worker processes in
    tasks of a few reports, each worker reading the resolution once from the build folder."""
    render = functools.partial(render_report, formats=writer.formats, prefixes=writer.prefixes)
    if workers is None or workers.local <= 1 or len(ordered) <= RENDER_TASK:
        for summary in ordered:
            yield render(cache.load(summary.key, sentences=False), resolution)
        return
    path = cache.output_dir / FOLDER / "resolution.pickle"
    with atomic_stream(path) as stream:
        pickle.dump(resolution, stream, protocol=pickle.HIGHEST_PROTOCOL)
    stamp = (str(path), path.stat().st_mtime_ns)
    tasks = [[s.key for s in ordered[n : n + RENDER_TASK]] for n in range(0, len(ordered), RENDER_TASK)]
    work = functools.partial(_render_cached, folder=cache.output_dir, resolution=stamp, render=render)
    try:
        for graphs in workers.map_ordered(work, tasks, ahead=2 * workers.local):
            yield from graphs
    finally:
        path.unlink(missing_ok=True)


def _render_cached(
    keys: list[str], *, folder: Path, resolution: tuple[str, int], render: Callable[[Facts, Resolution], RenderedGraph]
) -> list[RenderedGraph]:
    """A worker's task: the graphs of the reports whose facts are cached under ``keys`` in the build ``folder``."""
    cache, resolved = FactsCache(folder), _resolution(*resolution)
    return [render(cache.load(key, sentences=False), resolved) for key in keys]


@functools.lru_cache(maxsize=1)
def _resolution(path: str, stamp: int) -> Resolution:
    """The resolution pickled at ``path`` (``stamp``: its mtime, so that a new build's is read anew): read
    once per worker process, not once per task. The only cache here besides the tokenizer's."""
    with open(path, "rb") as stream:
        resolution = pickle.load(stream)
    if not isinstance(resolution, Resolution):
        raise TypeError(f"{path} holds no Resolution")
    return resolution


def render_report(
    facts: Facts, resolution: Resolution, *, formats: Sequence[str], prefixes: list[tuple[str, str]]
) -> RenderedGraph:
    """A report's named graph, rendered in the ``formats`` (see ``report_triples``)."""
    name = report_iri(resolution.base, facts.report.id)
    triples, repeated = report_triples(facts, name, resolution)
    return render_graph(name, triples, formats, prefixes, repeated)


def report_triples(facts: Facts, name: str, resolution: Resolution) -> tuple[set[Triple], set[Triple]]:
    """A report's named graph and the part of it another report's graph may hold too: the edges between
    entities that its facts state (a region commits to a project that another report names too)."""
    triples: set[Triple] = set()
    add_report(triples, facts, resolution)
    owned = {name} | {s for s, p, o in triples if p == DERIVED_FROM and o == name}
    return triples, {triple for triple in triples if triple[0] not in owned}


class StoreLoader:
    """A new Oxigraph store that replaces ``store_dir`` when closed without error, bulk-loaded with N-Quads
    as they are written: batches of about ``BULK_BYTES`` load in threads of their own, where Oxigraph
    parses and indexes them without holding the GIL, while this thread writes the next batch. At most
    ``LOADS`` batches load while another fills, so memory stays bounded whatever the corpus."""

    def __init__(self, store_dir: Path) -> None:
        import pyoxigraph

        self._format = pyoxigraph.RdfFormat.N_QUADS
        self._target = store_dir
        self._staging = _fresh(store_dir.parent / f".{store_dir.name}.tmp")
        self._store: Any = pyoxigraph.Store(str(self._staging))
        self._thread = ThreadPoolExecutor(max_workers=LOADS, thread_name_prefix="kg-store")
        self._loading: deque[Future[None]] = deque()  # the loads begun and not yet waited for, oldest first
        self._batch: list[bytes] = []
        self._size = 0

    def __enter__(self) -> StoreLoader:
        return self

    def add(self, nquads: bytes) -> None:
        """Queue N-Quads for loading."""
        self._batch.append(nquads)
        self._size += len(nquads)
        if self._size >= BULK_BYTES:
            self._load()

    def _load(self) -> None:
        if len(self._loading) >= LOADS:
            self._loading.popleft().result()  # the oldest must be in (and its error raised) before another starts
        data, self._batch, self._size = b"".join(self._batch), [], 0
        # lenient: Oxigraph skips validating the IRIs again; kg rendered these N-Quads itself and
        # checked every IRI as it did (kg.serialize), and the store loads 10% faster.
        self._loading.append(self._thread.submit(self._store.bulk_load, data, format=self._format, lenient=True))

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: object) -> None:
        try:
            if kind is None:
                self._load()
                while self._loading:
                    self._loading.popleft().result()
                self._store.flush()
                # Compacted, the store's many batch files become a few: reads (the HTML view, kg query)
                # run about twice as fast, for some 5% of a build (300 reports: 0.75 s; the page 9.4 → 5.2 s).
                self._store.optimize()
        finally:
            self._thread.shutdown(wait=True)
            del self._store  # closes the store before its folder is renamed or removed
        if kind is None:
            _replace(self._staging, self._target)
        else:
            shutil.rmtree(self._staging, ignore_errors=True)


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
