"""Where the pipeline's time goes: each stage on the seeds repeated N times, against jieba's lcut.

    python bench/stages.py --copies 10

Runs the stages ``kg build`` composes one after the other (loading the part-of-speech
tagger, reading and segmenting, extracting, resolving and assessing, making the rdflib
graph, writing Turtle) and prints each one's seconds and its cost as a multiple of
``jieba.lcut`` on the same text, measured in the same run. The figure ``read + extract``
is the work one process does per report; its inverse is that work's speed as a fraction of
jieba's (issue 16 asks ≥ 0.5 for one process). bench/throughput.py times the whole build.

Times are CPU seconds of this process (``time.process_time``), for jieba and kg alike, so
that other work on a busy machine does not move the ratios much.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).parent.parent
T = TypeVar("T")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, default=10, help="how many copies of the seeds to build")
    args = parser.parse_args()

    import jieba
    from throughput import copy_seeds

    from kg.assess import assess
    from kg.extract import extract
    from kg.ingest import read_sources
    from kg.pipeline import BuildOptions, read_report, report_ids
    from kg.rdf import to_graph
    from kg.resolve import resolve
    from kg.segment import tokenizer
    from kg.serialize import serialize

    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    times: dict[str, float] = {}

    def timed(stage: str, work: Callable[[], T]) -> T:
        start = time.process_time()
        result = work()
        times[stage] = time.process_time() - start
        return result

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        text = copy_seeds(folder, args.copies)

        jieba.setLogLevel(60)
        jieba.lcut("预热")
        start = time.process_time()
        jieba.lcut(text)
        jieba_seconds = time.process_time() - start

        options = BuildOptions()
        timed("load tagger", tokenizer)
        texts, _ = timed("ingest", lambda: read_sources([folder]))
        ids = report_ids(texts)
        reports = timed("read", lambda: [read_report(raw, ids[raw.source.path], options) for raw in texts])
        facts = timed("extract", lambda: [extract(report) for report in reports])
        resolution = timed("resolve", lambda: resolve(facts, base=options.base))
        assessments = timed("assess", lambda: assess(facts, resolution))
        graph = timed("graph", lambda: to_graph(facts, resolution, assessments))
        timed("turtle", lambda: serialize(graph))

    print(f"input: {args.copies} copies of {len(seeds)} seeds, {len(text):,} characters")
    print(f"jieba lcut: {jieba_seconds:.2f} s")
    for stage, seconds in times.items():
        print(f"{stage:<12} {seconds:6.2f} s  {seconds / jieba_seconds:5.2f} × jieba lcut")
    per_report = times["read"] + times["extract"]
    total = sum(times.values())
    print(
        f"read + extract: {per_report / jieba_seconds:.2f} × jieba lcut (speed ratio {jieba_seconds / per_report:.2f})"
    )
    print(f"all stages:     {total / jieba_seconds:.2f} × jieba lcut (speed ratio {jieba_seconds / total:.2f})")


if __name__ == "__main__":
    main()
