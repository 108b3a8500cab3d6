"""organizations: bodies a report names with their part, on real sentences of the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Literal

from kg.extract.organizations import extract_participations
from kg.model import BuildResult, RawText, Source
from kg.pipeline import BuildOptions, read_report
from kg.vocab import GOV


def parts(sentence: str) -> list[tuple[str, str]]:
    raw = RawText(Source(Path("t.txt"), "0" * 64, "utf-8"), f"2023年城西区政府工作报告\n回首2022\n{sentence}\n")
    return [(p.organization, p.role) for p in extract_participations(read_report(raw, "t", BuildOptions()))]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A name ending in an organization word, in a list of businesses that land in the district.
        (
            "大龙网跨境电商平台、京东（青海）数字有限公司、全国第一连锁咖啡品牌瑞幸等落地西区。",
            [("京东（青海）数字有限公司", "落地"), ("瑞幸", "落地")],
        ),
        # A list tail that says what the items are.
        ("黄河新能源等企业稳产多产。", [("黄河新能源", "稳产多产")]),
        ("五峰书院入选全国基层公共文化服务高质量发展典型案例。", [("五峰书院", "入选")]),
        # Projects that land are projects, not organizations; places are not organizations.
        ("曹家寨片区改造等重点项目落地实施。", []),
        ("边麻沟、田家寨、兔尔干等5个村入选国家首批乡村旅游重点村。", []),
    ],
)
def test_organizations_rules(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert parts(sentence) == expected


def test_organizations_in_the_seeds_graph(seed_build: BuildResult) -> None:
    graph = seed_build.graph
    organizations = {str(graph.value(o, RDFS.label)) for o in graph.subjects(RDF.type, GOV.Organization)}  # type: ignore[attr-defined]
    assert "京东(青海)数字有限公司" in organizations or "京东（青海）数字有限公司" in organizations
    (part,) = [
        p
        for p in graph.subjects(RDF.type, GOV.Participation)  # type: ignore[attr-defined]
        if "黄河新能源" in str(graph.value(graph.value(p, GOV.organization), RDFS.label))  # type: ignore[attr-defined]
    ]
    assert (part, GOV.role, Literal("稳产多产", lang="zh")) in graph  # type: ignore[operator]
    assert "黄河新能源等企业稳产多产" in str(graph.value(part, GOV.evidence))  # type: ignore[attr-defined]
    organization = graph.value(part, GOV.organization)  # type: ignore[attr-defined]
    assert graph.value(organization, GOV.relatedTo) == graph.value(part, GOV.region)  # type: ignore[attr-defined]
