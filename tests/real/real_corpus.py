"""The real corpus of tests/real: its halves, their builds and scores, and how well kg reads each report's frame.

Shared by ``test_real_corpus.py`` (floors) and ``score.py`` (the tables for the issues' closing
notes). Odd-numbered files are for development; even-numbered files only check (README.md).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, cast

from rdflib import RDF, RDFS, SKOS, Graph
from rdflib.namespace import DCTERMS

from kg.evaluate import Evaluation, Score, evaluate_graph
from kg.model import BuildResult, FrameOverride
from kg.pipeline import BuildOptions, build
from kg.vocab import GOV

Half = Literal["odd", "even"]
HERE = Path(__file__).parent
TEXTS = HERE / "texts"
FRAMES = HERE / "frames.tsv"


def texts(half: Half) -> list[Path]:
    """The texts of one half: odd- or even-numbered files (NN_name.txt)."""
    return sorted(path for path in TEXTS.glob("*.txt") if (int(path.name[:2]) % 2 == 1) == (half == "odd"))


def gold(half: Half) -> Path:
    return HERE / f"gold-{half}.jsonl"


def frame_rows() -> list[dict[str, str]]:
    """frames.tsv: file, issuer, issuer_full, level, issuer_in_text, report_year, reviewed_year, plan_year, …"""
    with FRAMES.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream, delimiter="\t"))


def given_frames() -> dict[str, FrameOverride]:
    """Every file's frame as given by hand (issuer and years from frames.tsv), so only extraction is measured."""

    def year(value: str) -> int | None:
        return int(value) if value else None

    return {
        row["file"]: FrameOverride(
            row["issuer"] or None, year(row["report_year"]), year(row["reviewed_year"]), year(row["plan_year"])
        )
        for row in frame_rows()
    }


@dataclass(frozen=True, slots=True)
class HalfBuild:
    """One half, built. Its repr names only the half, so that a failing test's report (which shows
    its arguments) never prints the even half's facts."""

    half: Half
    frames_given: bool
    result: BuildResult = field(repr=False)

    @property
    def graph(self) -> Graph:
        return cast(Graph, self.result.graph)


def build_half(half: Half, *, frames_given: bool = False) -> HalfBuild:
    """Build one half in memory: frames read from the text, or given by hand."""
    manifest = given_frames() if frames_given else {}
    return HalfBuild(half, frames_given, build(texts(half), BuildOptions(output_dir=None, manifest=manifest)))


def score(built: HalfBuild) -> Evaluation:
    return evaluate_graph(built.graph, gold(built.half))


SCORE_COLUMNS = ["type", "gold", "predicted", "matched", "precision", "recall", "f1"]


def score_table(scores: dict[str, Score]) -> list[list[str]]:
    """Rows of the eval table, as `kg eval` prints it."""
    return [
        [name, str(s.gold), str(s.predicted), str(s.matched), *(f"{v:.3f}" for v in (s.precision, s.recall, s.f1))]
        for name, s in scores.items()
    ]


@dataclass(frozen=True, slots=True)
class FrameCheck:
    """One file's frame, expected (frames.tsv) and read (the graph); ``None`` where the text does not state it."""

    file: str
    issuer: str
    issuer_read: tuple[str, ...]
    issuer_right: bool | None
    years: str
    years_read: str
    years_right: bool | None

    def years_cells(self) -> list[str]:
        return [self.years, self.years_read, _mark(self.years_right)]


def read_frames(graph: Graph) -> dict[str, dict[str, set[str]]]:
    """Per source file: the issuer's labels (any language), review years and plan years of its gov:Report."""
    read: dict[str, dict[str, set[str]]] = {}
    for report in graph.subjects(RDF.type, GOV.Report):
        source = str(graph.value(report, DCTERMS.source))
        entry = read.setdefault(source, {"labels": set(), "rev": set(), "plan": set()})
        for region in graph.objects(report, GOV.issuedBy):
            for prop in (RDFS.label, SKOS.prefLabel, SKOS.altLabel):
                entry["labels"].update(str(label) for label in graph.objects(region, prop))
        entry["rev"].update(str(year) for year in graph.objects(report, GOV.reviewYear))
        entry["plan"].update(str(year) for year in graph.objects(report, GOV.planYear))
    return read


def check_frames(builds: list[HalfBuild]) -> list[FrameCheck]:
    """shared/tools/frame_check.py's rule, file by file: only what the text itself states is scored.

    The issuer is right when one of its labels is the expected name or ends the expected full
    name; the years are right when the expected reviewed and plan years are among those read.
    """
    read: dict[str, dict[str, set[str]]] = {}
    for built in builds:
        read.update(read_frames(built.graph))
    checks: list[FrameCheck] = []
    for row in frame_rows():
        if row["file"] not in read:
            continue
        got = read[row["file"]]
        issuer_right = None
        if row["issuer_in_text"] == "yes" and row["issuer"]:
            full = row["issuer_full"] or row["issuer"]
            issuer_right = any(
                label == row["issuer"] or (len(label) > 1 and full.endswith(label)) for label in got["labels"]
            )
        want = [(key, row[column]) for key, column in (("rev", "reviewed_year"), ("plan", "plan_year")) if row[column]]
        years_right = None
        if row["years_in_text"] == "yes" and want:
            years_right = all(value in got[key] for key, value in want)
        shown = [key for key, _ in want] or ["rev", "plan"]
        checks.append(
            FrameCheck(
                file=row["file"],
                issuer=row["issuer"],
                issuer_read=tuple(sorted(label for label in got["labels"] if not label.isascii())),
                issuer_right=issuer_right,
                years=", ".join(f"{key} {value}" for key, value in want) or "-",
                years_read=", ".join(f"{key} {'/'.join(sorted(got[key])) or '-'}" for key in shown),
                years_right=years_right,
            )
        )
    return checks


def _mark(right: bool | None) -> str:
    return "·" if right is None else ("✓" if right else "✗")


def frame_table(checks: list[FrameCheck], *, wrong_only: bool = False) -> list[list[str]]:
    """Rows of file, expected issuer, issuer read, ✓/✗, expected years, years read, ✓/✗ (· where not scored)."""
    return [
        [c.file, c.issuer, "/".join(c.issuer_read) or "-", _mark(c.issuer_right), *c.years_cells()]
        for c in checks
        if not wrong_only or c.issuer_right is False or c.years_right is False
    ]


FRAME_COLUMNS = ["file", "issuer", "read", "ok", "years", "read", "ok"]


def frame_counts(checks: list[FrameCheck]) -> tuple[int, int, int, int]:
    """Issuers right, issuers scored, years right, years scored."""
    issuers = [c.issuer_right for c in checks if c.issuer_right is not None]
    years = [c.years_right for c in checks if c.years_right is not None]
    return sum(issuers), len(issuers), sum(years), len(years)
