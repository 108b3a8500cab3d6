"""``build``: report files → facts → RDF graph → files, composing the stage functions."""

from __future__ import annotations

import dataclasses
import functools
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from kg.assess import Gathered, assess
from kg.cache import FactsCache, facts_key
from kg.clean import clean
from kg.dataset import STORE, write_dataset
from kg.errors import InputError, OutputError
from kg.extract import extract
from kg.files import remove_stale_temps, write_atomic
from kg.frames import frame_warnings
from kg.ingest import read_sources
from kg.meta import dating_year, read_meta
from kg.model import (
    BuildResult,
    BuildStats,
    CleanText,
    Facts,
    FrameOverride,
    RawText,
    Report,
    ReportMeta,
    ReportSummary,
    Skipped,
)
from kg.query import open_store
from kg.rdf import to_graph
from kg.resolve import DEFAULT_BASE, resolve
from kg.segment import segment
from kg.viz import render_html
from kg.workers import Workers

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
    strict: bool = False
    # Per-file frames (kg.manifest): file name or path → what the user states of that report.
    manifest: Mapping[str, FrameOverride] = field(default_factory=dict)
    # Worker processes that read and extract reports: 1 in this process, 0 one per core.
    jobs: int = 1
    # The address of a Dask scheduler (tcp://host:8786) whose workers read and extract the reports
    # instead of local processes; they need kg installed (kg.workers).
    scheduler: str | None = None

    def frame(self, path: Path) -> FrameOverride:
        """What the user states of the frame of the report at ``path``: its manifest row over the flags."""
        flags = FrameOverride(self.region, self.year)
        row = self.manifest.get(str(path)) or self.manifest.get(path.name)
        return row.over(flags) if row is not None else flags


def read_report(raw: RawText, report_id: str, options: BuildOptions) -> Report:
    """One decoded text → a segmented report with its metadata."""
    cleaned = _checked(clean(raw), CleanText)
    meta = _checked(read_meta(cleaned, options.frame(raw.source.path)), ReportMeta)
    return _checked(segment(cleaned, meta, report_id=report_id), Report)


def build(
    paths: Sequence[Path], options: BuildOptions = BuildOptions(), *, progress: Progress | None = None
) -> BuildResult:
    """Read reports, extract facts, resolve entities and make the graph; write files if asked."""
    texts, skipped = read_sources(paths)
    listing = "\n".join(f"  {s.path}: {s.reason}" for s in skipped)
    if not texts:
        # A build of nothing would replace a good graph with an empty one (issue 17).
        found = f"{len(skipped)} skipped:\n{listing}" if skipped else "no files found"
        raise InputError(
            f"no report read from {', '.join(map(str, paths))}; nothing written. kg reads .txt, .html/.htm, "
            f".pdf (with a text layer) and .docx files; {found}"
        )
    if options.strict and skipped:
        raise InputError(
            f"{len(skipped)} of {len(texts) + len(skipped)} inputs cannot be read as reports; nothing written "
            f"(--strict). Fix or remove them, or drop --strict to build from the rest:\n{listing}"
        )
    ids = report_ids(texts)
    if options.output_dir is not None:
        return _build_into(options.output_dir, texts, skipped, ids, options, progress)
    with Workers(options.jobs, options.scheduler) as workers:
        facts = list(_extract_all(workers, _tasks(texts, ids, options), progress, read_and_extract))
        dated = _linked_years(texts, [f.report.meta for f in facts], options, ids)
        again = _extract_all(workers, list(dated.values()), None, read_and_extract)
        for number, report_facts in zip(dated, again, strict=True):
            facts[number] = report_facts
    warnings = [
        warning  # never drop a report, but say what of its frame is missing
        for raw, report_facts in zip(texts, facts, strict=True)
        for warning in frame_warnings(raw.source.path, report_facts.report.meta)
    ]
    resolution = resolve(facts, base=options.base)
    assessments = assess(facts, resolution)
    graph = to_graph(facts, resolution, assessments)
    stats = BuildStats(
        reports=len(facts),
        skipped=len(skipped),
        observations=sum(len(f.observations) for f in facts),
        commitments=sum(len(f.commitments) for f in facts),
        program_targets=sum(len(f.program_targets) for f in facts),
        triples=len(graph),
        participations=sum(len(f.participations) for f in facts),
        assessments=len(assessments),
    )
    return BuildResult(tuple(facts), graph, stats, skipped, (), resolution, tuple(warnings), assessments)


