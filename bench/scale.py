"""kg build at scale: N generated reports, their speed, memory, output size and query latency.

    python bench/scale.py                       # N = 30, 300, 3000
    python bench/scale.py --sizes 30,300,10000 --jobs 2
    python bench/scale.py --sizes 30,300 --scheduler tcp://10.0.0.5:8786

Generates N varied reports (issue 16): each takes a seed report as its skeleton, swaps about a
quarter of its paragraphs for paragraphs at the same place in other seeds, names a government of
kg/lexicons/regions.tsv in place of the seed's (five reports of five years per government, so
resolution and dedup do real work), shifts its years and changes its numbers by up to ±20%. The
same --seed gives the same reports. Each N is built by `kg build --format nquads --no-html` in its
own process (which also writes its store), graph.nq is loaded into a fresh store to time `kg load`,
and the queries/*.rq are run on the largest build's own store, the one users query.

Prints, for each N: characters per second and its ratio to jieba's lcut on the same reports,
measured in the same run; peak RSS of the build (the kg process and its worker processes together,
sampled) and its ratio to that of the smallest N; the sizes of graph.nq and of the store folder.
Then the latency of each query with `kg query` on the largest store, and its ratio to a query that
only opens the store. The ratios, not the seconds, are what carries from one machine to another.
"""

from __future__ import annotations

import argparse
import functools
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).parent.parent
KG = [sys.executable, "-m", "kg"]

# The names of the seeds' governments (西宁市, its districts 城东区 and 城西区, in Qinghai), longest
# first: in a generated report each becomes the name of the same rank of the new government.
SEED_NAMES = {
    "青海省": "province",
    "西宁市城东区": "city+county",
    "西宁市城西区": "city+county",
    "西宁市": "city",
    "城东区": "county",
    "城西区": "county",
    "青海": "province short",
    "西宁": "city short",
    "东区": "county short",
}
_NAMES = re.compile("|".join(sorted(SEED_NAMES, key=len, reverse=True)))
# Arabic numbers not inside a longer number: years (1949–2099) are shifted, others scaled.
_NUMBER = re.compile(r"(?<![0-9.])[0-9]+(?:\.[0-9]+)?(?![0-9.])")
# A paragraph ends with 。 at the end of a line (the seeds wrap lines inside paragraphs).
_PARAGRAPH_END = re.compile(r"(?<=。)[ \t\u3000]*\n")
# The seeds whose issuer is a city (004: 西宁市); the others are districts.
CITY_SEEDS = {"004"}


@dataclass(frozen=True)
class Region:
    name: str
    short: str
    city: str
    city_short: str
    province: str
    province_short: str


def regions() -> tuple[list[Region], list[Region]]:
    """County-level and prefecture-level governments of the gazetteer with a name of their own."""
    rows = [
        line.split("\t")
        for line in (ROOT / "kg" / "lexicons" / "regions.tsv").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith(("#", "id\t"))
    ]
    by_id = {row[0]: row for row in rows}
    counts: dict[str, int] = {}
    for row in rows:
        counts[row[2]] = counts.get(row[2], 0) + 1

    def short(row: list[str]) -> str:
        alt = [name for name in row[5].split("|") if name and len(name) < len(row[2])]
        return alt[0] if alt else row[2]

    def province_of(row: list[str]) -> list[str]:
        while row[4]:
            row = by_id[row[4]]
        return row

    counties, cities = [], []
    for row in rows:
        if counts[row[2]] != 1 or row[7] == "province" or not row[4]:
            continue
        parent = by_id[row[4]]
        province = province_of(row)
        if row[7] == "county" and parent[7] == "prefecture":
            counties.append(Region(row[2], short(row), parent[2], short(parent), province[2], short(province)))
        elif row[7] == "prefecture":
            cities.append(Region(row[2], short(row), row[2], short(row), province[2], short(province)))
    return counties, cities


def paragraphs(text: str) -> list[str]:
    return [part for part in _PARAGRAPH_END.split(text) if part.strip()]


