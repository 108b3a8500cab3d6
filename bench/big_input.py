"""Time and peak memory of building one big report, against reading and decoding the same file.

    python bench/big_input.py                       # 1, 5 and 50 MB, as many lines and as one line
    python bench/big_input.py --sizes 1,5 --shapes line

Each report is the seeds repeated up to the size, either as written ("lines") or with every
line break removed ("line": one line of N MB). Every measurement runs in its own process so
that peak memory (ru_maxrss, minus the process's size after imports) is its own. The
baseline is reading and decoding the file with kg.ingest; the figures to watch are the
ratios build / baseline and how the build's seconds and megabytes per input MB change with
size: flat means linear, growing means worse than linear. graph.ttl is written; the HTML
view is not (it is meant for graphs a person can look at).

Measured at 6e0cb0c (before main's 2007726 sped up lookups), each run alone on 2 CPUs
(docs/robustness.md has the full table):

    shape     MB   read s  read MB   build s  build MB   s/MB  MB/MB    facts
    lines      1     0.01        2     10.06        88   10.1     88     4339
    lines      5     0.02       12     49.37       367    9.9     73    19862
    lines     50     0.24       38    533.29      3521   10.7     70   194442
    line       1     0.01        2     10.46        93   10.5     93     4469
    line       5     0.02        9     50.51       388   10.1     78    20387
    line      50     0.17        3    514.26      3701   10.3     74   199357

Flat s/MB and MB/MB: linear in time and memory in both shapes. The memory is the graph
(rdflib's in-memory store, about 1.3 KB per triple), not the length of a line.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MB = 1_000_000


def make_report(path: Path, size: int, shape: str) -> None:
    """The seeds repeated to ``size`` bytes of UTF-8; shape "line" drops every line break."""
    text = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
    if shape == "line":
        text = text.replace("\n", "")
    data = text.encode("utf-8")
    repeated = (data * (size // len(data) + 1))[:size].decode("utf-8", errors="ignore")
    path.write_text(repeated, encoding="utf-8")


def _peak_mb() -> float:
    # ru_maxrss is in kilobytes on Linux (bytes on macOS).
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / MB


def measure(kind: str, path: Path) -> dict[str, float]:
    """Run one measurement in this process: "baseline" (read + decode) or "build"."""
    from kg.ingest import read_sources
    from kg.pipeline import BuildOptions, build

    before = _peak_mb()
    start = time.perf_counter()
    if kind == "baseline":
        texts, _ = read_sources([path])
        chars = len(texts[0].text)
        facts = 0
    else:
        with tempfile.TemporaryDirectory() as out:
            result = build([path], BuildOptions(output_dir=Path(out), html=False))
        chars = 0
        facts = result.stats.observations + result.stats.commitments
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "peak_mb": _peak_mb() - before, "chars": chars, "facts": facts}


def _child(kind: str, path: Path) -> dict[str, float]:
    run = subprocess.run(
        [sys.executable, __file__, "--measure", kind, str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    result: dict[str, float] = json.loads(run.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1,5,50", help="report sizes in MB, comma-separated")
    parser.add_argument("--shapes", default="lines,line", help="lines (as written) and/or line (one line)")
    parser.add_argument("--measure", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure[0], Path(args.measure[1]))))
        return
    header = (
        f"{'shape':<6} {'MB':>5} {'read s':>8} {'read MB':>8} {'build s':>9} {'build MB':>9} "
        f"{'s ratio':>8} {'mem ratio':>9} {'s/MB':>6} {'MB/MB':>6} {'facts':>8}"
    )
    print(header)
    with tempfile.TemporaryDirectory() as tmp:
        for shape in args.shapes.split(","):
            for size in (float(s) for s in args.sizes.split(",")):
                path = Path(tmp) / f"{shape}-{size:g}MB.txt"
                make_report(path, int(size * MB), shape)
                base = _child("baseline", path)
                built = _child("build", path)
                print(
                    f"{shape:<6} {size:>5g} {base['seconds']:>8.2f} {base['peak_mb']:>8.0f} "
                    f"{built['seconds']:>9.2f} {built['peak_mb']:>9.0f} "
                    f"{built['seconds'] / base['seconds']:>8.0f} {built['peak_mb'] / max(base['peak_mb'], 1):>9.1f} "
                    f"{built['seconds'] / size:>6.1f} {built['peak_mb'] / size:>6.0f} {built['facts']:>8.0f}",
                    flush=True,
                )
                path.unlink()


if __name__ == "__main__":
    main()
