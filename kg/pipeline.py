"""``build``: report files → facts → RDF graph → files, composing the stage functions."""

from __future__ import annotations

import dataclasses
import functools
import os
import re
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from rdflib import Graph

from kg.assess import assess
from kg.clean import clean
from kg.errors import InputError, OutputError
from kg.extract import extract
from kg.frames import frame_warnings
from kg.ingest import read_sources
from kg.meta import linked_year, read_meta
from kg.model import BuildResult, BuildStats, CleanText, Facts, FrameOverride, RawText, Report, ReportMeta
from kg.rdf import to_graph
from kg.resolve import DEFAULT_BASE, resolve
from kg.segment import segment
from kg.serialize import FORMATS, serialize
from kg.viz import render_html
from kg.workers import map_ordered

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
    facts = _with_linked_years(texts, _extract_all(texts, ids, options, progress), options)
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
    files: tuple[Path, ...] = ()
    if options.output_dir is not None:
        files = write_outputs(graph, options.output_dir, options)
    return BuildResult(tuple(facts), graph, stats, skipped, files, resolution, tuple(warnings), assessments)


def read_and_extract(raw: RawText, report_id: str, options: BuildOptions) -> Facts:
    """One report's work, all of it independent of the other reports: read, segment, extract."""
    return _checked(extract(read_report(raw, report_id, options)), Facts)


def _extract_all(
    texts: Sequence[RawText], ids: Mapping[Path, str], options: BuildOptions, progress: Progress | None
) -> list[Facts]:
    """Every report's facts, in input order, from ``options.jobs`` worker processes (0: one per core)
    or from the workers of the Dask scheduler at ``options.scheduler``.

    Reports are independent until resolution, so they go to workers as they come and their facts
    are put back in input order: the output is the same whatever the number of workers."""
    done = 0

    def finished(number: int) -> None:
        nonlocal done
        done += 1
        if progress:
            progress(f"[{done}/{len(texts)}] {texts[number].source.path}")

    work = functools.partial(_read_and_extract_pair, options=options)
    pairs = [(raw, ids[raw.source.path]) for raw in texts]
    return list(map_ordered(work, pairs, jobs=options.jobs, scheduler=options.scheduler, finished=finished))


def _read_and_extract_pair(pair: tuple[RawText, str], options: BuildOptions) -> Facts:
    """``read_and_extract`` of one (text, report id) pair: the picklable unit of work of ``map_ordered``."""
    return read_and_extract(*pair, options)


def _with_linked_years(texts: Sequence[RawText], facts: list[Facts], options: BuildOptions) -> list[Facts]:
    """Reports whose text gives no year, read again with the year another report of the same government
    dates their congress session to (kg.meta.linked_year)."""
    metas = [report_facts.report.meta for report_facts in facts]
    linked = list(facts)
    for number, (raw, report_facts) in enumerate(zip(texts, facts, strict=True)):
        meta = report_facts.report.meta
        year = linked_year(meta, metas) if meta.report_year is None else None
        if year is not None:
            given = dataclasses.replace(options.frame(raw.source.path), year=year)
            dated = dataclasses.replace(options, manifest={str(raw.source.path): given})
            linked[number] = read_and_extract(raw, report_facts.report.id, dated)
    return linked


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
    remove_stale_temps(out)
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


# ".graph.ttl.<pid>.<random>.tmp": a temp file of write_atomic, named after its writer.
_TEMP = re.compile(r"^\..+\.(\d+)\.[^.]+\.tmp$")


@functools.cache
def _file_mode() -> int:
    """The mode a new file gets under this process's umask (0644 under the usual 022)."""
    mask = os.umask(0o022)  # reading the umask means setting it; put it straight back
    os.umask(mask)
    return 0o666 & ~mask


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file so that readers see the old content or the new, never half of it.

    The bytes go to a temp file in the same folder, are flushed to disk, and the temp
    file is renamed over ``path`` (atomic on POSIX and Windows); then the folder entry
    is flushed too. A run killed before the rename leaves ``path`` as it was, plus a
    hidden temp file that the next build into the folder removes.
    """
    temp: str | None = None
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(handle, "wb") as stream:
            if hasattr(os, "fchmod"):  # mkstemp makes the file 0600; give it a new file's mode
                os.fchmod(handle, _file_mode())
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, path)
        temp = None
        _fsync_folder(path.parent)
    except OSError as exc:
        raise OutputError(
            f"cannot write {path}: {exc.strerror}; check the folder's permissions and free space"
        ) from exc
    finally:
        if temp is not None:
            Path(temp).unlink(missing_ok=True)


def _fsync_folder(folder: Path) -> None:
    """Make a rename durable (POSIX); folders cannot be opened this way on Windows."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def remove_stale_temps(folder: Path) -> tuple[Path, ...]:
    """Delete temp files left in ``folder`` by ``write_atomic`` calls of processes that died."""
    removed: list[Path] = []
    for entry in sorted(folder.iterdir()):
        match = _TEMP.match(entry.name)
        if match and entry.is_file() and not _alive(int(match.group(1))):
            entry.unlink(missing_ok=True)
            removed.append(entry)
    return tuple(removed)


def _alive(pid: int) -> bool:
    if pid == os.getpid() or os.name != "posix":
        return True  # on Windows os.kill(pid, 0) would send Ctrl-C, so never guess there
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists but belongs to someone else
    return True


def _checked(value: object, kind: type[T]) -> T:
    """Each stage returns what the next expects (as spaCy's Language checks components)."""
    if not isinstance(value, kind):
        raise TypeError(f"pipeline stage returned {type(value).__name__}, expected {kind.__name__}")
    return value
