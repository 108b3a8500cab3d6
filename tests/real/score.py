"""Print kg's scores on the real corpus: the tables the closing notes of issues 13 and 14 give.

usage: .venv/bin/python tests/real/score.py [--half odd|even|both] [--frames] [--misses]

For each half, the eval table (gold, predicted, matched, P/R/F1 per fact type), with each report's
frame read from the text, or with --frames given by hand from frames.tsv so that extraction alone
is measured. Then, unless --frames, the frame table: file, expected issuer and years, what kg read.
--misses lists the unmatched facts of the odd half; never of the even half, which only checks.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from real_corpus import (
    FRAME_COLUMNS,
    SCORE_COLUMNS,
    Half,
    build_half,
    check_frames,
    frame_counts,
    frame_table,
    score,
    score_table,
)

from kg.query import table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--half", choices=["odd", "even", "both"], default="both")
    parser.add_argument("--frames", action="store_true", help="give each report's frame by hand (frames.tsv)")
    parser.add_argument("--misses", action="store_true", help="list unmatched facts (odd half only)")
    args = parser.parse_args(argv)
    halves: list[Half] = ["odd", "even"] if args.half == "both" else [args.half]
    if args.misses and "even" in halves:
        parser.error("--misses is for the odd half only: even files only check (tests/real/README.md)")
    builds = []
    for half in halves:
        built = build_half(half, frames_given=args.frames)
        builds.append(built)
        evaluation = score(built)
        how = "frames given by hand (frames.tsv)" if args.frames else "frames read from the text"
        print(f"{half} half ({built.result.stats.reports} reports, {how})")
        print(table(SCORE_COLUMNS, score_table(evaluation.scores)))
        if args.misses and half == "odd":
            for fact in evaluation.missed:
                print(
                    f"MISSED   {fact.doc[:3]} {fact.type:<14} {fact.name} {fact.value} {fact.kind or fact.status} "
                    f"{fact.year} | {fact.evidence}"
                )
            for fact in evaluation.spurious:
                print(
                    f"SPURIOUS {fact.doc[:3]} {fact.type:<14} {fact.name} {fact.value} {fact.kind or fact.status} "
                    f"{fact.year} | {fact.evidence[:80]}"
                )
            print()
    if not args.frames:
        checks = check_frames(builds)
        issuers_ok, issuers, years_ok, years = frame_counts(checks)
        print("frames (✓ right, ✗ wrong, · not stated in the text so not scored)")
        print(table(FRAME_COLUMNS, frame_table(checks)))
        print(f"issuer right: {issuers_ok}/{issuers} files; years right: {years_ok}/{years} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
