"""formats: every RDF format kg writes parses cleanly in independent parsers, holds the same triples, is stable."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import RDF, URIRef
from rdflib.namespace import PROV

from kg.model import BuildResult
from kg.pipeline import BuildOptions, build
from kg.serialize import FORMATS, assessments_graph, report_graphs, serialize, shared_graph
from kg.vocab import GOV

ROOT = Path(__file__).parent.parent
DATASETS = ("nquads", "trig")
# rapper's names for the formats it reads; raptor2 has no JSON-LD parser (its "json" is RDF/JSON).
RAPPER = {"turtle": "turtle", "ntriples": "ntriples", "nquads": "nquads", "trig": "trig"}
RDFLIB = {"turtle": "turtle", "ntriples": "nt", "nquads": "nquads", "trig": "trig", "jsonld": "json-ld"}
DISTINCT_TRIPLES = """
SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } } }
"""


@pytest.fixture(scope="module")
def seed_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every format of the seeds as `kg build` streams them, report by report."""
    out = tmp_path_factory.mktemp("formats")
    build([ROOT / "seeds"], BuildOptions(output_dir=out, formats=tuple(FORMATS), html=False))
    return {name: out / f"graph.{fmt.extension}" for name, fmt in FORMATS.items()}


def _oxigraph(path: Path) -> pyoxigraph.Store:
    store = pyoxigraph.Store()
    store.load(path=str(path), format=pyoxigraph.RdfFormat.from_extension(path.suffix[1:]))
    return store


def _quads(seed_files: dict[str, Path]) -> int:
    """The quads of the dataset: one line each in N-Quads."""
    return seed_files["nquads"].read_bytes().count(b"\n")


@pytest.mark.issue(16)
def test_formats_streamed_hold_the_graph_of_the_build_in_memory(
    seed_files: dict[str, Path], seed_build: BuildResult
) -> None:
    """Written report by report, the formats that hold the union of graphs are the bytes of the graph
    built in memory; the datasets have each report's graph (an edge two reports state is in both)."""
    for name in ("turtle", "ntriples", "jsonld"):
        assert seed_files[name].read_bytes() == serialize(seed_build.graph, name), name  # type: ignore[arg-type]
    in_memory = report_graphs(seed_build.graph)  # type: ignore[arg-type]
    assert (
        sum(len(triples) for triples in in_memory.values()) - 10
        < _quads(seed_files)
        <= sum(len(triples) for triples in in_memory.values())
    )