def generate(count: int, folder: Path, seed: int) -> int:
    """Write ``count`` reports into ``folder``; returns their number of characters."""
    rng = random.Random(seed)
    seeds = {path.name[:3]: paragraphs(path.read_text(encoding="utf-8")) for path in sorted((ROOT / "seeds").glob("*"))}
    counties, cities = regions()
    rng.shuffle(counties)
    rng.shuffle(cities)
    chars = 0
    for number in range(count):
        government, shift = divmod(number, 5)  # five reports, five years, per government
        base = rng.choice(sorted(seeds))
        pool = cities if base in CITY_SEEDS else counties
        region = pool[government % len(pool)]
        text = "\n".join(_recombined(base, seeds, rng))
        text = _NAMES.sub(functools.partial(_rename, region=region), text)
        text = _NUMBER.sub(functools.partial(_renumbered, shift=shift - 2, rng=rng), text)
        (folder / f"{number:05d}_{region.name}_{base}.txt").write_text(text, encoding="utf-8")
        chars += len(text)
    return chars


def _recombined(base: str, seeds: dict[str, list[str]], rng: random.Random) -> list[str]:
    """The base seed's paragraphs, about a quarter swapped for one at the same place in another seed;
    the first two (title, date, speaker) are kept."""
    own = seeds[base]
    out = list(own[:2])
    for index in range(2, len(own)):
        other = seeds[rng.choice([name for name in sorted(seeds) if name != base])]
        if rng.random() < 0.25 and len(other) > 2:
            out.append(other[min(len(other) - 1, max(2, round(index / len(own) * len(other))))])
        else:
            out.append(own[index])
    return out


def _rename(match: re.Match[str], region: Region) -> str:
    rank = SEED_NAMES[match.group()]
    return {
        "province": region.province,
        "province short": region.province_short,
        "city": region.city,
        "city short": region.city_short,
        "city+county": region.city + region.name if region.city != region.name else region.name,
        "county": region.name,
        "county short": region.short,
    }[rank]


def _renumbered(match: re.Match[str], shift: int, rng: random.Random) -> str:
    number = match.group()
    if len(number) == 4 and "." not in number and 1949 <= int(number) <= 2099:
        return str(int(number) + shift)
    value = Decimal(number) * Decimal(rng.randint(80, 120)) / 100
    places = len(number.split(".")[1]) if "." in number else 0
    scaled = value.quantize(Decimal(1).scaleb(-places))
    return str(max(scaled, Decimal(1).scaleb(-places)))


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants, from /proc (0 where there is none)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        todo.extend(children.get(current, []))
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            continue
    return total


def run(command: list[str], timeout: float | None = None) -> tuple[float, int]:
    """Run a command to completion; its seconds and the peak RSS of its process tree.
    One that outlives ``timeout`` seconds is ended, and its time is given as infinite."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss(process.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    if Path("/proc").is_dir():
        sampler.start()
    try:
        _, errors = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        done.set()
        return float("inf"), peak
    seconds = time.perf_counter() - start
    done.set()
    if sampler.is_alive():
        sampler.join()
    if process.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({process.returncode}):\n{errors.decode()[-2000:]}")
    return seconds, peak


def size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(entry.stat().st_size for entry in path.rglob("*") if entry.is_file())


def jieba_rate(folder: Path) -> float:
    """Characters per second of jieba's lcut over the reports of ``folder``, in this process."""
    import jieba

    jieba.setLogLevel(60)
    jieba.lcut("预热")  # loads the dictionary
    text = "".join(path.read_text(encoding="utf-8") for path in sorted(folder.iterdir()))
    start = time.perf_counter()
    jieba.lcut(text)
    return len(text) / (time.perf_counter() - start)


