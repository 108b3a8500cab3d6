"""queries: every example query in queries/ answers its question on the seeds, from a file or a store."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.model import BuildResult
from kg.query import Rows, load, open_store, select
from kg.serialize import serialize

ROOT = Path(__file__).parent.parent
QUERIES = ROOT / "queries"
CHENGDONG_2020 = "000_6a8a5062bf73147d.txt"

# Rows each query must return on the seeds, read off the seed text (the sentence is quoted).
# Extraction improves over time, so these are rows that must be present, not the whole answer.
EXPECTED: dict[str, list[tuple[str | None, ...]]] = {
    # 000: 全力推进曹家寨片区改造 … 有序推进杨家庄小学、东方小学改扩建项目 (the 2020 plan)
    "region-projects.rq": [
        ("曹家寨片区改造", "Planned", None, CHENGDONG_2020),
        ("东方小学改扩建", "Planned", None, CHENGDONG_2020),
    ],
    # 003: 地区生产总值增长7%以上 … 固定资产投资增长 10%以上；城镇登记失业率控制在 2.5%以内
    "region-targets.rq": [
        ("地区生产总值", "Growth", "7%", "AtLeast", "7", "%"),
        ("固定资产投资", "Growth", "10%", "AtLeast", "10", "%"),
        ("城镇登记失业率", "Level", "2.5%", "AtMost", "2.5", "%"),
    ],
    # 000: 城镇新增就业 6750 人; 003: 城镇新增就业7557人; 004: 城镇新增就业3.2万人
    "indicator-results.rq": [
        ("城东区", "2019", "Level", "6750人", "Exact", "6750", "人", CHENGDONG_2020),
        ("城西区", "2022", "Level", "7557人", "Exact", "7557", "人", "003_338ed807dc2533c7.txt"),
        ("西宁市", "2019", "Level", "3.2万人", "Exact", "32000", "人", "004_68102dd28083233a.txt"),
    ],
    # 000 (2020 plan): 推进城东区第二、第三幼儿园建设; 001 (2023 review): 完成…第三幼儿园建设项目.
    # 000: 有序推进杨家庄小学、东方小学改扩建项目, of which no later report of 城东区 speaks.
    "project-timeline.rq": [
        ("城东区", "第三幼儿园", "2020 Planned → 2023 Completed", "Completed", ""),
        ("城东区", "东方小学改扩建", "2019 Ongoing → 2020 Planned", "Planned", "no later word"),
    ],
    # 000: 深入推进“幸福养老”工程，建成运行 3个“中央厨房” … ; 推进“厕所革命”，完成 100座公厕新建改造
    "program-indicators.rq": [
        ("幸福养老工程", "中央厨房", "3个", "城东区", "2019"),
        ("厕所革命", "公厕新建改造", "100座", "城东区", "2019"),
    ],
    # 000: 实施 120个建设项目，全力推进曹家寨片区改造、… (the 2020 plan of the report delivered in 2020)
    "fact-evidence.rq": [
        (
            "Commitment",
            "2020",
            CHENGDONG_2020,
            "2020",
            "政府工作报告摘登",
            "积极扩大有效投资，牢固树立“项目为王”意识，实施120个建设项目，全力推进曹家寨片区改造、老旧小区综合整治及配套基础"
            "设施改造、大园山文化体育公园等项目，加快实施回族医院改造提升、妇幼保健中心建设等新建项目。",
        ),
    ],
}


def _query(name: str) -> str:
    return (QUERIES / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed_store(seed_output: Path) -> object:
    return open_store(seed_output / "graph.ttl")


@pytest.fixture(scope="module")
def seed_trig_store(seed_build: BuildResult, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds as TriG (one named graph per report) loaded into a persistent store with `kg load`."""
    folder = tmp_path_factory.mktemp("store")
    trig = folder / "graph.trig"
    trig.write_bytes(serialize(seed_build.graph, "trig"))
    result = CliRunner().invoke(main, ["load", str(trig), "--store", str(folder / "store")])
    assert result.exit_code == 0, result.output
    return folder / "store"


def test_queries_every_file_is_tested_and_says_what_it_answers() -> None:
    files = sorted(path.name for path in QUERIES.glob("*.rq"))
    # target-outcomes.rq needs two reports of one government (the seeds have no such pair): tests/test_assess.py
    assert files == sorted([*EXPECTED, "investment-by-region.rq", "target-outcomes.rq"])
    for name in files:
        first = _query(name).splitlines()[0]
        assert first.startswith("# ") and first.endswith("?"), f"{name} must open with the question it answers"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_queries_answer_from_the_seeds(name: str, seed_store: object) -> None:
    rows = select(seed_store, _query(name))
    missing = [row for row in EXPECTED[name] if row not in rows.rows]
    assert missing == [], f"{name} lacks {missing}; got {rows.rows[:20]}"


def test_queries_investment_totals_by_region(seed_store: object) -> None:
    # 000: 投入资金 2500 万元实施了东大门环境综合治理和“15 分钟幸福生活圈”建设项目 (a 2019 result of 城东区)
    rows = select(seed_store, _query("investment-by-region.rq"))
    assert rows.columns == ("region", "year", "commitments", "total")
    totals = {(region, year): (int(n or 0), float(total or 0)) for region, year, n, total in rows.rows}
    commitments, total = totals[("城东区", "2019")]
    assert commitments >= 1 and total >= 25_000_000


def test_queries_investment_total_is_the_sum_of_its_commitments(seed_store: object) -> None:
    each = select(seed_store, "SELECT ?c ?i WHERE { ?c a gov:Commitment ; gov:investment ?i }")
    rows = select(seed_store, _query("investment-by-region.rq"))
    assert sum(int(n or 0) for *_, n, _ in rows.rows) == len(each.rows)
    assert sum(float(t or 0) for *_, t in rows.rows) == pytest.approx(sum(float(i or 0) for _, i in each.rows))


