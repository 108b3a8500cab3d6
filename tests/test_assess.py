"""Targets against results (issue 15): kg/assess.py's rules, the graph's gov:Assessment nodes, `kg track`.

The rules are tested through the whole pipeline on two reports of one government in consecutive
years, written in the grammar of real reports (the targets' sentence as 镇江 and 成都 state theirs);
the real pairs of tests/real/texts (SOURCES.md, "Pairs") check that comparisons are found in text
kg was not written for.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import openpyxl
import pyoxigraph
import pytest
from click.testing import CliRunner
from rdflib import Graph
from rdflib.namespace import PROV

from kg.cli import main
from kg.model import Assessment, BuildResult, Outcome
from kg.pipeline import BuildOptions, build
from kg.validate import validate
from kg.vocab import GOV

REAL = Path(__file__).parent / "real" / "texts"

# Three reports of 镇江市 (tests/fixtures/assess): 2019.txt sets the 2019 targets, 2019-12.txt estimates
# a result in December, 2020.txt gives the results (and says of two targets only whether they were met).
PAIR = Path(__file__).parent / "fixtures" / "assess"


@pytest.fixture(scope="module")
def pair() -> BuildResult:
    return build([PAIR], BuildOptions(html=False))


def _by_indicator(result: BuildResult) -> dict[str, Assessment]:
    return {a.target.indicator: a for a in result.assessments}


@pytest.mark.issue(15)
@pytest.mark.parametrize(
    ("indicator", "outcome", "difference", "rule"),
    [
        ("一般公共预算收入", Outcome.MET, "0", "exact, more is better: 增长7% against 7% reaches it"),
        ("社会消费品零售总额", Outcome.MISSED, "-0.6", "approximately: 8%左右 against 7.4%, beyond 0.5 points"),
        ("进出口总额", Outcome.MET, "-0.4", "approximately: 5%左右 against 4.6%, within 0.5 points"),
        ("城镇登记失业率", Outcome.MISSED, "0.3", "at most: 控制在4%以内 against 4.3%"),
        ("单位地区生产总值能耗", Outcome.MET, "-0.5", "less is better: 下降3% against 下降3.5%"),
        ("地区生产总值", Outcome.MET, "0.1", "a range: 6%—6.5% against 6.1%, its lower end reached"),
        ("固定资产投资", Outcome.UNDETERMINED, "-1", "a result stated as 7%以上 does not settle a target of 8%"),
        ("居民消费价格涨幅", Outcome.MET, "0.4", "less is better, approximately: 涨幅3%左右 against 上涨3.4%"),
        ("城镇新增就业", Outcome.MET, None, "stated without a number: 城镇新增就业完成年度目标任务"),
        ("规模以上工业增加值", Outcome.MISSED, None, "a share of the plan: 完成年计划的95%"),
    ],
)
def test_each_rule_judges_a_target_against_its_result(
    pair: BuildResult, indicator: str, outcome: Outcome, difference: str | None, rule: str
) -> None:
    assessment = _by_indicator(pair)[indicator]
    gap = Decimal(difference) if difference is not None else None
    assert (assessment.outcome, assessment.difference) == (outcome, gap), rule
    assert assessment.target.year == 2019
    if assessment.actual is not None:
        assert assessment.actual.year == 2019 and assessment.statement is None
    else:
        assert assessment.statement is not None and assessment.statement.report_id == "2020"


@pytest.mark.issue(15)
def test_the_latest_report_gives_the_result_and_the_estimate_is_kept_beside_it(pair: BuildResult) -> None:
    retail = _by_indicator(pair)["社会消费品零售总额"]
    assert retail.actual is not None
    assert retail.actual.quantity.stated == "7.4%" and retail.actual.evidence.report_id == "2020"
    assert [o.quantity.stated for o in retail.others] == ["7.9%"]


@pytest.mark.issue(15)
def test_a_target_with_no_result_yet_is_not_assessed(pair: BuildResult) -> None:
    assert not [a for a in pair.assessments if a.target.year == 2020]


@pytest.mark.issue(15)
def test_assessments_are_in_the_graph_and_conform_to_the_shapes(pair: BuildResult) -> None:
    graph = pair.graph
    assert isinstance(graph, Graph)
    nodes = set(graph.subjects(predicate=None, object=GOV.Assessment))
    assert len(nodes) == len(pair.assessments) == 10
    numbered = sorted(node for node in nodes if (node, GOV.actual, None) in graph)
    stated = sorted(node for node in nodes if (node, GOV.evidence, None) in graph)
    assert (len(numbered), len(stated)) == (8, 2)  # 完成年度目标任务 and 完成年计划的95% have no number
    for node in nodes:
        assert len(set(graph.objects(node, GOV.target))) == 1
        assert {str(r).rsplit("/", 1)[1] for r in graph.objects(node, PROV.wasDerivedFrom)} == {"2019", "2020"}
    assert validate(graph).conforms


@pytest.mark.issue(15)
def test_real_pairs_find_the_comparisons_their_sources_state() -> None:
    """SOURCES.md, pairs A (成都 2018→2019), C (上海 2024→2025) and E (镇江 2019→2020): every comparison
    the sources name is found, with the outcome its numbers give. 成都's 2019 text names no year:
    its congress session, the one after 2018's, dates it."""
    files = [next(REAL.glob(f"{number}_*")) for number in ("01", "02", "06", "07", "11", "12")]
    result = build(files, BuildOptions(html=False))
    found = {
        (
            a.target.region,
            a.target.year,
            a.target.indicator,
            a.target.quantity.stated,
            a.actual.quantity.stated,
        ): a.outcome
        for a in result.assessments
    }
    stated = {
        ("成都市", 2018, "城镇居民人均可支配收入", "8%", "8.3%"): Outcome.MET,
        ("成都市", 2018, "农村居民人均可支配收入", "9%", "9%"): Outcome.MET,
        ("上海市", 2024, "城镇调查失业率", "5%", "4.2%"): Outcome.MET,
        ("镇江市", 2019, "地区生产总值", "6.5%", "6.1%"): Outcome.MISSED,
    }
    assert {key: found.get(key) for key in stated} == stated
    gdp = {
        (a.target.region, a.target.year): a for a in result.assessments if a.target.quantity.stated in ("7.5%", "5%")
    }
    assert gdp[("成都市", 2018)].actual.quantity.stated == "8%" and gdp[("上海市", 2024)].outcome is Outcome.MET


