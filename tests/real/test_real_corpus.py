"""The real corpus (tests/real/README.md): kg's scores on 48 real report excerpts, held as floors.

Each half is built once, through the library, with each report's frame read from the text as a
user gets it (no manifest), and scored against its gold copy. Odd files develop, even files only
check: a failure here prints scores and frames, never the even half's misses.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from real_corpus import (
    FRAME_COLUMNS,
    SCORE_COLUMNS,
    TEXTS,
    Half,
    HalfBuild,
    build_half,
    check_frames,
    frame_counts,
    frame_rows,
    frame_table,
    gold,
    score,
    score_table,
    texts,
)

from kg.query import table

# Floors per half and fact type, (F1, precision), frames read from the text; each set a little below
# what kg scored when it was written (floored to 0.01, minus 0.02). Raise them as extraction improves;
# never lower one to make a test pass. The bars of issue 14 are, on the even half with frames given by
# hand (`python tests/real/score.py --half even --frames`): measure F1 ≥ 0.85, project ≥ 0.75,
# program ≥ 0.70, program_target ≥ 0.50, each with precision ≥ 0.75.
SCORE_FLOORS: dict[Half, dict[str, tuple[float, float]]] = {
    "odd": {
        "measure": (0.93, 0.92),  # scored 0.940, 0.934
        # Issue 14's grammar rules (verb before a bare head, 在…的同时, straight quotes, 为+verb aims, slogans):
        # 1.000 for both; the floors leave one fact (14 and 22 gold facts).
        "project": (0.96, 0.93),  # 1.000, 1.000 (0.929, 0.929 before)
        "program": (0.97, 0.95),  # 1.000, 1.000 (0.909, 0.909 before; 0.762, 0.800 before the list rules)
        # Issue 14: the ties as grammar (target_ties.tsv) found all 6 with no false one.
        "program_target": (0.98, 0.98),  # 1.000, 1.000 (6 gold facts: one fact moves it 0.1)
    },
    "even": {
        "measure": (0.74, 0.72),  # 0.759, 0.740 (0.847, 0.827 with frames given)
        "project": (0.58, 0.70),  # 0.600, 0.714 (0.768, 0.927)
        "program": (0.50, 0.58),  # 0.522, 0.600 (0.627, 0.750)
        # Fell from 0.125 when events (举办…) became programs: their results read as program targets;
        # issue 14's tie grammar leaves events their outcomes (0.077, 0.048 before it).
        "program_target": (0.18, 0.18),  # 0.200, 0.200 (5 gold facts)
    },
}

# Files whose issuer and whose years kg reads right (frames.tsv, by shared/tools/frame_check.py's rule),
# of the 47 and 42 files whose text states them. Raise them as frame reading improves; the bar of
# issue 13 is 95% of each: issuer ≥ 45, years ≥ 40.
# 47/47 with every county-level division known; 41/42 once news pieces are dated by their page.
FRAME_FLOORS = {"issuer": 47, "years": 41}


@pytest.fixture(scope="session")
def odd_build() -> HalfBuild:
    return build_half("odd")


@pytest.fixture(scope="session")
def even_build() -> HalfBuild:
    return build_half("even")


def test_real_corpus_halves_and_gold_agree() -> None:
    """Every text is in one half, every gold record names a text of its own half."""
    halves: dict[Half, list[Path]] = {"odd": texts("odd"), "even": texts("even")}
    assert len(halves["odd"]) == len(halves["even"]) == 24 and set(halves["odd"]).isdisjoint(halves["even"])
    assert {row["file"] for row in frame_rows()} == {path.name for path in TEXTS.glob("*.txt")}
    for half, files in halves.items():
        lines = gold(half).read_text(encoding="utf-8").splitlines()
        docs = {json.loads(line)["doc"] for line in lines if line.strip()}
        assert docs <= {path.name for path in files}, half


@pytest.mark.issue(14)
@pytest.mark.parametrize("half", ["odd", "even"])
def test_real_corpus_scores_hold_their_floors(half: Half, request: pytest.FixtureRequest) -> None:
    built: HalfBuild = request.getfixturevalue(f"{half}_build")
    scores = score(built).scores  # scores only: the even half's misses are never shown
    below = [
        f"{kind}: F1 {scores[kind].f1:.3f} (floor {f1}), precision {scores[kind].precision:.3f} (floor {precision})"
        for kind, (f1, precision) in SCORE_FLOORS[half].items()
        if scores[kind].f1 < f1 or scores[kind].precision < precision
    ]
    rows = table(SCORE_COLUMNS, score_table(scores))
    assert not below, f"{half} half below its floors:\n" + "\n".join(below) + "\n" + rows


@pytest.mark.issue(13)
def test_real_corpus_frames_read_right(odd_build: HalfBuild, even_build: HalfBuild) -> None:
    """Issuer and years as each text states them (frames.tsv); the rule of shared/tools/frame_check.py."""
    checks = check_frames([odd_build, even_build])
    issuers_ok, issuers, years_ok, years = frame_counts(checks)
    assert (len(checks), issuers, years) == (48, 47, 42)  # every file built, every stated frame scored
    wrong = table(FRAME_COLUMNS, frame_table(checks, wrong_only=True))
    assert issuers_ok >= FRAME_FLOORS["issuer"] and years_ok >= FRAME_FLOORS["years"], (
        f"issuer right {issuers_ok}/{issuers} (floor {FRAME_FLOORS['issuer']}), "
        f"years right {years_ok}/{years} (floor {FRAME_FLOORS['years']}); wrong:\n{wrong}"
    )