@pytest.mark.parametrize("name", sorted([*EXPECTED, "investment-by-region.rq"]))
def test_queries_same_answer_from_a_trig_store(name: str, seed_store: object, seed_trig_store: Path) -> None:
    """Per-report named graphs query like the one Turtle graph: no row lost or repeated."""
    from_file = select(seed_store, _query(name))
    from_store = select(open_store(seed_trig_store), _query(name))
    assert from_store == from_file
    assert len(from_file.rows) > 0


def test_queries_cli_runs_a_query_file_on_a_store(seed_trig_store: Path) -> None:
    result = CliRunner().invoke(main, ["query", str(seed_trig_store), "-f", str(QUERIES / "region-targets.rq")])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].split() == ["indicator", "aspect", "stated", "qualifier", "value", "unit"]
    assert any(line.split()[:4] == ["城镇登记失业率", "Level", "2.5%", "AtMost"] for line in result.output.splitlines())


def test_queries_load_twice_adds_nothing(seed_output: Path, tmp_path: Path) -> None:
    graph = seed_output / "graph.ttl"
    first = load([graph], tmp_path / "store")
    assert first == load([graph], tmp_path / "store") > 10_000


def test_queries_load_unknown_format_is_an_error_that_says_what_to_do(tmp_path: Path) -> None:
    odd = tmp_path / "graph.xyz"
    odd.write_text("nothing", encoding="utf-8")
    result = CliRunner().invoke(main, ["load", str(odd), "--store", str(tmp_path / "store")])
    assert result.exit_code == 1
    assert "unknown RDF format" in result.output and ".ttl" in result.output
    assert not (tmp_path / "store").exists()


def test_queries_table_aligns_chinese_by_display_width() -> None:
    from kg.query import render, width

    text = render(Rows(("region", "n"), (("城东区", "1"), ("Xining", "22"))), "table")
    lines = text.splitlines()
    assert {width(line[: line.rindex(" ") + 1]) for line in lines} == {len("region") + 2}


def test_queries_folder_that_is_not_a_store_is_an_error_that_says_what_to_do(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["query", str(tmp_path), "SELECT * WHERE { ?s ?p ?o }"])
    assert result.exit_code == 1
    assert "not an Oxigraph store" in result.output and "kg load" in result.output


def _zh_only(store: object) -> object:
    """The same graph with every label in a language other than Chinese removed."""
    store.update(  # type: ignore[attr-defined]
        "DELETE { ?s ?p ?o } WHERE { ?s ?p ?o FILTER(isLiteral(?o) && LANG(?o) != '' && !LANGMATCHES(LANG(?o), 'zh')) }"
    )
    return store


@pytest.mark.issue(17)
@pytest.mark.parametrize("name", sorted([*EXPECTED, "investment-by-region.rq"]))
def test_queries_one_row_per_fact_whatever_languages_the_labels_come_in(
    name: str, seed_store: object, seed_output: Path
) -> None:
    """Regions and indicators are labelled in Chinese and English; a query must not double its rows."""
    english = select(
        seed_store, "SELECT (COUNT(*) AS ?n) WHERE { ?s rdfs:label|skos:prefLabel ?l FILTER(LANG(?l) = 'en') }"
    )
    assert int(english.rows[0][0] or 0) > 0  # the seeds have English labels to double rows with
    assert select(seed_store, _query(name)) == select(_zh_only(open_store(seed_output / "graph.ttl")), _query(name))


def _serve_page_query() -> str:
    page = (ROOT / "kg" / "templates" / "serve.html").read_text(encoding="utf-8")
    start = page.index(">", page.index('<textarea id="query"')) + 1
    return html.unescape(page[start : page.index("</textarea>", start)])


@pytest.mark.issue(17)
def test_queries_serve_page_default_query_gives_one_row_per_commitment(seed_store: object) -> None:
    text = _serve_page_query().replace("LIMIT 50", "")
    rows = select(seed_store, text)
    commitments = select(seed_store, "SELECT ?c WHERE { ?c a gov:Commitment ; gov:project ?p ; gov:region ?r }")
    assert rows.columns[:3] == ("region", "project", "year")
    assert len(rows.rows) == len(commitments.rows) > 0
    assert select(seed_store, _serve_page_query()).rows  # as shown, with its LIMIT


@pytest.mark.issue(17)
@pytest.mark.parametrize(
    ("sparql", "prefix"),
    [
        ("SELECT * WHERE { ?s schema:name ?o } LIMIT 1", "schema"),
        ("SELECT * WHERE {\n  ?s a gov:Report .\n  ?s foaf:name ?o }", "foaf"),
        ('SELECT * WHERE { ?s <http://x/y> "a:b" ; ex:p ?o }', "ex"),
    ],
)
def test_queries_unknown_prefix_is_named_with_the_ones_kg_declares(sparql: str, prefix: str, seed_output: Path) -> None:
    result = CliRunner().invoke(main, ["query", str(seed_output / "graph.ttl"), sparql])
    assert result.exit_code == 1
    assert f"unknown prefix {prefix}:" in result.output
    assert "gov: id: rdf: rdfs: xsd: owl: skos: dcterms: prov:" in result.output
    assert "\\u{" not in result.output  # not the parser's table of expected characters


@pytest.mark.issue(17)
def test_queries_error_positions_are_those_of_the_users_text(seed_output: Path) -> None:
    """kg's prefixes are passed to the parser, not prepended to the text, so line numbers stay the user's."""
    result = CliRunner().invoke(main, ["query", str(seed_output / "graph.ttl"), "SELECT * WHERE {\n  ?s ?p }"])
    assert "error at 2:" in result.output