class _Extraction:
    """The extraction of a build into a folder: each report's facts are cached in the folder as a
    worker extracts them (or were by an earlier build from the same input), and read back in the
    order of the reports' ids while the workers go on."""

    def __init__(
        self, out: Path, texts: Sequence[RawText], ids: Mapping[Path, str], options: BuildOptions, workers: Workers
    ) -> None:
        self._out, self._texts, self._ids, self._options, self._workers = out, texts, ids, options, workers
        self._cache = FactsCache(out)
        # In a build of one process, the facts just extracted and cached (their key and them), which
        # resolution most often reads next: it takes them here rather than from the disk.
        self._fresh: tuple[str, Facts] | None = None
        self.first: list[ReportSummary] = []  # every report's summary as first read
        self.summaries: list[ReportSummary] = []  # the same, with the reports dated by another read again

    def facts_in_id_order(self, progress: Progress | None, *, also: Callable[[Facts], None]) -> Iterator[Facts]:
        """Every report's facts, in the order of the reports' ids (so that resolution is the same whatever
        the input order), each as soon as it is extracted, after passing it to ``also``. A report whose
        text gives no year waits (and those after it), until every report is read and the year another
        report dates its session to is known (``_linked_years``); then ``summaries`` is complete."""
        texts, ids = self._texts, self._ids
        arrived: list[ReportSummary | None] = [None] * len(texts)
        order = sorted(range(len(texts)), key=lambda number: ids[texts[number].source.path])
        following = 0
        for number, summary in enumerate(self._summaries(_tasks(texts, ids, self._options), progress)):
            arrived[number] = summary
            while following < len(order) and (ready := arrived[order[following]]) is not None:
                if ready.meta.report_year is None:
                    break
                yield self._load(ready, also)
                following += 1
        self.first = [summary for summary in arrived if summary is not None]
        self.summaries = list(self.first)
        dated = _linked_years(texts, [s.meta for s in self.first], self._options, ids)
        for number, summary in zip(dated, self._summaries(list(dated.values()), None), strict=True):
            self.summaries[number] = summary
        for number in order[following:]:
            yield self._load(self.summaries[number], also)

    def _load(self, summary: ReportSummary, also: Callable[[Facts], None]) -> Facts:
        fresh, self._fresh = self._fresh, None
        facts = fresh[1] if fresh is not None and fresh[0] == summary.key else self._cache.load(summary.key)
        also(facts)
        return facts

    def _extract_here(self, raw: RawText, report_id: str, options: BuildOptions) -> ReportSummary:
        """``extract_to_cache`` in this process, keeping the facts for ``_load``."""
        key = facts_key(raw, report_id, options.frame(raw.source.path))
        facts = read_and_extract(raw, report_id, options)
        self._fresh = (key, facts)
        return self._cache.save(facts, key)

    def _summaries(self, tasks: Sequence[Task], progress: Progress | None) -> Iterator[ReportSummary]:
        """The tasks' summaries in order, each as soon as it is there: from the cache, or else from the
        workers, which cache the facts."""
        cache = self._cache
        found = [
            cache.summary(facts_key(raw, report_id, given.frame(raw.source.path))) for raw, report_id, given in tasks
        ]
        missing = [number for number, summary in enumerate(found) if summary is None]
        if progress and len(missing) < len(tasks):
            progress(f"{len(tasks) - len(missing)} of {len(tasks)} reports reused from {self._out}")
        batch = [tasks[number] for number in missing]
        if self._options.scheduler is None:
            # One process: its facts need not be read back from the disk (local processes return summaries).
            here = self._workers.local <= 1
            work = self._extract_here if here else functools.partial(extract_to_cache, output_dir=self._out)
            fresh = _extract_all(self._workers, batch, progress, work)
        else:  # a cluster's workers need not share this folder: their facts come back and are cached here
            fresh = (
                cache.save(facts, facts_key(raw, report_id, given.frame(raw.source.path)))
                for (raw, report_id, given), facts in zip(
                    batch, _extract_all(self._workers, batch, progress, read_and_extract), strict=True
                )
            )
        for summary in found:
            yield summary if summary is not None else next(fresh)


