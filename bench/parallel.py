"""Extraction across worker processes: a build with -j N against -j 1 on the same reports.

    python bench/parallel.py --copies 6 --jobs 2 --repeat 3
    python bench/parallel.py --generated 300 --jobs 2 --repeat 3

Builds the seeds repeated N times (the seeds plus the real corpus of tests/real/texts, so the
reports vary in length; most of tests/real/texts are excerpts of a page or two), or with
--generated N, N full-length reports made by bench/scale.py's generator (as long as the seeds'
full reports, about 7,000 characters each), with ``kg build --no-html`` into a fresh folder, each build in a fresh
process as a user runs it (with -j 1 that process loads the tokenizer; with -j N each worker does),
once with one process and once with N, checks that both give the same
Turtle byte for byte, and prints the time of each and their ratio: the speed-up to watch, which
does not depend on how fast this machine is today (issue 16's bar: ≥ 1.6 for -j 2 on 300 reports).
Each build runs ``--repeat`` times and the fastest counts, as with ``timeit``: on a shared machine
the slower runs measure the neighbours.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, default=6, help="how many copies of the 53 texts to build")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes of the parallel build")
    parser.add_argument("--repeat", type=int, default=3, help="builds of each kind; the fastest counts")
    parser.add_argument("--generated", type=int, help="build this many generated full-length reports instead")
    args = parser.parse_args()

    texts = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "real" / "texts").glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reports"
        folder.mkdir()
        if args.generated:
            sys.path.insert(0, str(ROOT / "bench"))
            from scale import generate

            generate(args.generated, folder, seed=16)
        else:
            for copy in range(args.copies):
                for text in texts:
                    (folder / f"{copy:04d}_{text.name}").write_bytes(text.read_bytes())
        reports = len(list(folder.iterdir()))
        chars = sum(len(p.read_text(encoding="utf-8")) for p in folder.iterdir())
        seconds: dict[int, float] = {}
        turtle: dict[int, bytes] = {}
        for run in range(args.repeat):
            for jobs in (1, args.jobs):
                out = Path(tmp) / f"out-{jobs}-{run}"  # a fresh folder: nothing reused from a build before
                command = [sys.executable, "-m", "kg", "build", str(folder), "-o", str(out), "-j", str(jobs)]
                start = time.perf_counter()
                subprocess.run([*command, "--no-html", "-q"], check=True, stdout=subprocess.DEVNULL)
                spent = time.perf_counter() - start
                seconds[jobs] = min(spent, seconds.get(jobs, spent))
                turtle[jobs] = (out / "graph.ttl").read_bytes()
                shutil.rmtree(out)

    print(f"input: {reports} reports, {chars:,} characters; fastest of {args.repeat} builds each")
    for jobs, spent in seconds.items():
        print(f"-j {jobs}: {spent:7.2f} s  {chars / spent:>10,.0f} chars/s")
    print(f"same Turtle: {turtle[1] == turtle[args.jobs]}")
    print(f"speed-up -j {args.jobs} / -j 1: {seconds[1] / seconds[args.jobs]:.2f}")


if __name__ == "__main__":
    main()
