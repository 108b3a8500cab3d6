"""resolve: one node per real-world thing across sentences and reports, and no more."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import RDF, RDFS, Literal, URIRef

from kg import indicators
from kg.cli import main
from kg.model import BuildResult, EntityType
from kg.pipeline import BuildOptions, build
from kg.resolve import normalise_name, unframed
from kg.stats import summarise
from kg.vocab import GOV

# Two reports of one city, a year apart, the second in traditional characters with its own
# quoting and brackets: the same projects must come out as the same nodes.
PLAN_2020 = "2020年西宁市政府工作报告\n着眼2020\n建成青海丝绸之路（国际）物流城，推进南川河、北川河综合整治。\n"
REVIEW_2021 = "2021年西寧市政府工作報告\n回首2020\n青海絲綢之路(國際)物流城項目建成運營，南川河綜合整治有序推進。\n"


def _projects(result: BuildResult) -> dict[str, URIRef]:
    graph = result.graph
    return {
        str(graph.value(node, RDFS.label)): node  # type: ignore[attr-defined]
        for node in graph.subjects(RDF.type, GOV.Project)  # type: ignore[attr-defined]
    }


def test_resolve_same_project_in_two_reports_is_one_node(tmp_path: Path) -> None:
    (tmp_path / "xining-2020.txt").write_text(PLAN_2020, encoding="utf-8")
    (tmp_path / "xining-2021.txt").write_text(REVIEW_2021, encoding="utf-8")
    result = build([tmp_path], BuildOptions(output_dir=None))
    projects = _projects(result)
    logistics = [node for label, node in projects.items() if "物流城" in label]
    assert len(logistics) == 1, projects
    # Both reports' commitments point at that one node: planned in 2020, completed a year later.
    graph = result.graph
    statuses = {
        (graph.value(c, GOV.status), int(graph.value(c, GOV.year)))  # type: ignore[attr-defined]
        for c in graph.subjects(GOV.project, logistics[0])  # type: ignore[attr-defined]
    }
    assert statuses == {(GOV.Planned, 2020), (GOV.Completed, 2020)}
    # Different rivers stay different projects.
    assert {"南川河综合整治", "北川河综合整治"} <= set(projects)
    assert projects["南川河综合整治"] != projects["北川河综合整治"]
    assert (projects["南川河综合整治"], RDFS.label, Literal("南川河综合整治", lang="zh")) in graph  # type: ignore[operator]


def test_resolve_normalises_only_what_is_a_suffix() -> None:
    assert normalise_name("第三幼儿园建设项目", EntityType.PROJECT) == "第三幼儿园"
    assert normalise_name("“大园山绿化工程”", EntityType.PROJECT) == "大园山绿化工程"
    assert normalise_name("青海絲綢之路（國際）物流城", EntityType.PROJECT) == "青海丝绸之路(国际)物流城"
    assert normalise_name("雪亮工程", EntityType.PROGRAM) == "雪亮工程"


def test_resolve_stats_report_the_merges(seed_build: BuildResult) -> None:
    summary = summarise(seed_build)
    counts = dict(summary.entities)
    assert counts["Project"] > 100 and counts["Program"] > 100 and counts["Organization"] >= 3
    merged = {m.label: m.names for m in summary.merges}
    assert "第三幼儿园建设项目" in merged["第三幼儿园"]
    assert sum(r.observations for r in summary.reports) == seed_build.stats.observations


def test_resolve_stats_command_prints_merges() -> None:
    result = CliRunner().invoke(main, ["stats", "seeds/"])
    assert result.exit_code == 0, result.output
    assert "merged:" in result.output and "第三幼儿园" in result.output
    assert "000_6a8a5062bf73147d" in result.output


def test_resolve_indicator_synonyms_are_other_names_not_kinds() -> None:
    # 养老服务床位 is another name of 养老床位; 家庭照护床位 (beds in homes) is one kind of them and
    # stays its own indicator, so a report's 家庭照护床位达980张 is not read as all its care beds.
    assert indicators.lookup("养老服务床位") == indicators.lookup("养老床位") is not None
    assert indicators.lookup("家庭照护床位") is None


def test_resolve_districts_the_gazetteer_lacks_are_part_of_the_city_their_report_names(tmp_path: Path) -> None:
    text = (
        "成都市武侯区2023年政府工作报告\n一、2022年工作回顾\n"
        "全区地区生产总值增长3.1%。双流区地区生产总值增长5%。簇桥街道新增就业1200人。"
        "棚户区改造开工1200套。\n"
    )
    (tmp_path / "wuhou.txt").write_text(text, encoding="utf-8")
    result = build([tmp_path], BuildOptions(output_dir=None))
    graph = result.graph
    labels = {str(graph.value(node, RDFS.label)): node for node in graph.subjects(RDF.type, GOV.Region)}  # type: ignore[attr-defined]
    chengdu = URIRef("https://w3id.org/govkg/id/region/sichuan/chengdu")
    assert graph.value(labels["武侯区"], GOV.partOf) == chengdu  # type: ignore[attr-defined]
    assert graph.value(labels["双流区"], GOV.partOf) == chengdu  # type: ignore[attr-defined]
    regions = {
        (str(graph.value(graph.value(obs, GOV.region), RDFS.label)), str(graph.value(obs, GOV.statedValue)))  # type: ignore[attr-defined]
        for obs in graph.subjects(RDF.type, GOV.Observation)  # type: ignore[attr-defined]
    }
    # A district or street office a sentence opens with is the place its number is about (GOLD.md:
    # region); a common noun that ends like a district (棚户区) is no region.
    assert regions == {("武侯区", "3.1%"), ("双流区", "5%"), ("簇桥街道", "1200人"), ("武侯区", "1200套")}
    assert graph.value(labels["簇桥街道"], GOV.partOf) == labels["武侯区"]  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def framed() -> BuildResult:
    """Real reports whose sentences frame GDP in their own words (tests/real/texts 01, 05, 09, 11)."""
    real = Path(__file__).parent / "real" / "texts"
    return build([next(real.glob(f"{n}_*")) for n in ("01", "05", "09", "11")], BuildOptions(html=False))


@pytest.mark.issue(15)
@pytest.mark.parametrize(
    ("report", "stated"),
    [
        ("11", "7.5%"),  # 成都 2018: 报告提出了成都今年发展的主要预期目标——地区生产总值增长7.5%
        ("09", "2.15万亿元"),  # 广州 2018: 预计全年地区生产总值2.15万亿元
        ("05", "百分之八点二"),  # 上海 2010: 上海全市生产总值增长百分之八点二
        ("01", "6.5%"),  # 镇江 2019: 地区生产总值预期增长6.5%
    ],
)
def test_resolve_gdp_framed_by_its_sentence_is_the_scheme_s(framed: BuildResult, report: str, stated: str) -> None:
    assert framed.resolution is not None
    (observation,) = [
        o
        for f in framed.facts
        if f.report.id.startswith(report)
        for o in f.observations
        if o.quantity.stated == stated and "生产总值" in o.indicator
    ]
    assert framed.resolution.iri(EntityType.INDICATOR, observation.indicator).endswith("/indicator/gdp")


@pytest.mark.issue(15)
def test_resolve_framing_words_do_not_merge_different_indicators(framed: BuildResult) -> None:
    """研发经费支出占地区生产总值比重 names GDP but is a share; 地方一般公共预算收入 is not 一般公共预算收入."""
    assert unframed("研发经费支出占地区生产总值比重") == "研发经费支出占地区生产总值比重"
    assert unframed("全市地方一般公共预算收入") == "地方一般公共预算收入"
    assert unframed("2019年城镇新增就业") == "城镇新增就业"
    assert framed.resolution is not None
    gdp = {n for (kind, n), iri in framed.resolution.iris.items() if iri.endswith("/indicator/gdp")}
    assert "研发经费支出占地区生产总值比重" not in gdp and len(gdp) >= 4
    merged = {m.label: m.names for m in summarise(framed).merges}
    assert "镇江实现地区生产总值" in merged["地区生产总值"]  # kg stats lists the merge


@pytest.mark.issue(13)
def test_resolve_same_named_districts_are_different_nodes_under_their_own_cities(tmp_path: Path) -> None:
    for city in ("福州市", "南京市"):
        text = (
            f"政府工作报告\n——2024年1月9日在{city}鼓楼区第十八届人民代表大会第四次会议上\n"
            "一、2023年工作回顾\n全区地区生产总值增长5%。\n"
        )
        (tmp_path / f"{city}.txt").write_text(text, encoding="utf-8")
    graph = build([tmp_path], BuildOptions(output_dir=None)).graph
    issuers = {graph.value(report, GOV.issuedBy) for report in graph.subjects(RDF.type, GOV.Report)}  # type: ignore[attr-defined]
    region = "https://w3id.org/govkg/id/region/"
    assert issuers == {URIRef(region + "fujian/fuzhou/gulou"), URIRef(region + "jiangsu/nanjing/gulou")}
    gulou = URIRef(region + "fujian/fuzhou/gulou")
    assert graph.value(gulou, GOV.partOf) == URIRef(region + "fujian/fuzhou")  # type: ignore[attr-defined]
    assert str(graph.value(gulou, GOV.divisionCode)) == "350102"  # type: ignore[attr-defined]
    regions = {graph.value(obs, GOV.region) for obs in graph.subjects(RDF.type, GOV.Observation)}  # type: ignore[attr-defined]
    assert regions == issuers
