"""Time to write the HTML graph from a store, and to open it and let its layout settle in Chromium (issues 6, 16).

    python bench/viz.py                       # writing 2,000 and 20,000 nodes; opening seeds, 5,000, 20,000
    python bench/viz.py --sizes 2000,20000 --no-browser
    python bench/viz.py --nodes 2000 --runs 3
    python bench/viz.py --screenshot docs/graph.png

Writing: for generated graphs of each --sizes nodes, loaded into an Oxigraph store on disk (as
the build's output/store), it prints the seconds kg.view.read_view takes to read the store
with SPARQL, the seconds kg.viz takes to write the page from what it read (page_data and
render_page), and the page's size; and, as the baseline measured in the same run, json.dumps
of the same page data: its seconds and size, and the ratios of kg's figures to them. Above
3,000 nodes the page is an overview whose regions open on demand.

Opening: for each page it prints the seconds from navigation until the page is interactive (DOM ready)
and until the layout has stabilised and physics is switched off, plus the same figures for a
blank page opened in the same browser in the same run, and the ratio of the two: the ratio
does not depend on how fast this machine is today. The browser is Debian's chromium
(/usr/bin/chromium, or $KG_CHROMIUM), driven by Playwright, with every non-file request blocked.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

ROOT = Path(__file__).parent.parent
BASE = "https://w3id.org/govkg/id/"


def chromium_path() -> str | None:
    """The Chromium binary: $KG_CHROMIUM, else Debian's chromium on PATH."""
    return os.environ.get("KG_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


def synthetic_graph(nodes: int = 5000, *, seed: int = 6) -> Graph:
    """A kg-shaped graph of about ``nodes`` entity nodes: regions with reports, shared indicators, own projects."""
    from kg.vocab import GOV

    rng = random.Random(seed)
    graph = Graph()
    regions = max(nodes // 80, 1)
    indicators = max(nodes // 12, 1)
    per_region = (nodes - 2 * regions - indicators) // regions
    indicator_iris = [URIRef(f"{BASE}indicator/i{n:04d}") for n in range(indicators)]
    for n, iri in enumerate(indicator_iris):
        graph.add((iri, RDF.type, GOV.Indicator))
        graph.add((iri, RDFS.label, Literal(f"指标{n:04d}", lang="zh")))
    for r in range(regions):
        region = URIRef(f"{BASE}region/r{r:03d}")
        report = URIRef(f"{BASE}report/r{r:03d}")
        graph.add((region, RDF.type, GOV.Region))
        graph.add((region, RDFS.label, Literal(f"第{r:03d}区", lang="zh")))
        graph.add((report, RDF.type, GOV.Report))
        graph.add((report, DCTERMS.title, Literal(f"第{r:03d}区政府工作报告", lang="zh")))
        graph.add((report, DCTERMS.source, Literal(f"r{r:03d}.txt")))
        graph.add((report, GOV.issuedBy, region))
        for n in range(per_region):
            kind = GOV.Project if n % 5 < 3 else GOV.Program
            subject = URIRef(f"{BASE}{'project' if kind == GOV.Project else 'program'}/r{r:03d}-{n:03d}")
            graph.add((subject, RDF.type, kind))
            graph.add(
                (
                    subject,
                    RDFS.label,
                    Literal(f"第{r:03d}区{'工程' if kind == GOV.Project else '行动'}{n:03d}", lang="zh"),
                )
            )
            fact = URIRef(f"{BASE}commitment/r{r:03d}/{n:03d}")
            year = 2019 + rng.randrange(3)
            for triple in (
                (fact, RDF.type, GOV.Commitment),
                (fact, GOV.region, region),
                (fact, GOV.project if kind == GOV.Project else GOV.program, subject),
                (fact, GOV.status, rng.choice((GOV.Planned, GOV.Ongoing, GOV.Completed))),
                (fact, GOV.year, Literal(year, datatype=XSD.integer)),
                (fact, GOV.evidence, Literal(f"{year}年，第{r:03d}区推进第{n:03d}项工作。", lang="zh")),
                (fact, PROV.wasDerivedFrom, report),
            ):
                graph.add(triple)
        for n, indicator in enumerate(rng.sample(indicator_iris, min(30, indicators))):
            kind = GOV.Target if n % 2 else GOV.Actual
            value = Decimal(rng.randrange(10, 120)) / 10
            fact = URIRef(f"{BASE}observation/r{r:03d}/{n:03d}")
            for triple in (
                (fact, RDF.type, GOV.Observation),
                (fact, RDF.type, kind),
                (fact, GOV.region, region),
                (fact, GOV.indicator, indicator),
                (fact, GOV.year, Literal(2020 if kind == GOV.Target else 2019, datatype=XSD.integer)),
                (fact, GOV.statedValue, Literal(f"{value}%")),
                (fact, GOV.value, Literal(value, datatype=XSD.decimal)),
                (fact, GOV.qualifier, GOV.AtLeast if kind == GOV.Target else GOV.Exact),
                (fact, GOV.evidence, Literal(f"第{r:03d}区指标增长{value}%。", lang="zh")),
                (fact, PROV.wasDerivedFrom, report),
            ):
                graph.add(triple)
    return graph


def disk_store(graph: Graph, folder: Path) -> object:
    """An Oxigraph store on disk holding the graph, as the build keeps output/store."""
    import pyoxigraph

    store = pyoxigraph.Store(str(folder))
    store.bulk_load(graph.serialize(format="nt", encoding="utf-8"), format=pyoxigraph.RdfFormat.N_TRIPLES)
    store.flush()
    return store


def writing(sizes: list[int], folder: Path) -> dict[str, Path]:
    """Print the time to read each generated store and write its page, against json.dumps of its data."""
    import json

    from kg.view import read_view
    from kg.viz import page_data, render_page

    pages = {}
    print(
        f"{'nodes':>6} {'facts':>6} {'read s':>7} {'write s':>8} {'dumps s':>8} {'× dumps':>8} "
        f"{'page MB':>8} {'dumps MB':>9} {'× dumps':>8}  page"
    )
    for nodes in sizes:
        store = disk_store(synthetic_graph(nodes), folder / f"store{nodes}")
        start = time.perf_counter()
        view = read_view(store)
        read = time.perf_counter() - start
        start = time.perf_counter()
        data = page_data(view)
        page = render_page(data)
        write = time.perf_counter() - start
        start = time.perf_counter()
        dumped = json.dumps(data, ensure_ascii=False)
        dumps = time.perf_counter() - start
        size, base = len(page.encode()), len(dumped.encode())
        kind = "overview" if data["overview"] else "whole"
        print(
            f"{len(view.nodes):>6} {len(view.facts):>6} {read:>7.2f} {write:>8.2f} {dumps:>8.2f} {write / dumps:>8.2f} "
            f"{size / 1e6:>8.2f} {base / 1e6:>9.2f} {size / base:>8.2f}  {kind}"
        )
        path = folder / f"generated{nodes}.html"
        path.write_text(page, encoding="utf-8")
        pages[f"generated {nodes}"] = path
    return pages


def open_page(browser: object, url: str, *, stable: bool) -> tuple[float, float]:
    """Seconds to DOM ready and to a stable layout (``stable``: wait for the kg page's signal)."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})  # type: ignore[attr-defined]
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    start = time.perf_counter()
    page.goto(url, wait_until="domcontentloaded")
    ready = time.perf_counter() - start
    if stable:
        page.wait_for_selector("body[data-state=stable]", state="attached", timeout=600_000)
    settled = time.perf_counter() - start
    page.close()
    return ready, settled


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--nodes", type=int, default=5000, help="size of the generated graph drawn whole")
    parser.add_argument("--sizes", default="2000,20000", help="sizes of the generated stores to write pages of")
    parser.add_argument("--runs", type=int, default=1, help="runs per page (the median is printed)")
    parser.add_argument("--no-browser", action="store_true", help="only write the pages, do not open them")
    parser.add_argument("--screenshot", type=Path, help="also save a screenshot of the seeds graph here")
    args = parser.parse_args()

    from kg.pipeline import BuildOptions, build
    from kg.query import graph_store
    from kg.viz import render_html

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        generated = writing([int(size) for size in args.sizes.split(",") if size], folder)
        if args.no_browser:
            return
        from playwright.sync_api import sync_playwright

        executable = chromium_path()
        if executable is None:
            sys.exit("no chromium found: apt-get install chromium, or set KG_CHROMIUM")
        blank = folder / "blank.html"
        blank.write_text("<!DOCTYPE html><title>blank</title>", encoding="utf-8")
        pages = {}
        for name, graph, above in (
            ("seeds", build([ROOT / "seeds"], BuildOptions()).graph, None),
            (f"whole {args.nodes}", synthetic_graph(args.nodes), args.nodes),  # drawn whole, as before issue 16
        ):
            path = folder / f"{name.split()[0]}.html"
            store = graph_store(graph)  # type: ignore[arg-type]
            start = time.perf_counter()
            page = render_html(store) if above is None else render_html(store, overview_above=above)
            rendered = time.perf_counter() - start
            path.write_text(page, encoding="utf-8")
            print(f"{name}: kg.viz.render_html {rendered:.2f} s, {len(page.encode()) / 1e6:.2f} MB", file=sys.stderr)
            pages[name] = path
        pages.update(generated)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, headless=True)
            open_page(browser, blank.as_uri(), stable=False)  # warm the browser up
            base = statistics.median(open_page(browser, blank.as_uri(), stable=False)[1] for _ in range(5))
            print(f"{'page':<16} {'ready s':>8} {'stable s':>9} {'× blank':>8}")
            print(f"{'blank page':<16} {base:>8.3f} {base:>9.3f} {1:>8.0f}")
            for name, path in pages.items():
                runs = [open_page(browser, path.as_uri(), stable=True) for _ in range(args.runs)]
                ready = statistics.median(run[0] for run in runs)
                settled = statistics.median(run[1] for run in runs)
                print(f"{name:<16} {ready:>8.2f} {settled:>9.2f} {settled / base:>8.0f}")
            if args.screenshot:
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                page.goto(pages["seeds"].as_uri())
                page.wait_for_selector("body[data-state=stable]", state="attached", timeout=600_000)
                # The latest year, and the evidence of one indicator in the side panel.
                page.select_option("#kg-year", index=1)
                page.evaluate(
                    "(() => { const id = kgView.findNode('地区生产总值'); kgView.network.selectNodes([id]);"
                    " kgView.network.emit('click', {nodes: [id], edges: []}); })()"
                )
                page.evaluate("kgView.network.fit({nodes: kgView.nodes.getIds({filter: n => !n.hidden})})")
                page.evaluate("kgView.network.moveTo({scale: kgView.network.getScale() * 1.1})")
                page.wait_for_timeout(800)
                args.screenshot.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(args.screenshot))
                print(f"wrote {args.screenshot}")
            browser.close()


if __name__ == "__main__":
    main()
