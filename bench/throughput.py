"""Pipeline throughput on the seeds repeated N times, against jieba's lcut on the same text.

    python bench/throughput.py --copies 20

Prints characters per second for the whole pipeline, two ways: in memory, as the Python API
builds (read → clean → segment → extract → resolve → RDF graph → Turtle), and into a folder, as
`kg build -j 1 --no-html` does (the same stages, then graph.ttl, the partitions and the store); and
for ``jieba.lcut`` alone, measured in the same run, with the ratios: the figures to watch, which do
not depend on how fast this machine is today. Dictionaries are loaded before timing, jieba's and
kg's part-of-speech tagger's alike, so the ratios compare the work per character.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).parent.parent


def copy_seeds(folder: Path, copies: int) -> str:
    """Write ``copies`` copies of the seeds into ``folder``; return their text, file after file."""
    for copy in range(copies):
        for seed in sorted((ROOT / "seeds").glob("*.txt")):
            (folder / f"{copy:04d}_{seed.name}").write_bytes(seed.read_bytes())
    return "".join(p.read_text(encoding="utf-8") for p in sorted(folder.iterdir()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, default=10, help="how many copies of the seeds to build")
    args = parser.parse_args()

    import jieba

    from kg.pipeline import BuildOptions, build
    from kg.segment import tokenizer
    from kg.serialize import serialize

    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reports"
        folder.mkdir()
        text = copy_seeds(folder, args.copies)
        chars = len(text)

        jieba.setLogLevel(60)
        jieba.lcut("预热")
        tokenizer().lcut("预热")
        start = time.perf_counter()
        jieba.lcut(text)
        jieba_seconds = time.perf_counter() - start

        start = time.perf_counter()
        result = build([folder], BuildOptions())
        turtle = serialize(result.graph)  # type: ignore[arg-type]
        memory_seconds = time.perf_counter() - start

        start = time.perf_counter()
        build([folder], BuildOptions(output_dir=Path(tmp) / "out", html=False))
        folder_seconds = time.perf_counter() - start

    print(f"input: {args.copies} copies of {len(seeds)} seeds, {chars:,} characters")
    print(
        f"kg in memory:    {chars / memory_seconds:>12,.0f} chars/s  ({memory_seconds:.2f} s, "
        f"{result.stats.triples:,} triples, {len(turtle):,} bytes of Turtle)"
    )
    print(f"kg into folder:  {chars / folder_seconds:>12,.0f} chars/s  ({folder_seconds:.2f} s)")
    print(f"jieba lcut:      {chars / jieba_seconds:>12,.0f} chars/s  ({jieba_seconds:.2f} s)")
    print(f"ratio kg in memory / jieba lcut:   {jieba_seconds / memory_seconds:.2f}")
    print(f"ratio kg into folder / jieba lcut: {jieba_seconds / folder_seconds:.2f}")


if __name__ == "__main__":
    main()
