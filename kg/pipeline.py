"""``build``: report files → facts → RDF graph → files, composing the stage functions."""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from rdflib import Graph

from kg.clean import clean
from kg.errors import OutputError
from kg.extract import extract
from kg.ingest import read_sources
from kg.meta import read_meta
from kg.model import BuildResult, BuildStats, CleanText, Facts, RawText, Report, ReportMeta
from kg.rdf import to_graph
from kg.resolve import DEFAULT_BASE, resolve
from kg.segment import segment
from kg.serialize import FORMATS, serialize
from kg.viz import render_html

Progress = Callable[[str], None]
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """How to build: overrides for metadata, the IRI base, and what to write."""

    region: str | None = None
    year: int | None = None
    base: str = DEFAULT_BASE
    output_dir: Path | None = None
    html: bool = True
    formats: tuple[str, ...] = ("turtle",)


def read_report(raw: RawText, report_id: str, options: BuildOptions) -> Report:
    """One decoded text → a segmented report with its metadata."""
    cleaned = _checked(clean(raw), CleanText)
    meta = _checked(read_meta(cleaned, region=options.region, year=options.year), ReportMeta)
    return _checked(segment(cleaned, meta, report_id=report_id), Report)


def build(
    paths: Sequence[Path], options: BuildOptions = BuildOptions(), *, progress: Progress | None = None
) -> BuildResult:
    """Read reports, extract facts, resolve entities and make the graph; write files if asked."""
    texts, skipped = read_sources(paths)
    ids = report_ids(texts)
    facts: list[Facts] = []
    for number, raw in enumerate(texts, 1):
        if progress:
            progress(f"[{number}/{len(texts)}] {raw.source.path}")
        report = read_report(raw, ids[raw.source.path], options)
        facts.append(_checked(extract(report), Facts))
    resolution = resolve(facts, base=options.base)
    graph = to_graph(facts, resolution)
    stats = BuildStats(
        reports=len(facts),
        skipped=len(skipped),
        observations=sum(len(f.observations) for f in facts),
        commitments=sum(len(f.commitments) for f in facts),
        program_targets=sum(len(f.program_targets) for f in facts),
        triples=len(graph),
        participations=sum(len(f.participations) for f in facts),
    )
    files: tuple[Path, ...] = ()
    if options.output_dir is not None:
        files = write_outputs(graph, options.output_dir, options)
    return BuildResult(tuple(facts), graph, stats, skipped, files, resolution)


def report_ids(texts: Iterable[RawText]) -> dict[Path, str]:
    """A report's id is its file stem; stems shared by two files get a hash suffix."""
    texts = list(texts)
    stems = Counter(raw.source.path.stem for raw in texts)
    return {
        raw.source.path: raw.source.path.stem
        if stems[raw.source.path.stem] == 1
        else f"{raw.source.path.stem}-{raw.source.sha256[:8]}"
        for raw in texts
    }


def write_outputs(graph: Graph, out: Path, options: BuildOptions) -> tuple[Path, ...]:
    """Serialise the graph (and its HTML view) into the output folder, atomically."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create output folder {out}: {exc.strerror}; choose another with -o") from exc
    written: list[Path] = []
    for name in options.formats:
        path = out / f"graph.{FORMATS[name].extension}"
        write_atomic(path, serialize(graph, name))
        written.append(path)
    if options.html:
        path = out / "graph.html"
        write_atomic(path, render_html(graph).encode("utf-8"))
        written.append(path)
    return tuple(written)


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file so that readers see the old content or the new, never half of it."""
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, path)
    except OSError as exc:
        raise OutputError(
            f"cannot write {path}: {exc.strerror}; check the folder's permissions and free space"
        ) from exc


def _checked(value: object, kind: type[T]) -> T:
    """Each stage returns what the next expects (as spaCy's Language checks components)."""
    if not isinstance(value, kind):
        raise TypeError(f"pipeline stage returned {type(value).__name__}, expected {kind.__name__}")
    return value
