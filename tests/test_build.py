"""build: the seeds through the whole pipeline → facts, triples, files other tools read."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pyoxigraph
import pytest
from conftest import written
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.cache import FactsCache
from kg.model import BuildResult, Kind, Qualifier
from kg.pipeline import BuildOptions, build
from kg.serialize import serialize
from kg.vocab import GOV

ROOT = Path(__file__).parent.parent
ID = "https://w3id.org/govkg/id/"


def _observations(result: BuildResult, doc: str) -> list[object]:
    return [o for f in result.facts if f.report.source.name.startswith(doc) for o in f.observations]


@pytest.mark.parametrize(
    ("doc", "indicator", "value", "unit", "kind", "year", "qualifier"),
    [
        # 西宁市 2020: "地区生产总值增长6.5%以上" is a target for 2020 (a gold fact).
        ("004", "地区生产总值", Decimal("6.5"), "%", Kind.TARGET, 2020, Qualifier.AT_LEAST),
        # 城东区 2020: "完成地方一般公共预算收入6.2亿元" reported for 2019.
        ("000", "地方一般公共预算收入", Decimal("620000000"), "元", Kind.ACTUAL, 2019, Qualifier.EXACT),
        # 城西区 2023: "城镇登记失业率控制在2.5%以内" is a 2023 target.
        ("003", "城镇登记失业率", Decimal("2.5"), "%", Kind.TARGET, 2023, Qualifier.AT_MOST),
        # 城东区 2024: "全年新增市场主体6086户" in 2023.
        ("001", "市场主体", Decimal("6086"), "户", Kind.ACTUAL, 2023, Qualifier.EXACT),
    ],
)
def test_build_finds_gold_measures(
    seed_build: BuildResult,
    doc: str,
    indicator: str,
    value: Decimal,
    unit: str,
    kind: Kind,
    year: int,
    qualifier: Qualifier,
) -> None:
    found = [
        o
        for o in _observations(seed_build, doc)
        if indicator in o.indicator  # type: ignore[attr-defined]
        and o.quantity.base_value == value  # type: ignore[attr-defined]
    ]
    assert found, f"no {indicator} = {value} in {doc}"
    obs = found[0]
    assert (obs.quantity.base_unit, obs.kind, obs.year, obs.qualifier) == (unit, kind, year, qualifier)  # type: ignore[attr-defined]


def test_build_graph_has_contract_triples(seed_build: BuildResult) -> None:
    graph = seed_build.graph
    assert isinstance(graph, Graph)
    xining = URIRef(ID + "region/qinghai/xining")
    chengdong = URIRef(ID + "region/qinghai/xining/chengdong")
    assert (chengdong, GOV.partOf, xining) in graph
    reports = {
        str(graph.value(r, URIRef("http://purl.org/dc/terms/source"))): r
        for r in graph.subjects(predicate=GOV.issuedBy)
    }
    report = reports["004_68102dd28083233a.txt"]
    assert (report, GOV.issuedBy, xining) in graph
    assert (report, GOV.planYear, Literal(2020)) in graph
    gdp = URIRef(ID + "indicator/gdp")
    targets = [
        o
        for o in graph.subjects(GOV.indicator, gdp)
        if (o, GOV.region, xining) in graph and (o, GOV.year, Literal(2020)) in graph
    ]
    assert targets, "西宁市's 2020 GDP target is missing"
    obs = targets[0]
    assert graph.value(obs, GOV.evidence) is not None
    assert graph.value(obs, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")) == report


def test_build_has_no_blank_nodes(seed_build: BuildResult) -> None:
    from rdflib import BNode

    assert not [t for t in seed_build.graph for n in t if isinstance(n, BNode)]  # type: ignore[attr-defined]


def test_build_turtle_parses_in_oxigraph(seed_output: Path, seed_build: BuildResult) -> None:
    store = pyoxigraph.Store()
    store.load(path=str(seed_output / "graph.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(seed_build.graph)  # type: ignore[arg-type]


def test_build_turtle_round_trips(seed_output: Path, seed_build: BuildResult) -> None:
    parsed = Graph().parse(seed_output / "graph.ttl", format="turtle")
    assert isomorphic(parsed, seed_build.graph)  # type: ignore[arg-type]


def test_build_is_deterministic_across_processes(tmp_path: Path) -> None:
    """Two builds in fresh interpreters (different hash seeds) write the same bytes."""
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        subprocess.run(
            [sys.executable, "-m", "kg", "build", str(ROOT / "seeds"), "-o", str(out), "-q"],
            check=True,
            capture_output=True,
            env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"},
            cwd=ROOT,
        )
        outputs.append(written(out))
    assert outputs[0] == outputs[1]
    assert {"graph.ttl", "graph.html", "partitions/entities.nq"} < outputs[0].keys()


def test_build_committed_output_is_up_to_date(seed_output: Path) -> None:
    """output/ is the committed build of seeds/: rebuild with `kg build` when this fails."""
    for name in ("graph.ttl", "graph.html"):
        assert (ROOT / "output" / name).read_bytes() == (seed_output / name).read_bytes(), (
            f"output/{name} is stale; run `kg build` and commit output/"
        )


def test_build_evidence_is_the_source_sentence(seed_build: BuildResult) -> None:
    for facts in seed_build.facts:
        raw = facts.report.source.path.read_text(encoding="utf-8")
        compact = "".join(raw.split())
        for obs in facts.observations:
            assert "".join(obs.evidence.text.split()) in compact


def test_build_overrides_region_and_year(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("二、着眼新的一年\n全区地区生产总值增长6%以上。", encoding="utf-8")
    result = build([report], BuildOptions(region="湟中区", year=2021))
    (obs,) = result.facts[0].observations
    assert (obs.region, obs.year, obs.kind) == ("湟中区", 2021, Kind.TARGET)


@pytest.mark.issue(16)
def test_build_in_worker_processes_gives_the_same_bytes(tmp_path: Path) -> None:
    """-j 2 reads and extracts reports in two processes; the Turtle is byte-identical to -j 1, the
    progress counts every report, and a report dated by another's congress session (成都 2019 by 2018)
    is dated the same way."""
    real = Path(__file__).parent / "real" / "texts"
    files = sorted(real.glob("1[0-3]_*")) + sorted((ROOT / "seeds").glob("00[01]_*"))
    one = build(files, BuildOptions(jobs=1))
    seen: list[str] = []
    two = build(files, BuildOptions(jobs=2), progress=seen.append)
    assert serialize(two.graph, "turtle") == serialize(one.graph, "turtle")  # type: ignore[arg-type]
    assert len(seen) == len(files) and seen[-1].startswith(f"[{len(files)}/{len(files)}]")
    years = {f.report.id[:2]: f.report.meta.report_year for f in two.facts}
    assert years["12"] == 2019


@pytest.mark.issue(16)
def test_build_incremental_reextracts_only_changed_reports_and_gives_a_clean_builds_bytes(tmp_path: Path) -> None:
    """Build A+B, then add C, change B, remove A, each time into the same folder: only the new or changed
    report is extracted again, and the files are those of a clean build of the same inputs."""
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    inputs = tmp_path / "in"
    inputs.mkdir()
    a, b, c = (inputs / "a.txt", inputs / "b.txt", inputs / "c.txt")
    a.write_bytes(seeds[0].read_bytes())
    b.write_bytes(seeds[1].read_bytes())
    out = tmp_path / "out"
    options = BuildOptions(output_dir=out, formats=("turtle", "nquads", "trig"))

    def clean(name: str, paths: list[Path]) -> dict[str, bytes]:
        build(paths, dataclasses.replace(options, output_dir=tmp_path / name))
        return written(tmp_path / name)

    first = build([a, b], options)
    assert first.reused == 0 and written(out) == clean("ab", [a, b])
    c.write_bytes(seeds[2].read_bytes())
    seen: list[str] = []
    added = build([a, b, c], options, progress=seen.append)
    assert added.reused == 2 and "2 of 3 reports reused" in "\n".join(seen)
    assert [line for line in seen if line.startswith("[")] == [f"[1/1] {c}"]  # only C is read
    assert written(out) == clean("abc", [a, b, c])
    b.write_bytes(seeds[1].read_bytes().replace("城东区".encode(), "城西区".encode()))
    changed = build([a, b, c], options)
    assert changed.reused == 2 and written(out) == clean("abc2", [a, b, c])
    removed = build([b, c], options)
    assert removed.reused == 2 and written(out) == clean("bc", [b, c])
    assert not (out / "partitions" / "reports" / "a.nq").exists()
    assert len(list((out / ".kg" / "facts").iterdir())) == 2  # A's facts and B's old facts are gone


@pytest.mark.issue(16)
def test_cached_facts_read_back_whole_or_without_the_sentences(tmp_path: Path, seed_build: BuildResult) -> None:
    """A report's cached facts come back as they were extracted, objects and all; rendering the graph
    reads them without the report's sentences, which it does not use, and nothing else is missing."""
    cache = FactsCache(tmp_path)
    for number, facts in enumerate(seed_build.facts):
        cache.save(facts, str(number))
        assert cache.load(str(number)) == facts
        light = cache.load(str(number), sentences=False)
        assert light.report.sentences == () and facts.report.sentences
        assert dataclasses.replace(light, report=facts.report) == facts


