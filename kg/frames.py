"""Each report's frame (who issued it, which years it delivers, reviews and plans) read without extracting facts.

``kg frames`` prints these so that a user can check 300 files before a long build, and fix
what kg reads wrong with ``--region``/``--year`` or a manifest (kg.manifest). A frame kg
cannot read is never a reason to drop a report: its facts keep what is known, and
``frame_warnings`` says what is missing and which flag or manifest column supplies it (issue 13).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING

from kg import gazetteer
from kg.clean import clean
from kg.ingest import read_sources
from kg.meta import dating_year, read_meta
from kg.model import FrameOverride, ReportMeta, Skipped
from kg.query import Rows

if TYPE_CHECKING:
    from kg.pipeline import BuildOptions

COLUMNS = ("file", "region", "code", "level", "year", "review_year", "plan_year", "given")


@dataclass(frozen=True, slots=True)
class ReadFrame:
    """The frame of one input: what kg reads, with ``given`` what the user stated (flags, manifest row)."""

    path: Path
    meta: ReportMeta
    given: FrameOverride


@dataclass(frozen=True, slots=True)
class Frames:
    """What ``read_frames`` returns: a frame per readable input, the inputs skipped, and warnings."""

    frames: tuple[ReadFrame, ...]
    skipped: tuple[Skipped, ...] = ()
    warnings: tuple[str, ...] = ()


def read_frames(paths: Sequence[Path], options: BuildOptions) -> Frames:
    """Ingest, clean and read the frame of each input (no segmenting, no extraction)."""
    texts, skipped = read_sources(paths)
    frames: list[ReadFrame] = []
    cleaned = [clean(raw) for raw in texts]
    for text in cleaned:
        given = options.frame(text.source.path)
        frames.append(ReadFrame(text.source.path, read_meta(text, given), given))
    metas = [frame.meta for frame in frames]
    for number, (text, frame) in enumerate(zip(cleaned, frames, strict=True)):
        year = dating_year(frame.meta, metas, frame.path)
        if year is not None:  # dated by another report's congress session or the file's name, as kg build does
            meta = read_meta(text, dataclasses.replace(frame.given, year=year))
            frames[number] = ReadFrame(frame.path, meta, frame.given)
    warnings = tuple(warning for frame in frames for warning in frame_warnings(frame.path, frame.meta))
    return Frames(tuple(frames), skipped, warnings)


def frame_warnings(path: Path, meta: ReportMeta) -> tuple[str, ...]:
    """What of a report's frame is unknown, what that costs its facts, and how to supply it."""
    found: list[str] = []
    if meta.region is None:
        found.append(
            f"{path}: no issuing government found in the text; facts keep no region. "
            "Give it with --region or the manifest's region column."
        )
    if meta.report_year is None:
        found.append(
            f"{path}: no year found in the text; facts keep no year. Give it with --year or the manifest's year column."
        )
    elif meta.plan_year is None:
        found.append(
            f"{path}: no plan year found in the text; facts of its plans keep no year. "
            "Give it with the manifest's plan_year column."
        )
    return tuple(found)


def frame_rows(frames: Sequence[ReadFrame]) -> Rows:
    """One row per frame: file, region with its division code and level where the gazetteer knows them,
    years, and which fields the user gave."""
    return Rows(COLUMNS, tuple(_row(frame) for frame in frames))


def _row(frame: ReadFrame) -> tuple[str | None, ...]:
    meta = frame.meta
    # A name several regions share (鼓楼区) is placed by the parent the report names.
    region = gazetteer.choose(meta.region, [meta.region_parent] if meta.region_parent else []) if meta.region else None
    code = region.code if region else None
    level = region.level if region else None
    given = [f.name for f in fields(FrameOverride) if getattr(frame.given, f.name) is not None]
    return (
        str(frame.path),
        meta.region,
        str(code) if code else None,
        str(level) if level else None,
        _year(meta.report_year),
        _year(meta.review_year),
        _year(meta.plan_year),
        ",".join(given) or None,
    )


def _year(year: int | None) -> str | None:
    return str(year) if year is not None else None
