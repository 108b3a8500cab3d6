"""A burst of concurrent SPARQL clients against `kg serve` on loopback (issue 7).

    python bench/serve_burst.py --clients 50 --queries 200 [output/graph.ttl]

Starts `kg serve` on the graph (default: a fresh build of seeds/) in its own process on a free
port, then runs CLIENTS threads that each send QUERIES SPARQLWrapper queries (a mix of COUNT,
ASK, ORDER BY and GROUP BY) and compare every answer with the expected one. Prints queries per
second, latency percentiles and the failures; exits 1 if any valid query failed.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from SPARQLWrapper import JSON, SPARQLWrapper

ROOT = Path(__file__).parent.parent
QUERIES = (
    "SELECT (COUNT(*) AS ?n) WHERE { ?c a gov:Commitment }",
    "ASK { ?o a gov:Observation }",
    "SELECT ?label WHERE { ?r a gov:Region ; rdfs:label ?label } ORDER BY ?label LIMIT 5",
    "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY ?p",
)


def ask(url: str, query: str) -> object:
    wrapper = SPARQLWrapper(url)
    wrapper.setQuery(query)
    wrapper.setReturnFormat(JSON)
    return wrapper.queryAndConvert()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("graph", nargs="?", type=Path, help="graph file or store folder (default: build seeds/)")
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients")
    parser.add_argument("--queries", type=int, default=200, help="queries per client")
    parser.add_argument("--workers", type=int, default=0, help="kg serve --workers")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        graph = args.graph
        if graph is None:
            build = [sys.executable, "-m", "kg", "build", "-o", tmp, "--no-html", "-q"]
            subprocess.run(build, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
            graph = Path(tmp) / "graph.ttl"
        port = free_port()
        command = [sys.executable, "-m", "kg", "serve", str(graph), "--port", str(port), "-q"]
        server = subprocess.Popen([*command, "--workers", str(args.workers)], cwd=ROOT)
        url = f"http://127.0.0.1:{port}/sparql"
        try:
            for _ in range(600):
                try:
                    urllib.request.urlopen(url.removesuffix("sparql"), timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.1)
            expected = {q: ask(url, q) for q in QUERIES}

            def client(number: int) -> tuple[list[float], list[str]]:
                latencies, failures = [], []
                for i in range(args.queries):
                    query = QUERIES[(number + i) % len(QUERIES)]
                    started = time.perf_counter()
                    try:
                        answer = ask(url, query)
                    except Exception as exc:
                        failures.append(f"{type(exc).__name__}: {exc}")
                        continue
                    latencies.append(time.perf_counter() - started)
                    if answer != expected[query]:
                        failures.append(f"wrong answer to {query}")
                return latencies, failures

            started = time.perf_counter()
            with ThreadPoolExecutor(args.clients) as pool:
                results = list(pool.map(client, range(args.clients)))
            elapsed = time.perf_counter() - started
        finally:
            server.terminate()
            server.wait()

    latencies = sorted(t for ts, _ in results for t in ts)
    failures = [f for _, fs in results for f in fs]
    total = args.clients * args.queries
    cut = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    print(f"{args.clients} clients x {args.queries} queries = {total} queries in {elapsed:.1f} s")
    print(f"throughput: {total / elapsed:.0f} queries/s")
    print(f"latency ms: median {cut[49] * 1000:.1f}  p95 {cut[94] * 1000:.1f}  p99 {cut[98] * 1000:.1f}")
    print(f"failed: {len(failures)}")
    for failure in sorted(set(failures))[:10]:
        print(f"  {failure}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