@pytest.mark.issue(16)
def test_build_store_answers_queries_of_the_build(seed_output: Path, seed_build: BuildResult) -> None:
    """The build folder's Oxigraph store holds the dataset: each report's graph and the shared one."""
    store = pyoxigraph.Store.read_only(str(seed_output / "store"))
    graphs = {g.value for g in store.named_graphs()}
    assert len(graphs) == 6 and "https://w3id.org/govkg/id/graph/entities" in graphs
    (row,) = store.query("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }")
    assert int(row["n"].value) == len(seed_build.graph)  # type: ignore[arg-type]


@pytest.mark.issue(16)
def test_build_store_counts_each_assessment_once(tmp_path: Path) -> None:
    """An assessment draws on two reports but lives in one graph (id:graph/assessments): queried over the
    union of graphs, as kg track does, the store gives each once, as the Turtle file does."""
    from kg.track import track

    build([ROOT / "tests" / "fixtures" / "assess"], BuildOptions(output_dir=tmp_path, html=False))
    from_store = track(tmp_path / "store")
    assert len(from_store.rows) == 10
    assert sorted(from_store.rows, key=str) == sorted(track(tmp_path / "graph.ttl").rows, key=str)
    assert track(tmp_path).rows == from_store.rows  # the build folder opens its store


