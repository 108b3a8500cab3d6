"""Peak memory of `kg build --no-html` on 30 and on 300 reports, and their ratio (issue 16).

    python bench/memory.py [--small 30] [--large 300] [--jobs 2]

The corpus is the seeds and the real texts of tests/real/texts copied under new names until
there are N reports (as bench/parallel.py makes its corpus). Each build runs in a fresh process
whose peak resident set size (the largest of the main process and its workers, from
getrusage of its children) is printed, and the ratio RSS(large)/RSS(small): issue 16's bar is
≤ 1.5. A figure of one machine is printed only beside the other, so the ratio is what to watch.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).parent.parent
# Runs a command and prints the peak RSS (KiB on Linux) of the largest process it waited for, and its seconds.
_MEASURE = (
    "import resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, time.perf_counter() - start)\n"
)


def corpus(folder: Path, count: int) -> Path:
    """``count`` reports: the seeds and the real texts, copied under new names as often as needed."""
    texts = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "real" / "texts").glob("*.txt"))
    folder.mkdir(parents=True)
    for number in range(count):
        text = texts[number % len(texts)]
        (folder / f"{number // len(texts):04d}_{text.name}").write_bytes(text.read_bytes())
    return folder


def peak_rss(reports: Path, out: Path, jobs: int) -> tuple[int, float]:
    """The peak RSS in KiB of one `kg build` of ``reports`` into ``out``, in a fresh process, and its seconds."""
    command = [sys.executable, "-m", "kg", "build", str(reports), "-o", str(out), "--no-html", "-q", "-j", str(jobs)]
    env = {**os.environ, "PYTHONPATH": os.environ.get("PYTHONPATH", str(ROOT))}
    # cwd: not this checkout, so that PYTHONPATH says which kg runs (`-m kg` looks in the cwd first)
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command], capture_output=True, text=True, env=env, cwd=out.parent
    )
    if done.returncode != 0:
        raise SystemExit(f"build failed: {done.stderr}")
    rss, seconds = done.stdout.split()
    return int(rss), float(seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--small", type=int, default=30, help="reports in the small build")
    parser.add_argument("--large", type=int, default=300, help="reports in the large build")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (-j) of both builds")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rss = {}
        for count in (args.small, args.large):
            reports = corpus(Path(tmp) / f"in-{count}", count)
            rss[count], seconds = peak_rss(reports, Path(tmp) / f"out-{count}", args.jobs)
            print(f"{count:>6} reports: peak RSS {rss[count] / 1024:8.1f} MiB, {seconds:6.1f} s", flush=True)
    print(f"RSS({args.large}) / RSS({args.small}) = {rss[args.large] / rss[args.small]:.2f}  (issue 16: ≤ 1.5)")


if __name__ == "__main__":
    main()