@pytest.mark.issue(15)
def test_kg_track_prints_filters_and_writes_csv_for_excel_and_xlsx(pair: BuildResult, tmp_path: Path) -> None:
    graph = tmp_path / "graph.ttl"
    graph.write_bytes(pair.graph.serialize(format="turtle", encoding="utf-8"))  # type: ignore[attr-defined]
    runner = CliRunner()
    result = runner.invoke(
        main,
        [
            "track",
            str(graph),
            "--region",
            "镇江市",
            "--year",
            "2019",
            "--csv",
            str(tmp_path / "t.csv"),
            "--xlsx",
            str(tmp_path / "t.xlsx"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "城镇登记失业率" in result.stdout and "Missed" in result.stdout
    assert "10 targets with a result: 6 met, 3 missed, 1 undetermined" in result.stderr
    raw = (tmp_path / "t.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    unemployment = next(r for r in rows if r["indicator"] == "城镇登记失业率")
    assert (unemployment["target"], unemployment["result"], unemployment["outcome"]) == ("4% 以内", "4.3%", "Missed")
    assert "控制在4%以内" in unemployment["target_sentence"] and unemployment["result_report"] == "2020.txt"
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx").active
    assert sheet is not None
    header = [cell.value for cell in sheet[1]]
    assert header[:3] == ["region", "year", "indicator"] and sheet.max_row == len(rows) + 1 == 11
    assert runner.invoke(main, ["track", str(graph), "--year", "1999"]).stderr.startswith("0 targets")


@pytest.mark.issue(15)
def test_the_example_query_gives_one_row_per_assessment(pair: BuildResult) -> None:
    from kg.query import select

    store = pyoxigraph.Store()
    store.load(pair.graph.serialize(format="nt", encoding="utf-8"), format=pyoxigraph.RdfFormat.N_TRIPLES)  # type: ignore[attr-defined]
    rows = select(store, (Path(__file__).parent.parent / "queries" / "target-outcomes.rq").read_text(encoding="utf-8"))
    assert len(rows.rows) == len(pair.assessments)
    assert ("镇江市", "2019", "城镇登记失业率", "4%", "4.3%", "Missed", "0.3") in rows.rows


@pytest.mark.issue(15)
def test_a_project_promised_in_one_report_reads_as_a_timeline_in_the_next() -> None:
    """SOURCES.md pair D: 商洛's 2023 plans (15) and the 2024 review of them (16). 商洛电厂二期 was
    planned, then under way; 山阳色河抽水蓄能电站 only 获得核准, so the promise has no later word. A
    project's investment total (47亿元, then 51亿元) is not a target to meet."""
    from kg.query import select

    files = [next(REAL.glob(f"{number}_*")) for number in ("15", "16")]
    result = build(files, BuildOptions(html=False))
    assert not [a for a in result.assessments if a.target.indicator.endswith("总投资")]
    store = pyoxigraph.Store()
    store.load(result.graph.serialize(format="nt", encoding="utf-8"), format=pyoxigraph.RdfFormat.N_TRIPLES)  # type: ignore[attr-defined]
    rows = select(store, (Path(__file__).parent.parent / "queries" / "project-timeline.rq").read_text(encoding="utf-8"))
    timeline = {row[1]: row[2:] for row in rows.rows}
    assert timeline["商洛电厂二期"] == ("2023 Planned → 2023 Ongoing", "Ongoing", "")
    assert timeline["山阳色河抽水蓄能电站"] == ("2023 Planned", "Planned", "no later word")