@pytest.mark.issue(16)
def test_build_partitions_bulk_load_with_the_oxigraph_cli(seed_output: Path, tmp_path: Path) -> None:
    """`oxigraph load` (the oxigraph package's CLI) loads the partitions in parallel into the same quads."""
    binary = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(binary).exists():
        pytest.skip("the oxigraph CLI is not installed: pip install oxigraph (a test extra)")
    files = sorted(str(p) for p in (seed_output / "partitions").rglob("*.nq"))
    subprocess.run([binary, "load", "--location", str(tmp_path / "store"), "--file", *files], check=True)
    loaded = pyoxigraph.Store.read_only(str(tmp_path / "store"))
    built = pyoxigraph.Store.read_only(str(seed_output / "store"))
    assert len(loaded) == len(built) > 10_000
    assert set(loaded) == set(built)


@pytest.mark.issue(16)
def test_build_into_a_folder_same_bytes_for_any_jobs_and_a_rebuild_reads_nothing(tmp_path: Path) -> None:
    """Streamed from two worker processes or one, the files are the same; built again, no report is read."""
    real = Path(__file__).parent / "real" / "texts"
    files = sorted(real.glob("1[13]_*")) + sorted((ROOT / "seeds").glob("00[01]_*"))
    one = build(files, BuildOptions(output_dir=tmp_path / "one", jobs=1, formats=("turtle", "nquads")))
    two = build(files, BuildOptions(output_dir=tmp_path / "two", jobs=2, formats=("turtle", "nquads")))
    assert written(tmp_path / "one") == written(tmp_path / "two")
    assert one.stats == two.stats and one.stats.reports == len(files)
    seen: list[str] = []
    again = build(
        files, BuildOptions(output_dir=tmp_path / "two", jobs=2, formats=("turtle", "nquads")), progress=seen.append
    )
    assert again.reused == len(files) and not [line for line in seen if line.startswith("[")]
    assert written(tmp_path / "two") == written(tmp_path / "one")


@pytest.mark.issue(16)
def test_reports_rendered_by_worker_processes_give_the_same_bytes_in_every_format(tmp_path: Path) -> None:
    """With more reports than one rendering task holds, -j 2 renders the reports' graphs in the workers
    (each reading the resolution from the build folder); every format and partition is as with -j 1."""
    from kg.dataset import RENDER_TASK

    files = sorted((Path(__file__).parent / "real" / "texts").glob("[12]*"))
    assert len(files) > 2 * RENDER_TASK
    formats = ("turtle", "ntriples", "nquads", "trig", "jsonld")
    build(files, BuildOptions(output_dir=tmp_path / "one", jobs=1, formats=formats, html=False))
    two = build(files, BuildOptions(output_dir=tmp_path / "two", jobs=2, formats=formats, html=False))
    assert written(tmp_path / "one") == written(tmp_path / "two")
    assert two.stats.reports == len(files) and two.stats.triples > 4_000
    assert not list((tmp_path / "two" / ".kg").glob("*.pickle"))  # the resolution handed to the workers is gone


@dataclasses.dataclass(frozen=True, slots=True)
class _OneField:
    value: int


def test_a_model_class_of_one_field_pickles_back_too() -> None:
    """Model classes pickle as the tuple of their fields (kg.model._pickled_as_tuple); attrgetter of one
    name gives the value, not a tuple, and a class of one field must still come back whole."""
    import pickle

    from kg.model import _pickled_as_tuple

    _pickled_as_tuple(_OneField)
    assert pickle.loads(pickle.dumps(_OneField(7))) == _OneField(7)
