"""Extraction across worker processes: a build with -j N against -j 1 on the same reports.

    python bench/parallel.py --copies 60 --jobs 2

Builds the seeds repeated N times (the seeds plus the real corpus of tests/real/texts, so the
reports vary in length) once with one process and once with N, checks that both give the same
Turtle byte for byte, and prints the time of each and their ratio: the speed-up to watch, which
does not depend on how fast this machine is today (issue 16's bar: ≥ 1.6 for -j 2 on 300 reports).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, default=6, help="how many copies of the 53 texts to build")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes of the parallel build")
    args = parser.parse_args()

    from kg.pipeline import BuildOptions, build
    from kg.serialize import serialize

    texts = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "real" / "texts").glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for copy in range(args.copies):
            for text in texts:
                (folder / f"{copy:04d}_{text.name}").write_bytes(text.read_bytes())
        chars = sum(len(p.read_text(encoding="utf-8")) for p in folder.iterdir())
        seconds: dict[int, float] = {}
        turtle: dict[int, bytes] = {}
        for jobs in (1, args.jobs):
            start = time.perf_counter()
            result = build([folder], BuildOptions(html=False, jobs=jobs))
            turtle[jobs] = serialize(result.graph)  # type: ignore[arg-type]
            seconds[jobs] = time.perf_counter() - start

    print(f"input: {args.copies * len(texts)} reports, {chars:,} characters")
    for jobs, spent in seconds.items():
        print(f"-j {jobs}: {spent:7.2f} s  {chars / spent:>10,.0f} chars/s")
    print(f"same Turtle: {turtle[1] == turtle[args.jobs]}")
    print(f"speed-up -j {args.jobs} / -j 1: {seconds[1] / seconds[args.jobs]:.2f}")


if __name__ == "__main__":
    main()
