"""The ``kg`` command: a thin click shell over the library (each command calls one function)."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from kg.errors import KgError

F = TypeVar("F", bound=Callable[..., Any])
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
SEEDS = Path("seeds")


def _errors(command: F) -> F:
    """Turn library errors into one line on stderr and exit 1."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except KgError as exc:
            raise click.ClickException(str(exc)) from exc

    return wrapper  # type: ignore[return-value]


def _absolute_iri(value: str) -> str:
    """--base: every node's IRI starts with it, so it must be an absolute IRI that may be written."""
    import re

    from kg.serialize import writable_iri

    if not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", value) or not writable_iri(value):
        raise click.BadParameter(
            f"{value!r} is no absolute IRI: give a scheme (https://example.org/kg/) and no spaces, quotes, "
            "<, >, {, }, |, \\, ^ or `"
        )
    return value


def output_format(command: F) -> F:
    """The shared ``--format`` option of commands that print rows."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["table", "csv", "tsv", "json"]),
        default="table",
        show_default=True,
        help="How to print the rows.",
    )(command)


def _progress(quiet: bool) -> Callable[[str], None] | None:
    return None if quiet else (lambda message: click.echo(message, err=True))


def _warn(warnings: tuple[str, ...]) -> None:
    """Warnings go to stderr even under --quiet: they are not progress but facts a user must act on."""
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)


@click.group(context_settings=CONTEXT)
@click.version_option(package_name="kg")
def main() -> None:
    """kg: build a knowledge graph from Chinese government work reports (政府工作报告).

    \b
    Example:
      kg build seeds/ -o output/
      kg query output/graph.ttl 'SELECT ?p WHERE { ?p a gov:Project } LIMIT 5'
    """


@main.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "output_dir",
    type=click.Path(path_type=Path),
    default=Path("output"),
    show_default=True,
    help="Folder to write graph.ttl and graph.html into.",
)
@click.option("--region", help="Issuing government for every report, e.g. 城东区 (default: read from the text).")
@click.option("--year", type=int, help="Year the reports were delivered (default: read from the text).")
@click.option(
    "--manifest",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="CSV of per-file frames: file,region,year,review_year,plan_year (empty cells are read from the text).",
)
@click.option(
    "--base",
    default="https://w3id.org/govkg/id/",
    show_default=True,
    callback=lambda _ctx, _param, value: _absolute_iri(value),
    help="Base IRI for resources: absolute (a scheme such as https:), without spaces or quotes.",
)
@click.option(
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(["turtle", "ntriples", "nquads", "trig", "jsonld"]),
    default=("turtle",),
    show_default=True,
    help="RDF format(s) to write; repeat for several. nquads and trig put each report in its own named graph.",
)
@click.option("--no-html", is_flag=True, help="Do not write graph.html.")
@click.option("--strict", is_flag=True, help="Fail (exit 1, write nothing) if any input cannot be read.")
@click.option(
    "-j",
    "--jobs",
    default=0,
    show_default=True,
    type=click.IntRange(min=0),
    help="Worker processes that read and extract reports (0: one per core). The output is the same for any -j.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="A Dask scheduler (tcp://host:8786) whose workers read and extract the reports instead of -j processes; "
    "needs pip install 'kg[distributed]' here and on every worker, with the same kg. Same output as a local build.",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress on stderr (skipped files and warnings still are).")
@_errors
def build(
    paths: tuple[Path, ...],
    output_dir: Path,
    region: str | None,
    year: int | None,
    manifest: Path | None,
    base: str,
    formats: tuple[str, ...],
    no_html: bool,
    strict: bool,
    jobs: int,
    scheduler: str | None,
    quiet: bool,
) -> None:
    """Build the graph from report files (.txt, .html, .pdf, .docx) or folders of them (default: seeds/).

    \b
    Web pages keep their article (navigation, footers and scripts dropped); PDFs give
    their text layer; Word files (.docx) their paragraphs and tables. Files that cannot
    be read as reports (binary, empty, undecodable, unreadable, a scanned PDF, a .doc or
    another kind: with how to convert it) are listed on stderr and skipped; the build
    goes on with the rest unless --strict. A build that reads no report exits 1 and
    writes nothing. Graph files (.ttl, .nt, …) are refused: query them with `kg query`.
    A report whose issuer or year cannot be read is built all the same, its facts
    without them, and a warning on stderr says how to give them (see `kg frames`).

    \b
    The output folder also gets store/, an Oxigraph store that `kg query`, `kg serve`,
    `kg track` and `kg export` read directly, and partitions/, one N-Quads file per
    named graph (each report's, the assessments', the entities') to bulk-load into
    other triplestores. Reports are
    streamed to disk one at a time, and a rebuild into the same folder extracts only
    the reports that were added or changed (.kg/ keeps each input's facts by hash).

    \b
    Example:
      kg build                              # seeds/ → output/graph.ttl, output/graph.html
      kg build reports/2020/ -o out/ --format turtle --format trig --format jsonld
      kg build report.txt --region 城东区 --year 2020
      kg build 报告.pdf 报告.html 报告.docx -o out/
      kg build reports/ --manifest frames.csv   # file,region,year,review_year,plan_year
      kg build reports/ --strict            # exit 1 if any file is not a readable report
      kg build reports/ --scheduler tcp://10.0.0.5:8786   # extract on a Dask cluster
    """
    from collections import Counter

    from kg.ingest import skip_kind
    from kg.manifest import read_manifest
    from kg.pipeline import BuildOptions
    from kg.pipeline import build as run

    options = BuildOptions(
        region=region,
        year=year,
        base=base,
        output_dir=output_dir,
        html=not no_html,
        formats=formats,
        strict=strict,
        manifest=read_manifest(manifest) if manifest else {},
        jobs=jobs,
        scheduler=scheduler,
    )
    result = run(list(paths) or [SEEDS], options, progress=_progress(quiet))
    for skipped in result.skipped:
        click.echo(f"skipped {skipped.path}: {skipped.reason}", err=True)
    _warn(result.warnings)
    s = result.stats
    kinds = Counter(skip_kind(skipped) for skipped in result.skipped)
    why = " (" + ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items())) + ")" if kinds else ""
    reused = f", {result.reused} reused from the last build into {output_dir}" if result.reused else ""
    click.echo(f"reports: {s.reports} read, {s.skipped} skipped{why}{reused}")
    click.echo(
        f"facts: {s.observations} observations, {s.commitments} commitments, {s.program_targets} program targets, "
        f"{s.participations} organization parts"
    )
    click.echo(f"triples: {s.triples}")
    for path in result.files:
        click.echo(f"wrote {path}")


@main.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--region", help="Issuing government for every report, as for kg build.")
@click.option("--year", type=int, help="Year the reports were delivered, as for kg build.")
@click.option(
    "--manifest",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="CSV of per-file frames, as for kg build.",
)
@output_format
@_errors
def frames(paths: tuple[Path, ...], region: str | None, year: int | None, manifest: Path | None, fmt: str) -> None:
    """Print the frame kg reads for each report (issuer, years) without building: check a batch first.

    \b
    One row per file: the issuing government and, where the gazetteer knows it, its division
    code and level; the year the report was delivered, the year it reviews and the year it
    plans; and "given", the fields that came from --region/--year or the manifest. Reports
    whose issuer or year cannot be read get a warning on stderr; fix them with a manifest.

    \b
    Example:
      kg frames reports/                                # a table to check before a long build
      kg frames reports/ --format csv > frames.csv      # edit, then: kg build reports/ --manifest …
      kg frames reports/ --manifest frames.csv --format json
    """
    from kg.frames import frame_rows, read_frames
    from kg.manifest import read_manifest
    from kg.pipeline import BuildOptions
    from kg.query import render

    options = BuildOptions(region=region, year=year, manifest=read_manifest(manifest) if manifest else {})
    found = read_frames(list(paths) or [SEEDS], options)
    for skipped in found.skipped:
        click.echo(f"skipped {skipped.path}: {skipped.reason}", err=True)
    _warn(found.warnings)
    click.echo(render(frame_rows(found.frames), fmt), nl=False)


@main.command(context_settings=CONTEXT)
@click.argument("graph", type=click.Path(exists=True, path_type=Path))
@click.argument("sparql", required=False)
@click.option(
    "-f",
    "--file",
    "query_file",
    type=click.File("r", encoding="utf-8"),
    help="Read the query from a .rq file ('-' for stdin).",
)
@output_format
@_errors
def query(graph: Path, sparql: str | None, query_file: Any, fmt: str) -> None:
    """Run a SPARQL SELECT query on a graph file or store folder (see `kg load`).

    The prefixes gov:, id:, rdf:, rdfs:, xsd:, owl:, skos:, dcterms: and prov: are predeclared.
    The default graph is the union of all graphs, so per-report TriG/N-Quads query like Turtle.
    Names have labels in Chinese and often English: filter on LANG(?label) for one row per fact.

    \b
    Example:
      kg query output/graph.ttl 'SELECT ?name WHERE { ?p a gov:Project ; rdfs:label ?name
                                 FILTER(LANG(?name) = "zh") }'
      kg query output/graph.ttl -f queries/region-targets.rq --format csv
      kg query output/store -f queries/region-projects.rq   # the store kg build writes
      kg query output/store queries/region-projects.rq      # a .rq file as the argument also works
    """
    from kg.query import open_store, render, select

    if (sparql is None) == (query_file is None):
        raise click.UsageError("give a query as an argument or with -f FILE, not both")
    if sparql is not None and sparql.rstrip().endswith(".rq") and "{" not in sparql:
        # "kg query output/store queries/region-targets.rq": a file named where the query goes
        if not Path(sparql).is_file():
            raise click.UsageError(f"no such query file: {sparql}")
        sparql = Path(sparql).read_text(encoding="utf-8")
    text = sparql if sparql is not None else query_file.read()
    click.echo(render(select(open_store(graph), text), fmt), nl=False)


@main.command(context_settings=CONTEXT)
@click.argument("graph", type=click.Path(exists=True, path_type=Path))
@click.option("--region", help="Only this region (its Chinese name, e.g. 成都市).")
@click.option("--year", type=int, help="Only targets for this year.")
@click.option("--csv", "csv_path", type=click.Path(dir_okay=False, path_type=Path), help="Also write the rows as CSV.")
@click.option("--xlsx", "xlsx_path", type=click.Path(dir_okay=False, path_type=Path), help="Also write them as XLSX.")
@output_format
@_errors
def track(
    graph: Path, region: str | None, year: int | None, csv_path: Path | None, xlsx_path: Path | None, fmt: str
) -> None:
    """Did each government do what it promised? Targets against the results given for their year.

    Reads the gov:Assessment nodes of a built graph (file or store folder): each target of a year
    that has a result for that year from any report of the build (same region, indicator, aspect
    and unit), with its outcome (Met, Missed, Undetermined) and the gap, result minus target in the
    target's base unit. The table leaves out the two sentences; --csv (UTF-8 with a BOM, for Excel),
    --xlsx and --format csv/json keep them.

    \b
    Example:
      kg build reports/ -o out/
      kg track out/graph.ttl --region 成都市 --year 2018
      kg track out/graph.ttl --csv targets.csv --xlsx targets.xlsx
    """
    from kg.files import write_atomic
    from kg.query import render
    from kg.track import short, summary, to_csv, to_xlsx
    from kg.track import track as read_assessments

    rows = read_assessments(graph, region=region, year=year)
    if csv_path is not None:
        write_atomic(csv_path, to_csv(rows))
    if xlsx_path is not None:
        to_xlsx(rows, xlsx_path)
    printed = render(short(rows) if fmt == "table" else rows, fmt)
    click.echo(printed, nl=not printed.endswith("\n"))
    click.echo(summary(rows), err=True)


@main.command(context_settings=CONTEXT)
@click.argument("graph", type=click.Path(exists=True, path_type=Path))
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file (default: stdout)."
)
@click.option("--parquet", is_flag=True, help="Write Parquet (needs pyarrow: pip install 'kg[parquet]'), not CSV.")
@_errors
def export(graph: Path, output: Path | None, parquet: bool) -> None:
    """Every fact of a built graph as one tidy table: CSV (UTF-8) or Parquet.

    One row per number (kind actual or target) or commitment (kind project or program) with
    region, division code, level, year, indicator, aspect, qualifier, value in the base unit, unit,
    the value as stated, subject and status of a commitment, investment, the evidence sentence and
    the report file. For pandas (read_csv / read_parquet), R (readr, arrow) and Stata (import delimited).

    \b
    Example:
      kg export output/graph.ttl -o facts.csv
      kg export output/graph.ttl --parquet -o facts.parquet
    """
    from kg.export import facts_table, to_csv, write_parquet
    from kg.files import write_atomic

    rows = facts_table(graph)
    if parquet:
        if output is None:
            raise click.UsageError("Parquet is binary: give a file with -o")
        write_parquet(rows, output)
    elif output is not None:
        write_atomic(output, to_csv(rows))
    else:
        click.echo(to_csv(rows).decode("utf-8"), nl=False)
    click.echo(f"{len(rows.rows)} facts" + (f" → {output}" if output else ""), err=True)


@main.command(context_settings=CONTEXT)
@click.argument("graphs", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--store",
    "store_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Oxigraph store folder to load into (created if missing).",
)
@_errors
def load(graphs: tuple[Path, ...], store_dir: Path) -> None:
    """Load graph files into a persistent Oxigraph store folder that `kg query` reads.

    TriG and N-Quads keep one named graph per report; other formats go to the default graph.

    \b
    Example:
      kg load output/graph.trig --store store/
      kg query store/ -f queries/region-targets.rq
    """
    from kg.query import load as load_files

    quads = load_files(graphs, store_dir)
    click.echo(f"{store_dir}: {quads} quads")


@main.command(context_settings=CONTEXT)
@click.argument("graph", type=click.Path(exists=True, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="HTML file to write (default: GRAPH with .html).",
)
@click.option("--region", default=None, help="Show only the facts of this region (its name, e.g. 城东区).")
@click.option("--year", type=int, default=None, help="Show only the facts of this year.")
@click.option(
    "--max-nodes",
    type=click.IntRange(min=1),
    default=None,
    help="Keep only the N best-connected nodes, for a focused view of a large graph.",
)
@click.option(
    "--overview-above",
    type=click.IntRange(min=0),
    default=3000,  # kg.viz.DEFAULT_OVERVIEW_ABOVE, written out so that `kg --help` imports no pyvis
    show_default=True,
    help="Above this many nodes the page opens on an overview of regions; click one to draw its facts.",
)
@_errors
def viz(
    graph: Path, output: Path | None, region: str | None, year: int | None, max_nodes: int | None, overview_above: int
) -> None:
    """Write an interactive HTML view of a graph file or store folder: one file that opens offline.

    \b
    Example:
      kg viz output/graph.ttl -o output/graph.html
      kg viz output/store -o corpus.html --overview-above 2000
      kg viz output/graph.ttl --region 城东区 --year 2024 --max-nodes 300 -o focus.html
    """
    from kg.files import write_atomic
    from kg.query import open_store
    from kg.viz import render_html

    target = output or graph.with_suffix(".html")
    page = render_html(open_store(graph), region=region, year=year, max_nodes=max_nodes, overview_above=overview_above)
    write_atomic(target, page.encode("utf-8"))
    click.echo(f"wrote {target}")


@main.command("eval", context_settings=CONTEXT)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--gold",
    "gold_path",
    required=True,
    type=click.Path(exists=True, path_type=Path),
    help="Gold facts, JSONL as described in docs/GOLD.md (the seeds' gold: tests/gold/seeds.jsonl).",
)
@click.option("--json", "as_json", is_flag=True, help="Print scores as JSON.")
@click.option("--misses", is_flag=True, help="Also list unmatched gold facts and predictions.")
@click.option(
    "--manifest",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="CSV of per-file frames (as for kg build), to score extraction with the frames given.",
)
@_errors
def evaluate(paths: tuple[Path, ...], gold_path: Path, as_json: bool, misses: bool, manifest: Path | None) -> None:
    """Build the given reports and score the graph's facts against gold facts.

    \b
    Example:
      kg eval --gold tests/gold/seeds.jsonl seeds/
      kg eval --gold tests/gold/seeds.jsonl seeds/ --misses | less
    """
    from kg.evaluate import evaluate_graph
    from kg.manifest import read_manifest
    from kg.pipeline import BuildOptions
    from kg.pipeline import build as run
    from kg.query import table

    frames = read_manifest(manifest) if manifest else {}
    result = run(list(paths) or [SEEDS], BuildOptions(output_dir=None, manifest=frames))
    evaluation = evaluate_graph(result.graph, gold_path)  # type: ignore[arg-type]
    if as_json:
        click.echo(json.dumps(evaluation.as_dict(), ensure_ascii=False, indent=2))
    else:
        rows = [
            [
                name,
                str(s.gold),
                str(s.predicted),
                str(s.matched),
                f"{s.precision:.3f}",
                f"{s.recall:.3f}",
                f"{s.f1:.3f}",
            ]
            for name, s in evaluation.scores.items()
        ]
        click.echo(table(["type", "gold", "predicted", "matched", "precision", "recall", "f1"], rows), nl=False)
    if misses:
        for fact in evaluation.missed:
            click.echo(
                f"MISSED   {fact.doc[:3]} {fact.type:<14} {fact.name} {fact.value} {fact.kind or fact.status} "
                f"{fact.year} | {fact.evidence}",
                err=False,
            )
        for fact in evaluation.spurious:
            click.echo(
                f"SPURIOUS {fact.doc[:3]} {fact.type:<14} {fact.name} {fact.value} {fact.kind or fact.status} "
                f"{fact.year} | {fact.evidence[:80]}",
                err=False,
            )


@main.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@_errors
def stats(paths: tuple[Path, ...], as_json: bool) -> None:
    """Build the given reports and summarise them: entities, facts per report, merged names.

    "merged" lists each project, program, indicator or organization that differently written
    names resolved to (quotes, brackets, traditional characters, a trailing 项目), so that a
    wrong merge is easy to spot.

    \b
    Example:
      kg stats seeds/
      kg stats reports/ --json | jq '.merges | length'
    """
    import dataclasses

    from kg.pipeline import BuildOptions
    from kg.pipeline import build as run
    from kg.query import table
    from kg.stats import summarise

    summary = summarise(run(list(paths) or [SEEDS], BuildOptions(output_dir=None)))
    if as_json:
        click.echo(json.dumps(dataclasses.asdict(summary), ensure_ascii=False, indent=2))
        return
    click.echo(table(["entity type", "count"], [[k, str(n)] for k, n in summary.entities]))
    columns = ["report", "region", "year", "observations", "commitments", "program targets", "organization parts"]
    rows = [[str(v) for v in dataclasses.astuple(r)] for r in summary.reports]
    click.echo(table(columns, rows))
    click.echo(f"merged: {len(summary.merges)} entities named more than one way")
    merges = [[m.type, m.label, " | ".join(m.names)] for m in summary.merges]
    click.echo(table(["type", "label", "also written"], merges), nl=False)


@main.command(context_settings=CONTEXT)
@click.argument("graph", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_errors
def validate(graph: Path) -> None:
    """Check a graph against the SHACL shapes in ontology/shapes.ttl; exit 1 on violations.

    \b
    Example:
      kg validate output/graph.ttl
    """
    from rdflib import Graph

    from kg.validate import validate as check

    report = check(Graph().parse(graph))
    click.echo(report.text())
    if not report.conforms:
        sys.exit(1)


@main.command(context_settings=CONTEXT)
@click.argument("graph_or_store", type=click.Path(exists=True, path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0: every network).")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option(
    "--time-limit", default=10.0, show_default=True, type=click.FloatRange(min=0.1), help="Seconds one query may run."
)
@click.option(
    "--max-result-mb", default=50, show_default=True, type=click.IntRange(min=1), help="Largest result, in megabytes."
)
@click.option("--workers", default=0, type=click.IntRange(min=0), help="Query processes (default: one per CPU, ≥2).")
@click.option("-q", "--quiet", is_flag=True, help="No log lines on stderr.")
@_errors
def serve(
    graph_or_store: Path, host: str, port: int, time_limit: float, max_result_mb: int, workers: int, quiet: bool
) -> None:
    """Serve a graph file or store folder as a read-only SPARQL endpoint, with a query page at /.

    SPARQL 1.1 Protocol (GET and POST); results as JSON, XML, CSV or TSV and graphs as Turtle,
    N-Triples, RDF/XML or JSON-LD, chosen by the Accept header. Updates are refused (403); a query
    past the time limit gets 503 and one past the result limit 507.

    \b
    Example:
      kg serve output/graph.ttl                     # http://127.0.0.1:7878/
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 3' \\
           http://127.0.0.1:7878/sparql
    """
    from kg.serve import ServeOptions
    from kg.serve import serve as run

    options = ServeOptions(
        host=host, port=port, time_limit=time_limit, max_result_bytes=max_result_mb * 1_000_000, workers=workers
    )
    run(graph_or_store, options, log=_progress(quiet))


@main.command(context_settings=CONTEXT)
@click.argument("graph", type=click.Path(exists=True, path_type=Path))
@click.option("--endpoint", required=True, help="Graph Store endpoint URL of the triplestore.")
@click.option("--graph", "graph_iri", help="Graph IRI to write (default: each named graph to its name, else default).")
@click.option("--user", help="User name, for digest or basic authentication.")
@click.option("--password", envvar="KG_PUSH_PASSWORD", help="Password (or set KG_PUSH_PASSWORD; asked if omitted).")
@click.option("--replace/--add", default=True, show_default=True, help="Replace the graph (PUT) or add to it (POST).")
@_errors
def push(
    graph: Path, endpoint: str, graph_iri: str | None, user: str | None, password: str | None, replace: bool
) -> None:
    """Load a graph into another triplestore (SPARQL 1.1 Graph Store HTTP Protocol).

    Works with Virtuoso, Fuseki, GraphDB and Oxigraph server.

    \b
    Example:
      kg push output/graph.ttl --endpoint http://localhost:8890/sparql-graph-crud-auth \\
              --graph https://w3id.org/govkg/id/graph --user dba --password dba
      kg push output/graph.ttl --endpoint http://localhost:3030/kg/data --graph urn:kg --add
    """
    from kg.push import push as send

    if user is not None and password is None:
        password = click.prompt("password", hide_input=True, err=True)
    for pushed in send(graph, endpoint, graph=graph_iri, replace=replace, user=user, password=password):
        target = f"<{pushed.graph}>" if pushed.graph else "the default graph"
        verb = "replaced" if replace else "added to"
        click.echo(f"{verb} {target}: {pushed.triples} triples (HTTP {pushed.status})")


def run() -> None:
    """Entry point for the console script and ``python -m kg``."""
    main(prog_name="kg")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run())  # type: ignore[func-returns-value]