def mb(count: int) -> str:
    return f"{count / 1e6:,.1f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="30,300,3000", help="numbers of reports, comma-separated")
    parser.add_argument("--seed", type=int, default=16, help="random seed of the generated reports")
    parser.add_argument("--jobs", type=int, default=0, help="kg build -j (0: one process per core)")
    parser.add_argument("--scheduler", help="kg build --scheduler: a Dask scheduler's address")
    parser.add_argument("--timeout", type=float, default=600, help="seconds after which a query is given up")
    parser.add_argument("--keep", type=Path, help="keep the reports and builds in this folder")
    args = parser.parse_args()
    sizes = sorted(int(part) for part in args.sizes.split(","))
    how = ["--scheduler", args.scheduler] if args.scheduler else ["-j", str(args.jobs)]

    work = Path(tempfile.mkdtemp(prefix="kg-scale-")) if args.keep is None else args.keep
    work.mkdir(parents=True, exist_ok=True)
    print(f"kg build {' '.join(how)} on {os.cpu_count()} cores; reports generated with --seed {args.seed}")
    rows = []
    try:
        for count in sizes:
            reports, out = work / f"reports-{count}", work / f"build-{count}"
            shutil.rmtree(reports, ignore_errors=True)
            shutil.rmtree(out, ignore_errors=True)
            reports.mkdir()
            chars = generate(count, reports, args.seed)
            jieba = jieba_rate(reports) if count == sizes[0] else rows[0]["jieba"]
            build = [*KG, "build", str(reports), "-o", str(out), "--format", "nquads", "--no-html", "-q", *how]
            seconds, peak = run(build)
            # kg load into a fresh folder, to time it: loading graph.nq again into the build's own store
            # would hold every quad twice in its files and slow every query on it.
            loaded = out / "loaded-store"
            load_seconds, _ = run([*KG, "load", str(out / "graph.nq"), "--store", str(loaded)])
            shutil.rmtree(loaded, ignore_errors=True)
            rows.append(
                {
                    "n": count,
                    "chars": chars,
                    "seconds": seconds,
                    "rate": chars / seconds,
                    "jieba": jieba,
                    "rss": peak,
                    "nq": size(out / "graph.nq"),
                    "store": size(out / "store"),
                    "load": load_seconds,
                }
            )
            row = rows[-1]
            print(
                f"N={count}: {chars:,} chars in {seconds:.1f} s; peak RSS {mb(peak)}; graph.nq {mb(row['nq'])}; "
                f"store {mb(row['store'])} (kg load {load_seconds:.1f} s)",
                flush=True,
            )
        print()
        print(f"jieba lcut on the N={sizes[0]} reports: {rows[0]['jieba']:,.0f} chars/s (baseline of chars/s)")
        print(f"| N | characters | build s | chars/s | × jieba lcut | peak RSS | × N={sizes[0]} | graph.nq | store |")
        print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for row in rows:
            print(
                f"| {row['n']:,} | {row['chars']:,} | {row['seconds']:.1f} | {row['rate']:,.0f} | "
                f"{row['rate'] / row['jieba']:.2f} | {mb(row['rss'])} | {row['rss'] / rows[0]['rss']:.2f} | "
                f"{mb(row['nq'])} | {mb(row['store'])} |"
            )
        store = work / f"build-{sizes[-1]}" / "store"
        opened, _ = run([*KG, "query", str(store), "SELECT * WHERE { } LIMIT 1"])
        print()
        print(
            f"queries on the N={sizes[-1]} store (kg query, one process each; baseline: an empty query, {opened:.2f} s)"
        )
        print("| query | seconds | × empty query |")
        print("| --- | ---: | ---: |")
        for query in sorted((ROOT / "queries").glob("*.rq")):
            seconds, _ = run([*KG, "query", str(store), "-f", str(query)], timeout=args.timeout)
            if seconds == float("inf"):
                print(f"| {query.stem} | > {args.timeout:.0f} (given up) | > {args.timeout / opened:.0f} |", flush=True)
            else:
                print(f"| {query.stem} | {seconds:.2f} | {seconds / opened:.1f} |", flush=True)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
