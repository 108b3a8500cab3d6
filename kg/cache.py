"""The build folder's memory of extracted reports, for streaming and incremental builds (issue 16).

Each report's ``Facts`` are pickled under ``<output>/.kg/facts/<key>.pickle``, after a small
``ReportSummary`` and with the report's sentences last (rendering the graph need not read them), so
the cross-report passes read one report at a time and a rebuild reads back what it would extract
again. The key is a hash of everything extraction depends on: the input's content and path, its
report id, the frame the user gives it, and kg's own code and lexicons (``code_version``); so a
changed input, option or kg gets a new key, and an unchanged one is reused.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
import pickle
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.model import Facts, FrameOverride, RawText, ReportSummary

FOLDER = ".kg"


@functools.cache
def code_version() -> str:
    """A hash of kg's package files (code and lexicons): any change to them may change what is extracted."""
    root = Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix not in (".pyc", ".html", ".js"):
            digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0" + path.read_bytes())
    return digest.hexdigest()


def facts_key(raw: RawText, report_id: str, frame: FrameOverride) -> str:
    """The cache key of one report's facts: a hash of all that extraction depends on."""
    given = [frame.region, frame.year, frame.review_year, frame.plan_year]
    source = raw.source
    text = json.dumps([code_version(), report_id, str(source.path), source.sha256, source.media_type, given])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def summarize(facts: Facts, key: str) -> ReportSummary:
    """What the build keeps in memory of ``facts``."""
    report = facts.report
    return ReportSummary(
        report.id,
        report.source.path,
        report.meta,
        key,
        len(facts.observations),
        len(facts.commitments),
        len(facts.program_targets),
        len(facts.participations),
    )


class FactsCache:
    """Pickled facts of reports in a build folder, by key."""

    def __init__(self, output_dir: Path) -> None:
        self.output_dir = output_dir  # the build folder
        self.folder = output_dir / FOLDER / "facts"

    def path(self, key: str) -> Path:
        return self.folder / f"{key}.pickle"

    def summary(self, key: str) -> ReportSummary | None:
        """The summary of the facts under ``key``, marked reused; None if they are not there."""
        try:
            with self.path(key).open("rb") as stream:
                summary = pickle.load(stream)
        except (OSError, EOFError, pickle.UnpicklingError):
            return None  # missing, or cut short by a killed build: extract again
        return dataclasses.replace(summary, reused=True) if isinstance(summary, ReportSummary) else None

    def save(self, facts: Facts, key: str) -> ReportSummary:
        """Write ``facts`` under ``key``, atomically: their summary, the facts but the report's sentences,
        the sentences (so that ``load`` can stop before them); their summary."""
        summary = summarize(facts, key)
        self.folder.mkdir(parents=True, exist_ok=True)
        temp = self.path(key).with_suffix(f".{os.getpid()}.tmp")
        report = facts.report
        with temp.open("wb") as stream:
            pickle.dump(summary, stream, protocol=pickle.HIGHEST_PROTOCOL)
            without = dataclasses.replace(facts, report=dataclasses.replace(report, sentences=()))
            pickle.dump(without, stream, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(report.sentences, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, self.path(key))
        return summary

    def load(self, key: str, *, sentences: bool = True) -> Facts:
        """The facts under ``key``; without the report's sentences (``report.sentences`` empty) unless
        ``sentences``: the graph holds none of them, and they are two thirds of the bytes to read."""
        with self.path(key).open("rb") as stream:
            pickle.load(stream)  # the summary
            facts = pickle.load(stream)
            if not isinstance(facts, Facts):
                raise TypeError(f"{self.path(key)} holds no Facts")
            if not sentences:
                return facts
            read = pickle.load(stream)
        return dataclasses.replace(facts, report=dataclasses.replace(facts.report, sentences=read))

    def each(self, summaries: Iterable[ReportSummary]) -> Iterator[Facts]:
        """The facts of each report in turn, read from disk one at a time."""
        for summary in summaries:
            yield self.load(summary.key)

    def keep_only(self, keys: Iterable[str]) -> None:
        """Remove the facts of reports that are no longer in the build (removed or changed inputs)."""
        kept = {self.path(key) for key in keys}
        for path in sorted(self.folder.glob("*")) if self.folder.is_dir() else ():
            if path not in kept:
                path.unlink(missing_ok=True)