def _build_into(
    out: Path,
    texts: Sequence[RawText],
    skipped: tuple[Skipped, ...],
    ids: Mapping[Path, str],
    options: BuildOptions,
    progress: Progress | None,
) -> BuildResult:
    """The build into an output folder, streamed (issue 16): each report's facts go to disk as it is
    extracted; resolution reads them back one report at a time while extraction goes on, and assessment
    gathers what it needs in that same pass; the workers then render each report's graph, which
    ``write_dataset`` writes. Reports whose facts an earlier build into the folder extracted from the
    same input are not read again."""
    _output_folder(out)
    cache = FactsCache(out)
    with Workers(options.jobs, options.scheduler) as workers:
        extraction = _Extraction(out, texts, ids, options, workers)
        gathered = Gathered()  # what assessment needs, gathered in the pass that resolution makes
        resolution = resolve(extraction.facts_in_id_order(progress, also=gathered.add), base=options.base)
        first, summaries = extraction.first, extraction.summaries
        # A report dated by another is read twice, undated then dated: keep both, or a rebuild reads it again.
        cache.keep_only({summary.key for summary in (*first, *summaries)})
        by_id = sorted(summaries, key=lambda summary: summary.id)  # the same passes whatever the input order
        assessments = gathered.assessments(resolution)
        del gathered  # its observations would be walked by every full collection of the cycle collector while writing
        files, triples = write_dataset(
            by_id, cache, resolution, assessments, out, options.formats, progress=progress, workers=workers
        )
    warnings = [warning for s in summaries for warning in frame_warnings(s.path, s.meta)]
    if options.html:  # the view reads the store it was just loaded into, not a graph in memory
        write_atomic(out / "graph.html", render_html(open_store(out / STORE)).encode("utf-8"))
        files = (*files, out / "graph.html")
    stats = BuildStats(
        reports=len(summaries),
        skipped=len(skipped),
        observations=sum(s.observations for s in summaries),
        commitments=sum(s.commitments for s in summaries),
        program_targets=sum(s.program_targets for s in summaries),
        triples=triples,
        participations=sum(s.participations for s in summaries),
        assessments=len(assessments),
    )
    reused = sum(summary.reused for summary in summaries)
    return BuildResult((), None, stats, skipped, files, resolution, tuple(warnings), assessments, reused)


def read_and_extract(raw: RawText, report_id: str, options: BuildOptions) -> Facts:
    """One report's work, all of it independent of the other reports: read, segment, extract."""
    return _checked(extract(read_report(raw, report_id, options)), Facts)


def extract_to_cache(raw: RawText, report_id: str, options: BuildOptions, *, output_dir: Path) -> ReportSummary:
    """One report's work for a build into a folder: its facts are written to the folder's cache and
    only their summary comes back, so the build's memory does not grow with the corpus."""
    key = facts_key(raw, report_id, options.frame(raw.source.path))
    return FactsCache(output_dir).save(read_and_extract(raw, report_id, options), key)


# One report's unit of work: its text, its id, and the options it is read with.
Task = tuple[RawText, str, BuildOptions]


def _tasks(texts: Sequence[RawText], ids: Mapping[Path, str], options: BuildOptions) -> list[Task]:
    return [(raw, ids[raw.source.path], options) for raw in texts]


def _extract_all(
    workers: Workers,
    tasks: Sequence[Task],
    progress: Progress | None,
    work: Callable[[RawText, str, BuildOptions], T],
) -> Iterator[T]:
    """``work`` (a report's facts, or their summary) for every task, in order, from the ``workers``: local
    processes (``options.jobs``) or those of the Dask scheduler at ``options.scheduler``.

    Reports are independent until resolution, so they go to workers as they come and their results
    are put back in input order: the output is the same whatever the number of workers."""
    done = 0

    def finished(number: int) -> None:
        nonlocal done
        done += 1
        if progress:
            progress(f"[{done}/{len(tasks)}] {tasks[number][0].source.path}")

    task = functools.partial(_work_on_task, work=work)
    return workers.map_ordered(task, tasks, finished)


def _work_on_task(task: Task, *, work: Callable[[RawText, str, BuildOptions], T]) -> T:
    """``work`` on one task: the picklable unit of work of ``map_ordered``."""
    return work(*task)


def _linked_years(
    texts: Sequence[RawText], metas: Sequence[ReportMeta], options: BuildOptions, ids: Mapping[Path, str]
) -> dict[int, Task]:
    """Reports whose text gives no year, by position, each to be read again with the year another report
    of the same government dates their congress session to, or else their file's name gives
    (kg.meta.dating_year). They go to the workers
    like the others, so that this process need not load the tokenizer for them."""
    dated: dict[int, Task] = {}
    for number, (raw, meta) in enumerate(zip(texts, metas, strict=True)):
        year = dating_year(meta, metas, raw.source.path)
        if year is not None:
            given = dataclasses.replace(options.frame(raw.source.path), year=year)
            dated[number] = (
                raw,
                ids[raw.source.path],
                dataclasses.replace(options, manifest={str(raw.source.path): given}),
            )
    return dated


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


def _output_folder(out: Path) -> None:
    """Make the output folder if needed, and clear what killed builds left in it."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create output folder {out}: {exc.strerror}; choose another with -o") from exc
    remove_stale_temps(out)


def _checked(value: object, kind: type[T]) -> T:
    """Each stage returns what the next expects (as spaCy's Language checks components)."""
    if not isinstance(value, kind):
        raise TypeError(f"pipeline stage returned {type(value).__name__}, expected {kind.__name__}")
    return value