@pytest.mark.parametrize("name", sorted(RAPPER))
def test_formats_parse_in_rapper_without_warnings(
    name: str, seed_files: dict[str, Path], seed_build: BuildResult, rapper: str
) -> None:
    done = subprocess.run(
        [rapper, "-i", RAPPER[name], "-c", str(seed_files[name])], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    problems = [line for line in done.stderr.splitlines() if "warning" in line.lower() or "error" in line.lower()]
    assert problems == []
    expected = _quads(seed_files) if name in DATASETS else len(seed_build.graph)
    assert f"Parsing returned {expected} triples" in done.stderr


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_formats_parse_in_oxigraph_with_the_same_triples(
    name: str, seed_files: dict[str, Path], seed_build: BuildResult
) -> None:
    store = _oxigraph(seed_files[name])
    assert len(store) == (_quads(seed_files) if name in DATASETS else len(seed_build.graph))
    (row,) = store.query(DISTINCT_TRIPLES)
    assert int(row["n"].value) == len(seed_build.graph)


@pytest.mark.parametrize("name", sorted(FORMATS))
@pytest.mark.filterwarnings(
    "ignore:.*deprecated, use Dataset:DeprecationWarning"
)  # rdflib 7 warns about its own internals
def test_formats_read_back_by_rdflib_as_the_same_graph(
    name: str, seed_files: dict[str, Path], seed_build: BuildResult
) -> None:
    from rdflib import Dataset

    data = Dataset()
    data.parse(seed_files[name], format=RDFLIB[name])
    # no blank nodes (STYLE.md habit 6), so graph isomorphism is set equality
    assert {quad[:3] for quad in data.quads((None, None, None, None))} == set(seed_build.graph)


def test_formats_trig_has_one_named_graph_per_report(seed_files: dict[str, Path], seed_build: BuildResult) -> None:
    store = _oxigraph(seed_files["trig"])
    reports = {str(r) for r in seed_build.graph.subjects(RDF.type, GOV.Report)}
    assert len(reports) == 5
    # and the shared graph; the seeds have no assessment, so no graph of assessments
    assert {g.value for g in store.named_graphs()} == {*reports, "https://w3id.org/govkg/id/graph/entities"}
    # nothing in the default graph: Jena's union default graph (tdb:unionDefaultGraph) leaves it out
    assert list(store.quads_for_pattern(None, None, None, pyoxigraph.DefaultGraph())) == []


def test_formats_report_graph_holds_its_facts_and_evidence(seed_build: BuildResult) -> None:
    graphs = report_graphs(seed_build.graph)
    assessments = set(seed_build.graph.subjects(RDF.type, GOV.Assessment))
    for fact, report in seed_build.graph.subject_objects(PROV.wasDerivedFrom):
        assert isinstance(report, URIRef)
        # an assessment sets one report's target against another's result: it is in the assessments' graph
        name = assessments_graph(seed_build.graph) if fact in assessments else report
        assert set(seed_build.graph.triples((fact, None, None))) <= graphs[name]
    # the shared graph only describes entities: no fact, evidence or report triple is left there
    shared = {p for _, p, _ in graphs[shared_graph(seed_build.graph)]}
    assert GOV.evidence not in shared and PROV.wasDerivedFrom not in shared and GOV.value not in shared
    assert shared >= {RDF.type, URIRef("http://www.w3.org/2000/01/rdf-schema#label")}


def test_formats_dropping_a_report_graph_drops_only_its_facts(seed_files: dict[str, Path]) -> None:
    store = _oxigraph(seed_files["nquads"])
    # Facts of the reports; the assessments, drawn from two reports, are in a graph of their own.
    own = "FILTER NOT EXISTS { ?f a gov:Assessment }"
    count = f"SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE {{ GRAPH ?g {{ ?f prov:wasDerivedFrom ?r }} {own} }}"
    per_report = f"SELECT ?r (COUNT(?f) AS ?n) WHERE {{ ?f prov:wasDerivedFrom ?r {own} }} GROUP BY ?r"
    prefix = "PREFIX prov: <http://www.w3.org/ns/prov#>\nPREFIX gov: <https://w3id.org/govkg/ontology#>\n"
    before = {
        row["r"].value: int(row["n"].value) for row in store.query(prefix + per_report, use_default_graph_as_union=True)
    }
    dropped = "https://w3id.org/govkg/id/report/000_6a8a5062bf73147d"
    store.update(f"DROP GRAPH <{dropped}>")
    after = {
        row["r"].value: int(row["n"].value) for row in store.query(prefix + per_report, use_default_graph_as_union=True)
    }
    assert before[dropped] > 100
    assert after == {r: n for r, n in before.items() if r != dropped}
    (row,) = store.query(prefix + count)
    assert int(row["n"].value) == sum(after.values())


def test_formats_union_of_graphs_repeats_no_label(seed_files: dict[str, Path]) -> None:
    """Oxigraph queries the union of graphs as a bag: a label in two graphs would print its entity twice."""
    store = _oxigraph(seed_files["trig"])
    labels = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?s ?l WHERE { ?s rdfs:label ?l }"
    rows = [(r["s"].value, r["l"].value) for r in store.query(labels, use_default_graph_as_union=True)]
    assert len(rows) == len(set(rows)) > 100


def test_formats_are_byte_identical_across_runs_and_hash_seeds(seed_files: dict[str, Path], tmp_path: Path) -> None:
    args = [f"--format={name}" for name in FORMATS]
    runs = {}
    for seed in ("0", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        command = [sys.executable, "-m", "kg", "build", str(ROOT / "seeds"), "-o", str(tmp_path / seed), "--no-html"]
        runs[seed] = subprocess.Popen([*command, "-q", *args], env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
    for seed, run in runs.items():
        assert run.wait() == 0
        for name, path in seed_files.items():
            built = (tmp_path / seed / path.name).read_bytes()
            assert built == path.read_bytes(), f"{name} differs with PYTHONHASHSEED={seed}"


def test_formats_cli_offers_every_format() -> None:
    from kg.cli import build

    (option,) = [p for p in build.params if p.name == "formats"]
    assert set(option.type.choices) == set(FORMATS)  # type: ignore[attr-defined]


def test_formats_sort_iris_before_literals_of_one_predicate() -> None:
    """Objects sort IRIs first, then literals, also where one subject and predicate have both (kg's own
    graphs never do, but serialize takes any rdflib graph of IRIs and literals)."""
    from rdflib import RDFS, Graph, Literal

    report = URIRef("https://w3id.org/govkg/id/report/r")
    graph = Graph()
    graph.add((report, RDF.type, GOV.Report))
    for node in (
        Literal("a"),
        URIRef("https://example.org/b"),
        Literal("1", lang="zh"),
        URIRef("https://example.org/a"),
    ):
        graph.add((report, RDFS.seeAlso, node))
    turtle = serialize(graph, "turtle").decode("utf-8")
    assert '<https://example.org/a> ,\n        <https://example.org/b> ,\n        "1"@zh ,\n        "a" .' in turtle
